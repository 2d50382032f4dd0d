import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const DB_FILE = 'plaint.sqlite';
export const KEY_FILE = 'secret.key';
const MANIFEST = 'backup.json';

export type Manifest = {
  format: 1;
  at: string;
  files: Record<string, { bytes: number; sha256: string }>;
  keyInEnvironment: boolean;
};

/**
 * An online, consistent copy of the SQLite database and its key file: SQLite's backup API copies
 * the pages as of one moment while the server keeps writing (WAL readers do not block writers).
 * The key is copied beside it — without it the personal data in the copy cannot be read.
 */
export async function backupSqlite(dataDir: string, to: string, keyInEnvironment: boolean): Promise<Manifest> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  mkdirSync(to, { recursive: true });
  if (readdirSync(to).length > 0) throw new Error(`${to} is not empty: a backup goes into a new directory`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(join(to, DB_FILE));
  } finally {
    db.close();
  }
  const files = [DB_FILE, ...(existsSync(join(dataDir, KEY_FILE)) ? [KEY_FILE] : [])];
  if (files.includes(KEY_FILE)) copyFileSync(join(dataDir, KEY_FILE), join(to, KEY_FILE));
  const manifest: Manifest = {
    format: 1,
    at: new Date().toISOString(),
    files: Object.fromEntries(files.map((f) => [f, describe(join(to, f))])),
    keyInEnvironment,
  };
  writeFileSync(join(to, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Puts a backup back as the data directory. Checks every file against the manifest first and
 * refuses to overwrite a database unless asked: the server must be stopped.
 */
export function restoreSqlite(from: string, dataDir: string, force: boolean): Manifest {
  const manifestFile = join(from, MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`${from} holds no ${MANIFEST}: not a plaint backup`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = describe(join(from, file));
    if (actual.sha256 !== expected.sha256)
      throw new Error(`${file} does not match the manifest: the backup is damaged`);
  }
  if (existsSync(join(dataDir, DB_FILE)) && !force)
    throw new Error(`${dataDir} already holds a database; stop the server and pass --force to replace it`);
  mkdirSync(dataDir, { recursive: true });
  // A stale write-ahead log would be replayed over the restored file.
  for (const stale of [`${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dataDir, stale), { force: true });
  for (const file of Object.keys(manifest.files)) copyFileSync(join(from, file), join(dataDir, file));
  return manifest;
}

function describe(file: string): { bytes: number; sha256: string } {
  const content = readFileSync(file);
  return { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
