import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 25: statistics read pre-counted rows instead of GROUP BYs over every case of the period.
 *
 * `stats_rollup` holds, per local day of receipt, the number of cases of each combination of the
 * dimensions the statistics count by (app/stats-rollup.ts); `org_unit_path` is in the key so a
 * unit-scoped manager sums exactly their subtree's rows. `stats_changes` is an append-only log of
 * the receipt instants of cases written since their day was counted: triggers fill it on every
 * insert, delete and counted-column update of `cases`, whichever code path writes (submit, perform,
 * import, retention, erasure), so no writer has to remember. A day with a row in the log is dirty:
 * statistics count it live until the refresher has counted it again and removed its log rows.
 * Append-only (no key) so concurrent writers of the same day never wait for each other.
 */
const COUNTED = [
  'procedure_id',
  'kind',
  'category',
  'severity',
  'channel',
  'org_unit_id',
  'org_unit_path',
  'status',
  'outcome',
  'closed_at',
  'data',
  'received_at',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let rollup = db.schema.createTable('stats_rollup').addColumn('day', 'text', (c) => c.notNull());
  for (const col of ['procedure_id', 'kind', 'channel', 'status'])
    rollup = rollup.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['org_unit_id', 'org_unit_path', 'category', 'severity', 'outcome', 'rating'])
    rollup = rollup.addColumn(col, 'text');
  await rollup
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stats_rollup_day').on('stats_rollup').columns(['day', 'procedure_id']).execute();

  // Receipt local day × closing local day: handling time in working days is counted at read time
  // with the calendar of that moment (holidays can be imported later).
  await db.schema
    .createTable('stats_rollup_spans')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('org_unit_path', 'text')
    .addColumn('closed_day', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stats_rollup_spans_day')
    .on('stats_rollup_spans')
    .columns(['day', 'procedure_id'])
    .execute();

  await db.schema
    .createTable('stats_changes')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stats_changes_received').on('stats_changes').column('received_at').execute();

  const columns = sql.raw(COUNTED.join(', '));
  if (pg) {
    await sql`create function stats_case_changed() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then insert into stats_changes(received_at) values (old.received_at); end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.received_at <> old.received_at) then
          insert into stats_changes(received_at) values (new.received_at);
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger stats_cases_ins after insert on cases for each row execute function stats_case_changed()`.execute(
      db,
    );
    await sql`create trigger stats_cases_del after delete on cases for each row execute function stats_case_changed()`.execute(
      db,
    );
    // Only counted columns: due_key, version bumps of uncounted fields and the like leave days clean.
    await sql`create trigger stats_cases_upd after update of ${columns} on cases for each row
      when (row(${sql.raw(COUNTED.map((c) => `old.${c}`).join(', '))}) is distinct from row(${sql.raw(COUNTED.map((c) => `new.${c}`).join(', '))}))
      execute function stats_case_changed()`.execute(db);
  } else {
    await sql`create trigger stats_cases_ins after insert on cases begin
      insert into stats_changes(received_at) values (new.received_at); end`.execute(db);
    await sql`create trigger stats_cases_del after delete on cases begin
      insert into stats_changes(received_at) values (old.received_at); end`.execute(db);
    await sql`create trigger stats_cases_upd after update of ${columns} on cases
      when ${sql.raw(COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or '))} begin
      insert into stats_changes(received_at) values (old.received_at);
      insert into stats_changes(received_at) select new.received_at where new.received_at <> old.received_at; end`.execute(
      db,
    );
  }
  // Every day that already has cases starts dirty: the refresher counts them in small steps.
  // One row per UTC minute (a local day is constant within one, whatever the zone).
  await sql`insert into stats_changes(received_at)
    select min(received_at) from cases group by substr(received_at, 1, 16)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['stats_cases_ins', 'stats_cases_del', 'stats_cases_upd'])
    await sql`drop trigger ${sql.raw(t)}${pg ? sql` on cases` : sql``}`.execute(db);
  if (pg) await sql`drop function stats_case_changed()`.execute(db);
  for (const t of ['stats_changes', 'stats_rollup_spans', 'stats_rollup']) await db.schema.dropTable(t).execute();
}
