import type { Actor } from '../domain/case.ts';
import type { OrgUnitRow } from '../store/org.repository.ts';
import { tokensOfQueued } from '../store/search-index.ts';
import { archiveBundle, type BundleFilter, caseFile } from './archive.ts';
import type { AppContext } from './context.ts';
import { caseList } from './case-views.ts';
import { similarCases } from './duplicates.ts';
import { findHotspots, hotspotsHere } from './hotspots.ts';
import { buildReport } from './monthly-report.ts';
import { type StatsPeriod, statsFor } from './stats.ts';
import { countDaySnapshot, foldSnapshot } from './stats-rollup.ts';

/**
 * The heavy reads of issue 25 ("no request holds the event loop more than 50 ms"): statistics and
 * their workbook, case files, archive bundles, the monthly report's numbers and hotspots. On SQLite each runs
 * in a read worker (read-pool.ts) with its own connection; on PostgreSQL, whose driver is
 * asynchronous, in the process as before. Each gets the actor, never a pre-filtered result, so the
 * access policy is applied inside exactly as it is in the process.
 */
export const READ_TASKS = {
  stats: (ctx: AppContext, a: { actor: Actor; period: StatsPeriod }) => statsFor(ctx, a.actor, a.period),
  statsWorkbook: async (ctx: AppContext, a: { actor: Actor; period: StatsPeriod }) => {
    const { statsWorkbook } = await import('./stats-export.ts');
    return new Uint8Array(await statsWorkbook(await statsFor(ctx, a.actor, a.period)));
  },
  caseFile: (ctx: AppContext, a: { actor: Actor; caseId: string }) => caseFile(ctx, a.caseId, a.actor),
  archiveBundle: (ctx: AppContext, a: { actor: Actor; filter: BundleFilter }) => archiveBundle(ctx, a.filter, a.actor),
  monthlyReport: (ctx: AppContext, a: { month: string; unit: OrgUnitRow | null }) => buildReport(ctx, a.month, a.unit),
  // Light: a page of the inbox or of search results (lightRead below).
  caseList: (ctx: AppContext, a: { actor: Actor; query: Parameters<typeof caseList>[2] }) =>
    caseList(ctx, a.actor, a.query),
  // Possible duplicates of a case (duplicates.ts, issue 21): light, like a page.
  similar: (ctx: AppContext, a: { actor: Actor; caseId: string }) => similarCases(ctx, a.caseId, a.actor),
  // Hotspots (hotspots.ts): a manager's, and all of them for the pass that tells supervisors.
  hotspots: (ctx: AppContext, a: { actor: Actor; filter: { procedureId?: string } }) =>
    hotspotsHere(ctx, a.actor, a.filter),
  allHotspots: (ctx: AppContext, _a: Record<string, never>) =>
    findHotspots(ctx, { everything: true, byProcedure: [], recused: null }),
  // The search indexer's computing (jobs/indexer.ts): no actor, it is the server's own job and
  // answers only tokens (keyed hashes), which the main thread writes.
  indexTokens: (ctx: AppContext, a: { ids: string[] }) => tokensOfQueued(ctx.store.db, a.ids),
  // The statistics' rollup (stats-rollup.ts): a day counted, a month folded, in one snapshot each;
  // the main thread writes them.
  rollupDay: (ctx: AppContext, a: { day: string }) => countDaySnapshot(ctx, a.day),
  rollupMonth: (ctx: AppContext, a: { month: string }) => foldSnapshot(ctx, a.month),
};

export type ReadTask = keyof typeof READ_TASKS;
export type ReadArgs<T extends ReadTask> = Parameters<(typeof READ_TASKS)[T]>[1];
export type ReadResult<T extends ReadTask> = Awaited<ReturnType<(typeof READ_TASKS)[T]>>;

/** Runs a heavy read in a read worker when the store has them (SQLite), else here. */
export async function heavyRead<T extends ReadTask>(
  ctx: AppContext,
  task: T,
  args: ReadArgs<T>,
): Promise<ReadResult<T>> {
  if (ctx.reads) return (await ctx.reads.run(ctx, task, args)) as ReadResult<T>;
  return inThisThread(ctx, task, args);
}

/**
 * Runs a light read on an idle read worker when there is one, else here. An inbox or search page
 * costs the request thread 7–8 ms of CPU on SQLite (docs/scale.md); a fifth of a working day's
 * requests are such pages, and each held every other request waiting for its whole length.
 */
export async function lightRead<T extends ReadTask>(
  ctx: AppContext,
  task: T,
  args: ReadArgs<T>,
): Promise<ReadResult<T>> {
  const elsewhere = ctx.reads?.tryRun(ctx, task, args);
  if (elsewhere !== undefined) return (await elsewhere) as ReadResult<T>;
  return inThisThread(ctx, task, args);
}

function inThisThread<T extends ReadTask>(ctx: AppContext, task: T, args: ReadArgs<T>): Promise<ReadResult<T>> {
  const run = READ_TASKS[task] as (ctx: AppContext, args: ReadArgs<T>) => Promise<ReadResult<T>>;
  return run(ctx, args);
}
