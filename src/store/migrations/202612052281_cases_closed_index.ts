import type { Kysely } from 'kysely';

/**
 * Issue 21: triage learns from a procedure's most recently closed cases (app/triage-model.ts);
 * this index serves that read without sorting every case of the procedure.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_procedure_closed').on('cases').columns(['procedure_id', 'closed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_procedure_closed').execute();
}
