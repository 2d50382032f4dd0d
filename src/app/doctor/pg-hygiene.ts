import { sql } from 'kysely';
import type { DoctorCheck, DoctorFinding } from './index.ts';

/** Tables whose plans matter most (the inbox, clocks, timelines, audit): stale statistics there pick bad plans. */
const WATCHED = ['cases', 'clocks', 'case_events', 'audit_log', 'case_search', 'outbox'];

/** A table's statistics are stale when more rows changed since the last ANALYZE than this share of it (and at least 1,000). */
const STALE_SHARE = 0.2;
const STALE_MIN_ROWS = 1000;

/**
 * Issue 25: on PostgreSQL the project cannot choose the server's settings, but it can notice them.
 * With autovacuum off nothing re-analyses the tables as they grow, and the planner keeps choosing
 * plans for the sizes it last saw (the soak run slowed down until `ANALYZE`); dead rows pile up too.
 */
export const postgresHygiene: DoctorCheck = async (ctx) => {
  if (ctx.store.dialect !== 'postgres') return [];
  const db = ctx.store.db;
  const findings: DoctorFinding[] = [];
  const autovacuum = await sql<{ setting: string }>`select setting from pg_settings where name = 'autovacuum'`.execute(
    db,
  );
  if (autovacuum.rows[0]?.setting === 'off')
    findings.push({
      check: 'pg-autovacuum',
      severity: 'warning',
      message:
        'PostgreSQL 的 autovacuum 已关闭：统计信息不会随数据增长更新，查询计划会变差，请开启或定期执行 VACUUM ANALYZE / autovacuum is off: statistics go stale as data grows; turn it on or run VACUUM ANALYZE on a schedule',
      details: { setting: 'autovacuum', value: 'off' },
    });
  const stats = await sql<{ relname: string; live: string; changed: string; analyzed: string | null }>`
    select relname, n_live_tup as live, n_mod_since_analyze as changed,
           greatest(last_analyze, last_autoanalyze)::text as analyzed
      from pg_stat_user_tables
     where schemaname = current_schema() and relname in (${sql.join(WATCHED)})`.execute(db);
  for (const t of stats.rows) {
    const live = Number(t.live);
    const changed = Number(t.changed);
    if (changed >= STALE_MIN_ROWS && changed > STALE_SHARE * Math.max(live - changed, 0))
      findings.push({
        check: 'pg-stale-statistics',
        severity: 'warning',
        message: `表 ${t.relname} 的统计信息已过时（上次分析后有 ${changed} 行变化），请执行 ANALYZE ${t.relname} / statistics of ${t.relname} are stale (${changed} rows changed since the last ANALYZE): run ANALYZE`,
        details: { table: t.relname, liveRows: live, changedSinceAnalyze: changed, lastAnalyzed: t.analyzed },
      });
  }
  return findings;
};
