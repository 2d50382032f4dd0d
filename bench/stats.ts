/**
 * The statistics query (STA-1): `tsx bench/stats.ts [db]`. Without an argument (as in `npm run
 * bench`) it uses the shared generated dataset of BENCH_N (1,000,000) cases on SQLite
 * (bench/dataset.ts, cached in bench/.data/sqlite-<N>, generated on first use) and writes
 * bench/results/latest-stats.json; or give a populated SQLite file (`…/plaint.sqlite`, or its
 * folder) or a postgres:// URL as argument or in PLAINT_BENCH_DB. Runs one month's statistics
 * repeatedly — organisation-wide (system scope) and as a unit manager — and prints p50/p95/max.
 * The month is PLAINT_BENCH_MONTH (YYYY-MM) or the last whole month before the newest case.
 * Target: ≤ 500 ms at 1,000,000 cases on SQLite (issue 8).
 */
import { basename, dirname, join } from 'node:path';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureDataset } from './dataset.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { computeStats } from '../src/app/stats.ts';
import { scope, statsScope, type Scope } from '../src/domain/policy.ts';
import { monthRange, previousMonth } from '../src/domain/stats.ts';

export type StatsBenchResult = { label: string; runs: number; p50: number; p95: number; max: number; total: number };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Runs the month's statistics `runs` times per scope and returns the timings in ms. */
export async function benchStats(
  target: string,
  options: { runs?: number; month?: string } = {},
): Promise<StatsBenchResult[]> {
  const runs = options.runs ?? 20;
  const isPg = target.startsWith('postgres://') || target.startsWith('postgresql://');
  let dataDir = target;
  if (!isPg) {
    if (statSync(target).isFile()) {
      if (basename(target) !== 'plaint.sqlite')
        throw new Error('the SQLite file must be named plaint.sqlite (Plaint opens <dir>/plaint.sqlite)');
      dataDir = dirname(target);
    }
  }
  const config = {
    ...configFromEnv({}),
    dataDir: isPg ? configFromEnv({}).dataDir : dataDir,
    databaseUrl: isPg ? target : undefined,
  };
  const ctx = await openApp(config);
  try {
    const newest = await ctx.store.db
      .selectFrom('cases')
      .select('received_at')
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!newest) throw new Error('the database has no cases: populate it first (bench/dataset.ts)');
    // The last whole month, as the monthly report (STA-1) counts it.
    const month = options.month ?? previousMonth(ctx.calendar.localDate(new Date(newest.received_at)));
    const period = monthRange(month);
    const scopes: { label: string; scope: Scope }[] = [
      {
        label: `${month} organisation-wide`,
        scope: scope({ kind: 'system', name: 'bench' }, ctx.procedures.latestAll()),
      },
    ];
    // A unit manager: the first top-level unit, every procedure's manager roles held there.
    const unit =
      (await ctx.store.db
        .selectFrom('org_units')
        .selectAll()
        .where('level', '=', 1)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()) ??
      (await ctx.store.db.selectFrom('org_units').selectAll().orderBy('level').limit(1).executeTakeFirst());
    if (unit) {
      const grants = ctx.procedures
        .latestAll()
        .flatMap((p) =>
          p.roles
            .filter((r) => r.permissions.includes('supervise') || r.permissions.includes('records'))
            .map((r) => ({ role: r.id, unitPath: unit.path, unitId: unit.id })),
        );
      const manager = statsScope(
        {
          kind: 'user',
          id: 'BENCHMANAGER00000000000000',
          username: 'bench',
          displayName: 'bench',
          isAdmin: false,
          grants,
        },
        ctx.procedures.latestAll(),
      );
      if (manager) scopes.push({ label: `${month} manager of ${unit.name}`, scope: manager });
    }
    const results: StatsBenchResult[] = [];
    for (const s of scopes) {
      await computeStats(ctx, s.scope, period); // warm the page cache once
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const stats = await computeStats(ctx, s.scope, period);
        times.push(performance.now() - t0);
        total = stats.total;
      }
      times.sort((a, b) => a - b);
      results.push({
        label: s.label,
        runs,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        max: times[times.length - 1],
        total,
      });
    }
    return results;
  } finally {
    await ctx.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let target = process.argv[2] ?? process.env.PLAINT_BENCH_DB;
  if (!target) {
    const n = Number(process.env.BENCH_N ?? 1_000_000);
    target = fileURLToPath(new URL(`./.data/sqlite-${n}`, import.meta.url));
    console.log(`stats: dataset of ${n.toLocaleString('en')} cases in ${target} (generated on first use) …`);
    await ensureDataset(target, n, { log: (l) => console.log(l) });
  }
  const loadavgBefore = os.loadavg();
  const results = await benchStats(target, {
    runs: Number(process.env.BENCH_RUNS ?? 20),
    month: process.env.PLAINT_BENCH_MONTH,
  });
  for (const r of results) {
    console.log(
      `stats ${r.label}: ${r.total} cases in the month; ${r.runs} runs p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (target ≤ 500 ms)`,
    );
  }
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest-stats.json'),
    `${JSON.stringify({ at: new Date().toISOString(), target, loadavgBefore, loadavgAfter: os.loadavg(), results }, null, 2)}\n`,
  );
}
