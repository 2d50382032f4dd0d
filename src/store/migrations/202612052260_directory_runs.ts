import type { Kysely } from 'kysely';

/**
 * Issue 20: one row per directory and sync slot (the scheduled interval's number). The instance whose insert wins
 * runs that slot's sync, so several instances of `plaint serve` sync each directory exactly once per interval; the
 * row keeps the report (or the error) for the admin.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_runs')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('directory_runs_pk', ['source', 'slot'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory_runs').execute();
}
