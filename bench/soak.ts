/**
 * `npm run bench:soak` — a working day of load, compressed (issue 25): many clients without think
 * time against one `plaint serve`, minute by minute, to see whether anything degrades as the data
 * grows. The mix (of requests) and the skew (of the data) are those an operator met:
 *
 *   70 % public submits with an Idempotency-Key (a few repeated, as a phone on a bad network does)
 *   20 % inbox pages and Chinese searches by unit-scoped handlers and one supervisor
 *    8 % case actions (accept) with expectedVersion
 *    2 % public tracking with the receipt
 *
 * Skewed data: 90 % of submissions go to one procedure and one busy unit, so the open states that
 * handlers filter for stay rare among a mass of `received` cases.
 *
 * Environment: SOAK_MINUTES (10), SOAK_CLIENTS (40), SOAK_DB (sqlite | postgres; postgres uses
 * TEST_DATABASE_URL or the local `test` database, in a schema of its own), SOAK_MINUTE_MS (60000:
 * shorter rows), SOAK_KEEP=1 (keep the data and schema to look at afterwards). Prints a table per
 * minute and writes bench/results/latest-soak-<db>.json. At the end every acknowledged submission
 * is looked up in the database: the run fails (exit 1) on a lost one, a repeated key answered with
 * two tracking numbers, or any 5xx.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { configFromEnv, openApp, type AppContext, type Config } from '../src/app/context.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';
import { freePort, ROOT, startServer, stopServer, waitForHealth } from './server-process.ts';
import { cpuMeter, type PgMinute, pgMeter } from './soak-probes.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 40);
const DB = (process.env.SOAK_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MINUTE_MS = Number(process.env.SOAK_MINUTE_MS ?? 60_000);

type Kind = 'submit' | 'inbox' | 'search' | 'action' | 'track';
const KINDS: Kind[] = ['submit', 'inbox', 'search', 'action', 'track'];

type Staff = { token: string; unitId: string | null };

const WORDS = ['冰箱', '空调', '快递', '退款', '物业费', '电梯', '噪音', '停车', '保修', '客服态度', '发票', '漏水'];
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** Org and staff, set up as real organisations are: grants held in units, one supervisor at the top. */
async function prepare(config: Config): Promise<{ handlers: Staff[]; supervisor: Staff; units: string[] }> {
  const ctx: AppContext = await openApp(config);
  try {
    const company = await addOrgUnit(ctx, { name: '总公司' }, 'system:bench');
    const units: string[] = [];
    for (const name of ['客服部', '售后部', '物流部']) {
      units.push((await addOrgUnit(ctx, { name, parent: company.id }, 'system:bench')).id);
    }
    const handlers: Staff[] = [];
    for (const [i, unitId] of units.entries()) {
      for (let k = 0; k < 2; k++) {
        const username = `handler${i}${k}`;
        await addUser(
          ctx,
          {
            username,
            password: 'correct horse battery',
            roles: [{ role: 'customer-service', unitId }],
            isAdmin: false,
            displayName: `处理人${i}${k}`,
          },
          'system:bench',
        );
        handlers.push({ token: (await createToken(ctx, username, 'soak', 'system:bench')).token, unitId });
      }
    }
    await addUser(
      ctx,
      {
        username: 'supervisor',
        password: 'correct horse battery',
        roles: [{ role: 'customer-service-manager', unitId: company.id }],
        isAdmin: false,
        displayName: '客服主管',
      },
      'system:bench',
    );
    const supervisor = {
      token: (await createToken(ctx, 'supervisor', 'soak', 'system:bench')).token,
      unitId: company.id,
    };
    return { handlers, supervisor, units };
  } finally {
    await ctx.close();
  }
}

type Sample = { kind: Kind; ms: number; status: number; minute: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function metricsOf(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out[line.slice(0, at)] = Number(line.slice(at + 1));
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'plaint-soak-'));
  const schema = DB === 'postgres' ? `soak_${randomBytes(4).toString('hex')}` : undefined;
  if (schema) await ensurePgSchema(PG_URL, schema);
  const config: Config = {
    ...configFromEnv({}),
    dataDir,
    databaseUrl: schema ? PG_URL : undefined,
    pgSchema: schema,
  };
  const { handlers, supervisor, units } = await prepare(config);
  const busyUnit = units[0];
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child, output } = startServer({
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAINT_DATA_DIR: dataDir,
    PLAINT_LOG: 'off',
    PLAINT_ADMIN_PASSWORD: 'soak-admin-password-1',
    ...(schema ? { DATABASE_URL: PG_URL, PLAINT_PG_SCHEMA: schema } : { DATABASE_URL: '' }),
  });
  await waitForHealth(base, child, output);
  const cpu = cpuMeter(child.pid!);
  const pgStats = schema ? await pgMeter(PG_URL, schema) : null;
  if (pgStats && !pgStats.statements) {
    console.log('soak: pg_stat_statements is not preloaded on this server; statements are not broken down');
  }

  const samples: Sample[] = [];
  const acknowledged = new Map<string, string>(); // idempotency key → tracking number
  const tracking: { no: string; receipt: string }[] = [];
  const openCases: { id: string; version: number }[] = [];
  const repeatedKeys = { asked: 0, mismatched: 0 };
  const started = Date.now();
  const end = started + MINUTES * MINUTE_MS;
  const minuteOf = () => Math.floor((Date.now() - started) / MINUTE_MS);

  const timed = async (kind: Kind, run: () => Promise<Response>) => {
    const t0 = performance.now();
    const minute = minuteOf();
    let status = 0;
    let res: Response | undefined;
    try {
      res = await run();
      status = res.status;
    } catch {
      status = 599;
    }
    samples.push({ kind, ms: performance.now() - t0, status, minute });
    return res;
  };

  // A retry is the same request again (a phone on a bad network): same key, same body.
  const recentBodies = new Map<string, string>();
  const submit = async () => {
    const repeat = recentBodies.size > 0 && Math.random() < 0.025;
    const key = repeat ? pick([...recentBodies.keys()]) : randomUUID();
    const skewed = Math.random() < 0.9;
    const body =
      recentBodies.get(key) ??
      JSON.stringify({
        procedure: 'customer-complaint',
        kind: 'complaint',
        anonymous: true,
        subject: `${pick(WORDS)}问题`,
        description: `${pick(WORDS)}，${pick(WORDS)}，已经联系过三次没有处理。`,
        requestedOutcome: '尽快处理',
        affirmTruthful: true,
        orgUnit: skewed ? busyUnit : pick(units),
      });
    const res = await timed('submit', () =>
      fetch(`${base}/api/v1/public/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
      }),
    );
    if (res?.status === 201 || res?.status === 200) {
      const answer = (await res.json()) as { trackingNo: string; receipt?: string };
      if (repeat) {
        repeatedKeys.asked++;
        if (acknowledged.get(key) !== answer.trackingNo) repeatedKeys.mismatched++;
      } else {
        acknowledged.set(key, answer.trackingNo);
        recentBodies.set(key, body);
        if (recentBodies.size > 200) recentBodies.delete(recentBodies.keys().next().value as string);
        if (answer.receipt && tracking.length < 5000) tracking.push({ no: answer.trackingNo, receipt: answer.receipt });
      }
    } else await res?.arrayBuffer();
  };

  const inbox = async () => {
    const who = Math.random() < 0.2 ? supervisor : pick(handlers);
    const filter = pick([
      'status=accepted,assigned,investigating',
      'status=received',
      'assignee=me',
      'due=overdue',
      'due=soon',
      '',
    ]);
    const res = await timed('inbox', () =>
      fetch(`${base}/api/v1/cases?${filter}`, { headers: { authorization: `Bearer ${who.token}` } }),
    );
    if (res?.ok && openCases.length < 500) {
      const body = (await res.json()) as { items: { id: string; status: string; version: number }[] };
      for (const c of body.items) if (c.status === 'received') openCases.push({ id: c.id, version: c.version });
    } else await res?.arrayBuffer();
  };

  const search = async () => {
    const who = pick(handlers);
    const res = await timed('search', () =>
      fetch(`${base}/api/v1/cases?q=${encodeURIComponent(pick(WORDS))}`, {
        headers: { authorization: `Bearer ${who.token}` },
      }),
    );
    await res?.arrayBuffer();
  };

  const action = async () => {
    const c = openCases.shift();
    if (!c) return inbox();
    const who = handlers[0]; // the busy unit's handler acts on its cases
    const res = await timed('action', () =>
      fetch(`${base}/api/v1/cases/${c.id}/actions/accept`, {
        method: 'POST',
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { category: 'product-quality' }, expectedVersion: c.version }),
      }),
    );
    await res?.arrayBuffer();
  };

  const track = async () => {
    const t = tracking.length ? pick(tracking) : undefined;
    if (!t) return submit();
    const res = await timed('track', () =>
      fetch(`${base}/api/v1/public/cases/${t.no}`, { headers: { 'x-receipt': t.receipt } }),
    );
    await res?.arrayBuffer();
  };

  const perMinute: Record<string, unknown>[] = [];
  let reported = 0;
  const report = async () => {
    const m = await metricsOf(base).catch(() => ({}) as Record<string, number>);
    const minute = reported++;
    const row: Record<string, unknown> = { minute: minute + 1 };
    for (const kind of KINDS) {
      const mine = samples.filter((s) => s.minute === minute && s.kind === kind);
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      row[kind] = {
        perSecond: Math.round(mine.length / (MINUTE_MS / 1000)),
        p50: Math.round(percentile(ms, 50)),
        p95: Math.round(percentile(ms, 95)),
        p99: Math.round(percentile(ms, 99)),
        errors5xx: mine.filter((s) => s.status >= 500).length,
      };
    }
    row.eventLoopP99Ms = Math.round((m['nodejs_eventloop_delay_seconds{quantile="0.99"}'] ?? 0) * 1000);
    row.rssMB = Math.round((m.process_resident_memory_bytes ?? 0) / 2 ** 20);
    row.heapMB = Math.round((m.nodejs_heap_used_bytes ?? 0) / 2 ** 20);
    row.liveHeapMB = Math.round((m.nodejs_heap_after_major_gc_bytes ?? 0) / 2 ** 20);
    row.heapTotalMB = Math.round((m.nodejs_heap_total_bytes ?? 0) / 2 ** 20);
    row.dbMB = Math.round((m[`plaint_database_bytes{dialect="${DB}"}`] ?? 0) / 2 ** 20);
    if (DB === 'sqlite') row.walMB = Math.round((m.plaint_sqlite_wal_bytes ?? 0) / 2 ** 20);
    row.cases = acknowledged.size;
    row.cpuSeconds = cpu();
    if (pgStats) row.pg = await pgStats.minute().catch((e: Error) => ({ error: e.message }));
    perMinute.push(row);
    const k = (kind: Kind) => row[kind] as { perSecond: number; p99: number };
    console.log(
      `min ${minute + 1}: submit ${k('submit').perSecond}/s p99 ${k('submit').p99} ms · inbox p99 ${k('inbox').p99} ms · ` +
        `search p99 ${k('search').p99} ms · action p99 ${k('action').p99} ms · loop p99 ${row.eventLoopP99Ms} ms · ` +
        `RSS ${row.rssMB} MB · heap ${row.heapMB}/${row.heapTotalMB} MB (live ${row.liveHeapMB}) · db ${row.dbMB} MB${row.walMB === undefined ? '' : ` (WAL ${row.walMB} MB)`} · cases ${row.cases}`,
    );
    console.log(`  CPU-seconds ${JSON.stringify(row.cpuSeconds)}`);
    const pgRow = row.pg as PgMinute | undefined;
    if (pgRow?.statementsSeconds !== undefined) {
      console.log(`  PostgreSQL statements ${pgRow.statementsSeconds} s; costliest:`);
      for (const s of pgRow.top?.slice(0, 4) ?? []) {
        console.log(
          `    ${s.totalMs} ms = ${s.calls} × ${s.msPerCall} ms (${s.blocksPerCall} buffers): ${s.query.slice(0, 100)}`,
        );
      }
    }
  };
  const ticker = setInterval(() => void report(), MINUTE_MS);

  const client = async () => {
    while (Date.now() < end) {
      const r = Math.random();
      if (r < 0.7) await submit();
      else if (r < 0.8) await inbox();
      else if (r < 0.9) await search();
      else if (r < 0.98) await action();
      else await track();
    }
  };
  console.log(`soak: ${CLIENTS} clients for ${MINUTES} min on ${DB} (${base})`);
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearInterval(ticker);
  while (reported < MINUTES) await report();
  await stopServer(child);
  await pgStats?.close();

  // Every acknowledged submission is in the database, once.
  const check = await openApp(config);
  let lost = 0;
  try {
    const numbers = [...acknowledged.values()];
    for (let i = 0; i < numbers.length; i += 500) {
      const chunk = numbers.slice(i, i + 500);
      const found = await check.store.db
        .selectFrom('cases')
        .select('tracking_no')
        .where('tracking_no', 'in', chunk)
        .execute();
      lost += chunk.length - found.length;
    }
  } finally {
    await check.close();
  }
  const errors5xx = samples.filter((s) => s.status >= 500).length;
  const first = perMinute[1] ?? perMinute[0];
  const last = perMinute[perMinute.length - 1];
  const summary = {
    db: DB,
    minutes: MINUTES,
    clients: CLIENTS,
    acknowledged: acknowledged.size,
    lost,
    repeatedKeys,
    errors5xx,
    submitLastVsSecondMinute:
      (last.submit as { perSecond: number }).perSecond / Math.max(1, (first.submit as { perSecond: number }).perSecond),
    // MB a minute over the second half: RSS, and the heap a full collection leaves (what is kept alive).
    rssSlopeSecondHalf: secondHalfSlope(perMinute, 'rssMB'),
    liveHeapSlopeSecondHalf: secondHalfSlope(perMinute, 'liveHeapMB'),
    perMinute,
    load: os.loadavg(),
    at: new Date().toISOString(),
  };
  console.log(
    `acknowledged ${acknowledged.size}, lost ${lost}, repeated keys ${repeatedKeys.asked} (mismatched ${repeatedKeys.mismatched}), 5xx ${errors5xx}, ` +
      `last/second minute submit throughput ${(summary.submitLastVsSecondMinute * 100).toFixed(1)} %, ` +
      `second half: RSS ${summary.rssSlopeSecondHalf.toFixed(2)} MB/min, live heap ${summary.liveHeapSlopeSecondHalf.toFixed(2)} MB/min`,
  );
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(ROOT, `bench/results/latest-soak-${DB}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  if (process.env.SOAK_KEEP === '1') {
    // To look at the data afterwards (plans, sizes): `PLAINT_DATA_DIR=… PLAINT_PG_SCHEMA=…` opens it.
    console.log(`kept: data ${dataDir}${schema ? `, schema ${schema} in ${PG_URL}` : ''}`);
  } else {
    await rm(dataDir, { recursive: true, force: true });
    if (schema) await dropPgSchema(PG_URL, schema);
  }
  if (lost || repeatedKeys.mismatched || errors5xx) process.exit(1);
}

/** Least-squares slope, per minute, of `key` over the second half of the minutes. */
function secondHalfSlope(rows: Record<string, unknown>[], key: string): number {
  const half = rows.slice(Math.floor(rows.length / 2)).map((r, i) => [i, Number(r[key] ?? 0)] as const);
  if (half.length < 2) return 0;
  const mx = half.reduce((a, [x]) => a + x, 0) / half.length;
  const my = half.reduce((a, [, y]) => a + y, 0) / half.length;
  const sxy = half.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = half.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

await main();
