/**
 * `npm run bench:cluster` (issue 9): public submit through a round-robin proxy to one and then to
 * two `plaint serve` instances on one PostgreSQL schema, with the clock sweeper and the outbox
 * dispatcher running in every instance. Target: two instances ≥ 1.6× the throughput of one.
 *
 * Each run gets a fresh schema loaded by bench/dataset.ts (BENCH_CLUSTER_N cases, default 20 000)
 * with the warnings and breaches of its open clocks left to the sweepers. After the load the
 * instances keep running until every due clock is swept and the outbox is drained, then the bench
 * checks that each breach and warning happened exactly once (one timeline event per clock and
 * kind, one delivery per notice and target) and that the audit chain verifies.
 *
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/bench_9a  BENCH_DURATION=15  BENCH_CLUSTER_N=20000
 *   BENCH_CLUSTER_INSTANCES=1,2   the runs to make (e.g. 1 to study one instance)
 *
 * During the measured load it samples pg_stat_activity every 100 ms: what the database's client
 * connections were doing (running on CPU, waiting for a lock — Lock/transactionid is a writer
 * queued behind another's row lock, e.g. the audit-chain head —, reading the client, I/O, idle).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';
import { ensurePgDatabase, generateDataset } from './dataset.ts';
import {
  freePort,
  ROOT,
  startServer as startInstance,
  stopServer as stop,
  TSX,
  waitForHealth,
} from './server-process.ts';

const RESULTS_DIR = join(ROOT, 'bench/results');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_9a';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const N = Number(process.env.BENCH_CLUSTER_N ?? 20_000);
const CONNECTIONS = 50;
const INSTANCES = (process.env.BENCH_CLUSTER_INSTANCES ?? '1,2')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const TARGET_RATIO = 1.6;

const BODY = JSON.stringify({
  procedure: 'customer-complaint',
  kind: 'complaint',
  subject: '电梯故障',
  description: '小区3号楼电梯停运三天，物业无人处理，老人上下楼很困难。',
  anonymous: true,
  requestedOutcome: '尽快修好电梯',
  affirmTruthful: true,
});

function startProxy(backends: number[]): Promise<{ port: number; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const port = backends[next++ % backends.length];
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () =>
          new Promise<void>((r) => {
            agent.destroy();
            server.close(() => r());
            server.closeAllConnections();
          }),
      }),
    ),
  );
}

/**
 * Samples what the schema's client connections are doing every 100 ms until stopped; returns, per
 * state (`active: CPU`, `active: Lock/transactionid`, `idle in transaction: Client/ClientRead` …),
 * the average number of connections in it.
 */
function sampleWaits(url: string): { stop(): Promise<Record<string, number>> } {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool
        .query<{
          k: string;
          n: string;
        }>(`select state || ': ' || coalesce(wait_event_type || '/' || wait_event, 'CPU') as k, count(*) as n
        from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
        and state is not null and state <> 'idle' and query not like '%pg_stat_activity%' group by 1`)
        .catch(() => ({ rows: [] }));
      samples += 1;
      for (const r of rows) counts.set(r.k, (counts.get(r.k) ?? 0) + Number(r.n));
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await pool.end();
      return Object.fromEntries(
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => [k, Math.round((n / Math.max(1, samples)) * 100) / 100]),
      );
    },
  };
}

type Run = {
  instances: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  sweep: Record<string, number>;
  exactlyOnce: boolean;
  auditOk: boolean;
  loadavg: number[];
  waits: Record<string, number>;
};

async function run(instances: number): Promise<Run> {
  const schema = `cluster_${instances}_${Date.now().toString(36)}`;
  const dataDir = await mkdtemp(join(os.tmpdir(), 'plaint-cluster-'));
  await ensurePgSchema(PG_URL, schema);
  const children: { child: ChildProcess; output: () => string }[] = [];
  let proxy: { port: number; close(): Promise<void> } | undefined;
  try {
    // The dataset's "now" is the present: its open clocks that are past due or warning are the sweepers' work.
    const ctx = await openApp({ ...configFromEnv({}), dataDir, databaseUrl: PG_URL, pgSchema: schema });
    const summary = await generateDataset(ctx, { n: N, seed: 9, now: new Date(), pendingSweeps: true, handlers: 6 });
    await ctx.close();
    const ports: number[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(
        startInstance({
          ...process.env,
          PLAINT_DATA_DIR: dataDir,
          DATABASE_URL: PG_URL,
          PLAINT_PG_SCHEMA: schema,
          PORT: String(port),
          HOST: '127.0.0.1',
          PLAINT_ADMIN_PASSWORD: 'bench-admin-password',
          PLAINT_LOG: 'off',
          PLAINT_SWEEP_INTERVAL_MS: '1000',
          PLAINT_DISPATCH_INTERVAL_MS: '1000',
          PLAINT_RETENTION_INTERVAL_MS: '0',
        }),
      );
    }
    for (const [i, c] of children.entries())
      await waitForHealth(`http://127.0.0.1:${ports[i]}`, c.child, c.output, 90_000);
    console.log(
      `  pids: bench, proxy and autocannon ${process.pid}; instances ${children.map((c) => c.child.pid).join(', ')} (tsx wrappers: the servers are their node children)`,
    );
    proxy = await startProxy(ports);
    const url = `http://127.0.0.1:${proxy.port}/api/v1/public/cases`;
    const shoot = (seconds: number) =>
      autocannon({
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
    console.log(
      `${instances} instance(s): ${summary.cases} cases loaded, ${summary.open} open; warm-up 3 s, then ${DURATION_S} s × ${CONNECTIONS} connections …`,
    );
    await shoot(3);
    const sampler = sampleWaits(PG_URL);
    const r = await shoot(DURATION_S);
    const waits = await sampler.stop();
    const loadavg = os.loadavg();
    console.log(
      `  pg_stat_activity (share of samples × connections): ${Object.entries(waits)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );

    // Let the sweepers and dispatchers finish what is due, then check exactly-once.
    const check = await openApp({ ...configFromEnv({}), dataDir, databaseUrl: PG_URL, pgSchema: schema });
    try {
      const db = check.store.db;
      const now = new Date().toISOString();
      const pending = async () =>
        Number(
          (
            await sql<{ n: string }>`select
          (select count(*) from clocks where stopped_at is null and paused_at is null and breached_at is null and due_at <= ${now})
        + (select count(*) from outbox where status = 'pending')
        + (select count(*) from deliveries where status = 'pending' and next_attempt_at <= ${now}) as n`.execute(db)
          ).rows[0].n,
        );
      const deadline = Date.now() + 180_000;
      while ((await pending()) > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 1000));
      const q = async (text: ReturnType<typeof sql>) => Number(((await text.execute(db)).rows[0] as { n: string }).n);
      const sweep = {
        stillDue: await pending(),
        breached: await q(sql`select count(*) as n from clocks where breached_at is not null`),
        breachEvents: await q(sql`select count(*) as n from case_events where action = 'clock-breached'`),
        warningEvents: await q(sql`select count(*) as n from case_events where action = 'clock-warning'`),
        doubleBreaches: await q(
          sql`select count(*) as n from (select e.case_id, e.input from case_events e where e.action = 'clock-breached' group by e.case_id, e.input having count(*) > 1) d`,
        ),
        doubleWarnings: await q(
          sql`select count(*) as n from (select e.case_id, e.input from case_events e where e.action = 'clock-warning' group by e.case_id, e.input having count(*) > 1) d`,
        ),
        deliveries: await q(sql`select count(*) as n from deliveries`),
        doubleDeliveries: await q(
          sql`select count(*) as n from (select outbox_key, channel, target from deliveries group by outbox_key, channel, target having count(*) > 1) d`,
        ),
        doubleNotifications: await q(
          sql`select count(*) as n from (select user_id, case_id, event, title, created_at from staff_notifications group by user_id, case_id, event, title, created_at having count(*) > 1) d`,
        ),
      };
      const exactlyOnce =
        sweep.stillDue === 0 &&
        sweep.doubleBreaches === 0 &&
        sweep.doubleWarnings === 0 &&
        sweep.doubleDeliveries === 0 &&
        sweep.doubleNotifications === 0 &&
        sweep.breachEvents === sweep.breached;
      for (const c of children) await stop(c.child);
      const audit = spawnSync(TSX, ['src/cli.ts', 'verify-audit'], {
        cwd: ROOT,
        env: { ...process.env, PLAINT_DATA_DIR: dataDir, DATABASE_URL: PG_URL, PLAINT_PG_SCHEMA: schema },
        encoding: 'utf8',
      });
      return {
        instances,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        sweep,
        exactlyOnce,
        auditOk: audit.status === 0,
        loadavg,
        waits,
      };
    } finally {
      await check.close();
    }
  } finally {
    await proxy?.close();
    for (const c of children) await stop(c.child);
    await dropPgSchema(PG_URL, schema);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  await ensurePgDatabase(PG_URL);
  const runs: Run[] = [];
  for (const n of INSTANCES) runs.push(await run(n));
  const one = runs.find((r) => r.instances === 1);
  const two = runs.find((r) => r.instances === 2);
  const ratio = one && two ? two.rps / one.rps : NaN;
  console.log(`\ninstances   req/s    p50 ms   p99 ms   non-2xx  errors  exactly-once  audit   load`);
  for (const r of runs) {
    console.log(
      `${String(r.instances).padEnd(9)}${r.rps.toFixed(1).padStart(8)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${String(r.non2xx).padStart(10)}${String(r.errors).padStart(8)}  ${String(r.exactlyOnce).padEnd(12)}  ${String(r.auditOk).padEnd(6)}  ${r.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
    );
    console.log(`          sweep: ${JSON.stringify(r.sweep)}`);
  }
  console.log(
    `\ntwo / one instance throughput: ${ratio.toFixed(2)}×  (target ≥ ${TARGET_RATIO}×)  ${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}  — ${os.cpus().length} CPUs shared by both instances, PostgreSQL, the proxy and the load generator`,
  );
  const record = {
    at: new Date().toISOString(),
    cpus: os.cpus().length,
    parameters: { durationSeconds: DURATION_S, connections: CONNECTIONS, datasetCases: N },
    runs,
    ratio,
    target: TARGET_RATIO,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(record, null, 2)}\n`;
  await writeFile(join(RESULTS_DIR, `cluster-${record.at.replace(/:/g, '-')}.json`), json);
  await writeFile(join(RESULTS_DIR, 'latest-cluster.json'), json);
  const bad = runs.filter((r) => !r.exactlyOnce || !r.auditOk || r.non2xx > 0 || r.errors > 0);
  for (const r of bad)
    console.error(
      `!!! ${r.instances} instance(s): exactly-once ${r.exactlyOnce}, audit ${r.auditOk}, non-2xx ${r.non2xx}, errors ${r.errors}`,
    );
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
