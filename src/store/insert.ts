import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './cases.repository.ts';

// SQL text by purpose, per Kysely adapter (so per dialect), compiled by Kysely once.
const compiled = new WeakMap<object, Map<string, string>>();

/**
 * Runs a query of the hot write path with SQL that Kysely compiled once: building and compiling
 * the same statement through the query builder on every request costs more than running it.
 * `build` must produce the same SQL for the same `key`; `parameters` are the values in order.
 */
export async function runCompiled<R>(
  db: Db,
  key: string,
  build: () => Compilable,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const scope = db.getExecutor().adapter;
  let byKey = compiled.get(scope);
  if (!byKey) {
    byKey = new Map();
    compiled.set(scope, byKey);
  }
  let sqlText = byKey.get(key);
  if (sqlText === undefined) {
    sqlText = build().compile().sql;
    byKey.set(key, sqlText);
  }
  return db.executeQuery<R>(CompiledQuery.raw(sqlText, parameters as unknown[]));
}

/**
 * Inserts whole rows (every column, in the table type's order) of a hot table — cases, timeline,
 * audit, outbox — through `runCompiled`. Whole rows are what lets table and row count key the SQL.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  // Sorted: the compiled SQL is shared by every caller with the same table and counts, so the
  // column order must not depend on the order in which a caller happened to write the keys.
  const columns = Object.keys(rows[0] as object).sort();
  const parameters: unknown[] = [];
  for (const row of rows) for (const c of columns) parameters.push((row as Record<string, unknown>)[c]);
  const ordered = () =>
    rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])));
  await runCompiled(
    db,
    `insert|${table}|${rows.length}|${columns.length}`,
    () => db.insertInto(table).values(ordered() as never),
    parameters,
  );
}
