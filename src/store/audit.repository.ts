import { CompiledQuery, PostgresAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';
import { auditHash, canonicalJson, type AuditContent } from '../domain/audit-hash.ts';
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

/** Chains entries after the head: their rows, and the head that follows them. */
function chain(
  head: { seq: number | string; hash: string },
  entries: AuditEntry[],
): { rows: AuditRow[]; seq: number; prev: string } {
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
  return { rows, seq, prev };
}

async function writeAudit(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    for (const entry of entries) await appendInDatabase(trx, entry);
    return;
  }
  // SQLite has one writer: read the head, chain here, write.
  const {
    rows: [head],
  } = await runCompiled<{ seq: number; hash: string }>(
    trx,
    'audit-head|false',
    () => trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1),
    [1],
  );
  if (!head) throw new Error('audit_head row is missing: the database was not migrated');
  const { rows, seq, prev } = chain(head, entries);
  await insertRows(trx, 'audit_log', rows);
  await runCompiled(
    trx,
    'audit-head-advance',
    () => trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1),
    [seq, prev, 1],
  );
}

/**
 * PostgreSQL: locks the head, chains and writes one record and moves the head in ONE statement,
 * so the head is held for that statement and the commit — no round trip back to Node in between,
 * where a busy event loop kept it locked for milliseconds (bench/README.md, "Two instances").
 * The hash is the same `auditHash` (domain/audit-hash.ts): sha256 of the previous hash, a newline
 * and the record's canonical JSON, whose keys sort `seq` last — so the JSON is a prefix built here
 * and the sequence number the database appends. Tests verify every chain with the JavaScript hash.
 */
async function appendInDatabase(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  const content = canonicalJson({ ...entry, payload: entry.payload ?? null, seq: 0 });
  if (!content.endsWith(',"seq":0}'))
    throw new Error('audit content no longer ends with its seq: appendInDatabase needs updating');
  const prefix = content.slice(0, -'0}'.length);
  const result = await trx.executeQuery(
    CompiledQuery.raw(APPEND_SQL, [
      entry.at,
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(entry.payload ?? null),
      prefix,
    ]),
  );
  if (Number(result.numAffectedRows ?? 0) !== 1)
    throw new Error('audit_head row is missing: the database was not migrated');
}

const APPEND_SQL = `with head as (select seq, hash from audit_head where id = 1 for update),
appended as (
  insert into audit_log (seq, at, actor, action, entity_type, entity_id, payload, prev_hash, hash)
  select head.seq + 1, $1, $2, $3, $4, $5, $6, head.hash,
    encode(sha256(convert_to(head.hash || chr(10) || $7::text || (head.seq + 1)::text || '}', 'UTF8')), 'hex')
  from head
  returning seq, hash)
update audit_head set seq = appended.seq, hash = appended.hash from appended where audit_head.id = 1`;

/** A batch of the chain in order, for walking it without loading it whole. */
export async function auditBatch(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export type AuditFilter = {
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
};

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
  const { rows, seq, prev } = chain(head, entries);
  for (let i = 0; i < rows.length; i += 1000) await insertRows(trx, 'audit_log', rows.slice(i, i + 1000));
  await trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
}
