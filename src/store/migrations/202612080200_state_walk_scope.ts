import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Session 23 (issue 25): SQLite's state-filtered inbox tells which of the newest cases in a state are
 * in the reader's units from the index alone (cases.repository.ts, `scopedStatePage`).
 *
 * A handler of a small unit asking for the open states walked the newest 5,000 cases in those
 * states, 500 at a time, and had each chunk's cases read whole to test their unit: 13 ms for an empty
 * page at 221,000 cases in the soak, where the busy unit held every accepted case. With the
 * procedure and unit path in the (status, id) index, a chunk is one index walk that answers only
 * the cases in the reader's units; those alone are read and checked (scope, recusal, filters) as
 * before. It replaces `cases_status_id`, whose columns it begins with, so an insert writes no more
 * indexes than before. PostgreSQL plans the same filter from `cases_status_unit_path` and is unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`create index cases_status_scope on cases (status, id, procedure_id, org_unit_path)`.execute(db);
  await sql`drop index cases_status_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`create index cases_status_id on cases (status, id)`.execute(db);
  await sql`drop index cases_status_scope`.execute(db);
}
