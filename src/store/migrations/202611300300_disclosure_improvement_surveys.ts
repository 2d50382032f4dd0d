import type { Kysely } from 'kysely';

/**
 * Issue 8 part B: public disclosure of handled complaints (DIS-1, MS-15), improvement actions
 * (STA-2, STA-3) and anonymous employee surveys (EVA-3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per publishing attempt of a case: draft → notified → published → unpublished.
  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('org_unit_path', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('business_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('category_label', 'text')
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('redaction_found', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .addColumn('publishable_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('unpublished_at', 'text')
    .addColumn('unpublished_by', 'text')
    .addColumn('unpublish_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosures_case').on('disclosures').column('case_id').execute();
  // The public list: published items newest first.
  await db.schema.createIndex('disclosures_public').on('disclosures').columns(['status', 'published_at']).execute();

  await db.schema
    .createTable('improvement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cause_category', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_unit_path', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completion_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // Scoped lists are a prefix match on the unit path.
  await db.schema
    .createIndex('improvement_actions_unit')
    .on('improvement_actions')
    .columns(['org_unit_path', 'status'])
    .execute();
  await db.schema
    .createTable('improvement_cases')
    .addColumn('action_id', 'text', (c) => c.notNull().references('improvement_actions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('improvement_cases_pk', ['action_id', 'case_id'])
    .execute();
  await db.schema.createIndex('improvement_cases_case').on('improvement_cases').column('case_id').execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_unit_path', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One-time answer codes, stored as keyed hashes; never tied to a person (EVA-3 anonymity).
  await db.schema
    .createTable('survey_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('used', 'integer', (c) => c.notNull())
    .execute();
  // A response holds the answers and the day only: no user, no address, no code, no time of day.
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_responses_survey').on('survey_responses').column('survey_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'survey_responses',
    'survey_codes',
    'surveys',
    'improvement_cases',
    'improvement_actions',
    'disclosures',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
