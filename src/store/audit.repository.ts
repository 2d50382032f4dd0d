import { PostgresAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';
import { auditHash, type AuditContent } from '../domain/audit-hash.ts';
import type { AuditLogTable, Database } from './schema.ts';
import type { Db } from './cases.repository.ts';
import { insertRows, runCompiled } from './insert.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type AuditEntry = Omit<AuditContent, 'seq'>;

/** Transactions whose audit records wait until just before commit (see `deferAudit`). */
const deferred = new WeakMap<Transaction<Database>, AuditEntry[]>();

/**
 * From now on, `appendAudit` in this transaction queues its records; `flushAudit` writes them.
 * PostgreSQL's `store.transact` (transaction.ts) does this for every unit of work: the chain's head
 * row is then locked only for the audit insert and the commit, not for the whole transaction, so
 * concurrent writers — of this instance and of others — wait on each other for less time (issue 9,
 * bench/README.md "Two instances"). The records and their hashes are exactly those an immediate
 * append would have written; only their place in the transaction moves.
 */
export function deferAudit(trx: Transaction<Database>): void {
  deferred.set(trx, []);
}

/** Writes the records `appendAudit` queued in this transaction, in order: the last statement before commit. */
export async function flushAudit(trx: Transaction<Database>): Promise<void> {
  const entries = deferred.get(trx);
  deferred.delete(trx);
  if (entries && entries.length > 0) await writeAudit(trx, entries);
}

/**
 * Appends one record to the audit chain. Refuses to run outside a transaction: an audit record
 * must commit or roll back together with the change it describes. In a transaction that defers
 * (`deferAudit`) the record is written by `flushAudit` just before commit; otherwise now.
 * Locking the head row serialises writers, so the chain has no forks.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAudit must run inside a transaction');
  const queue = deferred.get(trx);
  if (queue) queue.push(entry);
  else await writeAudit(trx, [entry]);
}

async function writeAudit(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  // PostgreSQL: lock the head row until commit so concurrent writers queue; SQLite has one writer.
  const pg = trx.getExecutor().adapter instanceof PostgresAdapter;
  const { rows: [head] } = await runCompiled<{ seq: number; hash: string }>(trx, `audit-head|${pg}`, () => {
    const query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    return pg ? query.forUpdate() : query;
  }, [1]);
  if (!head) throw new Error('audit_head row is missing: the database was not migrated');
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    seq += 1;
    // The stored payload is JSON: hash exactly what a verifier will read back (undefined → null).
    const hash = auditHash(prev, { ...entry, payload: entry.payload ?? null, seq });
    rows.push({
      seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      payload: JSON.stringify(entry.payload ?? null),
      prev_hash: prev,
      hash,
    });
    prev = hash;
  }
  if (pg) {
    // One round trip for the records and the head while the head is locked: a data-modifying CTE.
    const parameters: unknown[] = [];
    for (const row of rows) parameters.push(...AUDIT_COLUMNS.map((c) => row[c]));
    parameters.push(seq, prev, 1);
    await runCompiled(trx, `audit-append|${rows.length}`, () => trx.with('appended', (db) => db.insertInto('audit_log').values(rows))
      .updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1), parameters);
    return;
  }
  await insertRows(trx, 'audit_log', rows);
  await runCompiled(trx, 'audit-head-advance', () => trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1), [seq, prev, 1]);
}

const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'payload', 'prev_hash', 'hash'] as const satisfies readonly (keyof AuditRow)[];

/** A batch of the chain in order, for walking it without loading it whole. */
export async function auditBatch(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}

export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export type AuditFilter = { entityId?: string; actor?: string; action?: string; from?: string; to?: string; beforeSeq?: number; limit: number };

/** A page of the audit record, newest first, with the filters an auditor needs. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[^a-z0-9.:-]/g, '')}%`);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.beforeSeq) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}

/**
 * Appends many records to the chain at once (bulk loads: the dataset generator of issue 9): the
 * head is read once, the hashes are chained here, the rows go in multi-row inserts and the head
 * moves once. Same chain, same hashes as one `appendAudit` per record.
 */
export async function appendAuditBatch(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAuditBatch must run inside a transaction');
  if (entries.length === 0) return;
  const lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  const query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  const head = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!head) throw new Error('audit_head row is missing: the database was not migrated');
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    seq += 1;
    const hash = auditHash(prev, { ...entry, payload: entry.payload ?? null, seq });
    rows.push({ seq, at: entry.at, actor: entry.actor, action: entry.action, entity_type: entry.entityType, entity_id: entry.entityId, payload: JSON.stringify(entry.payload ?? null), prev_hash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < rows.length; i += 1000) await insertRows(trx, 'audit_log', rows.slice(i, i + 1000));
  await trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
}
