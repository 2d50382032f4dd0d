import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';

/**
 * Issue 19: what Plaint writes holds personal data — the database, its write-ahead log, the key,
 * backups and exports — so only the account running it may read it: files 0600, folders 0700,
 * set explicitly so a umask of 022 (files 0644) does not decide. `plaint doctor` warns about
 * looser modes (app/doctor).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates a folder (and its parents) and makes the folder itself 0700 if this call created it. */
export function makePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Writes a file that only its owner may read: opened 0600 and set to 0600 before anything is
 * written, so an existing file with a looser mode holds the new content only once it is private.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  const fd = openSync(file, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}

/** Makes existing files 0600; files that are not there are skipped. */
export function makePrivateFiles(files: string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Creates an empty 0600 file if there is none, so a program that creates it later (SQLite) finds
 * the mode already set; SQLite gives its -wal and -shm files the database file's mode.
 */
export function touchPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}
