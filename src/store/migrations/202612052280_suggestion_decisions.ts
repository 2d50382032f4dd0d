import type { Kysely } from 'kysely';

/**
 * Issue 21: each time staff take or set aside a triage suggestion (category, severity, unit), one
 * row — what was suggested, with what confidence, and what they chose: the acceptance rate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suggestion_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('suggested', 'text')
    .addColumn('confidence', 'real')
    .addColumn('chosen', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // The acceptance statistic reads a period's decisions.
  await db.schema.createIndex('suggestion_decisions_at').on('suggestion_decisions').column('at').execute();
  // Erasing or deleting a case removes its decisions.
  await db.schema.createIndex('suggestion_decisions_case').on('suggestion_decisions').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suggestion_decisions').execute();
}
