import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database as Schema } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';
import { makePrivateDir, makePrivateFiles, touchPrivateFile } from './file-modes.ts';
import { startCheckpointer } from './checkpointer.ts';
import { groupCommit, plainTransactions, type Transact } from './transaction.ts';
import { masterKey } from './master-key.ts';
import { Keyring, KeyringPlugin } from './sealing.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Store = {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** Where the data lives, for log lines: a file path or a URL without its password. */
  location: string;
  /** The way to write atomically; on SQLite concurrent units share commits (see transaction.ts). */
  transact: Transact;
  /** PostgreSQL schema holding the tables (`public` unless configured). */
  pgSchema?: string;
  close(): Promise<void>;
};

export type StoreConfig = {
  /** postgres://… switches to PostgreSQL; otherwise SQLite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each run its own); default `public`. */
  pgSchema?: string;
};

/** Opens the database the configuration names. The code above this line does not care which. */
export function openStore(config: StoreConfig): Store {
  // Every store can seal and open case content (sealing.ts): the keys come from the instance's secret.
  const plugin = new KeyringPlugin(new Keyring(masterKey(config.dataDir)));
  if (config.databaseUrl) return openPostgres(config.databaseUrl, plugin, config.pgSchema);
  return openSqlite(config.dataDir, plugin);
}

function openSqlite(dataDir: string, plugin: KeyringPlugin): Store {
  makePrivateDir(dataDir);
  const file = join(dataDir, 'plaint.sqlite');
  // Issue 19: the database and its -wal and -shm files are 0600 whatever the umask (file-modes.ts);
  // SQLite creates the latter two with the database file's mode, files of older versions are tightened.
  if (!existsSync(file)) touchPrivateFile(file);
  const sqlite = new Database(file);
  // WAL lets readers run beside the writer; NORMAL keeps commits durable across a process crash.
  sqlite.pragma('journal_mode = WAL');
  tightenSqliteFiles(file);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: the inbox's indexes stay in memory well past a million cases.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // Issue 24: deleted rows are overwritten with zeros, not left in free pages. FAST would leave
  // them in pages that are only moved to the freelist; ON costs a write of each freed page, which
  // erasure and retention need and the hot paths (insert-mostly) hardly pay.
  sqlite.pragma('secure_delete = ON');
  // Checkpoints run in a worker (checkpointer.ts); this one only acts if the worker falls behind.
  sqlite.pragma('wal_autocheckpoint = 20000');
  const checkpointer = startCheckpointer(file);
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [plugin],
  });
  const close = async () => {
    await db.destroy();
    await checkpointer.stop();
  };
  return { db, dialect: 'sqlite', location: file, transact: groupCommit(db), close };
}

/**
 * A read-only connection to the SQLite database of `dataDir`, for the read workers (issue 25,
 * app/read-pool.ts): in WAL mode a reader never blocks the writer nor waits for it, so a long
 * statistics query runs beside the server's writes. It seals and opens case content with the same
 * keys as the writing store. Only the server's own store creates, migrates and checkpoints the file.
 */
export function openSqliteReader(dataDir: string): Store {
  const file = join(dataDir, 'plaint.sqlite');
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new KeyringPlugin(new Keyring(masterKey(dataDir)))],
  });
  return { db, dialect: 'sqlite', location: file, transact: plainTransactions(db), close: () => db.destroy() };
}

/** Makes the database file and its -wal and -shm 0600 where the process may; `plaint doctor` reports the rest. */
function tightenSqliteFiles(file: string): void {
  try {
    makePrivateFiles([file, `${file}-wal`, `${file}-shm`]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}

function openPostgres(url: string, plugin: KeyringPlugin, schema?: string): Store {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PLAINT_PG_POOL ?? 10),
    // While the database is unreachable a request waits at most this long for a connection, then
    // fails (503) instead of hanging until the client gives up.
    connectionTimeoutMillis: Number(process.env.PLAINT_PG_CONNECT_TIMEOUT_MS ?? 5000),
    options: pgSessionOptions(schema, process.env.PLAINT_PG_PARALLEL_WORKERS),
  });
  // A connection that dies (database restarted, network cut) emits `error` on its client; with no
  // listener that is an uncaught exception and the whole process stops. Idle clients report to
  // the pool, checked-out ones (Kysely adds no listener) to their own: both are logged and dropped,
  // and the query that was using the connection fails with an error the API answers as 503.
  const lost = connectionLossLogger();
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [plugin] });
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    db,
    dialect: 'postgres',
    location: schema ? `${shown} (schema ${schema})` : shown,
    transact: plainTransactions(db),
    pgSchema: schema ?? 'public',
    close: () => db.destroy(),
  };
}

/** Logs a lost database connection once per 10 s at most: an outage kills every pooled connection at once. */
function connectionLossLogger(): (err: Error) => void {
  let last = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    console.error(`数据库连接中断 / database connection lost: ${err.message}`);
  };
}

/**
 * Settings for every connection of the pool, sent at connect time (no extra round trip).
 *
 * Parallel query is off unless `PLAINT_PG_PARALLEL_WORKERS` says otherwise: the pool serves short
 * OLTP statements (an inbox page reads a few thousand index entries and stops after 51 rows), and
 * for those PostgreSQL's parallel plans cost more than they save — starting the workers, a Gather
 * Merge, and two more processes competing for the same cores as the server itself. At 1M cases on
 * the 2-core bench machine (bench/README.md, "A million cases") the handler's unit-scoped pages
 * ran 2–4× faster without it (search 物业 for a handler: 13.4 → 5.2 ms; my unit: 7.2 → 1.5 ms), and
 * the p95 under load fell most. Set it to 2 or more on a machine with cores to spare for long
 * reports; the server's own `max_parallel_workers_per_gather` applies with `default`.
 */
export function pgSessionOptions(schema: string | undefined, parallelWorkers: string | undefined): string | undefined {
  const options: string[] = [];
  if (schema) options.push(`-c search_path=${schema}`);
  const workers = parallelWorkers?.trim() || '0';
  if (workers !== 'default') {
    if (!/^\d{1,3}$/.test(workers))
      throw new Error(`PLAINT_PG_PARALLEL_WORKERS must be a number or "default", not ${workers}`);
    options.push(`-c max_parallel_workers_per_gather=${Number(workers)}`);
  }
  return options.length ? options.join(' ') : undefined;
}

/** Creates a PostgreSQL schema if missing (tests and multi-tenant setups). */
export async function ensurePgSchema(url: string, schema: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** Drops a PostgreSQL schema and everything in it (tests only). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
  } finally {
    await db.destroy();
  }
}
