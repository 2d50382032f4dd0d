import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../src/app/context.ts';
import { loadSegmenter } from '../src/store/search.ts';

/**
 * What `plaint serve` has done before its first request (src/cli.ts): the read workers loaded (it
 * starts them at once) and jieba's dictionary in memory (loaded before it listens). A bench that
 * builds its server itself does the same, or its first queries are timed while these load.
 */
export async function warmLikeServe(ctx: AppContext): Promise<void> {
  ctx.reads?.warm();
  loadSegmenter();
  while (ctx.reads && ctx.reads.gauges().ready < ctx.config.readWorkers) await sleep(50);
}
