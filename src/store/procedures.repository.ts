import type { Selectable } from 'kysely';
import type { ProcedureTable } from './schema.ts';
import type { Db } from './cases.repository.ts';

export type ProcedureRow = Selectable<ProcedureTable>;

export async function allProcedureVersions(db: Db): Promise<ProcedureRow[]> {
  return db.selectFrom('procedures').selectAll().orderBy('id').orderBy('version').execute();
}

export async function insertProcedureVersion(db: Db, row: ProcedureRow): Promise<void> {
  await db.insertInto('procedures').values(row).execute();
}

export async function findProcedureVersion(db: Db, id: string, version: number): Promise<ProcedureRow | undefined> {
  return db.selectFrom('procedures').selectAll().where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

/** Which versions are recorded, without their definitions: the cheap look instances take every few seconds. */
export async function procedureVersionKeys(db: Db): Promise<{ id: string; version: number }[]> {
  return db.selectFrom('procedures').select(['id', 'version']).execute();
}
