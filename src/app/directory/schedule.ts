import type { AppContext } from '../context.ts';
import { directorySources } from './registry.ts';
import { syncSource } from './sources.ts';

/**
 * Issue 20: the scheduled sync of every directory, run by `plaint serve` each tick. Each directory is synced once per
 * interval (`slot` = the interval's number since the epoch), exactly once across instances: the run row's insert is
 * `ON CONFLICT DO NOTHING` on (source, slot), and only the instance whose insert landed syncs. The row then holds the
 * report, or the error (the next slot tries again). Returns a line for the log, or null when nothing was due.
 */
export async function syncDueDirectories(ctx: AppContext, intervalMs: number): Promise<string | null> {
  const slot = String(Math.floor(ctx.now().getTime() / intervalMs));
  const said: string[] = [];
  // OpenID providers have nothing to sync (their people arrive by signing in).
  for (const source of (await directorySources(ctx)).filter((s) => s.kind !== 'oidc')) {
    const claimed = await ctx.store.db
      .insertInto('directory_runs')
      .values({
        source: source.name,
        slot,
        started_at: ctx.now().toISOString(),
        finished_at: null,
        report: null,
        error: null,
      })
      .onConflict((oc) => oc.columns(['source', 'slot']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
    const done = ctx.store.db.updateTable('directory_runs').where('source', '=', source.name).where('slot', '=', slot);
    try {
      const report = await syncSource(ctx, source, { dryRun: false });
      await done.set({ finished_at: ctx.now().toISOString(), report: JSON.stringify(report) }).execute();
      said.push(`${source.name}: ${JSON.stringify(report.counts)}`);
    } catch (err) {
      await done.set({ finished_at: ctx.now().toISOString(), error: (err as Error).message.slice(0, 2000) }).execute();
      said.push(`${source.name} failed: ${(err as Error).message}`);
    }
  }
  return said.length ? said.join('; ') : null;
}
