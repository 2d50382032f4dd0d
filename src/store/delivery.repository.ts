import type { Selectable } from 'kysely';
import type { Db } from './cases.repository.ts';
import type { DeliveryTable, OutboxTable } from './schema.ts';

export type DeliveryRow = Selectable<DeliveryTable>;
export type OutboxRow = Selectable<OutboxTable>;
type Dialect = 'sqlite' | 'postgres';

/**
 * Due outbox rows, locked for the caller's transaction. On PostgreSQL several dispatchers run at
 * once: SKIP LOCKED hands each row to one of them; SQLite has a single writer anyway.
 */
export async function lockDueOutbox(trx: Db, dialect: Dialect, now: string, limit: number): Promise<OutboxRow[]> {
  let q = trx
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') q = q.forUpdate().skipLocked();
  return q.execute();
}

export async function setOutboxStatus(trx: Db, key: string, status: string, at: string): Promise<void> {
  await trx.updateTable('outbox').set({ status, sent_at: at }).where('idempotency_key', '=', key).execute();
}

export async function insertDeliveries(trx: Db, rows: DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  // A fan-out that ran before (a lease that ran out mid-way) leaves its rows: never twice.
  await trx
    .insertInto('deliveries')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Claims up to `limit` due deliveries with a lease until `leaseUntil`, counting the attempt.
 * One statement: the rows it returns are this caller's until the lease ends.
 */
export async function claimDeliveries(
  db: Db,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<DeliveryRow[]> {
  let due = db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('deliveries')
    .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
}

export async function markDelivered(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: at, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markFailed(
  db: Db,
  id: string,
  dead: boolean,
  nextAttemptAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: dead ? 'dead' : 'pending',
      next_attempt_at: nextAttemptAt,
      lease_until: null,
      last_error: error.slice(0, 1000),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function listDeliveries(
  db: Db,
  filter: { status?: string; caseId?: string; limit: number },
): Promise<DeliveryRow[]> {
  let q = db.selectFrom('deliveries').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}

/** An admin sends a dead delivery again: back to pending, due now, attempts from zero. */
export async function reviveDelivery(db: Db, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
