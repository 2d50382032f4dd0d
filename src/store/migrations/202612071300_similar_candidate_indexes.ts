import { sql, type Kysely } from 'kysely';

/**
 * Issue 21, possible duplicates (`GET /api/v1/cases/{id}/similar`) read a bounded number of rows
 * whatever the size of the database. Each index takes the place of one that is its prefix, so
 * every query the old one served it serves too, and a case still pays for as many index entries:
 * - (procedure_id, closed_at, id): the procedure's open cases newest first, a walk that stops at
 *   its LIMIT. With (procedure_id, closed_at) SQLite walked the procedure's (procedure_id, id)
 *   index instead, every case it ever had, to find the open ones (80 ms at 100,000 cases). The
 *   triage build's pages (closed_at, id descending) are read from it without a sort as well.
 * - (submitter_*_bidx, id), partial as before: a submitter's cases newest first, stopping at the
 *   LIMIT. Without the id, a caller with thousands of complaints (a 职业投诉人) had every case read
 *   to sort; and with the procedure in the same query SQLite preferred the procedure's index and
 *   walked all of it (50 ms at 100,000).
 */
const BIDX = [
  ['cases_phone_bidx', 'cases_phone_bidx_id', 'submitter_phone_bidx'],
  ['cases_email_bidx', 'cases_email_bidx_id', 'submitter_email_bidx'],
  ['cases_id_bidx', 'cases_id_bidx_id', 'submitter_id_bidx'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('cases_procedure_closed_id')
    .on('cases')
    .columns(['procedure_id', 'closed_at', 'id'])
    .execute();
  await db.schema.dropIndex('cases_procedure_closed').execute();
  for (const [old, index, column] of BIDX) {
    await db.schema
      .createIndex(index)
      .on('cases')
      .columns([column, 'id'])
      .where(sql.ref(column), 'is not', null)
      .execute();
    await db.schema.dropIndex(old).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [old, index, column] of BIDX) {
    await db.schema.createIndex(old).on('cases').column(column).where(sql.ref(column), 'is not', null).execute();
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.createIndex('cases_procedure_closed').on('cases').columns(['procedure_id', 'closed_at']).execute();
  await db.schema.dropIndex('cases_procedure_closed_id').execute();
}
