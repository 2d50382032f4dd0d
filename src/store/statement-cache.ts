import type Database from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs about as much as running
 * a small insert. The queries come from a bounded set of builders, so keep prepared statements
 * by their SQL text (all dropped at once past `size`, which only a runaway caller would reach).
 * better-sqlite3 runs a statement to completion synchronously, so sharing one is safe.
 */
export function withStatementCache(db: Database.Database, size = 1000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sqlText: string) => {
    let statement = cache.get(sqlText);
    if (!statement) {
      if (cache.size >= size) cache.clear();
      statement = db.prepare(sqlText);
      cache.set(sqlText, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get: (target, prop, receiver) => (prop === 'prepare' ? prepare : Reflect.get(target, prop, receiver)),
  });
}
