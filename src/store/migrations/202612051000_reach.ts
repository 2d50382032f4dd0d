import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (reach): every case in a real unit and the people it accuses kept out from intake.
 *
 * - `case_exclusions.suggested`: 1 when the exclusion came from matching a respondent against the
 *   staff directory at intake (it excludes at once, fail-closed; staff confirm or clear it).
 * - `users.staff_no`: the staff number respondents are matched by (with username and display name).
 * - `procedure_intake_units`: the unit an admin names for a procedure's new cases (客服部).
 * - `unreached_cases`: cases a notice to a role found nobody for (shown as 无人可办 on the board).
 * - Cases without a unit move to the root unit (the organisation), where one exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('case_exclusions')
    .addColumn('suggested', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('staff_no', 'text').execute();
  await db.schema
    .createTable('procedure_intake_units')
    .addColumn('procedure_id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('unreached_cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
  const root = await sql<{ id: string; path: string }>`
    select id, path from org_units where parent_id is null order by created_at, path limit 1`.execute(db);
  const unit = root.rows[0];
  if (unit)
    await sql`update cases set org_unit_id = ${unit.id}, org_unit_path = ${unit.path} where org_unit_id is null`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('unreached_cases').execute();
  await db.schema.dropTable('procedure_intake_units').execute();
  await db.schema.alterTable('users').dropColumn('staff_no').execute();
  await db.schema.alterTable('case_exclusions').dropColumn('suggested').execute();
}
