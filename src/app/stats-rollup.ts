import { sql } from 'kysely';
import { addDays, type Calendar } from '../domain/calendar.ts';
import { monthOfHour, workingDayDurations, workingDayHistogram } from '../domain/stats.ts';
import {
  clockFact,
  factsOfCombination,
  FactTable,
  readSubtrees,
  resolveDue,
  subtreesOf,
  type Fact,
  type FactDim,
} from '../domain/stats-facts.ts';
import type { Scope } from '../domain/policy.ts';
import type { Db } from '../store/cases.repository.ts';
import {
  changedInstants,
  clearDay,
  clearMonth,
  dayRows,
  forgetChanges,
  insertDayRows,
  insertMonthRows,
  lastChange,
  markFolded,
  closedSpans,
  foldedMonths,
  hasChanges,
  monthDays,
  monthFacts,
  oldestChanges,
  replaceDay,
  replaceMonth,
  rolledDayFacts,
  rolledDimensions,
  rolledMonths,
  rolledSpans,
  staleMonths,
  type DayFact,
  type MonthFact,
  type MonthScope,
  type RollupDay,
} from '../store/stats-rollup.repository.ts';
import {
  caseSpans,
  clockCounts,
  clockRows,
  dimensionCounts,
  hourCounts,
  linkCounts,
  recusedCases,
  respondentCounts,
  rollupDimensionRows,
  type StatsFilter,
} from '../store/stats.repository.ts';
import type { AppContext } from './context.ts';
import { heavyRead } from './read-tasks.ts';

/**
 * Issue 25: statistics from rollups, as facts (domain/stats-facts.ts). Three levels:
 * - day rows: `stats_rollup` (the cross product of the case dimensions), `stats_rollup_spans`
 *   (received day × closed day) and `stats_rollup_day_facts` (clocks, links, respondents), recounted
 *   per local day of receipt when the day is dirty (triggers log every write in `stats_changes`);
 * - month rows: `stats_rollup_facts`, folded from a month's day rows once none of its days is dirty,
 *   per unit subtree, so that a year is a few thousand rows whatever the number of cases;
 * - live counts: the dirty days, and the cases a recused reader may not see (taken off).
 * A statistic sums the folded whole months, the day rows of the other clean days and the live counts
 * of the dirty days, in one snapshot, so it equals the direct count at every moment. What is not
 * rolled up: whether a running clock is overdue depends on the moment of reading, so running clocks
 * are kept with their due instant in the day rows (one row per open case's clock at most) and judged
 * when read.
 */

const LOG_BATCH = 500;
/** Rows written per unit of the group commit when a counted day or folded month is written (SQLite). */
const WRITE_CHUNK = 500;

/**
 * Recounts up to `maxDays` dirty days (earliest first) and folds the months they leave clean;
 * returns how many days and months.
 *
 * Only days before today (local) are recounted: today is being written, so a recount of it was
 * stale at the next submit, and it cost a scan of all of today's cases every tick — seconds of a
 * synchronous SQLite connection once a busy day reached tens of thousands of cases (bench:soak's
 * event loop stalled 3–8 s from its fifth minute). Statistics count today live until tomorrow.
 *
 * On SQLite with read workers the counting runs there (`refreshInWorker`); on PostgreSQL one
 * instance works at a time (an advisory lock per schema; others skip the tick) in a
 * repeatable-read snapshot, so the day's cases and the log entries it removes agree.
 */
export async function refreshStatsRollup(ctx: AppContext, maxDays = 1): Promise<number> {
  if (ctx.store.dialect === 'sqlite' && ctx.reads) return serially(ctx, () => refreshInWorker(ctx, maxDays));
  const today = todayStart(ctx);
  const run = async (db: Db) => {
    const picked = await dirtyDays(ctx, db, today, maxDays);
    for (const day of picked) await replaceDay(db, await countDay(ctx, db, day));
    // A month folds once all its days are clean; one folded with an older calendar is folded again.
    const stale = await staleMonths(db, ctx.calendar.version, 1);
    let refolded = 0;
    for (const month of new Set([...picked.map((d) => d.slice(0, 7)), ...stale])) {
      const rows = await monthRowsIfClean(ctx, db, month);
      if (!rows) continue; // today's writes wait for tomorrow, and so does their month
      await replaceMonth(db, month, ctx.calendar.version, rows);
      if (stale.includes(month)) refolded++;
    }
    return picked.length + refolded;
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

/**
 * The same on SQLite, with the counting in a read worker (#25: no request holds the event loop
 * more than 50 ms). Counting a day in the process held the synchronous connection, and with it
 * every request, for the whole day: ~150 ms for a day of 900 cases at 1M, seconds for a busy day.
 * The worker counts a day in one read snapshot and names the last change-log entry of the day it
 * saw (`seen`); this thread writes the rows in short units of the group commit and then forgets
 * the day's entries up to `seen` only. A write after the snapshot logs an entry above `seen` (the
 * log's ids only grow while `seen` itself is kept: only this refresher deletes entries, and last),
 * so its day stays dirty and is counted live until the next recount: what the single transaction
 * guaranteed. Until the last unit the day is dirty, so no reader sums its half-written rows.
 */
async function refreshInWorker(ctx: AppContext, maxDays: number): Promise<number> {
  const picked = await dirtyDays(ctx, ctx.store.db, todayStart(ctx), maxDays);
  for (const day of picked) await writeDay(ctx, await heavyRead(ctx, 'rollupDay', { day }));
  const stale = await staleMonths(ctx.store.db, ctx.calendar.version, 1);
  let refolded = 0;
  for (const month of new Set([...picked.map((d) => d.slice(0, 7)), ...stale])) {
    const rows = await heavyRead(ctx, 'rollupMonth', { month });
    if (!rows) continue;
    await writeMonth(ctx, month, rows);
    if (stale.includes(month)) refolded++;
  }
  return picked.length + refolded;
}

/** Recounts until no day is dirty and every month is folded (tests, the benchmark, after an import); returns the steps. */
export async function refreshAllStatsRollup(ctx: AppContext, daysPerStep = 7): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await refreshStatsRollup(ctx, daysPerStep);
    if (n === 0) return total;
    total += n;
  }
}

/** A day counted in one snapshot, with the greatest change-log id of the day that snapshot saw. */
export type CountedDay = RollupDay & { seen: number };

/** Read task `rollupDay` (read-tasks.ts): one day counted in one read transaction. */
export function countDaySnapshot(ctx: AppContext, day: string): Promise<CountedDay> {
  return ctx.store.db.transaction().execute(async (db) => {
    const from = ctx.calendar.startOfDay(day).toISOString();
    const to = ctx.calendar.startOfDay(addDays(day, 1)).toISOString();
    return { ...(await countDay(ctx, db, day)), seen: await lastChange(db, from, to) };
  });
}

/** Read task `rollupMonth`: a month's rows folded in one read transaction, or null while a day of it is dirty. */
export function foldSnapshot(ctx: AppContext, month: string): Promise<MonthFact[] | null> {
  return ctx.store.db.transaction().execute((db) => monthRowsIfClean(ctx, db, month));
}

/**
 * Writes a counted day (see refreshInWorker): its old rows go in the first unit, the new ones
 * follow in units of WRITE_CHUNK, and its change-log entries up to `seen` go in the last.
 */
export async function writeDay(ctx: AppContext, d: CountedDay): Promise<void> {
  await ctx.store.transact((db) => clearDay(db, d.day));
  const rows = dayRows(d);
  for (let i = 0; i < rows.length; i += WRITE_CHUNK)
    await ctx.store.transact((db) => insertDayRows(db, rows.slice(i, i + WRITE_CHUNK)));
  await ctx.store.transact((db) => forgetChanges(db, d.from, d.to, d.seen));
}

/**
 * Writes a folded month: the old rows and the folded mark go first, the new rows follow in units,
 * the mark (with this calendar) last, so no reader sums a half-written month.
 */
async function writeMonth(ctx: AppContext, month: string, rows: MonthFact[]): Promise<void> {
  await ctx.store.transact((db) => clearMonth(db, month));
  for (let i = 0; i < rows.length; i += WRITE_CHUNK)
    await ctx.store.transact((db) => insertMonthRows(db, month, rows.slice(i, i + WRITE_CHUNK)));
  await ctx.store.transact((db) => markFolded(db, month, ctx.calendar.version));
}

/** One refresh at a time per context: the chunked writes of two would interleave. */
const running = new WeakMap<AppContext, Promise<unknown>>();
function serially<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  const next = (running.get(ctx) ?? Promise.resolve()).then(work, work);
  running.set(
    ctx,
    next.catch(() => {}),
  );
  return next;
}

function todayStart(ctx: AppContext): string {
  return ctx.calendar.startOfDay(ctx.calendar.localDate(ctx.now())).toISOString();
}

/** The earliest dirty local days before today, at most `maxDays`. */
async function dirtyDays(ctx: AppContext, db: Db, today: string, maxDays: number): Promise<string[]> {
  const changes = await oldestChanges(db, LOG_BATCH, today);
  return [...new Set(changes.map((i) => ctx.calendar.localDate(new Date(i))))].slice(0, maxDays);
}

/** A month's rows folded from its day rows, or null when a day of it is dirty (it waits to be recounted). */
async function monthRowsIfClean(ctx: AppContext, db: Db, month: string): Promise<MonthFact[] | null> {
  const from = ctx.calendar.startOfDay(`${month}-01`).toISOString();
  const to = ctx.calendar.startOfDay(nextMonthDay(month)).toISOString();
  if (await hasChanges(db, from, to)) return null;
  return foldMonth(ctx, db, month);
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
  const dayFilter: StatsFilter = { from, to, scope: { everything: true, byProcedure: [], recused: null } };
  const facts = new Map<string, DayFact>();
  const add = (procedure_id: string, org_unit_path: string | null, dim: FactDim, value: string, n: number) => {
    const k = JSON.stringify([procedure_id, org_unit_path, dim, value]);
    const e = facts.get(k);
    if (e) e.n += n;
    else facts.set(k, { procedure_id, org_unit_path, dim, value, n });
  };
  for (const c of await clockRows(db, dayFilter)) add(c.procedure_id, c.org_unit_path, ...clockFact(c), 1);
  for (const l of await linkCounts(db, dayFilter, true)) {
    if (l.repeats) add(l.procedure_id, l.org_unit_path, 'repeat', '', l.repeats);
    if (l.appealed) add(l.procedure_id, l.org_unit_path, 'appealed', '', l.appealed);
  }
  for (const r of await respondentCounts(db, dayFilter, true))
    add(r.procedure_id, r.org_unit_path, 'respondent', r.hash, r.n);
  return { day, from, to, dims, spans: [...spans.values()], facts: [...facts.values()] };
}

/** A month's rows from its day rows: every fact under each unit subtree of its case's unit. */
async function foldMonth(ctx: AppContext, db: Db, month: string): Promise<MonthFact[]> {
  const { dims, spans, facts } = await monthDays(db, month);
  const rows = new Map<string, MonthFact>();
  const add = (procedure_id: string, path: string | null, dim: FactDim, value: string, n: number) => {
    for (const unit_path of subtreesOf(path)) {
      const k = `${procedure_id}\u0000${unit_path}\u0000${dim}\u0000${value}`;
      const e = rows.get(k);
      if (e) e.n += n;
      else rows.set(k, { procedure_id, unit_path, dim, value, n });
    }
  };
  for (const r of dims) {
    for (const [dim, value] of factsOfCombination(r)) add(r.procedure_id, r.org_unit_path, dim, value, r.n);
    add(r.procedure_id, r.org_unit_path, 'month', month, r.n);
  }
  for (const f of facts) add(f.procedure_id, f.org_unit_path, f.dim as FactDim, f.value, f.n);
  // Handling time in working days with today's calendar (the fold row names it: a new calendar refolds).
  const groups = new Map<string, { procedure_id: string; path: string | null; pairs: typeof spans }>();
  for (const s of spans) {
    const k = JSON.stringify([s.procedure_id, s.org_unit_path]);
    const g = groups.get(k) ?? { procedure_id: s.procedure_id, path: s.org_unit_path, pairs: [] };
    g.pairs.push(s);
    groups.set(k, g);
  }
  for (const g of groups.values())
    for (const [days, n] of workingDayHistogram(ctx.calendar, g.pairs))
      add(g.procedure_id, g.path, 'handling', String(days), n);
  return [...rows.values()].filter((r) => r.n !== 0);
}

/**
 * The direct computation (the reference the rollup must equal): GROUP BYs over the filter's cases,
 * as facts. Also the live part of a rolled-up statistic: its dirty days, its recused cases.
 */
export async function directFacts(ctx: AppContext, db: Db, f: StatsFilter, now: string): Promise<FactTable> {
  const facts = new FactTable();
  for (const r of await dimensionCounts(db, ctx.store.dialect, f))
    for (const [dim, value] of factsOfCombination(r)) facts.add(r.procedure_id, dim, value, r.n);
  // Months and handling times are read across procedures (FactTable.byValue): no procedure here.
  for (const h of await hourCounts(db, f)) facts.add('', 'month', monthOfHour(ctx.calendar, h.hour), h.n);
  const closed = (await caseSpans(db, f)).filter(
    (s): s is { received_at: string; closed_at: string } => s.closed_at !== null,
  );
  for (const d of workingDayDurations(ctx.calendar, closed)) facts.add('', 'handling', String(d), 1);
  for (const c of await clockCounts(db, f, now))
    for (const state of ['met', 'missed', 'overdue', 'running'] as const)
      if (c[state]) facts.add(c.procedure_id, 'clock', `${c.clock}\t${c.org_unit_id ?? ''}\t${state}`, c[state]);
  for (const l of await linkCounts(db, f)) {
    facts.add(l.procedure_id, 'repeat', '', l.repeats);
    facts.add(l.procedure_id, 'appealed', '', l.appealed);
  }
  for (const r of await respondentCounts(db, f)) facts.add(r.procedure_id, 'respondent', r.hash, r.n);
  return facts;
}

/**
 * The same facts from the rollup: folded whole months from their rows, the other clean days from
 * the day rows, dirty days counted live, and the cases the reader is recused from taken off the
 * clean days (the rollup counts a unit's cases for all). Read in one snapshot, so a refresh or a
 * write in between cannot count a day twice or not at all.
 */
export async function rolledUpFacts(
  ctx: AppContext,
  f: StatsFilter,
  period: { from: string; to: string },
  now: string,
): Promise<FactTable> {
  const tx = ctx.store.db.transaction();
  const snapshot = ctx.store.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx;
  return snapshot.execute(async (db) => {
    const dirty = new Set((await changedInstants(db, f.from, f.to)).map((i) => ctx.calendar.localDate(new Date(i))));
    const days: string[] = [];
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d);
    const whole = [...new Set(days.map((d) => d.slice(0, 7)))].filter(
      (m) => `${m}-01` >= period.from && addDays(nextMonthDay(m), -1) <= period.to,
    );
    const folded = await foldedMonths(db, whole, ctx.calendar.version);
    const dirtyMonths = new Set([...dirty].map((d) => d.slice(0, 7)));
    const months = whole.filter((m) => folded.has(m) && !dirtyMonths.has(m));
    const inMonths = new Set(months);
    const base = { scope: f.scope, procedureId: f.procedureId, unitPath: f.unitPath };
    const facts = new FactTable();
    facts.addAll(await monthFacts(db, months, monthScope(f.scope, f.unitPath), f.procedureId));
    const due = await rolledDayFacts(
      db,
      { ...base, days: months.map((m) => ({ from: `${m}-01`, to: `${m}-31` })) },
      'clock-due',
    );
    addResolved(facts, due, now);
    const dayRows = days.filter((d) => !dirty.has(d) && !inMonths.has(d.slice(0, 7)));
    if (dayRows.length) {
      const rf = { ...base, days: dayRuns(dayRows) };
      for (const r of await rolledDimensions(db, rf))
        for (const [dim, value] of factsOfCombination(r)) facts.add(r.procedure_id, dim, value, r.n);
      for (const m of await rolledMonths(db, rf)) facts.add('', 'month', m.month, m.n);
      for (const [d, n] of workingDayHistogram(ctx.calendar, await rolledSpans(db, rf)))
        facts.add('', 'handling', String(d), n);
      addResolved(facts, await rolledDayFacts(db, rf), now);
    }
    const dirtyDays = days.filter((d) => dirty.has(d));
    const cleanDays = days.filter((d) => !dirty.has(d));
    const ranges = (list: string[]) => dayRuns(list).map((r) => instantRange(ctx.calendar, r));
    if (dirtyDays.length) facts.addAll((await directFacts(ctx, db, { ...f, ranges: ranges(dirtyDays) }, now)).of());
    const recused = f.scope.recused && cleanDays.length ? await recusedCases(db, f.scope.recused, f.from, f.to) : [];
    if (recused.length)
      facts.addAll(
        (
          await directFacts(
            ctx,
            db,
            { ...f, scope: { ...f.scope, recused: null }, ranges: ranges(cleanDays), caseIds: recused },
            now,
          )
        ).of(),
        -1,
      );
    return facts;
  });
}

/** Adds day facts, a running clock's due instant judged at `now`. */
function addResolved(facts: FactTable, rows: Fact[], now: string): void {
  for (const r of rows)
    if (r.dim === 'clock-due') facts.add(r.procedure_id, 'clock', resolveDue(r.value, now), r.n);
    else facts.add(r.procedure_id, r.dim, r.value, r.n);
}

/** The month rows a scope sums (store/stats-rollup.repository.ts `MonthScope`). */
function monthScope(scope: Scope, unitPath: string | undefined): MonthScope {
  if (scope.everything) return { all: readSubtrees(null, unitPath) };
  return {
    byProcedure: scope.byProcedure
      .map((s) => ({ procedureId: s.procedureId, subtrees: readSubtrees(s.all ? null : s.unitPaths, unitPath) }))
      .filter((s) => s.subtrees.length > 0),
  };
}

/** The first local day of the month after `month` (YYYY-MM). */
function nextMonthDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Runs of consecutive local days, first and last day (inclusive). */
function dayRuns(days: string[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}

/** A run of local days as [start of the first, start of the day after the last) instants. */
function instantRange(calendar: Calendar, run: { from: string; to: string }): { from: string; to: string } {
  return {
    from: calendar.startOfDay(run.from).toISOString(),
    to: calendar.startOfDay(addDays(run.to, 1)).toISOString(),
  };
}
