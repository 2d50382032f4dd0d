/**
 * `npm run bench:web` (issue 27): Lighthouse, mobile and desktop, on the portal's three public pages
 * and the workbench inbox, against a local `plaint serve` on a fresh SQLite data dir and Debian's
 * Chromium. Median of BENCH_WEB_RUNS runs (3) per page and preset, printed as a table with the
 * machine's load beside it: Lighthouse's simulated throttling (Lantern) makes FCP and LCP fairly
 * independent of the load, TBT is not.
 *
 *   BENCH_WEB_RUNS=3          runs per page and preset
 *   BENCH_WEB_PAGES=home,submit,track,inbox   a subset of the pages
 *   BENCH_WEB_PRESETS=mobile,desktop          a subset of the presets
 *   BENCH_WEB_ROOT=/path      serve another checkout (its web build is made there first): before/after
 *   CHROME_PATH=/usr/bin/chromium
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { REQUEST_EXAMPLES } from '../src/http/openapi.ts';
import { CHROMIUM_ARGS } from '../test/web/global-setup.ts';
import { freePort, ROOT, startServer, stopServer, waitForHealth } from './server-process.ts';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const SERVE_ROOT = process.env.BENCH_WEB_ROOT ?? ROOT;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ADMIN_PASSWORD = 'bench-web-admin-1';
const PAGES: { name: string; path: string; staff?: boolean }[] = [
  { name: 'home', path: '/' },
  { name: 'submit', path: '/submit/customer-complaint' },
  { name: 'track', path: '/track' },
  { name: 'inbox', path: '/staff', staff: true },
].filter((p) => !process.env.BENCH_WEB_PAGES || process.env.BENCH_WEB_PAGES.split(',').includes(p.name));
const PRESETS = ['mobile', 'desktop'].filter(
  (p) => !process.env.BENCH_WEB_PRESETS || process.env.BENCH_WEB_PRESETS.split(',').includes(p),
);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

type Row = {
  page: string;
  preset: string;
  performance: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  bytes: number;
  /** Audits below 1 in the last run (the cheap fixes to look at). */
  failing: string[];
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function api(base: string, method: string, path: string, body?: unknown, cookie = '', csrf = '') {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie, 'x-csrf-token': csrf } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function login(base: string, username: string, password: string) {
  const res = await api(base, 'POST', '/auth/login', { username, password });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: (await res.json()).csrfToken as string };
}

/** A customer-service officer with a few complaints in the inbox; returns the officer's session cookie. */
async function seed(base: string): Promise<string> {
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const password = 'bench-web-officer-1';
  await api(
    base,
    'POST',
    '/admin/users',
    { username: 'officer', displayName: '客服 小王', password, grants: [{ role: 'customer-service', orgUnit: null }] },
    admin.cookie,
    admin.csrf,
  );
  for (let i = 0; i < 8; i++) {
    const example = REQUEST_EXAMPLES['POST /api/v1/public/cases'];
    await api(base, 'POST', '/public/cases', { ...example, subject: `${example.subject} (${i + 1})` });
  }
  return (await login(base, 'officer', password)).cookie;
}

/** Chromium with a debugging port for Lighthouse; a fresh profile each bench run. */
async function launchChromium(profile: string): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(CHROME, [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { port, stop: () => child.kill('SIGKILL') };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${CHROME} did not open its debugging port`);
}

async function audit(url: string, port: number, desktop: boolean, cookie?: string) {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    },
    desktop ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const num = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const failing = Object.values(categories)
    .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => audits[r.id]))
    .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    performance: score('performance'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    bytes: num('total-byte-weight'),
    failing,
  };
}

function printTable(rows: Row[], loads: number[][]) {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\nLighthouse ${RUNS === 1 ? '1 run' : `median of ${RUNS} runs`}, served from ${SERVE_ROOT}` +
      `\nload average (1 min) during the runs: ${loads.map((l) => l[0].toFixed(2)).join(', ')}\n`,
  );
  console.log('| page | preset | perf | FCP | LCP | TBT | CLS | a11y | best practices | SEO | bytes |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.page} | ${r.preset} | ${r.performance} | ${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} ms | ` +
        `${r.cls.toFixed(3)} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${(r.bytes / 1024).toFixed(0)} kB |`,
    );
  const flagged = rows.filter((r) => r.failing.length > 0);
  if (flagged.length > 0) {
    console.log('\naudits below 0.9 (last run):');
    for (const r of flagged) console.log(`  ${r.page} ${r.preset}: ${r.failing.join(', ')}`);
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: SERVE_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web build failed');
  const dataDir = await mkdtemp(join(tmpdir(), 'plaint-bench-web-'));
  const profile = await mkdtemp(join(tmpdir(), 'plaint-bench-chromium-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAINT_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAINT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PLAINT_2FA_REQUIRED: 'none',
    PLAINT_LOG: 'off',
  };
  delete env.DATABASE_URL; // a fresh SQLite database, never a configured Postgres
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(env, SERVE_ROOT);
  let chromium: { port: number; stop: () => void } | undefined;
  try {
    await waitForHealth(base, server.child, server.output);
    const cookie = await seed(base);
    chromium = await launchChromium(profile);
    const rows: Row[] = [];
    const loads: number[][] = [];
    for (const preset of PRESETS)
      for (const page of PAGES) {
        const runs: Awaited<ReturnType<typeof audit>>[] = [];
        for (let i = 0; i < RUNS; i++) {
          runs.push(
            await audit(base + page.path, chromium.port, preset === 'desktop', page.staff ? cookie : undefined),
          );
          loads.push(loadavg());
        }
        const m = (k: Exclude<keyof Row, 'page' | 'preset' | 'failing'>) => median(runs.map((r) => r[k]));
        const row: Row = {
          page: page.path,
          preset,
          performance: m('performance'),
          fcp: m('fcp'),
          lcp: m('lcp'),
          tbt: m('tbt'),
          cls: m('cls'),
          accessibility: m('accessibility'),
          bestPractices: m('bestPractices'),
          seo: m('seo'),
          bytes: m('bytes'),
          failing: runs[runs.length - 1].failing,
        };
        rows.push(row);
        console.log(
          `${preset} ${page.path}: performance ${row.performance}, LCP ${(row.lcp / 1000).toFixed(2)} s, ` +
            `TBT ${Math.round(row.tbt)} ms, CLS ${row.cls.toFixed(3)}`,
        );
      }
    printTable(rows, loads);
  } finally {
    chromium?.stop();
    await stopServer(server.child);
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
