import type { AppContext } from '../app/context.ts';
import { heavyRead } from '../app/read-tasks.ts';
import { indexerPace } from '../store/fair-share.ts';
import { type ComputeTokens, INDEX_BATCH, indexBatch } from '../store/search-index.ts';

/**
 * The search indexer inside `plaint serve` (issue 22; store/search-index.ts). While batches come
 * back full the next one starts at once, otherwise after `intervalMs`. A drain computes in slices
 * that take a fair share of the event loop (store/fair-share.ts) — a fixed slice per turn fell
 * behind a saturating submit load, whose turns are long. So a new case is searchable about
 * `intervalMs` after it was written when the queue is short, and the indexer keeps up with any
 * submit rate the process can take (it is the same work submit used to do, in batches). Every instance runs one; PostgreSQL's SKIP LOCKED splits the queue between them.
 * Returns a stop function that waits for the batch in progress.
 */
export function startIndexer(
  ctx: AppContext,
  intervalMs: number,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // Two batches in flight: one computes while the other waits for its commit (a commit round under
  // load is as long as computing a batch). They never take the same cases (search-index.ts).
  const compute = computeIn(ctx);
  const drain = async () => {
    const pace = indexerPace();
    let full = true;
    while (full && !stopped) full = (await indexBatch(ctx.store, INDEX_BATCH, pace, compute)) === INDEX_BATCH;
  };
  const tick = () => {
    running = (async () => {
      try {
        await Promise.all([drain(), drain()]);
      } catch (err) {
        log('search indexer failed; will retry', err);
      }
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    })();
  };
  timer = setTimeout(tick, intervalMs).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Issue 25: on SQLite with read workers, a batch's tokens are computed in one (its own connection
 * reads the committed cases), so segmenting — most of the indexer's CPU — leaves the request
 * thread, which then only writes them. Elsewhere (undefined) here, in fair-share slices.
 */
function computeIn(ctx: AppContext): ComputeTokens | undefined {
  return ctx.reads ? (ids) => heavyRead(ctx, 'indexTokens', { ids }) : undefined;
}
