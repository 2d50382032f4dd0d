import { sql, type Kysely } from 'kysely';

/**
 * Session 21: `plaint import` wrote its cases with no unit (until it placed them, e513359), so a
 * desk whose grant is held in its unit never saw the history it imported, and triage learnt
 * nothing for it. Cases still without a unit go where a new case of their procedure goes: the
 * procedure's intake unit, else the root unit (as 202612051000_reach did for the cases before it).
 * The statistics' triggers log each moved case, so the rollup counts its day again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update cases
       set org_unit_id = (select p.org_unit_id from procedure_intake_units p where p.procedure_id = cases.procedure_id),
           org_unit_path = (select u.path from procedure_intake_units p join org_units u on u.id = p.org_unit_id
                             where p.procedure_id = cases.procedure_id)
     where org_unit_id is null
       and procedure_id in (select procedure_id from procedure_intake_units)`.execute(db);
  const root = await sql<{ id: string; path: string }>`
    select id, path from org_units where parent_id is null order by created_at, path limit 1`.execute(db);
  const unit = root.rows[0];
  if (unit)
    await sql`update cases set org_unit_id = ${unit.id}, org_unit_path = ${unit.path} where org_unit_id is null`.execute(
      db,
    );
}

/** Nothing to undo: the cases are where they belonged; the units are kept. */
export async function down(): Promise<void> {}
