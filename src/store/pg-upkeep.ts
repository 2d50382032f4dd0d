import { sql } from 'kysely';
import type { Store } from './db.ts';

/**
 * Issue 25: PostgreSQL's upkeep of Plaint's own tables when the server does not do it. With
 * autovacuum off (as on the test server, and on servers tuned by someone who meant to run VACUUM
 * from cron and never did), nothing removes dead rows nor refreshes statistics: the soak's queue
 * of cases waiting for the search indexer held 117 live rows and 30,058 dead ones after three
 * minutes, and submits fell from 159/s to 103/s in three more as inbox and search plans went stale.
 *
 * So each instance looks, every PLAINT_PG_UPKEEP_MS, at the tables of its schema that autovacuum
 * leaves alone (the server's setting off, or a table's `autovacuum_enabled = false`) and does what
 * autovacuum would have done there: `VACUUM (ANALYZE)` where dead or newly inserted rows passed a
 * share of the table, `ANALYZE` where changed rows did. One instance of a deployment at a time (an
 * advisory lock): two vacuums of one table only queue behind each other. Where autovacuum runs,
 * nothing is done.
 */

/** Autovacuum's own defaults: a base number of rows plus a share of the live ones. */
const VACUUM_BASE = 500;
const VACUUM_SHARE = 0.2;
const ANALYZE_BASE = 500;
const ANALYZE_SHARE = 0.1;
/**
 * The advisory lock's key: this number ("PLUK") and the schema's hash, so the instances of one
 * deployment take turns while deployments in other schemas of the same database do not wait.
 */
export const UPKEEP_LOCK_CLASS = 0x504c554b;

export type UpkeepResult = { vacuumed: string[]; analyzed: string[]; skipped?: 'autovacuum' | 'busy' };

type TableStat = {
  relname: string;
  live: string;
  dead: string;
  inserted: string;
  changed: string;
  autovacuum: boolean;
};

/** What a table needs, by autovacuum's rule, when autovacuum does not look after it. */
export function upkeepOf(t: {
  live: number;
  dead: number;
  inserted: number;
  changed: number;
}): 'vacuum' | 'analyze' | null {
  const limit = VACUUM_BASE + VACUUM_SHARE * t.live;
  if (t.dead >= limit || t.inserted >= limit) return 'vacuum';
  if (t.changed >= ANALYZE_BASE + ANALYZE_SHARE * t.live) return 'analyze';
  return null;
}

export async function upkeepPostgres(store: Store): Promise<UpkeepResult> {
  const result: UpkeepResult = { vacuumed: [], analyzed: [] };
  if (store.dialect !== 'postgres') return result;
  const schema = store.pgSchema ?? 'public';
  return store.db.connection().execute(async (db) => {
    const server = await sql<{ on: boolean }>`
      select current_setting('autovacuum') = 'on' and current_setting('track_counts') = 'on' as on`.execute(db);
    const serverOn = server.rows[0]?.on ?? false;
    // A table is looked after by autovacuum when the server runs it and the table does not opt out.
    const tables = await sql<TableStat>`
      select s.relname, s.n_live_tup as live, s.n_dead_tup as dead, s.n_ins_since_vacuum as inserted,
             s.n_mod_since_analyze as changed,
             ${serverOn} and not coalesce('autovacuum_enabled=false' = any (c.reloptions), false) as autovacuum
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
       where s.schemaname = ${schema}`.execute(db);
    const unattended = tables.rows.filter((t) => !t.autovacuum);
    if (unattended.length === 0) return { ...result, skipped: 'autovacuum' };
    const due = unattended
      .map((t) => ({
        name: t.relname,
        need: upkeepOf({
          live: Number(t.live),
          dead: Number(t.dead),
          inserted: Number(t.inserted),
          changed: Number(t.changed),
        }),
      }))
      .filter((t) => t.need !== null);
    if (due.length === 0) return result;
    const locked = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(${UPKEEP_LOCK_CLASS}, hashtext(${schema})) as ok`.execute(db);
    if (!locked.rows[0]?.ok) return { ...result, skipped: 'busy' };
    try {
      // VACUUM cannot run inside a transaction: this connection is not in one (no `transact`).
      for (const t of due) {
        const table = sql.id(schema, t.name);
        if (t.need === 'vacuum') {
          await sql`vacuum (analyze) ${table}`.execute(db);
          result.vacuumed.push(t.name);
        } else {
          await sql`analyze ${table}`.execute(db);
          result.analyzed.push(t.name);
        }
      }
    } finally {
      await sql`select pg_advisory_unlock(${UPKEEP_LOCK_CLASS}, hashtext(${schema}))`.execute(db);
    }
    return result;
  });
}

export function describeUpkeep(r: UpkeepResult): string | null {
  if (r.vacuumed.length + r.analyzed.length === 0) return null;
  return [
    r.vacuumed.length ? `vacuumed ${r.vacuumed.join(', ')}` : '',
    r.analyzed.length ? `analyzed ${r.analyzed.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
