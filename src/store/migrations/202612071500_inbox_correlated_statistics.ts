import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Issue 25, PostgreSQL: a category or a severity belongs to a procedure (`fees` is a property
 * complaint's), so `procedure_id = … and category = …` matches as many cases as the category
 * alone. The planner multiplies the two selectivities as if independent: at 1M skewed cases it
 * expected 83 cases of `fees` among property complaints where there are 3,343, and chose to AND two
 * bitmaps (the procedure's 30k entries) and sort every match: 28 ms, and 44 ms for a severity
 * (bench:scale). With the dependency known, it walks (category, id) newest first and stops at the
 * page: 0.5 ms. SQLite has no such statistics and plans these from its own indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create statistics cases_procedure_category (dependencies, mcv) on procedure_id, category from cases`.execute(
    db,
  );
  await sql`create statistics cases_procedure_severity (dependencies, mcv) on procedure_id, severity from cases`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop statistics cases_procedure_severity`.execute(db);
  await sql`drop statistics cases_procedure_category`.execute(db);
}
