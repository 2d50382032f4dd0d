import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { touchPrivateFile } from '../store/file-modes.ts';
import { scrubFreedSpace, type BatchReport } from '../store/erasure-batch.ts';
import type { AppContext } from './context.ts';

/** How a case was erased: its personal data replaced (de-identified), or the whole case deleted. */
export type ErasureKind = 'deidentified' | 'deleted';
export type ErasureEntry = { at: string; caseId: string; kind: ErasureKind };

/**
 * Issue 24: the erasure ledger. A backup copies the case keys with the data, so a backup made
 * before an erasure could bring the case back; `plaint restore`, `plaint serve` at start and
 * `plaint replay-erasures` read this file and erase again what it lists. It lives outside the
 * database (a restore replaces the database, not this file) and holds case ids only: no personal
 * data. An entry is written before the erasure commits: a crash between the two leaves an entry
 * whose replay does the erasure that was decided.
 */
export function ledgerFile(ctx: Pick<AppContext, 'config'>): string {
  return ctx.config.erasureLedger ?? join(ctx.config.dataDir, 'erasures.jsonl');
}

export function recordErasure(ctx: Pick<AppContext, 'config' | 'now'>, caseId: string, kind: ErasureKind): void {
  const file = ledgerFile(ctx);
  if (!existsSync(file)) touchPrivateFile(file);
  appendFileSync(file, `${JSON.stringify({ at: ctx.now().toISOString(), caseId, kind })}\n`);
}

export function readLedger(ctx: Pick<AppContext, 'config'>): ErasureEntry[] {
  const file = ledgerFile(ctx);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ErasureEntry);
}

/**
 * Ends a batch of erasures: the freed space of the touched tables is cleaned and the WAL emptied
 * (store/erasure-batch.ts). Run after a granted deletion, a retention run and a ledger replay.
 */
export async function finishErasures(ctx: AppContext): Promise<BatchReport> {
  return scrubFreedSpace(ctx.store);
}
