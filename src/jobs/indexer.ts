import type { AppContext } from '../app/context.ts';
import { INDEX_BATCH, indexBatch } from '../store/search-index.ts';

/**
 * The search indexer inside `plaint serve` (issue 22; store/search-index.ts). A batch is a few ms
 * of the event loop; while batches come back full the next one starts at the next turn of the
 * loop (after the requests that arrived meanwhile), otherwise after `intervalMs`. So a new case
 * is searchable about `intervalMs` after it was written when the queue is short, and the indexer
 * keeps up with any submit rate the process can take (it is the same work submit used to do, in
 * batches). Every instance runs one; PostgreSQL's SKIP LOCKED splits the queue between them.
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
  const tick = () => {
    running = (async () => {
      let full = false;
      try {
        full = (await indexBatch(ctx.store)) === INDEX_BATCH;
      } catch (err) {
        log('search indexer failed; will retry', err);
      }
      if (stopped) return;
      if (full) setImmediate(tick);
      else timer = setTimeout(tick, intervalMs).unref();
    })();
  };
  timer = setTimeout(tick, intervalMs).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
