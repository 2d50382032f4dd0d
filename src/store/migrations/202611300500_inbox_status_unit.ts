import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 9: a handler's inbox filtered by state ("open states", "unassigned + received") at 1M
 * cases on PostgreSQL. The handler's scope is a unit-subtree prefix (`org_unit_path LIKE
 * '/group/region/branch/%'`, see `inScope`); without this index PostgreSQL ANDed a bitmap of the
 * whole branch (33 000 cases at 1M, 3.6 ms to build) with the state's bitmap and sorted the result:
 * 6 ms in the plan, p95 20–54 ms in the bench. With the state first and the path as a prefix range
 * behind it, the index reads only the branch's cases in those states (447 for the four open
 * states): 1.2 ms, 0.8 ms for "unassigned + received" (bench/README.md).
 *
 * PostgreSQL only: SQLite reads the page in id order and filters (its figures meet the target),
 * and its LIKE would not use a text-ops index for the prefix anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index cases_status_unit_path on cases (status, org_unit_path text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop index cases_status_unit_path`.execute(db);
}
