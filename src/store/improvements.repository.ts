import type { Selectable, Updateable } from 'kysely';
import type { Db } from './cases.repository.ts';
import type { ImprovementActionTable } from './schema.ts';

export type ImprovementRow = Selectable<ImprovementActionTable>;
export type ImprovementChanges = Omit<Updateable<ImprovementActionTable>, 'id' | 'version'>;

/** Unit paths the reader may see (prefix match); null: everything. */
export type UnitScope = string[] | null;

export async function insertImprovement(db: Db, row: ImprovementRow, caseIds: string[]): Promise<void> {
  await db.insertInto('improvement_actions').values(row).execute();
  if (caseIds.length)
    await db
      .insertInto('improvement_cases')
      .values(caseIds.map((case_id) => ({ action_id: row.id, case_id })))
      .execute();
}

export async function findImprovement(db: Db, id: string): Promise<ImprovementRow | undefined> {
  return db.selectFrom('improvement_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImprovementIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: ImprovementChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('improvement_actions')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function linkImprovementCases(db: Db, id: string, add: string[], remove: string[]): Promise<void> {
  if (remove.length)
    await db.deleteFrom('improvement_cases').where('action_id', '=', id).where('case_id', 'in', remove).execute();
  const existing = new Set((await improvementCaseIds(db, [id])).get(id) ?? []);
  const fresh = [...new Set(add)].filter((c) => !existing.has(c));
  if (fresh.length)
    await db
      .insertInto('improvement_cases')
      .values(fresh.map((case_id) => ({ action_id: id, case_id })))
      .execute();
}

/** The linked cases of each action, with their tracking numbers. */
export async function improvementCaseIds(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('improvement_cases')
    .select(['action_id', 'case_id'])
    .where('action_id', 'in', ids)
    .orderBy('case_id')
    .execute();
  for (const r of rows) out.set(r.action_id, [...(out.get(r.action_id) ?? []), r.case_id]);
  return out;
}

export type ImprovementFilter = {
  scope: UnitScope;
  status?: string;
  kind?: string;
  causeCategory?: string;
  unitPath?: string;
  caseId?: string;
  /** Summary periods: created before `createdBefore`; completed within [completedFrom, completedTo). */
  completedFrom?: string;
  completedTo?: string;
  /** Not done at this instant: created before it, and not completed or completed later. */
  openAt?: string;
  limit: number;
};

export async function listImprovements(db: Db, f: ImprovementFilter): Promise<ImprovementRow[]> {
  let query = db.selectFrom('improvement_actions').selectAll();
  if (f.scope !== null) {
    const paths = f.scope;
    if (paths.length === 0) return [];
    query = query.where((eb) => eb.or(paths.map((p) => eb('org_unit_path', 'like', `${p}%`))));
  }
  if (f.status) query = query.where('status', '=', f.status);
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.causeCategory) query = query.where('cause_category', '=', f.causeCategory);
  if (f.unitPath) query = query.where('org_unit_path', 'like', `${f.unitPath}%`);
  if (f.openAt) {
    const at = f.openAt;
    query = query
      .where('created_at', '<', at)
      .where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '>=', at)]));
  }
  if (f.completedFrom) query = query.where('completed_at', '>=', f.completedFrom);
  if (f.completedTo) query = query.where('completed_at', '<', f.completedTo);
  if (f.caseId) {
    const caseId = f.caseId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('improvement_cases').select('action_id').where('case_id', '=', caseId),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}
