import type { Selectable } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';
import type { ClockTable } from './schema.ts';
import type { Db } from './cases.repository.ts';
import { insertRows } from './insert.ts';

export type ClockRow = Selectable<ClockTable>;

export async function insertClocks(db: Db, rows: ClockRow[]): Promise<void> {
  await insertRows(db, 'clocks', rows);
  for (const caseId of new Set(rows.map((r) => r.case_id))) await refreshDueKey(db, caseId);
}

/**
 * `due_key` of a closed case: after every due time and after '9999' (open with no running clock),
 * in any collation (letters sort after digits). The most-urgent-first walk then meets the open
 * cases before the closed ones, which outnumber them in a year's data: an unassigned inbox sorted by
 * due used to read every closed case newer than its oldest unassigned one (issue 25).
 */
export const CLOSED_DUE_KEY = 'closed';

/** The open case's key from its running clocks: the earliest due time, '9999' when none runs. */
export const openDueKey = (caseId: string) =>
  sql<string>`coalesce((select min(k.due_at) from clocks k where k.case_id = ${caseId} and k.stopped_at is null and k.paused_at is null), '9999')`;

/**
 * The case's `due_key` (the inbox's most-urgent-first order, issue 25) from its running clocks, or
 * CLOSED_DUE_KEY once it is closed. Every write that starts, stops, pauses or moves a clock goes
 * through this file, and every closing or reopening through `updateCaseIfVersion`, so none can
 * forget it, in whichever order a transaction writes the two.
 */
async function refreshDueKey(db: Db, caseId: string): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      due_key: sql<string>`case when closed_at is not null then ${CLOSED_DUE_KEY} else ${openDueKey(caseId)} end`,
    })
    .where('id', '=', caseId)
    .execute();
}

export async function caseClocks(db: Db, caseId: string): Promise<ClockRow[]> {
  return db
    .selectFrom('clocks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/** The running (not stopped, not paused) clocks of a page of cases, in one query. */
export async function runningClocks(db: Db, caseIds: string[]): Promise<ClockRow[]> {
  return db
    .selectFrom('clocks')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('stopped_at', 'is', null)
    .where('paused_at', 'is', null)
    .execute();
}

export type ClockColumns = Partial<Omit<ClockRow, 'id' | 'case_id' | 'clock'>>;

export async function updateClock(db: Db, id: string, set: ClockColumns): Promise<void> {
  if (Object.keys(set).length === 0) return;
  const row = await db.updateTable('clocks').set(set).where('id', '=', id).returning('case_id').executeTakeFirst();
  if (row && ('due_at' in set || 'stopped_at' in set || 'paused_at' in set)) await refreshDueKey(db, row.case_id);
}

/**
 * Marks a clock warned or breached only if nobody did yet; false when another sweeper (another
 * instance, a second run) got there first. This is what makes each warning and breach happen once.
 */
export async function markClock(db: Db, id: string, column: 'warned_at' | 'breached_at', at: string): Promise<boolean> {
  const result = await db
    .updateTable('clocks')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Clocks whose warning point or deadline has passed and that are still open, oldest first,
 * through the partial indexes of the migration. On PostgreSQL rows another sweeper holds are
 * skipped (`FOR UPDATE SKIP LOCKED`), so concurrent sweepers share the work.
 */
export async function dueClocks(db: Db, kind: 'warn' | 'breach', now: string, limit: number): Promise<ClockRow[]> {
  let query = db
    .selectFrom('clocks')
    .selectAll()
    .where('stopped_at', 'is', null)
    .where('paused_at', 'is', null)
    .where('breached_at', 'is', null);
  query =
    kind === 'warn'
      ? query.where('warned_at', 'is', null).where('warn_at', '<=', now).orderBy('warn_at')
      : query.where('due_at', '<=', now).orderBy('due_at');
  if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate().skipLocked();
  return query.limit(limit).execute();
}
