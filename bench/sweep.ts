/**
 * `npm run bench:sweep` (and the second half of `npm run bench`): the clock sweeper at scale.
 *
 * For each size N (default 100 000 and 1 000 000) and each database (SQLite, and PostgreSQL unless
 * BENCH_SWEEP_PG=0) it bulk-loads N accepted `clock-demo` cases with one open clock each, 1 % of
 * them past their deadline, then times the due-clock query (20 runs) and one `sweepOnce(ctx, 500)`
 * pass. The partial indexes of the clocks migration should make both follow the due count, not
 * the open count: the 1M / 100k ratios should be about 1. See bench/README.md.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql, type Insertable, type Kysely, type KyselyPlugin } from 'kysely';
import { configFromEnv, openApp, type AppContext } from '../src/app/context.ts';
import { dropPgSchema, ensurePgSchema, type Dialect } from '../src/store/db.ts';
import type { CaseTable, ClockTable, Database } from '../src/store/schema.ts';
import type { Db } from '../src/store/cases.repository.ts';
import { dueClocks } from '../src/store/clocks.repository.ts';
import { sweepOnce, type SweepResult } from '../src/jobs/sweeper.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = join(ROOT, 'bench/results');
const FIXTURE_PROCEDURES = join(ROOT, 'test/fixtures/procedures');

const WITH_PG = process.env.BENCH_SWEEP_PG !== '0';
const PG_URL = process.env.BENCH_SWEEP_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const FIXED_NOW = new Date('2026-11-30T02:00:00.000Z');
const DUE_EVERY = 100; // 1 % of the clocks are past their deadline
const SWEEP_LIMIT = 500;
const QUERY_RUNS = 20;
const ROWS_PER_INSERT = 500; // cases: 500 × 26 = 13 000 parameters (PostgreSQL allows 65 535)
const ROWS_PER_TRANSACTION = 10_000;

// Due clocks fall due between these two instants (all before FIXED_NOW), the others well after it.
const DUE_BASE_MS = Date.parse('2026-11-10T00:00:00.000Z');
const FUTURE_BASE_MS = Date.parse('2027-03-01T00:00:00.000Z');
const DAY_MS = 86_400_000;

const SIZES = parseSizes(process.env.BENCH_SWEEP_SIZES ?? '100000,1000000');

type Plan = { query: 'breach' | 'warn'; sql: string; plan: string[] };

type SizeResult = {
  n: number;
  due: number;
  loadSeconds: number;
  loadRowsPerSecond: number;
  dueQuery: { runs: number; rows: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number };
  warnQuery: { runs: number; rows: number; medianMs: number; p95Ms: number };
  sweep: {
    limit: number;
    ms: number;
    result: SweepResult;
    handled: number;
    clocksPerSecond: number;
    breachedInDb: number;
  };
  plans: Plan[];
};

type DialectResult = {
  dialect: Dialect;
  server?: string;
  sizes: SizeResult[];
  ratios?: { from: number; to: number; dueQueryMedian: number; sweepMs: number; sweepMsPerClock: number };
};

function parseSizes(text: string): number[] {
  const sizes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < DUE_EVERY)) {
    throw new Error(`BENCH_SWEEP_SIZES must be a comma-separated list of integers ≥ ${DUE_EVERY}, not "${text}"`);
  }
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// Cleanup that also runs on Ctrl-C: temp dirs and PostgreSQL schemas never outlive the run.

const pendingCleanups = new Set<() => Promise<void>>();

async function withCleanup<T>(cleanup: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  pendingCleanups.add(cleanup);
  try {
    return await body();
  } finally {
    pendingCleanups.delete(cleanup);
    await cleanup();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up …`);
    const all = [...pendingCleanups].reverse().map((c) => c().catch(() => {}));
    void Promise.all(all).finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Generated data, one batch at a time.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as the tracking numbers use

function base32Counter(i: number, length: number): string {
  let out = '';
  for (let k = 0; k < length; k++) {
    out = ALPHABET[i % 32] + out;
    i = Math.floor(i / 32);
  }
  return out;
}

const pad = (i: number) => String(i).padStart(8, '0');
const iso = (ms: number) => new Date(ms).toISOString();
const isDue = (i: number) => i % DUE_EVERY === 0;

/**
 * The NOT NULL columns (and severity); any other nullable column is left out and so stays NULL,
 * which keeps this file valid while the cases table gains optional columns.
 */
function caseRow(i: number): Insertable<CaseTable> {
  const received = iso((isDue(i) ? DUE_BASE_MS - 7 * DAY_MS : FUTURE_BASE_MS - 7 * DAY_MS) + i * 1000);
  return {
    id: `bench-case-${pad(i)}`,
    tracking_no: `TS-20261130-${base32Counter(i, 6)}`,
    procedure_id: 'clock-demo',
    procedure_version: 1,
    kind: 'complaint',
    status: 'accepted',
    version: 2,
    severity: 'minor',
    channel: 'web',
    subject: '电梯故障',
    description: '小区3号楼电梯停运三天，物业无人处理。',
    anonymous: 1,
    respondents: '[]',
    receipt_hash: `bench-receipt-${pad(i)}`,
    data: '{}',
    received_at: received,
    created_at: received,
    updated_at: received,
  };
}

function clockRow(i: number, calendarVersion: string): Insertable<ClockTable> {
  // Due clocks spread over ~12 days before FIXED_NOW (for 1M), the rest from March 2027 on.
  const dueMs = (isDue(i) ? DUE_BASE_MS : FUTURE_BASE_MS) + i * 1000;
  return {
    id: `bench-clock-${pad(i)}`,
    case_id: `bench-case-${pad(i)}`,
    clock: 'feedback',
    unit: 'working-days',
    length: 5,
    started_at: iso(dueMs - 7 * DAY_MS),
    due_at: iso(dueMs),
    warn_at: iso(dueMs - DAY_MS),
    paused_at: null,
    stopped_at: null,
    warned_at: null,
    breached_at: null,
    provisional: 0,
    calendar_version: calendarVersion,
    extended_by: 0,
    paused_ms: 0,
  };
}

const insertSql = new Map<string, string>();

/**
 * A multi-row INSERT whose SQL Kysely compiles once per table, row count and dialect: compiling
 * 13 000 parameters through the query builder for every batch would cost more than inserting them.
 * Every row of a table has the same keys in the same order.
 */
async function insertBatch<T extends 'cases' | 'clocks'>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const columns = Object.keys(rows[0]);
  const key = `${db.getExecutor().adapter.constructor.name}|${table}|${rows.length}|${columns.join(',')}`;
  let text = insertSql.get(key);
  if (text === undefined) {
    text = db
      .insertInto(table)
      .values(rows as never)
      .compile().sql;
    insertSql.set(key, text);
  }
  const parameters: unknown[] = [];
  for (const row of rows) for (const c of columns) parameters.push((row as Record<string, unknown>)[c]);
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/** N cases and N clocks in transactions of ROWS_PER_TRANSACTION, ROWS_PER_INSERT rows per INSERT. */
async function bulkLoad(ctx: AppContext, n: number): Promise<number> {
  const started = performance.now();
  const calendarVersion = ctx.calendar.version;
  let lastReport = started;
  for (let from = 0; from < n; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(n, from + ROWS_PER_TRANSACTION);
    await ctx.store.db.transaction().execute(async (trx) => {
      for (let b = from; b < to; b += ROWS_PER_INSERT) {
        const end = Math.min(to, b + ROWS_PER_INSERT);
        const cases: Insertable<CaseTable>[] = [];
        const clocks: Insertable<ClockTable>[] = [];
        for (let i = b; i < end; i++) {
          cases.push(caseRow(i));
          clocks.push(clockRow(i, calendarVersion));
        }
        await insertBatch(trx, 'cases', cases);
        await insertBatch(trx, 'clocks', clocks);
      }
    });
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      process.stdout.write(
        `    … ${to.toLocaleString('en')} / ${n.toLocaleString('en')} loaded (${((lastReport - started) / 1000).toFixed(0)} s)\n`,
      );
    }
  }
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Measurement.

/** A view of `db` that records the SQL of the queries run through it (to EXPLAIN the real query). */
function capturing(db: Kysely<Database>): { db: Kysely<Database>; last: () => CompiledQuery | undefined } {
  let last: CompiledQuery | undefined;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      last = db.getExecutor().compileQuery(args.node, args.queryId);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), last: () => last };
}

async function explain(ctx: AppContext, query: CompiledQuery): Promise<string[]> {
  const db = ctx.store.db;
  if (ctx.store.dialect === 'sqlite') {
    const r = await db.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    const depth = new Map<number, number>([[0, 0]]);
    return r.rows.map((row) => {
      const d = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d - 1)}${row.detail}`;
    });
  }
  const r = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
  );
  return r.rows.map((row) => row['QUERY PLAN']);
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  const r = (v: number) => Number(v.toFixed(3));
  return { medianMs: r(median), p95Ms: r(at(0.95)), minMs: r(sorted[0]), maxMs: r(sorted[sorted.length - 1]) };
}

/** One unrecorded run (which also captures the SQL for EXPLAIN), then QUERY_RUNS timed runs. */
async function timeQuery(ctx: AppContext, kind: 'breach' | 'warn', now: string) {
  const cap = capturing(ctx.store.db);
  const first = await dueClocks(cap.db, kind, now, SWEEP_LIMIT);
  const compiled = cap.last();
  const samples: number[] = [];
  for (let run = 0; run < QUERY_RUNS; run++) {
    const t0 = performance.now();
    const rows = await dueClocks(ctx.store.db, kind, now, SWEEP_LIMIT);
    samples.push(performance.now() - t0);
    if (rows.length !== first.length)
      throw new Error(`${kind} query returned ${rows.length} rows, then ${first.length}`);
  }
  return { rows: first.length, samples, compiled };
}

async function measure(ctx: AppContext, n: number): Promise<SizeResult> {
  const now = ctx.now().toISOString();
  const due = Math.ceil(n / DUE_EVERY);

  process.stdout.write(`  N = ${n.toLocaleString('en')}: loading …\n`);
  const loadSeconds = await bulkLoad(ctx, n);

  if (ctx.store.dialect === 'sqlite') await sql`analyze`.execute(ctx.store.db);
  else await sql`analyze cases, clocks`.execute(ctx.store.db);

  const counted = await ctx.store.db
    .selectFrom('clocks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('due_at', '<=', now)
    .where('breached_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(counted.n) !== due) throw new Error(`expected ${due} due clocks, found ${counted.n}`);

  const breach = await timeQuery(ctx, 'breach', now);
  const warn = await timeQuery(ctx, 'warn', now);
  const plans: Plan[] = [];
  for (const [query, q] of [
    ['breach', breach],
    ['warn', warn],
  ] as const) {
    if (q.compiled) plans.push({ query, sql: q.compiled.sql, plan: await explain(ctx, q.compiled) });
  }

  process.stdout.write(`  N = ${n.toLocaleString('en')}: sweeping …\n`);
  const t0 = performance.now();
  const result = await sweepOnce(ctx, SWEEP_LIMIT);
  const sweepMs = performance.now() - t0;
  const handled = result.breached + result.warned;
  const breachedInDb = await ctx.store.db
    .selectFrom('clocks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('breached_at', '=', now)
    .executeTakeFirstOrThrow();
  if (Number(breachedInDb.n) !== result.breached)
    throw new Error(`sweep reported ${result.breached} breaches, the database has ${breachedInDb.n}`);

  const b = stats(breach.samples);
  const w = stats(warn.samples);
  return {
    n,
    due,
    loadSeconds: Number(loadSeconds.toFixed(2)),
    loadRowsPerSecond: Math.round((2 * n) / loadSeconds),
    dueQuery: { runs: QUERY_RUNS, rows: breach.rows, ...b },
    warnQuery: { runs: QUERY_RUNS, rows: warn.rows, medianMs: w.medianMs, p95Ms: w.p95Ms },
    sweep: {
      limit: SWEEP_LIMIT,
      ms: Number(sweepMs.toFixed(1)),
      result,
      handled,
      clocksPerSecond: Math.round(handled / (sweepMs / 1000)),
      breachedInDb: Number(breachedInDb.n),
    },
    plans,
  };
}

// ---------------------------------------------------------------------------------------------
// One database, fresh for each size.

async function runSize(dialect: Dialect, n: number): Promise<{ size: SizeResult; server?: string }> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'plaint-bench-sweep-'));
  const schema = dialect === 'postgres' ? `bench_sweep_${randomBytes(6).toString('hex')}` : undefined;
  const cleanup = async () => {
    if (schema)
      await dropPgSchema(PG_URL, schema).catch((err: Error) =>
        console.error(`could not drop schema ${schema}: ${err.message}`),
      );
    await rm(dataDir, { recursive: true, force: true });
  };
  return withCleanup(cleanup, async () => {
    if (schema) await ensurePgSchema(PG_URL, schema);
    const ctx = await openApp(
      {
        ...configFromEnv({}),
        dataDir,
        databaseUrl: schema ? PG_URL : undefined,
        pgSchema: schema,
        procedureDirs: [FIXTURE_PROCEDURES],
      },
      { now: () => new Date(FIXED_NOW) },
    );
    const close = () => ctx.close();
    return withCleanup(close, async () => {
      let server: string | undefined;
      if (dialect === 'postgres') {
        server = (await sql<{ v: string }>`select version() as v`.execute(ctx.store.db)).rows[0]?.v;
      } else {
        server = `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(ctx.store.db)).rows[0]?.v}`;
      }
      return { size: await measure(ctx, n), server };
    });
  });
}

function printPlans(dialect: Dialect, n: number, plans: Plan[]): void {
  for (const p of plans) {
    console.log(`\n  ${dialect} ${p.query} query plan (N = ${n.toLocaleString('en')}):\n    ${p.sql}`);
    for (const line of p.plan) console.log(`    │ ${line}`);
  }
}

function printTable(r: DialectResult): void {
  const col = (v: string | number, w: number) => String(v).padStart(w);
  console.log(`\n${r.dialect}${r.server ? ` (${r.server.split(' on ')[0]})` : ''}`);
  console.log(
    `${col('N', 10)}${col('due', 8)}${col('load s', 9)}${col('query med ms', 14)}${col('p95 ms', 9)}${col('sweep ms', 10)}${col('swept', 7)}${col('clocks/s', 10)}`,
  );
  for (const s of r.sizes) {
    console.log(
      `${col(s.n, 10)}${col(s.due, 8)}${col(s.loadSeconds.toFixed(1), 9)}${col(s.dueQuery.medianMs.toFixed(2), 14)}${col(s.dueQuery.p95Ms.toFixed(2), 9)}${col(s.sweep.ms.toFixed(0), 10)}${col(s.sweep.handled, 7)}${col(s.sweep.clocksPerSecond, 10)}`,
    );
  }
  if (r.ratios) {
    console.log(
      `ratio ${r.ratios.to.toLocaleString('en')} / ${r.ratios.from.toLocaleString('en')}: due query ${r.ratios.dueQueryMedian.toFixed(2)}×, sweep ${r.ratios.sweepMs.toFixed(2)}× (per swept clock ${r.ratios.sweepMsPerClock.toFixed(2)}×)  (open clocks ${(r.ratios.to / r.ratios.from).toFixed(0)}×; ≈1 means it follows the due count)`,
    );
  }
}

async function main(): Promise<number> {
  const dialects: Dialect[] = WITH_PG ? ['sqlite', 'postgres'] : ['sqlite'];
  console.log(
    `sweep benchmark: sizes ${SIZES.map((n) => n.toLocaleString('en')).join(', ')}; ${100 / DUE_EVERY} % due; sweepOnce limit ${SWEEP_LIMIT}; databases ${dialects.join(', ')}`,
  );
  const results: DialectResult[] = [];
  for (const dialect of dialects) {
    console.log(`\n${dialect}:`);
    const r: DialectResult = { dialect, sizes: [] };
    let printed: string | undefined;
    for (const n of SIZES) {
      const { size, server } = await runSize(dialect, n);
      r.server ??= server;
      r.sizes.push(size);
      const shape = JSON.stringify(size.plans.map((p) => p.plan.map((l) => l.replace(/\(cost=[^)]*\)/g, ''))));
      if (shape !== printed) {
        printPlans(dialect, n, size.plans);
        printed = shape;
      }
      console.log(
        `  N = ${n.toLocaleString('en')}: load ${size.loadSeconds.toFixed(1)} s, due query median ${size.dueQuery.medianMs.toFixed(2)} ms, sweep ${size.sweep.ms.toFixed(0)} ms (${JSON.stringify(size.sweep.result)})`,
      );
    }
    if (r.sizes.length >= 2) {
      const a = r.sizes[0];
      const b = r.sizes[r.sizes.length - 1];
      r.ratios = {
        from: a.n,
        to: b.n,
        dueQueryMedian: Number((b.dueQuery.medianMs / a.dueQuery.medianMs).toFixed(3)),
        sweepMs: Number((b.sweep.ms / a.sweep.ms).toFixed(3)),
        sweepMsPerClock: Number((b.sweep.ms / b.sweep.handled / (a.sweep.ms / a.sweep.handled)).toFixed(3)),
      };
    }
    results.push(r);
  }

  for (const r of results) printTable(r);
  console.log(
    `\nswept = clocks the pass handled (breached + warned); with more than ${SWEEP_LIMIT} due, one pass breaches ${SWEEP_LIMIT} and warns ${SWEEP_LIMIT} more.`,
  );

  const at = new Date().toISOString();
  const out = {
    at,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
      platform: `${os.platform()} ${os.release()}`,
    },
    parameters: {
      sizes: SIZES,
      dueFraction: 1 / DUE_EVERY,
      sweepLimit: SWEEP_LIMIT,
      queryRuns: QUERY_RUNS,
      rowsPerInsert: ROWS_PER_INSERT,
      rowsPerTransaction: ROWS_PER_TRANSACTION,
      now: FIXED_NOW.toISOString(),
      procedure: 'clock-demo@1',
      clock: 'feedback (working-days, 5)',
    },
    results,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `sweep-${at.replace(/:/g, '-')}.json`);
  const json = JSON.stringify(out, null, 2) + '\n';
  await writeFile(file, json);
  await writeFile(join(RESULTS_DIR, 'latest-sweep.json'), json);
  console.log(`results: ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`sweep bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
