import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from './support/backends.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateToZero, migrateUp } from '../src/store/migrate.ts';

async function tables(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'plaint_migrations%'`
      : sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'plaint_migrations%'`;
  return (await query.execute(store.db)).rows.map((r) => r.name).sort();
}

/** Migrations run up and down from the same code on both databases. */
describe.each(BACKENDS)('migrations on $name', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('up creates the tables, down removes them, up again restores them', async () => {
    const { config, cleanup } = await backend.config();
    const store = openStore(config);
    cleanups.push(async () => {
      await store.close();
      await cleanup();
    });
    await migrateUp(store);
    const created = await tables(store);
    // SQLite's full-text index is an FTS5 table with its shadow tables (issue 9).
    const fts =
      store.dialect === 'sqlite'
        ? ['case_fts', 'case_fts_config', 'case_fts_data', 'case_fts_docsize', 'case_fts_idx']
        : [];
    expect(created).toEqual([
      'api_tokens',
      'attachments',
      'audit_chains',
      'audit_instances',
      'audit_log',
      'calendar_days',
      'calendar_years',
      'canned_replies',
      'case_attachments',
      'case_events',
      'case_exclusions',
      ...fts,
      'case_invitations',
      'case_keys',
      'case_links',
      'case_respondents',
      'case_search',
      'case_search_pending',
      'case_seen',
      'cases',
      'clocks',
      'data_requests',
      'deliveries',
      'directory_links',
      'directory_rules',
      'directory_runs',
      'directory_sources',
      'disclosures',
      'hotspot_notices',
      'idempotency_keys',
      'improvement_actions',
      'improvement_cases',
      'mail_threads',
      'monthly_reports',
      'org_units',
      'outbox',
      'procedure_intake_units',
      'procedures',
      'recovery_codes',
      'role_grants',
      'sessions',
      'staff_notifications',
      'stats_changes',
      'stats_rollup',
      'stats_rollup_day_facts',
      'stats_rollup_facts',
      'stats_rollup_folded',
      'stats_rollup_spans',
      'suggestion_decisions',
      'survey_codes',
      'survey_responses',
      'surveys',
      'throttle',
      'unreached_cases',
      'users',
    ]);
    expect(await migrateUp(store)).toEqual([]);
    await migrateToZero(store);
    expect(await tables(store)).toEqual([]);
    await migrateUp(store);
    expect(await tables(store)).toEqual(created);
  });
});
