import type { Kysely } from 'kysely';

/**
 * Issue 25, inbox filters that match few rows when the data is skewed (bench:scale's skewed
 * dataset: one busy unit, the working states rare):
 * - sorted most severe first with a state filter, each (state, severity) is read newest first
 *   from (status, severity, id). Before, the candidates came from the (severity, id) index of
 *   every state, filtered afterwards: with 3 cases `accepted` among hundreds of thousands
 *   `received`, a page walked the whole table a chunk at a time.
 * - "mine" in some states reads each state from (assignee_id, status, id). Before, it walked all
 *   of the handler's cases, closed ones included: ~1 s at 100k for a busy unit's handler.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_status_severity_id').on('cases').columns(['status', 'severity', 'id']).execute();
  await db.schema
    .createIndex('cases_assignee_status_id')
    .on('cases')
    .columns(['assignee_id', 'status', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_assignee_status_id').execute();
  await db.schema.dropIndex('cases_status_severity_id').execute();
}
