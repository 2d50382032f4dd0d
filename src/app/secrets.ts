import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../store/file-modes.ts';

/** Keys derived from one master secret, each for one purpose, so no key is used two ways. */
export type Secrets = {
  /** AES-256-GCM for personal data and stored responses. */
  encryptionKey: Buffer;
  /** HMAC for receipts, session ids and API tokens. */
  hashKey: Buffer;
};

/**
 * The master secret comes from PLAINT_SECRET_KEY (base64 or hex, 32 bytes) — required when several
 * instances share a PostgreSQL database — or from `secret.key` in the data directory, created
 * with mode 0600 on first start.
 */
export function loadSecrets(dataDir: string, fromEnv = process.env.PLAINT_SECRET_KEY): Secrets {
  const master = fromEnv ? decodeKey(fromEnv) : readOrCreateKeyFile(dataDir);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryptionKey: derive('plaint/encryption/v1'), hashKey: derive('plaint/hash/v1') };
}

function decodeKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('PLAINT_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

function readOrCreateKeyFile(dataDir: string): Buffer {
  makePrivateDir(dataDir);
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return decodeKey(readFileSync(file, 'utf8'));
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url: self-describing so keys and formats can rotate. */
export function encrypt(secrets: Secrets, plaintext: string): string {
  const iv = randomBytes(12);
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
