import type { Selectable } from 'kysely';
import type { Db } from './cases.repository.ts';
import type { MonthlyReportTable } from './schema.ts';

export type MonthlyReportRow = Selectable<MonthlyReportTable>;

export async function findReport(db: Db, month: string, unitId: string): Promise<MonthlyReportRow | undefined> {
  return db
    .selectFrom('monthly_reports')
    .selectAll()
    .where('month', '=', month)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

/** Inserts unless the (month, unit) report exists; true when this call stored it. */
export async function insertReport(db: Db, row: MonthlyReportRow): Promise<boolean> {
  const result = await db
    .insertInto('monthly_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['month', 'unit_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Reports without their bodies' weight in the list: newest month first, organisation first. */
export async function listReports(db: Db, month?: string): Promise<MonthlyReportRow[]> {
  let q = db.selectFrom('monthly_reports').selectAll();
  if (month) q = q.where('month', '=', month);
  const rows = await q.orderBy('month', 'desc').limit(500).execute();
  // The organisation ('' unit, no path) first, then units in tree order; NULL ordering differs by database.
  return rows.sort((a, b) => b.month.localeCompare(a.month) || (a.unit_path ?? '').localeCompare(b.unit_path ?? ''));
}
