import type { Kysely } from 'kysely';

/**
 * Issue 28: the staff account lifecycle, a second factor and throttles that cannot lock an owner out.
 * - users.disabled_at: when the account was disabled (null: active); `disabled` stays in step.
 * - users.must_change_password: 1 after an administrator's reset, until the user sets their own.
 * - users.totp_*: the TOTP secret (encrypted), when it was enabled, the last time step used (no replay),
 *   and a secret being enrolled but not yet confirmed.
 * - sessions.last_seen_at / user_agent: the idle timeout and the user's own list of sessions.
 * - recovery_codes: one-time second-factor codes, stored as keyed hashes.
 * - throttle.blocked_until: growing delays instead of a hard lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('throttle').addColumn('blocked_until', 'text').execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_user').execute();
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.alterTable('throttle').dropColumn('blocked_until').execute();
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  for (const c of [
    'totp_last_step',
    'totp_enabled_at',
    'totp_pending_secret',
    'totp_secret',
    'must_change_password',
    'disabled_at',
  ])
    await db.schema.alterTable('users').dropColumn(c).execute();
}
