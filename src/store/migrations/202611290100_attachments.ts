import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Attachments (INT-5 evidence, INT-2 material from anonymous submitters): content-addressed by
 * SHA-256 and kept in the database, so every instance on a shared PostgreSQL serves them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('attachments')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('case_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('attachments.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('added_by_kind', 'text', (c) => c.notNull())
    .addColumn('added_by_id', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachments_case').on('case_attachments').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_attachments').execute();
  await db.schema.dropTable('attachments').execute();
}
