import { sql, type Kysely } from 'kysely';

/** Issue 3: clocks on cases, the calendar's local additions, clock notes on the timeline, escalation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('warn_at', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('breached_at', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('calendar_version', 'text', (c) => c.notNull())
    .addColumn('extended_by', 'integer', (c) => c.notNull())
    // Time excluded by pauses, in the clock's own measure (working time for working-day clocks).
    .addColumn('paused_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clocks_case').on('clocks').column('case_id').execute();
  // The sweeper's two queries read only clocks that can still warn or breach, in time order:
  // partial indexes keep that cost proportional to what is due, not to every clock ever run.
  await db.schema
    .createIndex('clocks_breach_due')
    .on('clocks')
    .column('due_at')
    .where(sql.ref('stopped_at'), 'is', null)
    .where(sql.ref('paused_at'), 'is', null)
    .where(sql.ref('breached_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('clocks_warn_due')
    .on('clocks')
    .column('warn_at')
    .where(sql.ref('warned_at'), 'is', null)
    .where(sql.ref('stopped_at'), 'is', null)
    .where(sql.ref('paused_at'), 'is', null)
    .where(sql.ref('breached_at'), 'is', null)
    .execute();
  // Deadlines counted in a year without data, recomputed when the year's days arrive.
  await db.schema
    .createIndex('clocks_provisional')
    .on('clocks')
    .column('case_id')
    .where(sql.ref('provisional'), '=', 1)
    .where(sql.ref('stopped_at'), 'is', null)
    .execute();

  await db.schema
    .alterTable('case_events')
    .addColumn('clocks', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('cases').addColumn('escalated_at', 'text').execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
  await db.schema.dropTable('calendar_days').execute();
  await db.schema.alterTable('cases').dropColumn('escalated_at').execute();
  await db.schema.alterTable('case_events').dropColumn('clocks').execute();
  await db.schema.dropTable('clocks').execute();
}
