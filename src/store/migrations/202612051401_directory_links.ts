import type { Kysely } from 'kysely';

/**
 * Issue 20: org units and users that a directory sync created or adopted carry the directory's external id,
 * so a renamed or moved department updates its unit instead of creating a second one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_links')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_links_pk', ['source', 'kind', 'external_id'])
    .execute();
  await db.schema.createIndex('directory_links_local').on('directory_links').columns(['kind', 'local_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory_links').execute();
}
