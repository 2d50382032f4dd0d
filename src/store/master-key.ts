import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from './file-modes.ts';

/**
 * The instance's master secret: PLAINT_SECRET_KEY (base64 or hex, 32 bytes) — required when several
 * instances share a PostgreSQL database — or `secret.key` in the data directory, created with mode
 * 0600 on first start. In the store because the store seals case content with keys derived from it
 * (sealing.ts); app/secrets.ts derives the application's keys from the same secret.
 */
export function masterKey(dataDir: string, fromEnv = process.env.PLAINT_SECRET_KEY): Buffer {
  return fromEnv ? decodeKey(fromEnv) : readOrCreateKeyFile(dataDir);
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
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return decodeKey(readFileSync(file, 'utf8'));
}
