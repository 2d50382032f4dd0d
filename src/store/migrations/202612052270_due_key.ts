import { type Kysely, sql } from 'kysely';

/**
 * Issue 25 (the regression noted under issue 18): the inbox's default order, nearest running
 * deadline first, computed a key for every case the filter matched and sorted them all. The key is
 * now a column kept by the clock writes (store/clocks.repository.ts): the earliest due time of the
 * case's running clocks, '9999' when none runs, so a page is read from an index in that order
 * (newest first among equal keys, as the inbox shows them: hence `id desc`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('due_key', 'text', (c) => c.notNull().defaultTo('9999'))
    .execute();
  await sql`update cases set due_key = coalesce((select min(k.due_at) from clocks k where k.case_id = cases.id and k.stopped_at is null and k.paused_at is null), '9999')`.execute(
    db,
  );
  await db.schema.createIndex('cases_due_key').on('cases').columns(['due_key', 'id desc']).execute();
  await db.schema.createIndex('cases_status_due_key').on('cases').columns(['status', 'due_key', 'id desc']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_status_due_key').execute();
  await db.schema.dropIndex('cases_due_key').execute();
  await db.schema.alterTable('cases').dropColumn('due_key').execute();
}
