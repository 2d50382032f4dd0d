import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { searchTokens } from '../search.ts';

/**
 * Issue 9 (a million cases): the Chinese full-text index, a respondent-name key for repeat
 * detection (INT-6), and the inbox indexes measured at 1M cases (bench/README.md).
 *
 * `case_search` holds each case's segmented tokens (search.ts) under an integer key `doc` that
 * grows with each indexed case, so "newest first" is the index's own order. SQLite indexes it with
 * an FTS5 table whose content is `case_search` (kept by triggers); PostgreSQL with a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('case_search')
    // SQLite: INTEGER PRIMARY KEY is the rowid (stable across VACUUM, unlike an implicit rowid).
    .addColumn('doc', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('tokens', 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    // A stored tsvector: the @@ test reads it instead of rebuilding the vector per row (an index
    // on the expression alone left sequential scans ~20 µs a row), and ANALYZE keeps word
    // frequencies for it, so the planner knows 物业 from 白蚁.
    await sql`alter table case_search add column tsv tsvector generated always as (array_to_tsvector(string_to_array(tokens, ' '))) stored`.execute(
      db,
    );
    await sql`create index case_search_tsv on case_search using gin (tsv)`.execute(db);
    // A long list of word frequencies: with the default (100) a rare word such as 白蚁 was guessed
    // ten times more frequent than it is, and the planner scanned the newest cases for it
    // (125 ms at 1M) instead of asking the GIN index (2.5 ms).
    await sql`alter table case_search alter column tsv set statistics 1000`.execute(db);
    // Scope is a unit-subtree prefix (LIKE '/a/b/%'); outside the C collation PostgreSQL needs
    // pattern ops to answer a prefix from a B-tree (SQLite reads the id order and filters).
    await sql`create index cases_unit_path_pattern on cases (org_unit_path text_pattern_ops)`.execute(db);
  } else {
    await sql`create virtual table case_fts using fts5(tokens, content='case_search', content_rowid='doc', tokenize='unicode61 remove_diacritics 0', detail='none')`.execute(
      db,
    );
    // Deleting a row removes its tokens from the index itself, not only marks them deleted: redacted
    // or deleted text must leave no trace (CON-4, retention).
    await sql`insert into case_fts(case_fts, rank) values ('secure-delete', 1)`.execute(db);
    await sql`create trigger case_search_ai after insert on case_search begin insert into case_fts(rowid, tokens) values (new.doc, new.tokens); end`.execute(
      db,
    );
    await sql`create trigger case_search_ad after delete on case_search begin insert into case_fts(case_fts, rowid, tokens) values ('delete', old.doc, old.tokens); end`.execute(
      db,
    );
    await sql`create trigger case_search_au after update on case_search begin
      insert into case_fts(case_fts, rowid, tokens) values ('delete', old.doc, old.tokens);
      insert into case_fts(rowid, tokens) values (new.doc, new.tokens); end`.execute(db);
  }

  // INT-6 looks for earlier cases naming the same respondent: one row per (case, name).
  await db.schema
    .createTable('case_respondents')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_respondents_name')
    .on('case_respondents')
    .columns(['procedure_id', 'name', 'received_at'])
    .execute();
  await db.schema.createIndex('case_respondents_case').on('case_respondents').column('case_id').execute();

  // Inbox filters at 1M cases: each a (column, id) pair so a page of 50 is read newest first.
  await db.schema.createIndex('cases_procedure_id').on('cases').columns(['procedure_id', 'id']).execute();
  await db.schema.createIndex('cases_severity_id').on('cases').columns(['severity', 'id']).execute();
  await db.schema.createIndex('cases_category_id').on('cases').columns(['category', 'id']).execute();
  // "Due soon" and "overdue" start from the running clocks (a few per cent of all), not from every
  // case: newest case first, the due times in the index so that only matching cases are read.
  await db.schema
    .createIndex('clocks_running')
    .on('clocks')
    .columns(['case_id', 'due_at', 'warn_at'])
    .where(sql.ref('stopped_at'), 'is', null)
    .where(sql.ref('paused_at'), 'is', null)
    .execute();

  // Existing cases, oldest first so that `doc` follows their age.
  let after = '';
  for (;;) {
    const rows = await sql<{
      id: string;
      tracking_no: string;
      subject: string;
      description: string;
      procedure_id: string;
      respondents: string;
      received_at: string;
    }>`
      select id, tracking_no, subject, description, procedure_id, respondents, received_at from cases where id > ${after} order by id limit 1000`.execute(
      db,
    );
    if (rows.rows.length === 0) break;
    for (const r of rows.rows) {
      await sql`insert into case_search (case_id, tokens) values (${r.id}, ${searchTokens(r.subject, r.description, r.tracking_no)})`.execute(
        db,
      );
      for (const name of respondentNames(r.respondents)) {
        await sql`insert into case_respondents (case_id, procedure_id, name, received_at) values (${r.id}, ${r.procedure_id}, ${name}, ${r.received_at})`.execute(
          db,
        );
      }
    }
    after = rows.rows[rows.rows.length - 1].id;
  }
}

function respondentNames(json: string): string[] {
  const list = JSON.parse(json) as { name?: unknown }[];
  return [...new Set(list.map((r) => r.name).filter((n): n is string => typeof n === 'string' && n.length > 0))];
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('clocks_running').execute();
  for (const index of ['cases_category_id', 'cases_severity_id', 'cases_procedure_id'])
    await db.schema.dropIndex(index).execute();
  await db.schema.dropTable('case_respondents').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop index cases_unit_path_pattern`.execute(db);
  else await sql`drop table case_fts`.execute(db);
  await db.schema.dropTable('case_search').execute();
}
