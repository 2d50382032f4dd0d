import { sql } from 'kysely';
import type { Store } from './db.ts';

/** Tables whose rows erasure rewrites or deletes: their freed space is cleaned after a batch. */
const TOUCHED = [
  'cases',
  'case_events',
  'case_search',
  'case_search_pending',
  'case_respondents',
  'case_attachments',
  'attachments',
  'data_requests',
  'staff_notifications',
  'disclosures',
  'clocks',
  'outbox',
  'deliveries',
] as const;

export type BatchReport = { dialect: string; steps: string[] };

/**
 * Issue 24: after an erasure (a granted deletion, retention), what the rows held must leave the
 * files too, not only the tables.
 *
 * SQLite: `secure_delete` is on (db.ts), so deleted cells and freed pages are zeroed as they are
 * written, and FTS5's `secure-delete` removes a deleted document's tokens from the index segments.
 * A `wal_checkpoint(TRUNCATE)` then copies every page into the database file and empties the WAL,
 * which still held the pages as they were before (the case key, sealed text).
 *
 * PostgreSQL: deleted and updated rows stay as dead tuples until VACUUM; VACUUM frees them for
 * reuse but does not zero the bytes, so what matters there is that the bytes are sealed under a
 * key that no longer exists. The key table itself is rewritten (`VACUUM FULL case_keys`: a new
 * file, the old one truncated at commit), after waiting until no transaction that started before
 * the erasure is still open — a tuple such a transaction may still see is "recently dead", and
 * VACUUM FULL copies it into the new file (which is how a wrapped key once survived a restore).
 */
export async function scrubFreedSpace(store: Store, opts: { waitMs?: number } = {}): Promise<BatchReport> {
  const steps: string[] = [];
  if (store.dialect === 'sqlite') {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { rows } = await sql<{
        busy: number;
        log: number;
        checkpointed: number;
      }>`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
      if (rows[0]?.busy === 0) {
        steps.push('wal_checkpoint(TRUNCATE)');
        return { dialect: 'sqlite', steps };
      }
      // A reader holds an older snapshot: the WAL cannot be emptied under it yet.
      await new Promise((r) => setTimeout(r, 100));
    }
    steps.push('wal_checkpoint busy: retried at the next batch');
    return { dialect: 'sqlite', steps };
  }
  await waitForOlderTransactions(store, opts.waitMs ?? 30_000, steps);
  for (const table of TOUCHED) await sql`vacuum ${sql.table(table)}`.execute(store.db);
  steps.push(`vacuum ${TOUCHED.join(', ')}`);
  await sql`vacuum full case_keys`.execute(store.db);
  steps.push('vacuum full case_keys');
  return { dialect: 'postgres', steps };
}

/** Waits (at most `waitMs`) until every other session's snapshot is newer than this moment's transactions. */
async function waitForOlderTransactions(store: Store, waitMs: number, steps: string[]): Promise<void> {
  const { rows } = await sql<{ xid: string }>`select txid_current()::text as xid`.execute(store.db);
  const mine = BigInt(rows[0]!.xid);
  const until = Date.now() + waitMs;
  for (;;) {
    const older = await sql<{ n: string }>`
      select count(*)::text as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and backend_xmin is not null and age(backend_xmin) > age(${String(mine % 4294967296n)}::xid)`.execute(store.db);
    if (older.rows[0]?.n === '0') return;
    if (Date.now() > until) {
      steps.push('a transaction older than the erasure is still open: its snapshot may keep a dead key row');
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
