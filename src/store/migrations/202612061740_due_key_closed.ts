import { type Kysely, sql } from 'kysely';

/**
 * Issue 25, the inbox sorted most urgent first with an assignee filter (unassigned, or mine):
 * - closed cases sort after every open one ('closed' after '9999', store/clocks.repository.ts).
 *   Before, a closed case and an open one with no running clock shared '9999' and came newest
 *   first together, so the walk met every closed case newer than the oldest open match;
 * - the candidates come from (assignee_id, due_key, id), so cases assigned to others are never
 *   read. Before, "unassigned, most urgent first" walked everyone's cases in due order and kept
 *   the unassigned ones: all of a year's closed cases when few open ones were unassigned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update cases set due_key = 'closed' where closed_at is not null`.execute(db);
  await db.schema
    .createIndex('cases_assignee_due_key')
    .on('cases')
    .columns(['assignee_id', 'due_key', 'id desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_assignee_due_key').execute();
  await sql`update cases set due_key = '9999' where closed_at is not null`.execute(db);
}
