import { PostgresAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';
import { auditHash, type AuditContent } from '../domain/audit-hash.ts';
import type { AuditLogTable, Database } from './schema.ts';
import type { Db } from './cases.repository.ts';
import { insertRows, runCompiled } from './insert.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type AuditEntry = Omit<AuditContent, 'seq'>;

/**
 * Appends one record to the audit chain. Refuses to run outside a transaction: an audit record
 * must commit or roll back together with the change it describes.
 * Locking the head row serialises writers, so the chain has no forks.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<AuditRow> {
  if (!trx.isTransaction) throw new Error('appendAudit must run inside a transaction');
  // PostgreSQL: lock the head row until commit so concurrent writers queue; SQLite has one writer.
  const lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  const { rows: [head] } = await runCompiled<{ seq: number; hash: string }>(trx, `audit-head|${lock}`, () => {
    const query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    return lock ? query.forUpdate() : query;
  }, [1]);
  if (!head) throw new Error('audit_head row is missing: the database was not migrated');
  const seq = Number(head.seq) + 1;
  // The stored payload is JSON: hash exactly what a verifier will read back (undefined → null).
  const hash = auditHash(head.hash, { ...entry, payload: entry.payload ?? null, seq });
  const row: AuditRow = {
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    payload: JSON.stringify(entry.payload ?? null),
    prev_hash: head.hash,
    hash,
  };
  await insertRows(trx, 'audit_log', [row]);
  await runCompiled(trx, 'audit-head-advance', () => trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1), [seq, hash, 1]);
  return row;
}

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
