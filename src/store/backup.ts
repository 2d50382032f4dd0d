import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  makePrivateDir,
  makePrivateFiles,
  PRIVATE_DIR_MODE,
  touchPrivateFile,
  writePrivateFile,
} from './file-modes.ts';

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
  makePrivateDir(to);
  if (readdirSync(to).length > 0) throw new Error(`${to} is not empty: a backup goes into a new directory`);
  // Issue 19: the copy is as private as the original (file-modes.ts); the folder too, if it existed.
  chmodSync(to, PRIVATE_DIR_MODE);
  touchPrivateFile(join(to, DB_FILE));
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(join(to, DB_FILE));
  } finally {
    db.close();
  }
  const files = [DB_FILE, ...(existsSync(join(dataDir, KEY_FILE)) ? [KEY_FILE] : [])];
  if (files.includes(KEY_FILE)) copyPrivate(join(dataDir, KEY_FILE), join(to, KEY_FILE));
  makePrivateFiles([join(to, DB_FILE)]);
  const manifest: Manifest = {
    format: 1,
    at: new Date().toISOString(),
    files: Object.fromEntries(files.map((f) => [f, describe(join(to, f))])),
    keyInEnvironment,
  };
  writePrivateFile(join(to, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
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
  makePrivateDir(dataDir);
  // A stale write-ahead log would be replayed over the restored file.
  for (const stale of [`${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dataDir, stale), { force: true });
  for (const file of Object.keys(manifest.files)) copyPrivate(join(from, file), join(dataDir, file));
  return manifest;
}

/**
 * Issue 24: removes the backups in `root` (each a folder with a manifest) made more than `keepDays`
 * days before `now`. A backup still holds the keys of cases erased after it was made, so its age
 * bounds how long an erased case can be read from it (docs/security.md). Returns the removed folders.
 */
export function expireBackups(root: string, keepDays: number, now: Date): string[] {
  const removed: string[] = [];
  const cutoff = now.getTime() - keepDays * 86_400_000;
  for (const name of readdirSync(root)) {
    const manifestFile = join(root, name, MANIFEST);
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (Date.parse(manifest.at) >= cutoff) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** A copy that is 0600 whatever the source's mode (copyFile gives the copy the source's mode). */
function copyPrivate(from: string, to: string): void {
  copyFileSync(from, to);
  makePrivateFiles([to]);
}

function describe(file: string): { bytes: number; sha256: string } {
  const content = readFileSync(file);
  return { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
