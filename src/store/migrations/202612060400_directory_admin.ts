import type { Kysely } from 'kysely';

/**
 * Issue 20, the directory admin page: sources an admin configures (beside those in PLAINT_DIRECTORY_SOURCES) and
 * group/department → grant rules an admin adds. A source's settings hold its secret (bind password, app secret), so
 * the whole JSON is stored encrypted (app/secrets.ts), never in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_sources')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('settings_enc', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directory_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('department', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_rules_source').on('directory_rules').column('source').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory_rules').execute();
  await db.schema.dropTable('directory_sources').execute();
}
