import type { Kysely } from 'kysely';

/**
 * #18: what each handler last saw of a case (the case version when they opened it), so the inbox
 * marks cases with messages or material from the submitter that came after.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_seen')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seen_version', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_seen_pk', ['user_id', 'case_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_seen').execute();
}
