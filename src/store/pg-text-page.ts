import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { type CaseListRow, type CasePage, type Db, indexKeyOf, type PageBudget, pageOf } from './cases.repository.ts';
import type { Database } from './schema.ts';

/**
 * PostgreSQL's full-text page (issue 25), newest indexed first, bounded like SQLite's (`ftsPage`).
 *
 * The GIN index hands back its matches in no useful order, so a page sorts its matches to find the
 * newest 51, and each match's tsvector is read again (from TOAST: ~2 kB a case) to recheck it. For
 * a rare word that is cheap. For "物业 电梯 维修" it was 131–134 ms at 1M skewed cases (bench:scale):
 * the planner multiplies the three words' frequencies as if they were independent, expects a few
 * matches where there are 6,780, and rechecked and sorted them all. So the plan's bound is chosen
 * here, from each word's own estimate (the planner's, from the column's most-common-elements
 * statistics, which are good for one word):
 * - some word is rare (at most `lookahead` matches expected): the matches are at most that many,
 *   whatever the other words are; the page is the GIN index's, unbounded by position;
 * - every word is common: the page looks only at the newest `lookahead` indexed cases below the
 *   cursor (a window on `doc`, its edge found in the doc index alone). Whichever way PostgreSQL
 *   then goes — the GIN matches with the window as a filter, which drops a match on its `doc`
 *   before its tsvector is read, or the doc index newest first — it reads at most `lookahead`
 *   tsvectors. A page the window left short goes on below the window, as SQLite's does: the
 *   window's last case is the cursor.
 */
export async function pgTextPage(
  db: Db,
  query: SelectQueryBuilder<Database, 'cases', CaseListRow>,
  tsquery: string,
  tokens: string[],
  filter: { beforeId?: string; limit: number },
  budget: PageBudget,
): Promise<CasePage> {
  let page = query as unknown as SelectQueryBuilder<Database, 'cases' | 'case_search', CaseListRow>;
  let window = db.selectFrom('case_search').select(['doc', 'case_id']);
  if (filter.beforeId) {
    const at = await indexKeyOf(db, filter.beforeId);
    if (!at) return { rows: [], hasMore: false };
    page = page.where('case_search.doc', '<', at.doc);
    window = window.where('doc', '<', at.doc);
  }
  const common = (await matchEstimates(db, tokens)).every((n) => n > budget.lookahead);
  if (!common) {
    const rows = await page
      .where(sql<SqlBool>`case_search.tsv @@ ${tsquery}::tsquery`)
      .orderBy('case_search.doc', 'desc')
      .limit(filter.limit + 1)
      .execute();
    return pageOf(rows, filter.limit);
  }
  // The window's edge from the doc index alone (an index-only walk of `lookahead` entries).
  const edge = await window
    .orderBy('doc', 'desc')
    .limit(1)
    .offset(budget.lookahead - 1)
    .executeTakeFirst();
  if (edge) page = page.where('case_search.doc', '>=', edge.doc);
  const rows = await page
    .where(sql<SqlBool>`case_search.tsv @@ ${tsquery}::tsquery`)
    .orderBy('case_search.doc', 'desc')
    .limit(filter.limit + 1)
    .execute();
  if (rows.length > filter.limit || !edge) return pageOf(rows, filter.limit);
  return { rows, hasMore: true, nextKey: edge.case_id };
}

/** How long a word's estimate is kept: statistics change with ANALYZE, not from one search to the next. */
const ESTIMATE_MS = 5 * 60_000;
const ESTIMATES_KEPT = 10_000;
/** By hashed word: the hashes are keyed per database (issue 24), so two databases do not share one. */
const estimates = new Map<string, { rows: number; at: number }>();

type PlanNode = { 'Plan Rows': number; Plans?: PlanNode[] };

/**
 * How many indexed cases the planner expects to hold each (hashed) word: one plan of a UNION ALL
 * with a branch per word not estimated in the last few minutes, from the tsv column's statistics
 * (no rows are read).
 */
async function matchEstimates(db: Db, tokens: string[]): Promise<number[]> {
  const now = Date.now();
  const fresh = (t: string) => {
    const kept = estimates.get(t);
    return kept && now - kept.at < ESTIMATE_MS ? kept.rows : undefined;
  };
  const missing = [...new Set(tokens.filter((t) => fresh(t) === undefined))];
  if (missing.length > 0) {
    const branches = missing.map(
      (t) => sql`select 1 from case_search where tsv @@ ${sql.lit(`'${t.replace(/'/g, "''")}'`)}::tsquery`,
    );
    // Without JIT: a plan of several common words costs more than jit_above_cost, and a backend's
    // first JIT loads LLVM (118 ms against 1.6 ms afterwards in psql at 1M) for a plan never run.
    const explain = async (conn: Db) => {
      await sql`set local jit = off`.execute(conn);
      return sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`explain (format json) ${sql.join(
        branches,
        sql` union all `,
      )}`.execute(conn);
    };
    const { rows } = db.isTransaction ? await explain(db) : await db.transaction().execute(explain);
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    const each = missing.length === 1 ? [plan] : (plan.Plans ?? []);
    if (estimates.size + missing.length > ESTIMATES_KEPT) estimates.clear();
    missing.forEach((t, i) => estimates.set(t, { rows: each[i]?.['Plan Rows'] ?? 0, at: now }));
  }
  return tokens.map((t) => estimates.get(t)?.rows ?? 0);
}
