import type { Kysely } from 'kysely';

/**
 * Issue 17 (S3 三.1, APL-1): an appeal goes above the person who decided, not above the case's
 * unit. Each timeline event records the unit through which its staff actor acted (the deepest
 * unit where they hold one of the action's roles over the case), so the appeal can find it
 * after grants have changed. Events written before stay null: their appeal falls back to the
 * case's unit, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_events').addColumn('actor_unit_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_events').dropColumn('actor_unit_id').execute();
}
