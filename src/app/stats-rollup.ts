import { sql } from 'kysely';
import { addDays, type Calendar } from '../domain/calendar.ts';
import { monthOfHour, workingDayDurations, workingDayHistogram } from '../domain/stats.ts';
import type { Db } from '../store/cases.repository.ts';
import {
  changedInstants,
  closedSpans,
  oldestChanges,
  replaceDay,
  rolledDimensions,
  rolledMonths,
  rolledSpans,
  type RollupDay,
} from '../store/stats-rollup.repository.ts';
import {
  caseSpans,
  dimensionCounts,
  hourCounts,
  rollupDimensionRows,
  type DimensionRow,
  type StatsFilter,
} from '../store/stats.repository.ts';
import type { AppContext } from './context.ts';

/**
 * Issue 25: statistics from rollups. `stats_rollup` counts the cases of each local day of receipt by
 * every dimension the statistics group by; triggers log each written case's receipt instant in
 * `stats_changes`, which makes its day dirty. A statistic sums the clean days' rows and counts the
 * dirty days live, so it is exact at every moment; the refresher below recounts dirty days in small
 * steps. What is rolled up: the dimension counts (totals, every breakdown, satisfaction, findings,
 * adoption, appeals by outcome), the months, and the handling time (as received-day × closed-day
 * pairs). Clocks, links and respondents are still counted live (stats.repository.ts).
 */

/** The counts `computeStats` builds its figures from. */
export type BaseCounts = {
  dims: DimensionRow[];
  months: Map<string, number>;
  /** Handling time of the closed cases in working days: value → cases. */
  handling: Map<number, number>;
};

const LOG_BATCH = 500;

/**
 * Recounts up to `maxDays` dirty days (earliest first) in one transaction; returns how many.
 * On PostgreSQL one instance works at a time (an advisory lock per schema; others skip the tick)
 * and in a repeatable-read snapshot, so the day's cases and the log entries it removes agree.
 *
 * Only days before today (local) are recounted: today is being written, so a recount of it was
 * stale at the next submit, and it cost a scan of all of today's cases every tick — seconds of a
 * synchronous SQLite connection once a busy day reached tens of thousands of cases (bench:soak's
 * event loop stalled 3–8 s from its fifth minute). Statistics count today live until tomorrow.
 */
export async function refreshStatsRollup(ctx: AppContext, maxDays = 1): Promise<number> {
  const today = ctx.calendar.startOfDay(ctx.calendar.localDate(ctx.now())).toISOString();
  const run = async (db: Db) => {
    const changes = await oldestChanges(db, LOG_BATCH, today);
    const days = [...new Set(changes.map((i) => ctx.calendar.localDate(new Date(i))))];
    for (const day of days.slice(0, maxDays)) await replaceDay(db, await countDay(ctx, db, day));
    return Math.min(days.length, maxDays);
  };
  if (ctx.store.dialect === 'sqlite') return ctx.store.transact((trx) => run(trx));
  return ctx.store.db.connection().execute(async (conn) => {
    const key = sql`hashtext(current_schema() || '.stats_rollup')`;
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}) as ok`.execute(conn);
    if (!rows[0]?.ok) return 0;
    try {
      return await conn
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => run(trx));
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/** Recounts until no day is dirty (tests, the benchmark, after an import); returns the days counted. */
export async function refreshAllStatsRollup(ctx: AppContext, daysPerStep = 7): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await refreshStatsRollup(ctx, daysPerStep);
    if (n === 0) return total;
    total += n;
  }
}

async function countDay(ctx: AppContext, db: Db, day: string): Promise<RollupDay> {
  const from = ctx.calendar.startOfDay(day).toISOString();
  const to = ctx.calendar.startOfDay(addDays(day, 1)).toISOString();
  const dims = await rollupDimensionRows(db, ctx.store.dialect, from, to);
  const spans = new Map<
    string,
    { procedure_id: string; org_unit_path: string | null; closed_day: string; n: number }
  >();
  for (const s of await closedSpans(db, from, to)) {
    const closedDay = ctx.calendar.localDate(new Date(s.closed_at));
    const k = JSON.stringify([s.procedure_id, s.org_unit_path, closedDay]);
    const e = spans.get(k) ?? {
      procedure_id: s.procedure_id,
      org_unit_path: s.org_unit_path,
      closed_day: closedDay,
      n: 0,
    };
    e.n++;
    spans.set(k, e);
  }
  return { day, from, to, dims, spans: [...spans.values()] };
}

/** The direct computation (the reference the rollup must equal): GROUP BYs over the period's cases. */
export async function directCounts(ctx: AppContext, db: Db, f: StatsFilter): Promise<BaseCounts> {
  const [dims, hours, spans] = await Promise.all([
    dimensionCounts(db, ctx.store.dialect, f),
    hourCounts(db, f),
    caseSpans(db, f),
  ]);
  const months = new Map<string, number>();
  for (const h of hours)
    months.set(monthOfHour(ctx.calendar, h.hour), (months.get(monthOfHour(ctx.calendar, h.hour)) ?? 0) + h.n);
  const handling = new Map<number, number>();
  const closed = spans.filter((s): s is typeof s & { closed_at: string } => s.closed_at !== null);
  for (const d of workingDayDurations(ctx.calendar, closed)) handling.set(d, (handling.get(d) ?? 0) + 1);
  return { dims, months, handling };
}

/**
 * The same counts from the rollup: clean days summed from it, dirty days counted live, and the cases
 * the reader is recused from taken off the clean days (the rollup counts a unit's cases for all).
 * Read in one snapshot, so a refresh or a write in between cannot count a day twice or not at all.
 */
export async function rolledUpCounts(
  ctx: AppContext,
  f: StatsFilter,
  period: { from: string; to: string },
): Promise<BaseCounts> {
  const tx = ctx.store.db.transaction();
  const snapshot = ctx.store.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx;
  return snapshot.execute(async (db) => {
    const dirty = new Set((await changedInstants(db, f.from, f.to)).map((i) => ctx.calendar.localDate(new Date(i))));
    const days: string[] = [];
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d);
    const dirtyDays = days.filter((d) => dirty.has(d));
    const cleanDays = days.filter((d) => !dirty.has(d));
    const rf = {
      fromDay: period.from,
      toDay: period.to,
      skip: dirtyDays,
      scope: f.scope,
      procedureId: f.procedureId,
      unitPath: f.unitPath,
    };
    const counts: BaseCounts = {
      dims: await rolledDimensions(db, rf),
      months: new Map((await rolledMonths(db, rf)).map((m) => [m.month, m.n])),
      handling: workingDayHistogram(ctx.calendar, await rolledSpans(db, rf)),
    };
    const live = async (filter: StatsFilter) => ({
      dims: await dimensionCounts(db, ctx.store.dialect, filter),
      hours: await hourCounts(db, filter),
      spans: await caseSpans(db, filter),
    });
    if (dirtyDays.length)
      addLive(ctx.calendar, counts, await live({ ...f, ranges: dayRanges(ctx.calendar, dirtyDays) }), 1);
    if (f.scope.recused && cleanDays.length)
      addLive(
        ctx.calendar,
        counts,
        await live({ ...f, ranges: dayRanges(ctx.calendar, cleanDays), recusedOnly: true }),
        -1,
      );
    counts.dims = counts.dims.filter((r) => r.n !== 0);
    return counts;
  });
}

/** Adds (sign 1) or takes off (sign -1) live counts. */
function addLive(
  calendar: Calendar,
  counts: BaseCounts,
  live: {
    dims: DimensionRow[];
    hours: { hour: string; n: number }[];
    spans: { received_at: string; closed_at: string | null }[];
  },
  sign: 1 | -1,
): void {
  const byKey = new Map(counts.dims.map((r) => [dimKey(r), r]));
  for (const r of live.dims) {
    const e = byKey.get(dimKey(r));
    if (e) e.n += sign * r.n;
    else {
      const row = { ...r, n: sign * r.n };
      byKey.set(dimKey(r), row);
      counts.dims.push(row);
    }
  }
  for (const h of live.hours) {
    const m = monthOfHour(calendar, h.hour);
    counts.months.set(m, (counts.months.get(m) ?? 0) + sign * h.n);
  }
  const pairs = live.spans.flatMap((s) =>
    s.closed_at === null
      ? []
      : [
          {
            day: calendar.localDate(new Date(s.received_at)),
            closed_day: calendar.localDate(new Date(s.closed_at)),
            n: 1,
          },
        ],
  );
  for (const [value, n] of workingDayHistogram(calendar, pairs))
    counts.handling.set(value, (counts.handling.get(value) ?? 0) + sign * n);
}

function dimKey(r: DimensionRow): string {
  return JSON.stringify([
    r.procedure_id,
    r.kind,
    r.category,
    r.severity,
    r.channel,
    r.org_unit_id,
    r.status,
    r.outcome,
    r.closed,
    r.rating,
  ]);
}

/** Runs of consecutive local days as [start of the first, start of the day after the last) instants. */
function dayRanges(calendar: Calendar, days: string[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let start = days[0];
  for (let i = 0; i < days.length; i++) {
    const next = addDays(days[i], 1);
    if (i + 1 < days.length && days[i + 1] === next) continue;
    out.push({ from: calendar.startOfDay(start).toISOString(), to: calendar.startOfDay(next).toISOString() });
    start = days[i + 1];
  }
  return out;
}
