import type { Kysely } from 'kysely';

/**
 * Issue 21: a hotspot is told to supervisors once per series and period; the unique key
 * (procedure | dimension | value | period) makes it once across instances.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hotspot_notices')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('recent', 'integer', (c) => c.notNull())
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hotspot_notices').execute();
}
