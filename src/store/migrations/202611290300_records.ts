import type { Kysely } from 'kysely';

/**
 * Records (ARC-1, CON-4): legal hold and de-identification marks on cases, and personal-data
 * requests (PIPL Art 44–51) as tracked items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('hold_reason', 'text').execute();
  await db.schema.alterTable('cases').addColumn('held_at', 'text').execute();
  await db.schema.alterTable('cases').addColumn('deidentified_at', 'text').execute();
  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answer', 'text')
    .execute();
  await db.schema.createIndex('data_requests_case').on('data_requests').column('case_id').execute();
  await db.schema.createIndex('data_requests_open').on('data_requests').columns(['status', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_requests').execute();
  await db.schema.alterTable('cases').dropColumn('deidentified_at').execute();
  await db.schema.alterTable('cases').dropColumn('held_at').execute();
  await db.schema.alterTable('cases').dropColumn('hold_reason').execute();
}
