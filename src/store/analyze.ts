import { sql } from 'kysely';
import type { Store } from './db.ts';

/**
 * Refreshes PostgreSQL's planner statistics for the schema's tables (issue 25). A server with
 * autovacuum off, or a bulk load that outran it, plans from statistics of an empty table: the
 * soak run chose sequential scans until `ANALYZE`. Run after migrations and after an import.
 * SQLite needs nothing here: its planner does not read gathered statistics unless `ANALYZE` made
 * `sqlite_stat1`, which this project does not rely on.
 */
export async function analyzeTables(store: Store, tables?: string[]): Promise<void> {
  if (store.dialect !== 'postgres') return;
  const schema = store.pgSchema ?? 'public';
  const names =
    tables ??
    (
      await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = ${schema}`.execute(store.db)
    ).rows.map((r) => r.tablename);
  for (const name of names) await sql`analyze ${sql.id(schema, name)}`.execute(store.db);
}
