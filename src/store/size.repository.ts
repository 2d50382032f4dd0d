import { statSync } from 'node:fs';
import { sql } from 'kysely';
import type { Store } from './db.ts';

/** Bytes the database occupies: SQLite's pages (the WAL aside), PostgreSQL's tables and indexes of the schema. */
export async function databaseBytes(store: Store): Promise<number> {
  if (store.dialect === 'sqlite') {
    const { rows } = await sql<{
      n: number;
    }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{ n: string }>`
    select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${store.pgSchema ?? 'public'} and c.relkind in ('r', 'm')`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/** Bytes of a SQLite database's write-ahead log file (0 when there is none). */
export function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
