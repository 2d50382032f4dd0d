import type { Kysely } from 'kysely';

/**
 * Links between cases (APL-4 appeal, ENF-1 enforcement lead, CON-3 retaliation, INT-6 repeat,
 * MS-12 duplicate): one row per link, from the earlier case to the one it led to or repeats.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_links')
    .addColumn('from_case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('to_case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_links_pk', ['from_case_id', 'to_case_id', 'kind'])
    .execute();
  await db.schema.createIndex('case_links_to').on('case_links').column('to_case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_links').execute();
}
