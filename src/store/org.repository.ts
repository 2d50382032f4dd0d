import type { Selectable } from 'kysely';
import type { OrgUnitTable, RoleGrantTable } from './schema.ts';
import type { Db } from './cases.repository.ts';

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;

export async function insertOrgUnit(db: Db, row: OrgUnitRow): Promise<void> {
  await db.insertInto('org_units').values(row).execute();
}

export async function findOrgUnit(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrgUnits(db: Db): Promise<OrgUnitRow[]> {
  return db.selectFrom('org_units').selectAll().orderBy('path').execute();
}

export async function insertGrant(db: Db, row: RoleGrantRow): Promise<void> {
  await db.insertInto('role_grants').values(row).execute();
}

export async function deleteGrant(db: Db, id: string): Promise<RoleGrantRow | undefined> {
  const row = await db.selectFrom('role_grants').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('role_grants').where('id', '=', id).execute();
  return row;
}

/** A user's grants with the path of each grant's unit (null: the whole organisation). */
export async function grantsOf(
  db: Db,
  userId: string,
): Promise<(RoleGrantRow & { unit_path: string | null; unit_name: string | null })[]> {
  return db
    .selectFrom('role_grants')
    .leftJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
    .selectAll('role_grants')
    .select(['org_units.path as unit_path', 'org_units.name as unit_name'])
    .where('role_grants.user_id', '=', userId)
    .orderBy('role_grants.granted_at')
    .execute();
}

/** Every grant with its unit's name, for the admin's user list. */
export async function allGrants(db: Db): Promise<(RoleGrantRow & { unit_name: string | null })[]> {
  return db
    .selectFrom('role_grants')
    .leftJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
    .selectAll('role_grants')
    .select(['org_units.name as unit_name'])
    .orderBy('role_grants.granted_at')
    .execute();
}
