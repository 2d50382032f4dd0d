import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { randomBuffer } from '../store/random.ts';
import { masterKey } from '../store/master-key.ts';

/** Keys derived from one master secret, each for one purpose, so no key is used two ways. */
export type Secrets = {
  /** AES-256-GCM for personal data and stored responses. */
  encryptionKey: Buffer;
  /** HMAC for receipts, session ids and API tokens. */
  hashKey: Buffer;
};

/** The keys of the application, derived from the instance's master secret (store/master-key.ts). */
export function loadSecrets(dataDir: string, fromEnv = process.env.PLAINT_SECRET_KEY): Secrets {
  const master = masterKey(dataDir, fromEnv);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryptionKey: derive('plaint/encryption/v1'), hashKey: derive('plaint/hash/v1') };
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url: self-describing so keys and formats can rotate. */
export function encrypt(secrets: Secrets, plaintext: string): string {
  const iv = randomBuffer(12);
  const cipher = createCipheriv('aes-256-gcm', secrets.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

export function decrypt(secrets: Secrets, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', secrets.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Keyed hash of a high-entropy secret (receipt, session id, token). These carry ≥100 random bits,
 * so a fast keyed hash resists guessing as well as a slow one would; passwords use argon2id.
 */
export function secretHash(secrets: Secrets, purpose: string, value: string): string {
  return createHmac('sha256', secrets.hashKey).update(purpose).update('\0').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
