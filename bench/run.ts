/**
 * `npm run bench`: public submit vs. a one-row-insert baseline on the same fresh SQLite database.
 *
 * Starts `plaint serve` as a child process, loads both routes with autocannon, stops the server,
 * verifies the audit chain with the CLI and writes the numbers to bench/results/. See bench/README.md.
 *
 * Issue 22: while submit is loaded, a probe files one more case at a time and asks the search for
 * its tracking number every PROBE_POLL_MS until it is found: search freshness (submit answered →
 * found), p50/p99, under the submit load — the indexer runs in the server, off the request path.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SUBMIT_BODY } from './scale-queries.ts';
import { freePort, ROOT, startServer, stopServer, TSX, waitForHealth } from './server-process.ts';

const RESULTS_DIR = join(ROOT, 'bench/results');

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP_S = 3;
const TARGET_RATIO_PCT = 50;
const TARGET_P99_MS = 50;
/** Issue 22: a new case is found by search within this long of its submit's answer, at p99. */
const TARGET_FRESHNESS_MS = 1000;
/** How often the freshness probe asks the search (the figure's resolution). */
const PROBE_POLL_MS = 10;
/** A prepared data directory (bench/dataset.ts) to copy and serve instead of an empty database (issue 9). */
const PREPARED = process.env.BENCH_SUBMIT_DATA;

type Target = { name: string; path: string; body: unknown };

const TARGETS: Target[] = [
  { name: 'one-row', path: '/api/v1/bench/one-row', body: { text: '电梯故障，三天没人修' } },
  {
    name: 'submit',
    path: '/api/v1/public/cases',
    body: SUBMIT_BODY,
  },
];

type Measured = {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

/** One autocannon run against one target. */
async function load(base: string, target: Target, seconds: number): Promise<Measured> {
  const r = await autocannon({
    url: base + target.path,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    title: target.name,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(target.body),
  });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    target: target.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

type Freshness = { samples: number; p50: number; p99: number; max: number; notFound: number };

/**
 * Files cases one after another until `until` resolves, each time polling the search for its
 * tracking number (every PROBE_POLL_MS, at most 10 s): ms from the submit's answer to the first
 * answer that lists it.
 */
async function probeFreshness(base: string, token: string, until: Promise<unknown>): Promise<Freshness> {
  let done = false;
  void until.then(() => (done = true));
  const ms: number[] = [];
  let notFound = 0;
  while (!done) {
    const filed = await fetch(`${base}/api/v1/public/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SUBMIT_BODY),
    });
    if (filed.status !== 201) throw new Error(`freshness probe: submit answered ${filed.status}`);
    const { trackingNo } = (await filed.json()) as { trackingNo: string };
    const answered = performance.now();
    let found = false;
    while (performance.now() - answered < 10_000) {
      const res = await fetch(`${base}/api/v1/cases?q=${encodeURIComponent(trackingNo)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`freshness probe: search answered ${res.status}`);
      if (((await res.json()) as { items: unknown[] }).items.length > 0) {
        found = true;
        break;
      }
      await new Promise((r) => setTimeout(r, PROBE_POLL_MS));
    }
    if (found) ms.push(performance.now() - answered);
    else notFound++;
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? Number.NaN);
  return { samples: ms.length, p50: at(0.5), p99: at(0.99), max: Math.round(ms.at(-1) ?? Number.NaN), notFound };
}

/** A reader of the benchmark's cases and an API token for them, made with the CLI before the server starts. */
function readerToken(env: NodeJS.ProcessEnv): string {
  const cli = (args: string[]) => {
    const run = spawnSync(TSX, ['src/cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`plaint ${args.join(' ')}: ${run.stdout}${run.stderr}`);
    return run.stdout.trim();
  };
  cli([
    'user',
    'add',
    '--username',
    'bench-reader',
    '--password',
    'bench-reader-password',
    '--role',
    'customer-service',
  ]);
  return cli(['token', 'create', '--user', 'bench-reader', '--name', 'freshness']).split('\n').at(-1)!;
}

/** Runs `plaint verify-audit` against the (stopped) server's data directory. */
function verifyAudit(env: NodeJS.ProcessEnv): { ok: boolean; output: string } {
  const run = spawnSync(TSX, ['src/cli.ts', 'verify-audit'], { cwd: ROOT, env, encoding: 'utf8' });
  return {
    ok: run.status === 0,
    output:
      `[status ${run.status} ${run.signal}] ${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim(),
  };
}

/** A verdict only means something when every request succeeded. */
function verdict(met: boolean, valid: boolean): string {
  return valid ? (met ? 'PASS' : 'MISS') : 'INVALID (failed requests)';
}

function printTable(rows: Measured[], ratioPct: number, submit: Measured, valid: boolean, freshness: Freshness): void {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(
    `\n${'target'.padEnd(10)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('non-2xx', 9)}${pad('errors', 8)}`,
  );
  for (const m of rows) {
    console.log(
      `${m.target.padEnd(10)}${pad(m.rps.toFixed(1), 10)}${pad(m.p50, 9)}${pad(m.p99, 9)}${pad(m.non2xx, 9)}${pad(m.errors, 8)}`,
    );
  }
  console.log(
    `\nsubmit / one-row throughput: ${ratioPct.toFixed(1)} %  (target ≥ ${TARGET_RATIO_PCT} %)  ${verdict(ratioPct >= TARGET_RATIO_PCT, valid)}`,
  );
  console.log(
    `submit p99: ${submit.p99} ms  (target ≤ ${TARGET_P99_MS} ms)  ${verdict(submit.p99 <= TARGET_P99_MS, valid)}`,
  );
  console.log(
    `search freshness under the submit load (submit answered → found, ${freshness.samples} probes, polled every ${PROBE_POLL_MS} ms): p50 ${freshness.p50} ms, p99 ${freshness.p99} ms, max ${freshness.max} ms, not found in 10 s: ${freshness.notFound}  (target p99 ≤ ${TARGET_FRESHNESS_MS} ms)  ${verdict(freshness.p99 <= TARGET_FRESHNESS_MS && freshness.notFound === 0, valid)}`,
  );
}

async function main(): Promise<number> {
  if (!(DURATION_S > 0))
    throw new Error(`BENCH_DURATION must be a positive number of seconds, not "${process.env.BENCH_DURATION}"`);
  const dataDir = await mkdtemp(join(os.tmpdir(), 'plaint-bench-'));
  if (PREPARED) {
    // A copy: the run adds cases, and the cached dataset must stay as generated.
    console.log(`copying ${PREPARED} …`);
    await cp(PREPARED, dataDir, { recursive: true });
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAINT_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAINT_ADMIN_PASSWORD: 'bench-admin-password',
    PLAINT_BENCH_ROUTES: '1',
    PLAINT_LOG: 'off',
  };
  delete env.DATABASE_URL; // always the fresh SQLite database, never a configured Postgres
  const base = `http://127.0.0.1:${port}`;
  const token = readerToken(env);
  const server = startServer(env);
  try {
    await waitForHealth(base, server.child, server.output);
    const rows: Measured[] = [];
    let freshness: Freshness | undefined;
    for (const target of TARGETS) {
      console.log(`${target.name}: warm-up ${WARMUP_S} s, then ${DURATION_S} s × ${CONNECTIONS} connections …`);
      await load(base, target, WARMUP_S);
      const measured = load(base, target, DURATION_S);
      if (target.name === 'submit') freshness = await probeFreshness(base, token, measured);
      rows.push(await measured);
    }
    await stopServer(server.child);

    const audit = verifyAudit(env);
    const [baseline, submit] = rows;
    const ratioPct = (submit.rps / baseline.rps) * 100;
    const failed = rows.filter((m) => m.non2xx > 0 || m.errors > 0);
    printTable(rows, ratioPct, submit, failed.length === 0, freshness!);
    console.log(`\nverify-audit: ${audit.output}`);

    const results = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
        platform: `${os.platform()} ${os.release()}`,
      },
      parameters: {
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        database: PREPARED ? `sqlite (copy of ${PREPARED})` : 'sqlite (fresh)',
        targets: TARGETS,
      },
      results: rows,
      ratioPct: Number(ratioPct.toFixed(2)),
      freshness: { ...freshness!, pollMs: PROBE_POLL_MS },
      targets: {
        ratioPct: TARGET_RATIO_PCT,
        p99Ms: TARGET_P99_MS,
        freshnessP99Ms: TARGET_FRESHNESS_MS,
        ratioMet: ratioPct >= TARGET_RATIO_PCT,
        p99Met: submit.p99 <= TARGET_P99_MS,
        freshnessMet: freshness!.p99 <= TARGET_FRESHNESS_MS && freshness!.notFound === 0,
      },
      allRequestsSucceeded: failed.length === 0,
      auditChain: { ok: audit.ok, output: audit.output },
    };
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `submit-${results.at.replace(/:/g, '-')}.json`);
    const json = JSON.stringify(results, null, 2) + '\n';
    await writeFile(file, json);
    await writeFile(join(RESULTS_DIR, PREPARED ? 'latest-submit-prepared.json' : 'latest-submit.json'), json);
    console.log(`results: ${file}`);

    // The targets are reported, not asserted; failed requests or a broken audit chain are errors.
    for (const m of failed) {
      console.error(
        `\n!!! ${m.target}: ${m.non2xx} non-2xx responses, ${m.errors} errors (${m.timeouts} timeouts); status codes ${JSON.stringify(m.statusCodes)}`,
      );
    }
    if (!audit.ok) console.error('\n!!! the audit chain did not verify');
    return failed.length > 0 || !audit.ok ? 1 : 0;
  } finally {
    await stopServer(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
  },
);
