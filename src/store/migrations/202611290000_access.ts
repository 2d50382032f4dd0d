import { sql, type Kysely } from 'kysely';

/**
 * Issue 4: blind indexes of the submitter's identity (exact-match lookup without plaintext),
 * API token scopes, throttles for guessing, and recusal exclusions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('submitter_phone_bidx', 'text').execute();
  await db.schema.alterTable('cases').addColumn('submitter_email_bidx', 'text').execute();
  await db.schema.alterTable('cases').addColumn('submitter_id_bidx', 'text').execute();
  // "The same phone raised this before" (INT-6) is one index lookup on a keyed hash. Partial:
  // anonymous submissions have none, and should not pay for three index entries each.
  for (const [index, column] of [
    ['cases_phone_bidx', 'submitter_phone_bidx'],
    ['cases_email_bidx', 'submitter_email_bidx'],
    ['cases_id_bidx', 'submitter_id_bidx'],
  ] as const) {
    await db.schema.createIndex(index).on('cases').column(column).where(sql.ref(column), 'is not', null).execute();
  }

  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('["read","write"]'))
    .execute();

  // Counts of failed guesses (receipts, passwords) per key and window; keys are keyed hashes.
  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();

  // RTE-3: who may not see or act on a case — a user, or everyone holding a role in a unit.
  await db.schema
    .createTable('case_exclusions')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text')
    .addColumn('unit_path', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_exclusions_case').on('case_exclusions').column('case_id').execute();
  await db.schema.createIndex('case_exclusions_user').on('case_exclusions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_exclusions').execute();
  await db.schema.dropTable('throttle').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scopes').execute();
  for (const index of ['cases_id_bidx', 'cases_email_bidx', 'cases_phone_bidx'])
    await db.schema.dropIndex(index).execute();
  for (const column of ['submitter_id_bidx', 'submitter_email_bidx', 'submitter_phone_bidx'])
    await db.schema.alterTable('cases').dropColumn(column).execute();
}
