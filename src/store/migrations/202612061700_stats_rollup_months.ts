import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 25, second step: a year's statistics read a few thousand pre-counted rows, not one per case.
 *
 * `stats_rollup_facts` holds, per local month, procedure and unit subtree, one count per dimension
 * and value (the kind, the category, …, the clocks' states, the links, the respondents): not the
 * cross product of the dimensions, which is nearly one row per case. `unit_path` is the subtree a
 * reader's scope names ('' for the whole organisation, unit-less cases included): every case is
 * counted under each unit above it, so a manager reads their own subtree's rows and sums nothing
 * else. A month is folded (app/stats-rollup.ts) once none of its days is dirty; its row in
 * `stats_rollup_folded` says with which calendar the handling times were counted in working days,
 * and is removed when one of its days is recounted.
 *
 * `stats_rollup_day_facts` is the per-day source of what the day rows (stats_rollup) do not have:
 * clocks, links and respondents. Clocks still running (not stopped, not breached) keep their due
 * instant there and are never folded: whether one is overdue depends on the moment of reading.
 *
 * Clocks, links and respondents are written without touching the case, so they log the case's
 * receipt instant in `stats_changes` through their own triggers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('stats_rollup_day_facts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('org_unit_path', 'text')
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stats_rollup_day_facts_day').on('stats_rollup_day_facts').columns(['day']).execute();
  // The running clocks of folded months, read on every statistic: few (open cases only).
  await db.schema
    .createIndex('stats_rollup_day_facts_dim')
    .on('stats_rollup_day_facts')
    .columns(['dim', 'day'])
    .execute();

  await db.schema
    .createTable('stats_rollup_facts')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  // Covering: a year's sum reads the index alone, in subtree and month order.
  await db.schema
    .createIndex('stats_rollup_facts_unit')
    .on('stats_rollup_facts')
    .columns(['unit_path', 'month', 'procedure_id', 'dim', 'value', 'n'])
    .execute();
  await db.schema.createIndex('stats_rollup_facts_month').on('stats_rollup_facts').columns(['month']).execute();

  await db.schema
    .createTable('stats_rollup_folded')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .execute();

  const log = (caseId: string) =>
    `insert into stats_changes(received_at) select received_at from cases where id = ${caseId};`;
  if (pg) {
    await sql`create function stats_clock_changed() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then ${sql.raw(log('old.case_id'))} end if;
        if tg_op <> 'DELETE' then ${sql.raw(log('new.case_id'))} end if;
        return null;
      end $$`.execute(db);
    await sql`create function stats_link_changed() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then ${sql.raw(log('old.from_case_id') + log('old.to_case_id'))} end if;
        if tg_op <> 'DELETE' then ${sql.raw(log('new.from_case_id') + log('new.to_case_id'))} end if;
        return null;
      end $$`.execute(db);
    await sql`create function stats_respondent_changed() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then insert into stats_changes(received_at) values (old.received_at); end if;
        if tg_op <> 'DELETE' then insert into stats_changes(received_at) values (new.received_at); end if;
        return null;
      end $$`.execute(db);
    const triggers: [string, string, string][] = [
      ['clocks', 'stats_clock_changed', 'case_id, clock, due_at, stopped_at, breached_at'],
      ['case_links', 'stats_link_changed', 'from_case_id, to_case_id, kind'],
      ['case_respondents', 'stats_respondent_changed', 'case_id, procedure_id, name, received_at'],
    ];
    for (const [table, fn, columns] of triggers) {
      // Only counted columns: a clock's warning or pause leaves its day clean.
      await sql`create trigger ${sql.raw(`stats_${table}_w`)} after insert or delete or update of ${sql.raw(columns)}
        on ${sql.raw(table)} for each row execute function ${sql.raw(fn)}()`.execute(db);
    }
  } else {
    const triggers: [string, string, string[]][] = [
      ['clocks', 'case_id', ['case_id', 'clock', 'due_at', 'stopped_at', 'breached_at']],
      ['case_links', 'from_case_id', ['from_case_id', 'to_case_id', 'kind']],
      ['case_respondents', '', ['case_id', 'procedure_id', 'name', 'received_at']],
    ];
    for (const [table, caseColumn, columns] of triggers) {
      const body = (row: 'new' | 'old') =>
        table === 'case_respondents'
          ? `insert into stats_changes(received_at) values (${row}.received_at);`
          : table === 'case_links'
            ? `${log(`${row}.from_case_id`)} ${log(`${row}.to_case_id`)}`
            : log(`${row}.${caseColumn}`);
      await sql`create trigger ${sql.raw(`stats_${table}_ins`)} after insert on ${sql.raw(table)} begin ${sql.raw(body('new'))} end`.execute(
        db,
      );
      await sql`create trigger ${sql.raw(`stats_${table}_del`)} after delete on ${sql.raw(table)} begin ${sql.raw(body('old'))} end`.execute(
        db,
      );
      await sql`create trigger ${sql.raw(`stats_${table}_upd`)} after update of ${sql.raw(columns.join(', '))} on ${sql.raw(table)}
        when ${sql.raw(columns.map((c) => `old.${c} is not new.${c}`).join(' or '))}
        begin ${sql.raw(body('old'))} ${sql.raw(body('new'))} end`.execute(db);
    }
  }
  // Every day with cases is recounted once, so its clocks, links and respondents are rolled up too.
  await sql`insert into stats_changes(received_at)
    select min(received_at) from cases group by substr(received_at, 1, 16)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['clocks', 'case_links', 'case_respondents']) {
    if (pg) await sql`drop trigger ${sql.raw(`stats_${table}_w`)} on ${sql.raw(table)}`.execute(db);
    else for (const op of ['ins', 'del', 'upd']) await sql`drop trigger ${sql.raw(`stats_${table}_${op}`)}`.execute(db);
  }
  if (pg)
    for (const fn of ['stats_clock_changed', 'stats_link_changed', 'stats_respondent_changed'])
      await sql`drop function ${sql.raw(fn)}()`.execute(db);
  for (const t of ['stats_rollup_folded', 'stats_rollup_facts', 'stats_rollup_day_facts'])
    await db.schema.dropTable(t).execute();
}
