import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Session 23 (issue 25): SQLite's search page, too, narrows its matches to the reader's units on the
 * index row (PostgreSQL since migration 202612072300).
 *
 * A page on a common word walks the newest matches in the FTS index until it has 51 cases in scope.
 * For a handler of a small unit (1 case in 30 in the soak) that is ~1,500 matches, and each was
 * looked up in `case_search` and then in `cases` to learn its unit: the search page was the request
 * thread's and the read worker's costliest statement (3 ms and 6 ms a page at 250,000 cases). With
 * each index row keeping its case's unit path, a match outside the reader's units is dropped after
 * the `case_search` lookup (by rowid), and only those in them are looked up in `cases`, where scope
 * is checked again as before: 1.7 → 0.9 ms a page on the soak's database at 221,000 cases.
 *
 * The copy is kept by the database: an index row takes its case's path when it is written, and a
 * case moved to another unit moves its row. SQLite has one writer, so nothing slips in between. The
 * FTS index follows changes of the tokens only, no longer of every column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`alter table case_search add column org_unit_path text`.execute(db);
  await sql`update case_search set org_unit_path = (select c.org_unit_path from cases c where c.id = case_search.case_id)`.execute(
    db,
  );
  await sql`drop trigger case_search_au`.execute(db);
  await sql`create trigger case_search_au after update of tokens on case_search begin
      insert into case_fts(case_fts, rowid, tokens) values ('delete', old.doc, old.tokens);
      insert into case_fts(rowid, tokens) values (new.doc, new.tokens); end`.execute(db);
  await sql`create trigger case_search_unit_ins after insert on case_search begin
      update case_search set org_unit_path = (select c.org_unit_path from cases c where c.id = new.case_id)
       where doc = new.doc; end`.execute(db);
  await sql`create trigger cases_unit_moved after update of org_unit_path on cases
      when old.org_unit_path is not new.org_unit_path begin
      update case_search set org_unit_path = new.org_unit_path where case_id = new.id; end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop trigger cases_unit_moved`.execute(db);
  await sql`drop trigger case_search_unit_ins`.execute(db);
  await sql`drop trigger case_search_au`.execute(db);
  await sql`create trigger case_search_au after update on case_search begin
      insert into case_fts(case_fts, rowid, tokens) values ('delete', old.doc, old.tokens);
      insert into case_fts(rowid, tokens) values (new.doc, new.tokens); end`.execute(db);
  await sql`alter table case_search drop column org_unit_path`.execute(db);
}
