import { CompiledQuery, PostgresAdapter, type Selectable, type Transaction } from 'kysely';
import { auditHash, canonicalJson, GENESIS_HASH, hashedChain, type AuditContent } from '../domain/audit-hash.ts';
import type { AuditChainTable, AuditLogTable, Database } from './schema.ts';
import { chainSlots } from './audit-chains.ts';
import type { Db } from './cases.repository.ts';
import { insertRows, runCompiled } from './insert.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type AuditEntry = Omit<AuditContent, 'seq' | 'chain'>;

/** Transactions whose audit records wait until just before commit (see `deferAudit`). */
const deferred = new WeakMap<Transaction<Database>, AuditEntry[]>();

/**
 * From now on, `appendAudit` in this transaction queues its records; `flushAudit` writes them.
 * PostgreSQL's `store.transact` (transaction.ts) does this for every unit of work: the unit takes
 * one of its instance's chain slots (audit-chains.ts) only for the audit insert and the commit,
 * so an instance needs no more chains than it has connections (issue 9, issue 22). The records
 * and their hashes are exactly those an immediate append would have written.
 */
export function deferAudit(trx: Transaction<Database>): void {
  deferred.set(trx, []);
}

/**
 * Writes the records `appendAudit` queued in this transaction, in order: the last statement
 * before commit. Returns the release of the chain slot they went to, to call once the
 * transaction has committed or rolled back (until then its chain head row is locked).
 */
export async function flushAudit(trx: Transaction<Database>): Promise<(() => void) | undefined> {
  const entries = deferred.get(trx);
  deferred.delete(trx);
  if (!entries || entries.length === 0) return undefined;
  return writeAudit(trx, entries, appendOneByOne);
}

/**
 * Appends one record to one of this instance's audit chains. Refuses to run outside a
 * transaction: an audit record must commit or roll back together with the change it describes.
 * In a transaction that defers (`deferAudit`) the record is written by `flushAudit` just before
 * commit; otherwise now (SQLite's group commit: one transaction at a time, one slot).
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAudit must run inside a transaction');
  const queue = deferred.get(trx);
  if (queue) queue.push(entry);
  // Released at once: outside `store.transact` nobody tells us when the transaction ends. Another
  // transaction of this instance given the same slot meanwhile waits on the head row's lock.
  else (await writeAudit(trx, [entry], appendOneByOne))();
}

type Appender = (trx: Transaction<Database>, chain: string, entries: AuditEntry[]) => Promise<boolean>;

/** Takes a chain slot and appends `entries` to its chain; returns the slot's release. */
async function writeAudit(trx: Transaction<Database>, entries: AuditEntry[], append: Appender): Promise<() => void> {
  const slots = chainSlots(trx);
  const slot = await slots.acquire();
  try {
    let chain = slots.chainOf(slot);
    // A slot's chain row is made by its first append (a rollback may undo that: made again), and
    // a chain sealed under a living instance (a missed heartbeat) is replaced by a new one.
    for (let attempt = 0; !(await append(trx, chain, entries)); attempt++) {
      if (attempt === 2) throw new Error(`audit chain ${chain} could not be opened`);
      if (attempt === 1) chain = slots.rotate(slot);
      await openChain(trx, chain, slots.instance);
    }
  } catch (err) {
    slots.release(slot);
    throw err;
  }
  return () => slots.release(slot);
}

/** Registers a chain (if it is not there yet) and renews its instance's lease. */
async function openChain(trx: Transaction<Database>, chain: string, instance: string): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .insertInto('audit_instances')
    .values({ instance, alive_at: now, closed_at: null })
    .onConflict((oc) => oc.column('instance').doUpdateSet({ alive_at: now, closed_at: null }))
    .execute();
  await trx
    .insertInto('audit_chains')
    .values({ chain, instance, seq: 0, hash: GENESIS_HASH, sealed_at: null })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
}

/** Appends to a fixed chain (the anchor chain), whose row the migration made. */
export async function appendToChain(trx: Transaction<Database>, chain: string, entry: AuditEntry): Promise<void> {
  if (!(await appendOneByOne(trx, chain, [entry])))
    throw new Error(`audit chain ${chain} is missing or sealed: the database was not migrated`);
}

/** Chains entries after the head: their rows, and the head that follows them. */
function chainRows(
  chain: string,
  head: { seq: number | string; hash: string },
  entries: AuditEntry[],
): { rows: Omit<AuditRow, 'seq'>[]; seq: number; prev: string } {
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: Omit<AuditRow, 'seq'>[] = [];
  for (const entry of entries) {
    seq += 1;
    // The stored payload is JSON: hash exactly what a verifier will read back (undefined → null).
    const hash = auditHash(prev, { ...entry, ...hashedChain(chain), payload: entry.payload ?? null, seq });
    rows.push({
      chain,
      chain_seq: seq,
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

/**
 * Appends `entries` to `chain`; false (and nothing written) when the chain has no row or is
 * sealed. PostgreSQL: one statement per record (`APPEND_SQL`); SQLite: read the head, chain here.
 */
async function appendOneByOne(trx: Transaction<Database>, chain: string, entries: AuditEntry[]): Promise<boolean> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return appendInOneGo(trx, chain, entries);
  for (const [i, entry] of entries.entries()) {
    if (await appendInDatabase(trx, chain, entry)) continue;
    // After the first record the head is locked by this transaction: it cannot vanish.
    if (i === 0) return false;
    throw new Error(`audit chain ${chain} changed under its own lock`);
  }
  return true;
}

/** Reads (on PostgreSQL: locks) the head, chains `entries` here and writes them in multi-row inserts. */
async function appendInOneGo(trx: Transaction<Database>, chain: string, entries: AuditEntry[]): Promise<boolean> {
  const lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  const {
    rows: [head],
  } = await runCompiled<{ seq: number; hash: string }>(
    trx,
    `audit-chain-head|${lock}`,
    () => {
      const query = trx
        .selectFrom('audit_chains')
        .select(['seq', 'hash'])
        .where('chain', '=', chain)
        .where('sealed_at', 'is', null);
      return lock ? query.forUpdate() : query;
    },
    [chain],
  );
  if (!head) return false;
  const { rows, seq, prev } = chainRows(chain, head, entries);
  for (let i = 0; i < rows.length; i += 1000) await insertRows(trx, 'audit_log', rows.slice(i, i + 1000) as AuditRow[]);
  await runCompiled(
    trx,
    'audit-chain-advance',
    () => trx.updateTable('audit_chains').set({ seq, hash: prev }).where('chain', '=', chain),
    [seq, prev, chain],
  );
  return true;
}

/**
 * PostgreSQL: locks the chain's head, chains and writes one record and moves the head in ONE
 * statement, so the head is held for that statement and the commit — no round trip back to Node
 * in between. The hash is the same `auditHash` (domain/audit-hash.ts): sha256 of the previous
 * hash, a newline and the record's canonical JSON, whose keys sort `seq` last — so the JSON is a
 * prefix built here and the sequence number the database appends. Tests verify every chain with
 * the JavaScript hash. No row (a sealed or unknown chain): nothing is written, false.
 */
async function appendInDatabase(trx: Transaction<Database>, chain: string, entry: AuditEntry): Promise<boolean> {
  const content = canonicalJson({ ...entry, ...hashedChain(chain), payload: entry.payload ?? null, seq: 0 });
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
      chain,
    ]),
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

const APPEND_SQL = `with head as (select seq, hash from audit_chains where chain = $8 and sealed_at is null for update),
appended as (
  insert into audit_log (chain, chain_seq, at, actor, action, entity_type, entity_id, payload, prev_hash, hash)
  select $8, head.seq + 1, $1, $2, $3, $4, $5, $6, head.hash,
    encode(sha256(convert_to(head.hash || chr(10) || $7::text || (head.seq + 1)::text || '}', 'UTF8')), 'hex')
  from head
  returning chain_seq, hash)
update audit_chains set seq = appended.chain_seq, hash = appended.hash from appended where audit_chains.chain = $8`;

/** A batch of one chain in order, for walking it without loading it whole. */
export async function auditBatch(db: Db, chain: string, afterChainSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('chain_seq', '>', afterChainSeq)
    .orderBy('chain_seq', 'asc')
    .limit(limit)
    .execute();
}

export type ChainHead = Selectable<AuditChainTable>;

/** Every chain's head row. */
export async function auditChainHeads(db: Db): Promise<ChainHead[]> {
  return db.selectFrom('audit_chains').selectAll().orderBy('chain').execute();
}

/** Every chain that has records, whether or not it has a head row. */
export async function auditChainsWithRecords(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('chain').distinct().execute();
  return rows.map((r) => r.chain);
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
 * Appends many records at once (bulk loads: the dataset generator of issue 9): to one chain of
 * this instance, the head read once, the hashes chained here, the rows in multi-row inserts and
 * the head moved once. Same records and hashes as one `appendAudit` per record.
 */
export async function appendAuditBatch(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAuditBatch must run inside a transaction');
  if (entries.length === 0) return;
  (await writeAudit(trx, entries, appendInOneGo))();
}
