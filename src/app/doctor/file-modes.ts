import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, KEY_FILE } from '../../store/backup.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../store/file-modes.ts';
import type { DoctorCheck, DoctorFinding } from './index.ts';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Issue 19: the data folder, the SQLite database with its -wal and -shm files, and the key file
 * readable or writable by others than the owner (a mode looser than 0700 / 0600). Files of older
 * versions were written 0644; `chmod` as the message says, or start the server once (it tightens
 * the database files it opens).
 */
export const looseFileModes: DoctorCheck = async (ctx) => {
  if (process.platform === 'win32') return [];
  const dir = ctx.config.dataDir;
  const paths: [string, number][] = [
    [dir, PRIVATE_DIR_MODE],
    ...[DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEY_FILE].map((f): [string, number] => [
      join(dir, f),
      PRIVATE_FILE_MODE,
    ]),
  ];
  const findings: DoctorFinding[] = [];
  for (const [path, wanted] of paths) {
    let mode: number;
    try {
      mode = statSync(path).mode;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    findings.push({
      check: 'loose-file-modes',
      severity: 'warning',
      message: `${path} 的权限为 ${octal(mode)}，其他用户可以读取：请执行 chmod ${octal(wanted)} / ${path} is ${octal(mode)}, readable by others: chmod ${octal(wanted)} ${path}`,
      details: { path, mode: octal(mode), expected: octal(wanted) },
    });
  }
  return findings;
};
