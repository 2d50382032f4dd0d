/**
 * The statistics query (STA-1): `tsx bench/stats.ts [db]`. Without an argument (as in `npm run
 * bench`) it uses the shared generated dataset of BENCH_N (1,000,000) cases on SQLite
 * (bench/dataset.ts, cached in bench/.data/sqlite-<N>, generated on first use) and writes
 * bench/results/latest-stats.json; or give a populated SQLite file (`…/plaint.sqlite`, or its
 * folder) or a postgres:// URL as argument or in PLAINT_BENCH_DB. Runs one month's statistics
 * repeatedly — organisation-wide (system scope) and as a unit manager — and prints p50/p95/max.
 * The month is PLAINT_BENCH_MONTH (YYYY-MM) or the last whole month before the newest case.
 * Target: ≤ 500 ms at 1,000,000 cases on SQLite (issue 8).
 *
 * Issue 25: also the year of the newest case (PLAINT_BENCH_YEAR), both ways: `direct` (GROUP BYs
 * over the period's cases, as before the rollup) and `rollup` (app/stats-rollup.ts, after every
 * dirty day is recounted; the time of that recount and the rollup's row counts are printed). With
 * each, the event loop's delay while the statistics run (perf_hooks.monitorEventLoopDelay): its max
 * is the longest stretch the statistics held the loop, i.e. stalled every other request.
 * After the recount every whole month is folded: the year reads month rows (facts per unit subtree).
 */
import { basename, dirname, join } from 'node:path';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureDataset } from './dataset.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { computeStats } from '../src/app/stats.ts';
import { refreshAllStatsRollup } from '../src/app/stats-rollup.ts';
import { describeUpkeep, upkeepPostgres } from '../src/store/pg-upkeep.ts';
import { rollupSizes } from '../src/store/stats-rollup.repository.ts';
import { scope, statsScope, type Scope } from '../src/domain/policy.ts';
import { monthRange, previousMonth } from '../src/domain/stats.ts';

export type StatsBenchResult = {
  label: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  total: number;
  /** The event loop's delay while these runs went on (ms): p99 and max. */
  loopP99?: number;
  loopMax?: number;
};

export type RollupInfo = {
  refreshMs: number;
  days: number;
  rows: number;
  spanRows: number;
  dayFactRows: number;
  monthFactRows: number;
  foldedMonths: number;
  changesBefore: number;
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Runs the month's statistics `runs` times per scope and returns the timings in ms. */
export async function benchStats(
  target: string,
  options: { runs?: number; month?: string; year?: string; onRollup?: (info: RollupInfo) => void } = {},
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
    // PostgreSQL: the data folder holds the master key the dataset was sealed with (PLAINT_DATA_DIR).
    dataDir: isPg ? configFromEnv({ PLAINT_DATA_DIR: process.env.PLAINT_DATA_DIR }).dataDir : dataDir,
    databaseUrl: isPg ? target : undefined,
    // A dataset generated into its own schema (bench/dataset.ts `pgSchema`).
    pgSchema: isPg ? process.env.PLAINT_PG_SCHEMA : undefined,
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
    const measure = async (label: string, sc: Scope, p: { from: string; to: string }, direct: boolean) => {
      await computeStats(ctx, sc, p, { direct }); // warm the page cache once
      const times: number[] = [];
      let total = 0;
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const stats = await computeStats(ctx, sc, p, { direct });
        times.push(performance.now() - t0);
        total = stats.total;
        await new Promise((r) => setTimeout(r, 2)); // let the monitor's timer fire between runs
      }
      loop.disable();
      times.sort((a, b) => a - b);
      results.push({
        label,
        runs,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        max: times[times.length - 1],
        total,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      });
    };
    const year = options.year ?? ctx.calendar.localDate(new Date(newest.received_at)).slice(0, 4);
    const yearPeriod = { from: `${year}-01-01`, to: `${year}-12-31` };
    // BENCH_STATS_DIRECT=0: the rollup only (at 1M a year counted directly takes minutes a run).
    if (process.env.BENCH_STATS_DIRECT !== '0') {
      for (const s of scopes) await measure(s.label, s.scope, period, true);
      for (const s of scopes)
        await measure(`${year} ${s.label.replace(`${month} `, '')} direct`, s.scope, yearPeriod, true);
    }
    // Issue 25: every dirty day recounted (a dataset written straight to the tables is all dirty).
    const changesBefore = (await rollupSizes(ctx.store.db)).changes;
    const t0 = performance.now();
    const days = await refreshAllStatsRollup(ctx, 7);
    const refreshMs = performance.now() - t0;
    // What a server does within PLAINT_PG_UPKEEP_MS (30 s) of that recount where autovacuum is off
    // (store/pg-upkeep.ts), and autovacuum does where it is on: the recount left 2.8M dead rows of the
    // change log at 1M, and the rollup's new rows unvacuumed. Measured unvacuumed, the year's plan
    // spent 37 ms finding the log's range through the dead index entries and 46 ms fetching heap
    // pages for an index-only scan; a server does not stay like that (nothing done where autovacuum runs).
    if (ctx.store.dialect === 'postgres') {
      const upkeep = await upkeepPostgres(ctx.store);
      console.log(`PostgreSQL upkeep after the recount: ${describeUpkeep(upkeep) ?? upkeep.skipped ?? 'nothing due'}`);
    }
    const sizes = await rollupSizes(ctx.store.db);
    options.onRollup?.({
      refreshMs,
      days,
      rows: sizes.rollup,
      spanRows: sizes.spans,
      dayFactRows: sizes.dayFacts,
      monthFactRows: sizes.monthFacts,
      foldedMonths: sizes.folded,
      changesBefore,
    });
    for (const s of scopes) await measure(`${s.label} rollup`, s.scope, period, false);
    for (const s of scopes)
      await measure(`${year} ${s.label.replace(`${month} `, '')} rollup`, s.scope, yearPeriod, false);
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
  let rollup: RollupInfo | undefined;
  const results = await benchStats(target, {
    runs: Number(process.env.BENCH_RUNS ?? 20),
    month: process.env.PLAINT_BENCH_MONTH,
    year: process.env.PLAINT_BENCH_YEAR,
    onRollup: (info) => {
      rollup = info;
      console.log(
        `stats rollup: ${info.changesBefore} change-log rows → ${info.days} steps (days recounted, months folded) in ${(info.refreshMs / 1000).toFixed(1)} s; day rows: ${info.rows} cross-product, ${info.spanRows} handling-time, ${info.dayFactRows} clocks/links/respondents; ${info.monthFactRows} month rows over ${info.foldedMonths} folded months`,
      );
    },
  });
  for (const r of results) {
    console.log(
      `stats ${r.label}: ${r.total} cases; ${r.runs} runs p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; event-loop delay p99 ${r.loopP99?.toFixed(1)} ms, max ${r.loopMax?.toFixed(1)} ms`,
    );
  }
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest-stats.json'),
    `${JSON.stringify({ at: new Date().toISOString(), target, loadavgBefore, loadavgAfter: os.loadavg(), rollup, results }, null, 2)}\n`,
  );
}
