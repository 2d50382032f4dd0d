import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationResultSet,
  type TableMetadata,
} from 'kysely';
import type { Store } from './db.ts';
import { analyzeTables } from './analyze.ts';
import * as initial from './migrations/202611282200_initial.ts';
import * as clocks from './migrations/202611282330_clocks.ts';
import * as access from './migrations/202611290000_access.ts';
import * as attachments from './migrations/202611290100_attachments.ts';
import * as links from './migrations/202611290200_links.ts';
import * as records from './migrations/202611290300_records.ts';
import * as delivery from './migrations/202611290600_delivery.ts';
import * as stats from './migrations/202611300200_stats.ts';
import * as disclosureImprovementSurveys from './migrations/202611300300_disclosure_improvement_surveys.ts';
import * as search from './migrations/202611300400_search.ts';
import * as inboxStatusUnit from './migrations/202611300500_inbox_status_unit.ts';
import * as reach from './migrations/202612051000_reach.ts';
import * as directoryLinks from './migrations/202612051401_directory_links.ts';
import * as caseSeen from './migrations/202612052210_case_seen.ts';
import * as cannedReplies from './migrations/202612052215_canned_replies.ts';
import * as caseKeys from './migrations/202612052230_case_keys.ts';
import * as sealCaseText from './migrations/202612060400_seal_case_text.ts';
import * as auditChains from './migrations/202612061300_audit_chains.ts';
import * as eventActorUnit from './migrations/202612052240_event_actor_unit.ts';
import * as caseInvitations from './migrations/202612052241_case_invitations.ts';
import * as directoryRuns from './migrations/202612052260_directory_runs.ts';
import * as dueKey from './migrations/202612052270_due_key.ts';
import * as hotspots from './migrations/202612052271_hotspots.ts';
import * as suggestionDecisions from './migrations/202612052280_suggestion_decisions.ts';
import * as casesClosedIndex from './migrations/202612052281_cases_closed_index.ts';
import * as statsRollup from './migrations/202612061300_stats_rollup.ts';
import * as directoryAdmin from './migrations/202612060400_directory_admin.ts';
import * as inboxSkewIndexes from './migrations/202612061400_inbox_skew_indexes.ts';
import * as statsRollupMonths from './migrations/202612061700_stats_rollup_months.ts';
import * as dueKeyClosed from './migrations/202612061740_due_key_closed.ts';
import * as similarCandidateIndexes from './migrations/202612071300_similar_candidate_indexes.ts';
import * as inboxCorrelatedStatistics from './migrations/202612071500_inbox_correlated_statistics.ts';
import * as importedCasesUnits from './migrations/202612072100_imported_cases_units.ts';
import * as searchUnitPath from './migrations/202612072300_search_unit_path.ts';
import * as stateWalkScope from './migrations/202612080200_state_walk_scope.ts';
import * as searchUnitPathSqlite from './migrations/202612080300_search_unit_path_sqlite.ts';
import * as accounts from './migrations/202612051700_accounts.ts';
import * as housekeeping from './migrations/202612051800_housekeeping.ts';
import * as searchNfkc from './migrations/202612051900_search_nfkc.ts';
import * as searchPending from './migrations/202612061300_search_pending.ts';

/** All migrations, in order. Names are YYYYMMDDHHMM_what; a landed migration is never edited. */
const migrations: Record<string, Migration> = {
  '202611282200_initial': initial,
  '202611282330_clocks': clocks,
  '202611290000_access': access,
  '202611290100_attachments': attachments,
  '202611290200_links': links,
  '202611290300_records': records,
  '202611290600_delivery': delivery,
  '202611300200_stats': stats,
  '202611300300_disclosure_improvement_surveys': disclosureImprovementSurveys,
  '202611300400_search': search,
  '202611300500_inbox_status_unit': inboxStatusUnit,
  '202612051000_reach': reach,
  '202612051401_directory_links': directoryLinks,
  '202612051700_accounts': accounts,
  '202612051800_housekeeping': housekeeping,
  '202612051900_search_nfkc': searchNfkc,
  '202612052210_case_seen': caseSeen,
  '202612052215_canned_replies': cannedReplies,
  '202612052230_case_keys': caseKeys,
  '202612052240_event_actor_unit': eventActorUnit,
  '202612052241_case_invitations': caseInvitations,
  '202612052260_directory_runs': directoryRuns,
  '202612052270_due_key': dueKey,
  '202612052271_hotspots': hotspots,
  '202612052280_suggestion_decisions': suggestionDecisions,
  '202612052281_cases_closed_index': casesClosedIndex,
  '202612060400_directory_admin': directoryAdmin,
  '202612060400_seal_case_text': sealCaseText,
  '202612061300_audit_chains': auditChains,
  '202612061300_search_pending': searchPending,
  '202612061300_stats_rollup': statsRollup,
  '202612061400_inbox_skew_indexes': inboxSkewIndexes,
  '202612061700_stats_rollup_months': statsRollupMonths,
  '202612061740_due_key_closed': dueKeyClosed,
  '202612071300_similar_candidate_indexes': similarCandidateIndexes,
  '202612071500_inbox_correlated_statistics': inboxCorrelatedStatistics,
  '202612072100_imported_cases_units': importedCasesUnits,
  '202612072300_search_unit_path': searchUnitPath,
  '202612080200_state_walk_scope': stateWalkScope,
  '202612080300_search_unit_path_sqlite': searchUnitPathSqlite,
};

/**
 * Kysely's PostgreSQL introspector lists every table of every schema and asks
 * `pg_get_serial_sequence` about each by name; a table another instance (or test) drops meanwhile
 * fails the whole migration with "relation … does not exist". The migrator only asks whether its
 * two tables exist, so on PostgreSQL it gets an introspector that looks in our schema alone.
 */
function schemaIntrospector(db: Kysely<unknown>, schema: string): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
  };
  return {
    getSchemas: async () => {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
}

/** The store's database, with `introspection` narrowed to its schema on PostgreSQL. */
function migratorDb(store: Store): Kysely<unknown> {
  const db = store.db as unknown as Kysely<unknown>;
  const schema = store.pgSchema;
  if (!schema) return db;
  const introspection = schemaIntrospector(db, schema);
  return new Proxy(db, {
    get(target, key) {
      if (key === 'introspection') return introspection;
      const value = Reflect.get(target, key, target);
      // Kysely's methods read private fields: call them on the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function migrator(store: Store): Migrator {
  return new Migrator({
    db: migratorDb(store),
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'plaint_migrations',
    migrationLockTableName: 'plaint_migrations_lock',
    // Kysely looks for its tables in every schema unless told which: several schemas may hold them.
    ...(store.pgSchema ? { migrationTableSchema: store.pgSchema } : {}),
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

/** Brings the schema to the newest version; returns one line per migration run. */
export async function migrateUp(store: Store): Promise<string[]> {
  const ran = check(await migrator(store).migrateToLatest());
  // New tables and indexes start without planner statistics on PostgreSQL (issue 25).
  if (ran.length) await analyzeTables(store);
  return ran;
}

/** Undoes the newest migration. */
export async function migrateDown(store: Store): Promise<string[]> {
  return check(await migrator(store).migrateDown());
}

/** Undoes every migration (tests of `down`). */
export async function migrateToZero(store: Store): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return check(await migrator(store).migrateTo(NO_MIGRATIONS));
}
