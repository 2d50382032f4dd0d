import type { Kysely } from 'kysely';

/**
 * Issue 20 (shared with the account-lifecycle work): when a user was deactivated. Null while active.
 * `users.disabled` stays the flag every lookup checks; this records the moment for the admin page and audits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
}
