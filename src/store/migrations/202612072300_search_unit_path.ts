import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Session 22 (issue 25): PostgreSQL's search page checks scope on the index row, not the case.
 *
 * A page on common words looks at the newest 5,000 indexed cases (pg-text-page.ts). For a handler
 * of a small unit, each match in that window had to be joined to its case to learn its unit, or the
 * unit's cases all read to hash them: 12–13 ms a search at 90,000 cases in the soak, the one kind of
 * request whose cost kept growing with the data (bench/README.md, session 22). With each index row
 * holding its case's unit path, the page reads the unit's rows of the window from
 * (org_unit_path, doc) and joins only the matches in scope.
 *
 * The copy is kept by the database, whatever writes: an index row takes the path its case has when
 * it is written, and a case moved to another unit moves its index row. The indexer holds its
 * cases `FOR SHARE` while it writes (search-index.ts), so a transfer committing meanwhile waits for
 * it and then updates the row it wrote. The page still checks scope on the case; the copy only
 * narrows which matches it looks at. SQLite's page walks the FTS index in order and is unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table case_search add column org_unit_path text`.execute(db);
  await sql`update case_search s set org_unit_path = c.org_unit_path
              from cases c where c.id = s.case_id and c.org_unit_path is not null`.execute(db);
  await sql`create index case_search_unit_doc on case_search (org_unit_path text_pattern_ops, doc)`.execute(db);
  await sql`create function case_search_unit_of() returns trigger language plpgsql as $$
    begin
      new.org_unit_path := (select c.org_unit_path from cases c where c.id = new.case_id);
      return new;
    end $$`.execute(db);
  await sql`create trigger case_search_unit_ins before insert on case_search
    for each row execute function case_search_unit_of()`.execute(db);
  await sql`create function case_search_unit_moved() returns trigger language plpgsql as $$
    begin
      update case_search set org_unit_path = new.org_unit_path where case_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger cases_unit_moved after update of org_unit_path on cases
    for each row when (old.org_unit_path is distinct from new.org_unit_path)
    execute function case_search_unit_moved()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop trigger cases_unit_moved on cases`.execute(db);
  await sql`drop function case_search_unit_moved()`.execute(db);
  await sql`drop trigger case_search_unit_ins on case_search`.execute(db);
  await sql`drop function case_search_unit_of()`.execute(db);
  await sql`alter table case_search drop column org_unit_path`.execute(db);
}
