import { PostgresAdapter, sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../domain/policy.ts';
import type { CaseCombination } from '../domain/stats-facts.ts';
import { inScope, openSubjects, type Db } from './cases.repository.ts';
import type { Dialect } from './db.ts';
import type { Database } from './schema.ts';

/** Which cases a statistic counts: received in [from, to), within the scope, optionally narrowed. */
export type StatsFilter = {
  /** ISO instants: received_at >= from and < to. */
  from: string;
  to: string;
  scope: Scope;
  procedureId?: string;
  /** An org unit's path: that unit and the units below it. */
  unitPath?: string;
  /** Issue 25: only these parts of [from, to) (ISO instants, `to` exclusive): the days not rolled up. */
  ranges?: { from: string; to: string }[];
  /**
   * Issue 25: only these cases (within the filter otherwise): a recused reader's cases, which the
   * rollup counts for everyone and are taken off it (`recusedCases`).
   */
  caseIds?: string[];
};

function periodCases(db: Db, f: StatsFilter): SelectQueryBuilder<Database, 'cases', object> {
  let q = db
    .selectFrom('cases')
    .where('cases.received_at', '>=', f.from)
    .where('cases.received_at', '<', f.to)
    .where((eb) => inScope(eb, f.scope));
  // A few cases by key, not the period's cases each checked against a list.
  if (f.caseIds) q = q.where('cases.id', 'in', f.caseIds.length ? f.caseIds : ['']);
  if (f.ranges) {
    const ranges = f.ranges;
    q = q.where((eb) =>
      eb.or(ranges.map((r) => eb.and([eb('cases.received_at', '>=', r.from), eb('cases.received_at', '<', r.to)]))),
    );
  }
  if (f.procedureId) q = q.where('cases.procedure_id', '=', f.procedureId);
  if (f.unitPath) q = q.where('cases.org_unit_path', 'like', `${f.unitPath}%`);
  return q;
}

/**
 * Issue 25: the cases received in [from, to) that a recusal takes away from its reader (as
 * `recusedFrom` decides), read from `case_exclusions`, which is small.
 */
export async function recusedCases(
  db: Db,
  recused: NonNullable<Scope['recused']>,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('case_exclusions as x')
    .innerJoin('cases', 'cases.id', 'x.case_id')
    .select('x.case_id')
    .distinct()
    .where((xb) =>
      xb.or([
        xb('x.user_id', '=', recused.userId),
        ...recused.memberPaths.map((path) => sql<SqlBool>`${path} like x.unit_path || '%'`),
      ]),
    )
    // SQLite (issue 25): from the exclusions, a few per thousand cases, each case found by its id.
    // With the period's index on `cases` it walked every case of the period and looked each up in
    // the exclusions: 346 ms of a unit manager's 370 ms year at 1M. PostgreSQL plans by its statistics.
    .where(periodColumn(db), '>=', from)
    .where(periodColumn(db), '<', to)
    .execute();
  return rows.map((r) => r.case_id);
}

/** `cases.received_at`, on SQLite written so that no index answers it (`+column`). */
function periodColumn(db: Db) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql.ref('cases.received_at')
    : sql`+${sql.ref('cases.received_at')}`;
}

export type DimensionRow = CaseCombination & { procedure_id: string; n: number };

/** The submitter's rating (`data.satisfaction`, set by the rating input of EVA-1). */
function ratingOf(dialect: Dialect) {
  // JSON is text on both databases; this is the one place the two dialects are spelled apart.
  return dialect === 'sqlite'
    ? sql<number | string | null>`json_extract(cases.data, '$.satisfaction')`
    : sql<number | string | null>`(cases.data::jsonb ->> 'satisfaction')`;
}

/**
 * Counts by every dimension at once: one pass over the period's cases, grouped by the combination;
 * the caller sums the combinations into each breakdown (far fewer rows than cases).
 */
export async function dimensionCounts(db: Db, dialect: Dialect, f: StatsFilter): Promise<DimensionRow[]> {
  return (await dimensionRows(db, dialect, f, false)).map(({ org_unit_path: _, ...r }) => r);
}

/** `dimensionCounts` of all cases received in [from, to), also by unit path: one day's rollup rows. */
export async function rollupDimensionRows(
  db: Db,
  dialect: Dialect,
  from: string,
  to: string,
): Promise<(DimensionRow & { org_unit_path: string | null })[]> {
  return dimensionRows(db, dialect, { from, to, scope: { everything: true, byProcedure: [], recused: null } }, true);
}

async function dimensionRows(
  db: Db,
  dialect: Dialect,
  f: StatsFilter,
  byPath: boolean,
): Promise<(DimensionRow & { org_unit_path: string | null })[]> {
  const rating = ratingOf(dialect);
  const path = byPath ? sql<string | null>`cases.org_unit_path` : sql<string | null>`null`;
  const rows = await periodCases(db, f)
    .select((eb) => [
      path.as('org_unit_path'),
      'cases.procedure_id',
      'cases.kind',
      'cases.category',
      'cases.severity',
      'cases.channel',
      'cases.org_unit_id',
      'cases.status',
      'cases.outcome',
      eb.case().when('cases.closed_at', 'is not', null).then(1).else(0).end().as('closed'),
      rating.as('rating'),
      eb.fn.countAll<number | string>().as('n'),
    ])
    .groupBy([
      'cases.procedure_id',
      'cases.kind',
      'cases.category',
      'cases.severity',
      'cases.channel',
      'cases.org_unit_id',
      'cases.status',
      'cases.outcome',
      'closed',
      rating,
      ...(byPath ? ['cases.org_unit_path' as const] : []),
    ])
    .execute();
  return rows.map((r) => ({
    ...r,
    closed: Number(r.closed),
    n: Number(r.n),
    rating: r.rating === null || r.rating === '' || !Number.isFinite(Number(r.rating)) ? null : Number(r.rating),
  }));
}

/** Cases per UTC hour of receipt (`YYYY-MM-DDTHH`): the caller folds hours into local months. */
export async function hourCounts(db: Db, f: StatsFilter): Promise<{ hour: string; n: number }[]> {
  const hour = sql<string>`substr(cases.received_at, 1, 13)`;
  const rows = await periodCases(db, f)
    .select([hour.as('hour'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(hour)
    .execute();
  return rows.map((r) => ({ hour: r.hour, n: Number(r.n) }));
}

export type ClockCountRow = {
  procedure_id: string;
  clock: string;
  met: number;
  missed: number;
  overdue: number;
  running: number;
  org_unit_id: string | null;
};

/**
 * Clocks of the period's cases, per procedure, clock and owning unit: met (stopped by the due
 * time), missed (stopped late), overdue (still running past due or marked breached) and running.
 */
export async function clockCounts(db: Db, f: StatsFilter, now: string): Promise<ClockCountRow[]> {
  const rows = await periodCases(db, f)
    .innerJoin('clocks', 'clocks.case_id', 'cases.id')
    .select((eb) => [
      'cases.procedure_id',
      'clocks.clock',
      'cases.org_unit_id',
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.and([
                eb('clocks.stopped_at', 'is not', null),
                eb('clocks.breached_at', 'is', null),
                eb(eb.ref('clocks.stopped_at'), '<=', eb.ref('clocks.due_at')),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('met'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.and([
                eb('clocks.stopped_at', 'is not', null),
                eb.or([
                  eb('clocks.breached_at', 'is not', null),
                  eb(eb.ref('clocks.stopped_at'), '>', eb.ref('clocks.due_at')),
                ]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('missed'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.and([
                eb('clocks.stopped_at', 'is', null),
                eb.or([eb('clocks.breached_at', 'is not', null), eb('clocks.due_at', '<=', now)]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.and([
                eb('clocks.stopped_at', 'is', null),
                eb('clocks.breached_at', 'is', null),
                eb('clocks.due_at', '>', now),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('running'),
    ])
    .groupBy(['cases.procedure_id', 'clocks.clock', 'cases.org_unit_id'])
    .execute();
  return rows.map((r) => ({
    ...r,
    met: Number(r.met),
    missed: Number(r.missed),
    overdue: Number(r.overdue),
    running: Number(r.running),
  }));
}

/**
 * Linked cases among the period's, per procedure (and unit path, for the day rollup): how many are
 * repeats of an earlier case (INT-6, `repeat` links point from the earlier case to the repeat), and
 * how many were appealed (APL-4).
 */
export async function linkCounts(
  db: Db,
  f: StatsFilter,
  byPath = false,
): Promise<{ procedure_id: string; org_unit_path: string | null; repeats: number; appealed: number }[]> {
  const path = byPath ? sql<string | null>`cases.org_unit_path` : sql<string | null>`null`;
  const rows = await periodCases(db, f)
    .select((eb) => [
      'cases.procedure_id',
      path.as('org_unit_path'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('case_links as l')
                  .select('l.to_case_id')
                  .whereRef('l.to_case_id', '=', 'cases.id')
                  .where('l.kind', '=', 'repeat'),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('repeats'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('case_links as l')
                  .select('l.from_case_id')
                  .whereRef('l.from_case_id', '=', 'cases.id')
                  .where('l.kind', '=', 'appeal'),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('appealed'),
    ])
    .groupBy(['cases.procedure_id', ...(byPath ? ['cases.org_unit_path' as const] : [])])
    .execute();
  return rows.map((r) => ({
    procedure_id: r.procedure_id,
    org_unit_path: r.org_unit_path,
    repeats: Number(r.repeats ?? 0),
    appealed: Number(r.appealed ?? 0),
  }));
}

/**
 * Issue 25: each clock of the period's cases with its unit and times (the day rollup classifies
 * them as `clockCounts` does: domain/stats-facts.ts `clockFact`).
 */
export async function clockRows(db: Db, f: StatsFilter) {
  return periodCases(db, f)
    .innerJoin('clocks', 'clocks.case_id', 'cases.id')
    .select([
      'cases.procedure_id',
      'cases.org_unit_path',
      'cases.org_unit_id',
      'clocks.clock',
      'clocks.due_at',
      'clocks.stopped_at',
      'clocks.breached_at',
    ])
    .execute();
}

/**
 * Per case of the period: receipt and closing instants (handling time in working days is counted
 * by the calendar, in the application).
 */
export async function caseSpans(db: Db, f: StatsFilter): Promise<{ received_at: string; closed_at: string | null }[]> {
  return periodCases(db, f).select(['cases.received_at', 'cases.closed_at']).execute();
}

/**
 * How many of the period's cases name each respondent, per procedure (and unit path, for the day
 * rollup), as `case_respondents` holds them (keyed hashes of the names, issue 24): no case is
 * opened for the counting.
 */
export async function respondentCounts(
  db: Db,
  f: StatsFilter,
  byPath = false,
): Promise<{ procedure_id: string; org_unit_path: string | null; hash: string; n: number }[]> {
  // The period's cases as a subquery, not a join: case_respondents has procedure_id and
  // received_at too, which the scope's unqualified columns would find ambiguous.
  const cases = periodCases(db, f).select(['cases.id', 'cases.org_unit_path']).as('c');
  const rows = await db
    .selectFrom('case_respondents as r')
    .innerJoin(cases, 'c.id', 'r.case_id')
    .select((eb) => [
      'r.procedure_id',
      (byPath ? sql<string | null>`c.org_unit_path` : sql<string | null>`null`).as('org_unit_path'),
      'r.name as hash',
      eb.fn.countAll<number | string>().as('n'),
    ])
    .groupBy(['r.procedure_id', 'r.name', ...(byPath ? [sql`c.org_unit_path`] : [])])
    .execute();
  return rows.map((r) => ({
    procedure_id: r.procedure_id,
    org_unit_path: r.org_unit_path,
    hash: r.hash,
    n: Number(r.n),
  }));
}

/**
 * One case of the period naming each respondent (by procedure and hash, as the index
 * `case_respondents_name` is ordered): its sealed respondents say the name. The newest of each,
 * one index entry a name (issue 25): the year's statistics at 1M cases took 440 ms of their 500 here
 * when this was the greatest case id over all of a top name's cases, read and grouped.
 */
export async function respondentSamples(
  db: Db,
  named: { procedureId: string; hash: string }[],
  from: string,
  to: string,
): Promise<Map<string, string>> {
  if (named.length === 0) return new Map();
  const arms = named.map(
    (x, i) =>
      sql`select * from (select name, case_id from case_respondents where procedure_id = ${x.procedureId} and name = ${x.hash} and received_at >= ${from} and received_at < ${to} order by received_at desc limit 1) as ${sql.id(`s${i}`)}`,
  );
  const { rows } = await sql<{ name: string; case_id: string }>`${sql.join(arms, sql` union all `)}`.execute(db);
  return new Map(rows.map((r) => [r.name, r.case_id]));
}

export type NotableRow = {
  id: string;
  tracking_no: string;
  procedure_id: string;
  procedure_version: number;
  subject: string;
  status: string;
  severity: string | null;
  received_at: string;
  org_unit_id: string | null;
  overdue: number;
  appealed: number;
};

/**
 * The period's notable cases for a report: a clock overdue or missed, the procedure's most severe
 * level (`severities` given by the caller), or appealed. Capped: a report lists, it does not dump.
 */
export async function notableCases(
  db: Db,
  f: StatsFilter,
  severities: string[],
  now: string,
  limit: number,
): Promise<NotableRow[]> {
  const rows = await periodCases(db, f)
    .select((eb) => {
      const overdue = eb.exists(
        eb
          .selectFrom('clocks as k')
          .select('k.case_id')
          .whereRef('k.case_id', '=', 'cases.id')
          .where((kb) =>
            kb.or([
              kb('k.breached_at', 'is not', null),
              kb.and([kb('k.stopped_at', 'is not', null), kb(kb.ref('k.stopped_at'), '>', kb.ref('k.due_at'))]),
              kb.and([kb('k.stopped_at', 'is', null), kb('k.due_at', '<=', now)]),
            ]),
          ),
      );
      const appealed = eb.exists(
        eb
          .selectFrom('case_links as l')
          .select('l.from_case_id')
          .whereRef('l.from_case_id', '=', 'cases.id')
          .where('l.kind', '=', 'appeal'),
      );
      return [
        'cases.id',
        'cases.tracking_no',
        'cases.procedure_id',
        'cases.procedure_version',
        'cases.subject',
        'cases.status',
        'cases.severity',
        'cases.received_at',
        'cases.org_unit_id',
        eb.case().when(overdue).then(1).else(0).end().as('overdue'),
        eb.case().when(appealed).then(1).else(0).end().as('appealed'),
      ];
    })
    .where((eb) =>
      eb.or([
        ...(severities.length ? [eb('cases.severity', 'in', severities)] : []),
        eb.exists(
          eb
            .selectFrom('clocks as k')
            .select('k.case_id')
            .whereRef('k.case_id', '=', 'cases.id')
            .where((kb) =>
              kb.or([
                kb('k.breached_at', 'is not', null),
                kb.and([kb('k.stopped_at', 'is not', null), kb(kb.ref('k.stopped_at'), '>', kb.ref('k.due_at'))]),
                kb.and([kb('k.stopped_at', 'is', null), kb('k.due_at', '<=', now)]),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('case_links as l')
            .select('l.from_case_id')
            .whereRef('l.from_case_id', '=', 'cases.id')
            .where('l.kind', '=', 'appeal'),
        ),
      ]),
    )
    .orderBy('cases.id', 'asc')
    .limit(limit)
    .execute()
    .then((found) => openSubjects(db, found, (r) => r.id)); // sealed (issue 24)
  return rows.map((r) => ({
    ...r,
    procedure_version: Number(r.procedure_version),
    overdue: Number(r.overdue),
    appealed: Number(r.appealed),
  }));
}
