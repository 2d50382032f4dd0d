/**
 * Issue 25: the event loop while statistics run beside inbox pages, on SQLite.
 *
 *   npx tsx bench/stats-loop.ts [dataDir]                         # read workers (PLAINT_READ_WORKERS, default 1)
 *   PLAINT_READ_WORKERS=0 npx tsx bench/stats-loop.ts [dataDir]   # before: in the request thread
 *
 * dataDir: a generated dataset (bench/dataset.ts; default bench/.data/sqlite-100000). The server
 * runs in this process's main thread, as `plaint serve` does; the clients run in a worker thread of
 * their own, so their work does not count as the server's delay: two clients read handler1's inbox
 * one page after another, one reads an organisation-wide manager's statistics (the year of the
 * newest case, PLAINT_BENCH_STATS_PERIOD=month for its last whole month) over and over, for
 * PLAINT_BENCH_SECONDS (20); PLAINT_BENCH_STATS=0 leaves the statistics out (the inbox's own delay). Printed: the main thread's event-loop delay p99 and max over that
 * window (perf_hooks, 10 ms resolution), the inbox's p50/p99 and the statistics' p50.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { addUser, createToken } from '../src/app/auth.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';

const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, inbox, stats, seconds, inboxClients } = workerData;
const end = Date.now() + seconds * 1000;
const times = { inbox: [], stats: [] };
async function loop(kind, url, token) {
  while (Date.now() < end) {
    const t = performance.now();
    const res = await fetch(base + url, { headers: { authorization: 'Bearer ' + token } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(kind + ' answered ' + res.status);
    times[kind].push(performance.now() - t);
  }
}
Promise.all([
  ...Array.from({ length: inboxClients }, () => loop('inbox', '/api/v1/cases', inbox)),
  ...(workerData.withStats ? [loop('stats', workerData.statsUrl, stats)] : []),
]).then(() => parentPort.postMessage(times), (err) => parentPort.postMessage({ error: String(err) }));
`;

type Times = { inbox: number[]; stats: number[] };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : Number.NaN;
};

const dataDir = resolve(process.argv[2] ?? 'bench/.data/sqlite-100000');
const dataset = JSON.parse(readFileSync(`${dataDir}/dataset.json`, 'utf8')) as {
  now: string;
  users: { username: string }[];
  units: { id: string; path: string }[];
};
const ctx = await openApp({ ...configFromEnv(process.env), dataDir, databaseUrl: undefined });
const root = dataset.units.reduce((a, b) => (a.path.length <= b.path.length ? a : b));
const manager = 'bench-org-manager';
const exists = await ctx.store.db.selectFrom('users').select('id').where('username', '=', manager).executeTakeFirst();
if (!exists)
  await addUser(
    ctx,
    {
      username: manager,
      password: 'bench-password-9a',
      roles: [{ role: 'customer-service-manager', unitId: root.id }],
      isAdmin: false,
    },
    'system:bench',
  );
const statsToken = (await createToken(ctx, manager, 'bench', 'system:bench')).token;
const inboxToken = (await createToken(ctx, dataset.users[0].username, 'bench', 'system:bench')).token;
const app = await buildServer(ctx);
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const newest = new Date(dataset.now);
const year = newest.getUTCFullYear();
const month = new Date(Date.UTC(year, newest.getUTCMonth() - 1, 1));
const monthEnd = new Date(Date.UTC(year, newest.getUTCMonth(), 0));
const statsUrl =
  process.env.PLAINT_BENCH_STATS_PERIOD === 'month'
    ? `/api/v1/stats?from=${month.toISOString().slice(0, 10)}&to=${monthEnd.toISOString().slice(0, 10)}`
    : `/api/v1/stats?from=${year}-01-01&to=${year}-12-31`;

// One statistics request first: the worker loads its modules, both sides warm their caches.
const warm = await fetch(base + statsUrl, { headers: { authorization: `Bearer ${statsToken}` } });
if (warm.status !== 200) throw new Error(`statistics answered ${warm.status}: ${await warm.text()}`);

const seconds = Number(process.env.PLAINT_BENCH_SECONDS ?? 20);
// PLAINT_BENCH_STATS=0: the inbox clients alone, the delay the inbox itself costs (the baseline).
const withStats = process.env.PLAINT_BENCH_STATS !== '0';
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const times = await new Promise<Times>((done, fail) => {
  const clients = new Worker(CLIENTS, {
    eval: true,
    workerData: { base, inbox: inboxToken, stats: statsToken, statsUrl, seconds, inboxClients: 2, withStats },
  });
  clients.once('message', (m: Times | { error: string }) => ('error' in m ? fail(new Error(m.error)) : done(m)));
  clients.once('error', fail);
});
loop.disable();

const ms = (ns: number) => (ns / 1e6).toFixed(1);
console.log(
  `SQLite ${dataDir.split('/').pop()}, read workers ${ctx.config.readWorkers}, ${withStats ? statsUrl.split('?')[1] : 'no statistics'}, ${seconds} s:`,
);
console.log(`  event-loop delay   p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`);
console.log(
  `  inbox pages        ${times.inbox.length} answered, p50 ${quantile(times.inbox, 0.5).toFixed(1)} ms, p99 ${quantile(times.inbox, 0.99).toFixed(1)} ms`,
);
console.log(`  statistics         ${times.stats.length} answered, p50 ${quantile(times.stats, 0.5).toFixed(1)} ms`);
await app.close();
await ctx.close();
