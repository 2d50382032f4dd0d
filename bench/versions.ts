/**
 * Versions of the code side by side on the inbox and search queries of bench/scale.ts (issue 24).
 * Each `--version label=checkout=data[=pgSchema]` is a checkout whose server is built in this same
 * process (its src/ imported) on its own data directory (made by its own bench/dataset.ts, or an
 * older one its migrations bring forward); with `--database-url`, on that schema of PostgreSQL.
 *
 *   npx tsx bench/versions.ts --version base=/work/wt/base=bench/.data/base-100000 \
 *     --version now=.=bench/.data/sqlite-100000 [--rounds 30] [--out results.jsonl]
 *
 * After 3 unrecorded rounds, every query is injected once per round into each version in turn
 * (the order reversed every other round), so two versions meet the machine's load at the same
 * moments: on a shared, loaded machine the only fair comparison. Per query the median CPU time
 * of the process per request (`process.cpuUsage`, user + system) and the median elapsed time are
 * kept and summed per kind; on PostgreSQL CPU leaves out the database server's share. Each round
 * also files one public complaint per version (bench/run.ts's submit body, no rate limit): its
 * median CPU and elapsed time per request. `--submit-only` files complaints and nothing else;
 * with an empty data part (`label=checkout=`) on a new, empty SQLite database, as bench/run.ts
 * does. One JSON line per run is printed (and appended to `--out`).
 *
 * `--callgrind` (one version): run under `valgrind --tool=callgrind --instr-atstart=no`; only the
 * recorded rounds are instrumented (switched with `callgrind_control`), so valgrind's "Collected"
 * count is the instructions those requests took in user space, whatever the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SUBMIT_BODY, scaleQueries } from './scale-queries.ts';

type Context = typeof import('../src/app/context.ts');
type Auth = typeof import('../src/app/auth.ts');
type Server = typeof import('../src/http/server.ts');

const args = (name: string) => process.argv.flatMap((a, i) => (a === `--${name}` ? [process.argv[i + 1]!] : []));
const WARMUP = 3;

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function open(spec: string, databaseUrl: string | undefined) {
  const [label, checkout, data, pgSchema] = spec.split('=');
  const root = resolve(checkout!);
  const { configFromEnv, openApp } = (await import(join(root, 'src/app/context.ts'))) as Context;
  const { createToken } = (await import(join(root, 'src/app/auth.ts'))) as Auth;
  const { buildServer } = (await import(join(root, 'src/http/server.ts'))) as Server;
  // No data directory: a new, empty SQLite database (bench/run.ts's submit), with `--submit-only`.
  const dataDir = data ? resolve(data) : mkdtempSync(join(os.tmpdir(), 'plaint-versions-'));
  const now = data
    ? new Date((JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8')) as { now: string }).now)
    : new Date();
  const ctx = await openApp(
    { ...configFromEnv({}), dataDir, databaseUrl: pgSchema ? databaseUrl : undefined, pgSchema },
    { now: () => now },
  );
  const app = await buildServer(ctx);
  const token = async (user: string) =>
    data ? (await createToken(ctx, user, `bench-${Date.now()}`, 'system:bench')).token : '';
  const tokens = { handler: await token('handler1'), supervisor: await token('supervisor') };
  return { label: label!, ctx, app, tokens, temp: data ? undefined : dataDir };
}

async function main(): Promise<void> {
  const rounds = Number(args('rounds')[0] ?? 30);
  const versions = [];
  for (const spec of args('version')) versions.push(await open(spec, args('database-url')[0]));
  const callgrind = (on: 'on' | 'off') => {
    if (process.argv.includes('--callgrind'))
      spawnSync('callgrind_control', ['--instr', on, String(process.pid)], { stdio: 'ignore' });
  };
  const queries = process.argv.includes('--submit-only') ? [] : scaleQueries();
  const cpu = versions.map(() => queries.map(() => [] as number[]));
  const elapsed = versions.map(() => queries.map(() => [] as number[]));
  const submits = versions.map(() => ({ cpu: [] as number[], elapsed: [] as number[] }));
  const load = os.loadavg()[0]!;
  try {
    for (let r = 0; r < WARMUP + rounds; r++) {
      if (r === WARMUP) callgrind('on');
      const order = r % 2 ? [...versions.keys()].reverse() : [...versions.keys()];
      for (const [i, q] of queries.entries()) {
        for (const v of order) {
          const { app, tokens } = versions[v]!;
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const res = await app.inject({
            method: 'GET',
            url: q.path,
            headers: { authorization: `Bearer ${tokens[q.who]}` },
          });
          const dt = performance.now() - t0;
          const used = process.cpuUsage(c0);
          if (res.statusCode !== 200) throw new Error(`${q.path}: ${res.statusCode} ${res.body}`);
          if (r < WARMUP) continue;
          cpu[v]![i]!.push((used.user + used.system) / 1000);
          elapsed[v]![i]!.push(dt);
        }
      }
      for (const v of order) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await versions[v]!.app.inject({
          method: 'POST',
          url: '/api/v1/public/cases',
          payload: SUBMIT_BODY,
        });
        const dt = performance.now() - t0;
        const used = process.cpuUsage(c0);
        if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
        if (r < WARMUP) continue;
        submits[v]!.cpu.push((used.user + used.system) / 1000);
        submits[v]!.elapsed.push(dt);
      }
    }
    callgrind('off');
    const sum = (kind: string, values: number[][]) =>
      Math.round(queries.reduce((s, q, i) => s + (q.kind === kind ? median(values[i]!) : 0), 0) * 100) / 100;
    const line = JSON.stringify({
      at: new Date().toISOString(),
      db: args('database-url').length ? 'postgres' : 'sqlite',
      rounds,
      load: [load, os.loadavg()[0]],
      versions: versions.map((v, n) => ({
        label: v.label,
        inboxCpu: sum('inbox', cpu[n]!),
        searchCpu: sum('search', cpu[n]!),
        inboxMs: sum('inbox', elapsed[n]!),
        searchMs: sum('search', elapsed[n]!),
        submitCpu: Math.round(median(submits[n]!.cpu) * 100) / 100,
        submitMs: Math.round(median(submits[n]!.elapsed) * 100) / 100,
        perQueryCpu: queries.map((_, i) => Math.round(median(cpu[n]![i]!) * 100) / 100),
      })),
    });
    console.log(line);
    const out = args('out')[0];
    if (out) appendFileSync(out, `${line}\n`);
  } finally {
    for (const v of versions) {
      await v.app.close();
      await v.ctx.close();
      if (v.temp) rmSync(v.temp, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
