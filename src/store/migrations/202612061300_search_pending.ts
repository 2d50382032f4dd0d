import type { Kysely } from 'kysely';

/**
 * Issue 22: search indexing off the request path. A new case is written with one row here instead
 * of its search tokens; the indexer (store/search-index.ts, run by `plaint serve` and on demand)
 * segments the text, writes `case_search` (and SQLite's FTS5 index by its triggers) and deletes
 * the row. A crash between the two leaves the row, so the next run indexes the case. No foreign
 * key, like `case_search`: erasure deletes both in the transaction that deletes the case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_search_pending')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_search_pending').execute();
}
