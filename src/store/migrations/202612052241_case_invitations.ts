import type { Kysely } from 'kysely';

/**
 * Issue 17 (S3 二.3 召集相关人员): a manager of another department invited to the meeting reads
 * that one case, until `expires_at` and while the case is open. One row per invitation, written
 * by the `invite` step through `perform` (so it is on the timeline and in the audit chain).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_invitations')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** The case version whose event invited them: the timeline entry that explains the access. */
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_invitations_pk', ['case_id', 'user_id', 'seq'])
    .execute();
  // The inbox asks "which cases is this user invited to" for every list.
  await db.schema
    .createIndex('case_invitations_user')
    .on('case_invitations')
    .columns(['user_id', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_invitations').execute();
}
