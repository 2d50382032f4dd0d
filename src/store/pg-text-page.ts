import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../domain/policy.ts';
import {
  type CaseListRow,
  type CasePage,
  type Db,
  indexKeyOf,
  indexRowsInScope,
  type PageBudget,
  pageOf,
} from './cases.repository.ts';
import { keyringOf } from './sealing.ts';
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
 *   cursor (a window on `doc`, its edge found from the docs' numbering). Whichever way PostgreSQL
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
  filter: { beforeId?: string; limit: number; scope: Scope },
  budget: PageBudget,
): Promise<CasePage> {
  let page = query as unknown as SelectQueryBuilder<Database, 'cases' | 'case_search', CaseListRow>;
  const units = indexRowsInScope(filter.scope);
  if (units) page = page.where(units);
  let top: number | undefined;
  if (filter.beforeId) {
    const at = await indexKeyOf(db, filter.beforeId);
    if (!at) return { rows: [], hasMore: false };
    top = Number(at.doc);
    page = page.where('case_search.doc', '<', at.doc);
  }
  // The matches below the cursor, newest first, with no window.
  const whole = async () =>
    pageOf(
      await page
        .where(sql<SqlBool>`case_search.tsv @@ ${tsquery}::tsquery`)
        .orderBy('case_search.doc', 'desc')
        .limit(filter.limit + 1)
        .execute(),
      filter.limit,
    );
  const common = (await matchEstimates(db, tokens)).every((n) => n > budget.lookahead);
  if (!common) return whole();
  // The window: docs from `floor` on (below the cursor, if any). Docs are numbered in indexing
  // order, so the newest `lookahead` are those from the newest's number less `lookahead` — fewer
  // where a case was erased or a number went unused. Its oldest case, the cursor of a page the
  // window leaves short, comes back with the rows (evaluated once, an InitPlan): with the newest
  // doc kept a second, a search is one statement, like an inbox page. Each extra round trip waited
  // its turn on a saturated server: search's median grew 193 → 237 ms over a soak while the
  // statements took 5 ms (bench/README.md, session 22).
  const ceiling = top ?? (await newestDoc(db)) + 1;
  const floor = ceiling - budget.lookahead;
  if (floor <= 1) return whole(); // the window would reach the first doc
  const found = (await page
    .where('case_search.doc', '>=', floor)
    .where(sql<SqlBool>`case_search.tsv @@ ${tsquery}::tsquery`)
    .select(
      sql<
        string | null
      >`(select e.case_id from case_search e where e.doc >= ${floor} and e.doc < ${ceiling} order by e.doc limit 1)`.as(
        'window_edge',
      ),
    )
    .orderBy('case_search.doc', 'desc')
    .limit(filter.limit + 1)
    .execute()) as (CaseListRow & { window_edge?: string | null })[];
  const edgeId = found[0]?.window_edge;
  const rows = found.map(({ window_edge: _, ...row }) => row as CaseListRow);
  if (rows.length > filter.limit) return pageOf(rows, filter.limit);
  const edge = edgeId ?? (await windowEdge(db, ceiling, budget.lookahead))?.case_id;
  return edge ? { rows, hasMore: true, nextKey: edge } : { rows, hasMore: false };
}

/** How long the newest doc is kept: a window from an older one only reaches further back. */
const NEWEST_MS = 1000;
/** By the database's keyring (one per database, as for the estimates below). */
const newestDocs = new WeakMap<object, { doc: number; at: number }>();

/** The newest doc's number, asked at most once a second per database. */
async function newestDoc(db: Db): Promise<number> {
  const key = keyringOf(db);
  const kept = newestDocs.get(key);
  const now = Date.now();
  if (kept && now - kept.at < NEWEST_MS) return kept.doc;
  const row = await db
    .selectFrom('case_search')
    .select((eb) => eb.fn.max('doc').as('doc'))
    .executeTakeFirst();
  const doc = Number(row?.doc ?? 0);
  newestDocs.set(key, { doc, at: now });
  return doc;
}

/**
 * The oldest indexed case of the window below `ceiling`, asked apart when the page found nothing to
 * carry it: the first doc from `ceiling − lookahead` on, or if every doc in the window was erased,
 * the next case below it. None: nothing lies below, and the page is the last.
 */
async function windowEdge(db: Db, ceiling: number, lookahead: number): Promise<{ case_id: string } | undefined> {
  const edge = await db
    .selectFrom('case_search')
    .select(['doc', 'case_id'])
    .where('doc', '>=', ceiling - lookahead)
    .where('doc', '<', ceiling)
    .orderBy('doc', 'asc')
    .limit(1)
    .executeTakeFirst();
  if (edge) return edge;
  return db
    .selectFrom('case_search')
    .select(['doc', 'case_id'])
    .where('doc', '<', ceiling)
    .orderBy('doc', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * How long a word's estimate is kept. The planner scales a word's frequency (from ANALYZE) by the
 * table's size now, so the estimate grows with the table between two ANALYZEs. Kept five minutes,
 * an estimate made just under `lookahead` sent a growing word's searches down the unbounded path
 * long after it was common: in the soak, 10,000 new cases a minute, the page went from 5 to 18 ms
 * and 5,700 buffers before the estimate was renewed (bench/README.md, session 22). Half a minute
 * costs one plan (no rows read) per word searched in it.
 */
const ESTIMATE_MS = 30_000;
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
