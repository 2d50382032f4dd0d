import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../domain/policy.ts';
import type { Db } from './cases.repository.ts';
import { insertRows } from './insert.ts';
import type { DimensionRow } from './stats.repository.ts';

/**
 * Issue 25: the statistics' rollup tables (migration 202612061300_stats_rollup). Days are local
 * dates `YYYY-MM-DD`; app/stats-rollup.ts decides which are clean and fills them.
 */

/** Which rolled-up rows a statistic sums: local days fromDay..toDay except `skip`, within the scope. */
export type RollupFilter = {
  fromDay: string;
  toDay: string;
  /** Days whose rows are stale (still in the change log): counted live instead. */
  skip: string[];
  scope: Scope;
  procedureId?: string;
  unitPath?: string;
};

/**
 * The filter as one condition on columns both rollup tables have; the scope as `inScope` spells it,
 * on the rollup's procedure and unit path (recusal is the caller's: app/stats-rollup.ts).
 */
function rollupWhere(f: RollupFilter): Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`day >= ${f.fromDay}`, sql`day <= ${f.toDay}`];
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
  if (f.skip.length) parts.push(sql`day not in (${sql.join(f.skip)})`);
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
  return rows.map((r) => ({
    ...r,
    closed: Number(r.closed),
    rating: r.rating === null ? null : Number(r.rating),
    n: Number(r.n),
  }));
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
};

/**
 * Replaces one day's rollup rows and forgets the day's change log entries that this transaction
 * sees (an entry committed after its snapshot stays, so the day stays dirty).
 */
export async function replaceDay(db: Db, d: RollupDay): Promise<void> {
  await db.deleteFrom('stats_rollup').where('day', '=', d.day).execute();
  await db.deleteFrom('stats_rollup_spans').where('day', '=', d.day).execute();
  if (d.dims.length)
    await insertRows(
      db,
      'stats_rollup',
      d.dims.map((r) => ({ ...r, day: d.day, rating: r.rating === null ? null : String(r.rating) })),
    );
  if (d.spans.length)
    await insertRows(
      db,
      'stats_rollup_spans',
      d.spans.map((r) => ({ ...r, day: d.day })),
    );
  await db.deleteFrom('stats_changes').where('received_at', '>=', d.from).where('received_at', '<', d.to).execute();
}

/** Row counts of the rollup and the change log (the benchmark reports them). */
export async function rollupSizes(db: Db): Promise<{ rollup: number; spans: number; changes: number }> {
  const count = async (t: 'stats_rollup' | 'stats_rollup_spans' | 'stats_changes') =>
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
