import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../domain/policy.ts';
import type { Db } from './cases.repository.ts';
import { insertRows } from './insert.ts';
import type { DimensionRow } from './stats.repository.ts';
import type { Fact, FactDim } from '../domain/stats-facts.ts';

const CHUNK = 1000;

/**
 * Issue 25: the statistics' rollup tables (migration 202612061300_stats_rollup). Days are local
 * dates `YYYY-MM-DD`; app/stats-rollup.ts decides which are clean and fills them.
 */

/** Which day rows a statistic sums: runs of local days (inclusive), within the scope. */
export type RollupFilter = {
  /** The clean days whose month is not folded (dirty days are counted live, folded months from their rows). */
  days: { from: string; to: string }[];
  scope: Scope;
  procedureId?: string;
  unitPath?: string;
};

/**
 * The filter as one condition on columns both rollup tables have; the scope as `inScope` spells it,
 * on the rollup's procedure and unit path (recusal is the caller's: app/stats-rollup.ts).
 */
function rollupWhere(f: RollupFilter): Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = [
    f.days.length
      ? sql`(${sql.join(
          f.days.map((d) => sql`(day >= ${d.from} and day <= ${d.to})`),
          sql` or `,
        )})`
      : sql`1 = 0`,
  ];
  if (!f.scope.everything) {
    const byProcedure = f.scope.byProcedure.map((s) =>
      s.all
        ? sql`procedure_id = ${s.procedureId}`
        : sql`(procedure_id = ${s.procedureId} and (${sql.join(
            s.unitPaths.map((path) => sql`org_unit_path like ${`${path}%`}`),
            sql` or `,
          )}))`,
    );
    parts.push(byProcedure.length ? sql`(${sql.join(byProcedure, sql` or `)})` : sql`1 = 0`);
  }
  if (f.procedureId) parts.push(sql`procedure_id = ${f.procedureId}`);
  if (f.unitPath) parts.push(sql`org_unit_path like ${`${f.unitPath}%`}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** `dimensionCounts` summed from the rollup. */
export async function rolledDimensions(db: Db, f: RollupFilter): Promise<DimensionRow[]> {
  const dims = [
    'procedure_id',
    'kind',
    'category',
    'severity',
    'channel',
    'org_unit_id',
    'status',
    'outcome',
    'closed',
    'rating',
  ] as const;
  const rows = await db
    .selectFrom('stats_rollup')
    .where(rollupWhere(f))
    .select((eb) => [...dims, eb.fn.sum<number | string>('n').as('n')])
    .groupBy([...dims])
    .execute();
  return rows.map(dimensionOfRow);
}

/** A `stats_rollup` row as the GROUP BYs give it: the rating is stored as text, the sums may be too. */
function dimensionOfRow<R extends { closed: number | string; rating: string | null; n: number | string }>(r: R) {
  return { ...r, closed: Number(r.closed), rating: r.rating === null ? null : Number(r.rating), n: Number(r.n) };
}

/** Cases per local month (`YYYY-MM`) from the rollup. */
export async function rolledMonths(db: Db, f: RollupFilter): Promise<{ month: string; n: number }[]> {
  const month = sql<string>`substr(day, 1, 7)`;
  const rows = await db
    .selectFrom('stats_rollup')
    .where(rollupWhere(f))
    .select((eb) => [month.as('month'), eb.fn.sum<number | string>('n').as('n')])
    .groupBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/** Closed cases per (local day received, local day closed) from the rollup. */
export async function rolledSpans(db: Db, f: RollupFilter): Promise<{ day: string; closed_day: string; n: number }[]> {
  const rows = await db
    .selectFrom('stats_rollup_spans')
    .where(rollupWhere(f))
    .select((eb) => ['day', 'closed_day', eb.fn.sum<number | string>('n').as('n')])
    .groupBy(['day', 'closed_day'])
    .execute();
  return rows.map((r) => ({ day: r.day, closed_day: r.closed_day, n: Number(r.n) }));
}

/** The distinct receipt instants in the change log within [from, to): the dirty days' cases. */
export async function changedInstants(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('stats_changes')
    .select('received_at')
    .distinct()
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .execute();
  return rows.map((r) => r.received_at);
}

/** Change log entries of the earliest days before `before`: what the refresher works on next. */
export async function oldestChanges(db: Db, limit: number, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom('stats_changes')
    .select('received_at')
    .where('received_at', '<', before)
    // By day, from the received_at index: walking the log in id order would read past every entry
    // of today (all of them, on a busy day) to find none before `before`.
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.received_at);
}

export type RollupDay = {
  day: string;
  from: string;
  to: string;
  dims: (DimensionRow & { org_unit_path: string | null })[];
  spans: { procedure_id: string; org_unit_path: string | null; closed_day: string; n: number }[];
  /** Clocks, links and respondents (`stats_rollup_day_facts`). */
  facts: DayFact[];
};

export type DayFact = { procedure_id: string; org_unit_path: string | null; dim: FactDim; value: string; n: number };

/**
 * Replaces one day's rollup rows and forgets the day's change log entries that this transaction
 * sees (an entry committed after its snapshot stays, so the day stays dirty).
 */
export async function replaceDay(db: Db, d: RollupDay): Promise<void> {
  await clearDay(db, d.day);
  const rows = dayRows(d);
  for (let i = 0; i < rows.length; i += CHUNK) await insertDayRows(db, rows.slice(i, i + CHUNK));
  await forgetChanges(db, d.from, d.to);
}

/** A day's rows as written: the table and the row. */
export type DayRow = readonly [DayTable, Record<string, unknown>];
type DayTable = 'stats_rollup' | 'stats_rollup_spans' | 'stats_rollup_day_facts';

/** A day's rows as written, for the refresher that writes a counted day in several units. */
export function dayRows(d: RollupDay): DayRow[] {
  return [
    ...d.facts.map((r) => ['stats_rollup_day_facts', { ...r, day: d.day }] as const),
    ...d.dims.map(
      (r) => ['stats_rollup', { ...r, day: d.day, rating: r.rating === null ? null : String(r.rating) }] as const,
    ),
    ...d.spans.map((r) => ['stats_rollup_spans', { ...r, day: d.day }] as const),
  ];
}

/** Deletes a day's rows, and its month's folded mark: the month no longer matches its days. */
export async function clearDay(db: Db, day: string): Promise<void> {
  await db.deleteFrom('stats_rollup').where('day', '=', day).execute();
  await db.deleteFrom('stats_rollup_spans').where('day', '=', day).execute();
  await db.deleteFrom('stats_rollup_day_facts').where('day', '=', day).execute();
  await db.deleteFrom('stats_rollup_folded').where('month', '=', day.slice(0, 7)).execute();
}

/** Inserts day rows (of any of the three tables), a statement per table. */
export async function insertDayRows(db: Db, rows: readonly DayRow[]): Promise<void> {
  for (const table of ['stats_rollup_day_facts', 'stats_rollup', 'stats_rollup_spans'] as const) {
    const of = rows.filter((r) => r[0] === table).map((r) => r[1]);
    if (of.length) await insertRows(db, table, of as never);
  }
}

/** The greatest change-log id of receipt instants in [from, to) (0 when none). */
export async function lastChange(db: Db, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('stats_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Forgets the change-log entries of [from, to), those up to id `upTo` when given. */
export async function forgetChanges(db: Db, from: string, to: string, upTo?: number): Promise<void> {
  let q = db.deleteFrom('stats_changes').where('received_at', '>=', from).where('received_at', '<', to);
  if (upTo !== undefined) q = q.where('id', '<=', upTo);
  await q.execute();
}

/** Row counts of the rollup and the change log (the benchmark reports them). */
export async function rollupSizes(db: Db): Promise<{
  rollup: number;
  spans: number;
  changes: number;
  dayFacts: number;
  monthFacts: number;
  folded: number;
}> {
  const count = async (
    t:
      | 'stats_rollup'
      | 'stats_rollup_spans'
      | 'stats_changes'
      | 'stats_rollup_day_facts'
      | 'stats_rollup_facts'
      | 'stats_rollup_folded',
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  return {
    rollup: await count('stats_rollup'),
    spans: await count('stats_rollup_spans'),
    changes: await count('stats_changes'),
    dayFacts: await count('stats_rollup_day_facts'),
    monthFacts: await count('stats_rollup_facts'),
    folded: await count('stats_rollup_folded'),
  };
}

/** Receipt and closing instants, procedure and unit path of the cases received in [from, to) and closed. */
export async function closedSpans(
  db: Db,
  from: string,
  to: string,
): Promise<{ procedure_id: string; org_unit_path: string | null; received_at: string; closed_at: string }[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['procedure_id', 'org_unit_path', 'received_at', 'closed_at'])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .where('closed_at', 'is not', null)
    .execute();
  return rows as { procedure_id: string; org_unit_path: string | null; received_at: string; closed_at: string }[];
}

/** The day facts of the filter's days, per procedure: every dimension but `only`'s complement. */
export async function rolledDayFacts(db: Db, f: RollupFilter, only?: FactDim): Promise<Fact[]> {
  let q = db.selectFrom('stats_rollup_day_facts').where(rollupWhere(f));
  if (only) q = q.where('dim', '=', only);
  const rows = await q
    .select((eb) => ['procedure_id', 'dim', 'value', eb.fn.sum<number | string>('n').as('n')])
    .groupBy(['procedure_id', 'dim', 'value'])
    .execute();
  return rows.map((r) => ({ procedure_id: r.procedure_id, dim: r.dim as FactDim, value: r.value, n: Number(r.n) }));
}

/**
 * Which unit subtrees' month rows a reader sums: all procedures under the same subtrees, or per
 * procedure (domain/stats-facts.ts `readSubtrees`); disjoint, so each case is counted once.
 */
export type MonthScope = { all: string[] } | { byProcedure: { procedureId: string; subtrees: string[] }[] };

/** The folded months' facts within the scope, summed per procedure, dimension and value. */
export async function monthFacts(db: Db, months: string[], scope: MonthScope, procedureId?: string): Promise<Fact[]> {
  if (months.length === 0) return [];
  let q = db.selectFrom('stats_rollup_facts').where('month', 'in', months);
  if ('all' in scope) q = q.where('unit_path', 'in', scope.all.length ? scope.all : ['\u0000']);
  else {
    const parts = scope.byProcedure.map(
      (s) => sql<SqlBool>`(procedure_id = ${s.procedureId} and unit_path in (${sql.join(s.subtrees)}))`,
    );
    // The union of the subtrees first, so the index on (unit_path, month) narrows the rows the OR then sorts out.
    const subtrees = [...new Set(scope.byProcedure.flatMap((s) => s.subtrees))];
    if (subtrees.length) q = q.where('unit_path', 'in', subtrees);
    q = q.where(parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`);
  }
  if (procedureId) q = q.where('procedure_id', '=', procedureId);
  const rows = await q
    .select((eb) => ['procedure_id', 'dim', 'value', eb.fn.sum<number | string>('n').as('n')])
    .groupBy(['procedure_id', 'dim', 'value'])
    .execute();
  return rows.map((r) => ({ procedure_id: r.procedure_id, dim: r.dim as FactDim, value: r.value, n: Number(r.n) }));
}

/** Of these months, those folded with this calendar (their rows are current). */
export async function foldedMonths(db: Db, months: string[], calendar: string): Promise<Set<string>> {
  if (months.length === 0) return new Set();
  const rows = await db
    .selectFrom('stats_rollup_folded')
    .select('month')
    .where('month', 'in', months)
    .where('calendar', '=', calendar)
    .execute();
  return new Set(rows.map((r) => r.month));
}

/** Months folded with another calendar than this one: their handling times are counted again. */
export async function staleMonths(db: Db, calendar: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('stats_rollup_folded')
    .select('month')
    .where('calendar', '<>', calendar)
    .orderBy('month')
    .limit(limit)
    .execute();
  return rows.map((r) => r.month);
}

/** Whether the change log holds a receipt instant in [from, to). */
export async function hasChanges(db: Db, from: string, to: string): Promise<boolean> {
  const row = await db
    .selectFrom('stats_changes')
    .select('received_at')
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A month's day rows (local days `month-01`..`month-31`), what its month rows are folded from. */
export async function monthDays(db: Db, month: string) {
  const first = `${month}-01`;
  const last = `${month}-31`;
  const dims = (
    await db.selectFrom('stats_rollup').selectAll().where('day', '>=', first).where('day', '<=', last).execute()
  ).map(dimensionOfRow);
  const spans = await db
    .selectFrom('stats_rollup_spans')
    .selectAll()
    .where('day', '>=', first)
    .where('day', '<=', last)
    .execute();
  // Running clocks stay in the day rows: whether one is overdue depends on the moment of reading.
  const facts = await db
    .selectFrom('stats_rollup_day_facts')
    .selectAll()
    .where('day', '>=', first)
    .where('day', '<=', last)
    .where('dim', '<>', 'clock-due')
    .execute();
  return { dims, spans, facts };
}

export type MonthFact = { procedure_id: string; unit_path: string; dim: FactDim; value: string; n: number };

/** Replaces a month's rows and marks it folded with this calendar. */
export async function replaceMonth(db: Db, month: string, calendar: string, rows: MonthFact[]): Promise<void> {
  await clearMonth(db, month);
  for (let i = 0; i < rows.length; i += CHUNK) await insertMonthRows(db, month, rows.slice(i, i + CHUNK));
  await markFolded(db, month, calendar);
}

/** Deletes a month's rows and its folded mark. */
export async function clearMonth(db: Db, month: string): Promise<void> {
  await db.deleteFrom('stats_rollup_folded').where('month', '=', month).execute();
  await db.deleteFrom('stats_rollup_facts').where('month', '=', month).execute();
}

export async function insertMonthRows(db: Db, month: string, rows: MonthFact[]): Promise<void> {
  if (rows.length)
    await insertRows(
      db,
      'stats_rollup_facts',
      rows.map((r) => ({ ...r, month })),
    );
}

/** Marks a month folded with this calendar: from now on a statistic reads its rows. */
export async function markFolded(db: Db, month: string, calendar: string): Promise<void> {
  await db.deleteFrom('stats_rollup_folded').where('month', '=', month).execute();
  await db.insertInto('stats_rollup_folded').values({ month, calendar }).execute();
}
