import type { Kysely } from 'kysely';

/** Issue 8 (STA-1): statistics over a period, and the stored monthly reports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every statistic reads the cases received in a period (`?from&to`, a report's month): a range
  // on received_at is the one access path that stays proportional to the period, not to all cases
  // ever received (1M cases, one month ≈ 40k rows read).
  await db.schema.createIndex('cases_received_at').on('cases').column('received_at').execute();

  // One report per org unit and month; `unit_id` is '' for the whole organisation (a NULL would
  // not be unique). The unique key is what makes two instances generate a report only once.
  await db.schema
    .createTable('monthly_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text')
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull())
    /** JSON: the statistics of the month (the same shape as GET /api/v1/stats). */
    .addColumn('stats', 'text', (c) => c.notNull())
    /** JSON: the month's notable cases (overdue, major severity, appealed). */
    .addColumn('notable', 'text', (c) => c.notNull())
    /** JSON: sections other modules add (improvement actions, issue 8 part B). */
    .addColumn('extra', 'text', (c) => c.notNull())
    .addUniqueConstraint('monthly_reports_unit_month', ['month', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('monthly_reports').execute();
  await db.schema.dropIndex('cases_received_at').execute();
}
