/**
 * Serialising answers through their schemas (issue 26): what it costs and saves.
 *
 * 1. In process: an inbox page (50 cases, test/support/inbox-page.ts) and the case detail and
 *    public tracking bodies the server really sends, written `BENCH_SERIALISE_ROUNDS` times with
 *    JSON.stringify and with the serialiser compiled from the route's schema (src/http/serialise.ts).
 * 2. Over HTTP: `plaint serve` on a fresh SQLite database with 60 submitted cases; autocannon
 *    (10 connections, 2 s warm-up, `BENCH_DURATION` s) on the inbox (`GET /api/v1/cases?limit=50`,
 *    a handler's token), a case detail and public tracking (with the receipt). With
 *    `BENCH_SERIALISE_BEFORE=<dir>` (an export of the code before the change, node_modules linked)
 *    the two versions run in turn, `BENCH_SERIALISE_PAIRS` (2) times each, before first.
 *
 *   npx tsx bench/serialise.ts
 *   BENCH_SERIALISE_BEFORE=/tmp/plaint-before BENCH_DURATION=10 npx tsx bench/serialise.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addUser, createToken } from '../src/app/auth.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { ZCasePage, ZPublicCase, ZStaffCase } from '../src/http/case.views.ts';
import { compileResponse } from '../src/http/serialise.ts';
import { complaint } from '../test/support/harness.ts';
import { inboxPage } from '../test/support/inbox-page.ts';
import { freePort, ROOT, startServer, stopServer, waitForHealth } from './server-process.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PAIRS = Number(process.env.BENCH_SERIALISE_PAIRS ?? 2);
const ROUNDS = Number(process.env.BENCH_SERIALISE_ROUNDS ?? 20_000);
const BEFORE = process.env.BENCH_SERIALISE_BEFORE;
const CONNECTIONS = 10;
const CASES = 60;

type Bodies = { inbox: unknown; detail: unknown; tracking: unknown };

/** µs per call of `write(body)`, best of three batches (the machine is shared). */
function time(write: (body: unknown) => string, body: unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 3; batch++) {
    const start = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i++) bytes += write(body).length;
    const us = Number(process.hrtime.bigint() - start) / 1000 / ROUNDS;
    if (bytes > 0) best = Math.min(best, us);
  }
  return best;
}

function micro(bodies: Bodies): void {
  const rows: [string, unknown, (b: unknown) => string][] = [
    ['inbox page, 50 cases (fixture)', inboxPage(50), compileResponse(ZCasePage).serialise],
    ['inbox page as served', bodies.inbox, compileResponse(ZCasePage).serialise],
    ['case detail as served', bodies.detail, compileResponse(ZStaffCase).serialise],
    ['public tracking as served', bodies.tracking, compileResponse(ZPublicCase).serialise],
  ];
  console.log(`\nin process, ${ROUNDS} writes each, best of 3 batches:`);
  console.log('| body | bytes | JSON.stringify µs | compiled µs | speed-up |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, body, compiled] of rows) {
    const plain = time((b) => JSON.stringify(b), body);
    const fast = time(compiled, body);
    console.log(
      `| ${name} | ${JSON.stringify(body).length} | ${plain.toFixed(1)} | ${fast.toFixed(1)} | ${(plain / fast).toFixed(2)}× |`,
    );
  }
}

type Target = { name: string; path: string; headers: Record<string, string> };

async function serve(
  root: string,
): Promise<{ rows: Record<string, { rps: number; p50: number; p99: number }>; bodies: Bodies }> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'plaint-bench-serialise-'));
  const config = { ...configFromEnv({}), dataDir, databaseUrl: undefined, pgSchema: undefined };
  const ctx = await openApp(config);
  await addUser(
    ctx,
    {
      username: 'handler',
      password: 'correct horse battery',
      roles: [{ role: 'customer-service', unitId: null }],
      isAdmin: false,
      displayName: '处理人',
    },
    'system:bench',
  );
  const { token } = await createToken(ctx, 'handler', 'bench', 'system:bench');
  await ctx.close();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAINT_DATA_DIR: dataDir,
    PLAINT_LOG: 'off',
    PLAINT_ADMIN_PASSWORD: 'bench-admin-password',
    PLAINT_SWEEP_INTERVAL_MS: '0',
  };
  delete env.DATABASE_URL;
  const server = startServer(env, root);
  try {
    await waitForHealth(base, server.child, server.output);
    let tracked = { trackingNo: '', receipt: '' };
    for (let i = 0; i < CASES; i++) {
      const res = await fetch(`${base}/api/v1/public/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(complaint({ subject: `新买的冰箱不制冷 #${i}` })),
      });
      if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
      tracked = await res.json();
    }
    const staff = { authorization: `Bearer ${token}` };
    const inbox = await (await fetch(`${base}/api/v1/cases?limit=50`, { headers: staff })).json();
    const caseId = inbox.items[0].id as string;
    const targets: Target[] = [
      { name: 'inbox (50 cases)', path: '/api/v1/cases?limit=50', headers: staff },
      { name: 'case detail', path: `/api/v1/cases/${caseId}`, headers: staff },
      {
        name: 'public tracking',
        path: `/api/v1/public/cases/${tracked.trackingNo}`,
        headers: { 'x-receipt': tracked.receipt },
      },
    ];
    const bodies: Bodies = {
      inbox,
      detail: await (await fetch(base + targets[1].path, { headers: staff })).json(),
      tracking: await (await fetch(base + targets[2].path, { headers: targets[2].headers })).json(),
    };
    const rows: Record<string, { rps: number; p50: number; p99: number }> = {};
    for (const t of targets) {
      const run = (seconds: number) =>
        autocannon({ url: base + t.path, connections: CONNECTIONS, duration: seconds, headers: t.headers });
      await run(2);
      const r = await run(DURATION_S);
      if (r.non2xx || r.errors) throw new Error(`${t.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      rows[t.name] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
    }
    return { rows, bodies };
  } finally {
    await stopServer(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const versions: [string, string][] = BEFORE
    ? [
        ['before', BEFORE],
        ['after', ROOT],
      ]
    : [['this code', ROOT]];
  const results: { version: string; load: string; rows: Record<string, { rps: number; p50: number; p99: number }> }[] =
    [];
  let bodies: Bodies | undefined;
  for (let pair = 0; pair < (BEFORE ? PAIRS : 1); pair++) {
    for (const [version, root] of versions) {
      const load = os.loadavg()[0].toFixed(1);
      console.log(`${version} (${root}), load ${load} …`);
      const run = await serve(root);
      if (version !== 'before') bodies = run.bodies;
      results.push({ version, load, rows: run.rows });
    }
  }
  console.log(`\nover HTTP, ${CONNECTIONS} connections, ${DURATION_S} s each (req/s, p50 / p99 ms):`);
  const names = Object.keys(results[0].rows);
  console.log(`| version | load | ${names.join(' | ')} |`);
  console.log(`| --- | --- | ${names.map(() => '---').join(' | ')} |`);
  for (const r of results)
    console.log(
      `| ${r.version} | ${r.load} | ${names.map((n) => `${Math.round(r.rows[n].rps)} (${r.rows[n].p50} / ${r.rows[n].p99})`).join(' | ')} |`,
    );
  micro(bodies!);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
