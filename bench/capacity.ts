/**
 * `npm run bench:capacity` (issue 22): the CPU each kind of work costs, the figures the capacity
 * model in docs/scale.md is computed from. On each database a dataset is generated
 * (bench/dataset.ts, `BENCH_CAPACITY_N` cases, clocks left for the sweeper), the HTTP server is
 * built in this process, and each kind of work is run `BENCH_CAPACITY_OPS` times in a row:
 *
 *   submit   a public complaint (POST /api/v1/public/cases), and the search indexing it causes
 *   action   `accept` with the category (POST /api/v1/cases/{id}/actions/accept), a supervisor
 *   inbox    one page of 50, the typical filters of bench/scale-queries.ts in turn, a handler
 *   search   one page of 50 for a Chinese word, in turn
 *   case     one case page (GET /api/v1/cases/{id})
 *   sweep    a sweeper pass (`sweepOnce`), per clock warned or breached
 *
 * CPU is counted on both sides: this process (`process.cpuUsage`: Node, SQLite, jieba) and, on
 * PostgreSQL, the server backends of this database (utime + stime from /proc/<pid>/stat of the
 * pids pg_stat_activity lists for it — the database must not be shared with other work while the
 * bench runs). CPU time moves far less with the machine's load than elapsed time does, which is
 * why the model is built on it.
 *
 *   BENCH_CAPACITY_N=20000      dataset size per database
 *   BENCH_CAPACITY_OPS=300      operations per kind
 *   BENCH_CAPACITY_DBS=sqlite,postgres
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/bench_9a   (a schema cap<random> is made and dropped)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createToken } from '../src/app/auth.ts';
import { configFromEnv, openApp, type AppContext } from '../src/app/context.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { buildServer } from '../src/http/server.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';
import { indexPending } from '../src/store/search-index.ts';
import { ensurePgDatabase, generateDataset } from './dataset.ts';
import { SUBMIT_BODY, scaleQueries } from './scale-queries.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_CAPACITY_N ?? 20_000);
const OPS = Number(process.env.BENCH_CAPACITY_OPS ?? 300);
const DBS = (process.env.BENCH_CAPACITY_DBS ?? 'sqlite,postgres').split(',').filter(Boolean);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_9a';
const TICK_MS = 1000 / 100; // USER_HZ: /proc counts CPU in hundredths of a second on Linux

type Cost = { kind: string; ops: number; appCpuMs: number; dbCpuMs: number; elapsedMs: number };

/** CPU ms of this database's server backends so far (PostgreSQL), summed over their pids. */
async function backendCpu(ctx: AppContext): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ctx.store.dialect !== 'postgres') return out;
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`.execute(
    ctx.store.db,
  );
  for (const { pid } of rows) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // A backend that ended between the two reads: its CPU is lost to the count, not double counted.
    }
  }
  return out;
}

/** Runs `op` `ops` times in a row; the CPU of both sides and the elapsed time, in total. */
async function measure(ctx: AppContext, kind: string, ops: number, op: (i: number) => Promise<number | undefined>) {
  const db0 = await backendCpu(ctx);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  for (let i = 0; i < ops; i++) done += (await op(i)) ?? 1;
  const elapsedMs = performance.now() - t0;
  const used = process.cpuUsage(c0);
  const db1 = await backendCpu(ctx);
  let dbCpuMs = 0;
  for (const [pid, ms] of db1) dbCpuMs += ms - (db0.get(pid) ?? 0);
  return { kind, ops: done, appCpuMs: (used.user + used.system) / 1000, dbCpuMs, elapsedMs } satisfies Cost;
}

async function measureDb(db: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(os.tmpdir(), 'plaint-capacity-'));
  const pgSchema = db === 'postgres' ? `cap${randomBytes(4).toString('hex')}` : undefined;
  if (pgSchema) {
    await ensurePgDatabase(PG_URL);
    await ensurePgSchema(PG_URL, pgSchema);
  }
  const databaseUrl = pgSchema ? PG_URL : undefined;
  const generatedAt = new Date('2026-11-30T02:00:00Z');
  let now = generatedAt;
  const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl, pgSchema }, { now: () => now });
  try {
    console.log(`\n[${db}] generating ${N.toLocaleString('en')} cases …`);
    const summary = await generateDataset(ctx, { n: N, now: generatedAt, pendingSweeps: true });
    const app = await buildServer(ctx);
    const token = async (user: string) => (await createToken(ctx, user, `cap-${Date.now()}`, 'system:bench')).token;
    const auth = { handler: await token('handler1'), supervisor: await token('supervisor') };
    const call = async (method: 'GET' | 'POST', url: string, who?: 'handler' | 'supervisor', payload?: object) => {
      const res = await app.inject({
        method,
        url,
        payload,
        headers: who ? { authorization: `Bearer ${auth[who]}` } : {},
      });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res;
    };
    const inbox = scaleQueries().filter((q) => q.kind === 'inbox');
    const search = scaleQueries().filter((q) => q.kind === 'search');
    // Warm the statement caches and jieba's dictionary, unrecorded.
    for (const q of [...inbox, ...search]) await call('GET', q.path, q.who);
    await call('POST', '/api/v1/public/cases', undefined, {
      ...SUBMIT_BODY,
      description: `${SUBMIT_BODY.description}预热`,
    });

    const tracking: string[] = [];
    const costs: Cost[] = [];
    costs.push(
      await measure(ctx, 'submit', OPS, async (i) => {
        const res = await call('POST', '/api/v1/public/cases', undefined, {
          ...SUBMIT_BODY,
          subject: `${SUBMIT_BODY.subject}${i % 7 ? '' : '（再次反映）'}`,
          description: `${SUBMIT_BODY.description}第${i}次来电，编号${i * 7919}。`,
        });
        tracking.push(res.json().trackingNo);
        // The search indexer's share (issue 22: off the request path, but still the submit's work).
        if (i === OPS - 1) await indexPending(ctx.store);
        return undefined;
      }),
    );
    const byTracking = new Map(
      (
        await ctx.store.db
          .selectFrom('cases')
          .select(['id', 'tracking_no'])
          .where('tracking_no', 'in', tracking)
          .execute()
      ).map((r) => [r.tracking_no, r.id]),
    );
    const ids = tracking.map((t) => byTracking.get(t)!);
    costs.push(
      await measure(ctx, 'action', OPS, async (i) => {
        await call('POST', `/api/v1/cases/${ids[i]}/actions/accept`, 'supervisor', {
          input: { category: 'product-quality' },
          expectedVersion: 1,
        });
        return undefined;
      }),
    );
    costs.push(
      await measure(ctx, 'inbox', OPS, async (i) => {
        const q = inbox[i % inbox.length];
        await call('GET', q.path, q.who);
        return undefined;
      }),
    );
    costs.push(
      await measure(ctx, 'search', OPS, async (i) => {
        const q = search[i % search.length];
        await call('GET', q.path, q.who);
        return undefined;
      }),
    );
    costs.push(
      await measure(ctx, 'case', OPS, async (i) => {
        await call('GET', `/api/v1/cases/${ids[i]}`, 'supervisor');
        return undefined;
      }),
    );
    // Half a year later every open clock of the dataset is due: the passes warn and breach them.
    now = new Date(generatedAt.getTime() + 183 * 86_400_000);
    costs.push(
      await measure(ctx, 'sweep (per clock)', 1, async () => {
        let swept = 0;
        for (;;) {
          const r = await sweepOnce(ctx, 500);
          if (r.warned + r.breached === 0) return swept;
          swept += r.warned + r.breached;
        }
      }),
    );
    await app.close();
    return { db, n: summary.cases, costs: costs.map(perOperation) };
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
    if (pgSchema) await dropPgSchema(PG_URL, pgSchema);
  }
}

function perOperation(c: Cost): Cost {
  return {
    kind: c.kind,
    ops: c.ops,
    appCpuMs: round(c.appCpuMs / c.ops),
    dbCpuMs: round(c.dbCpuMs / c.ops),
    elapsedMs: round(c.elapsedMs / c.ops),
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** What one case brings over its life (docs/scale.md, "A case's work"). */
const PER_CASE: Record<string, number> = {
  submit: 1,
  action: 6,
  inbox: 20,
  case: 10,
  search: 2,
  'sweep (per clock)': 0.5,
};
/** The busiest hour's share of a working day, and the share of a core to plan on using. */
const PEAK_HOUR_SHARE = 0.15;
const UTILISATION = 0.6;

/** docs/scale.md's model: CPU per case, and the cores a daily volume needs at its peak hour. */
function printModel(db: string, costs: Cost[]): void {
  const perCase = (side: 'appCpuMs' | 'dbCpuMs') =>
    costs.reduce((sum, c) => sum + (PER_CASE[c.kind] ?? 0) * c[side], 0);
  const app = perCase('appCpuMs');
  const dbCpu = perCase('dbCpuMs');
  console.log(`\n${db}: CPU per case ${app.toFixed(0)} ms in Plaint, ${dbCpu.toFixed(0)} ms in the database`);
  console.log(
    `${'cases a working day'.padEnd(22)}${'peak cases/s'.padStart(14)}${'Plaint cores'.padStart(14)}${'database cores'.padStart(16)}`,
  );
  for (const perDay of [1_000, 10_000, 100_000, 300_000]) {
    const rate = (perDay * PEAK_HOUR_SHARE) / 3600;
    const cores = (ms: number) => ((rate * ms) / 1000 / UTILISATION).toFixed(2);
    console.log(
      `${perDay.toLocaleString('en').padEnd(22)}${rate.toFixed(2).padStart(14)}${cores(app).padStart(14)}${(db === 'postgres' ? cores(dbCpu) : '—').padStart(16)}`,
    );
  }
}

async function main(): Promise<void> {
  const load = os.loadavg();
  const results = [];
  for (const db of DBS) results.push(await measureDb(db as 'sqlite' | 'postgres'));
  for (const r of results) {
    console.log(`\n${r.db}, ${r.n.toLocaleString('en')} cases: CPU ms per operation`);
    console.log(
      `${'work'.padEnd(20)}${'ops'.padStart(7)}${'app CPU'.padStart(10)}${'db CPU'.padStart(10)}${'elapsed'.padStart(10)}`,
    );
    for (const c of r.costs)
      console.log(
        `${c.kind.padEnd(20)}${String(c.ops).padStart(7)}${c.appCpuMs.toFixed(2).padStart(10)}${c.dbCpuMs.toFixed(2).padStart(10)}${c.elapsedMs.toFixed(2).padStart(10)}`,
      );
  }
  for (const r of results) printModel(r.db, r.costs);
  console.log(
    `\nload average before: ${load.map((l) => l.toFixed(2)).join(' ')}; after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const record = {
    at: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    load,
    ops: OPS,
    results,
  };
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(ROOT, 'bench/results/latest-capacity.json'), `${JSON.stringify(record, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
