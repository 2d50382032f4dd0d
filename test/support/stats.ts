import { expect } from 'vitest';
import { actorOfUser } from '../../src/app/reach.ts';
import { computeStats, type StatsPeriod, statsScopeOf } from '../../src/app/stats.ts';
import type { Harness } from './harness.ts';

/**
 * A user's statistics from the rollup, checked against the direct count over the cases (issue 25:
 * they must be equal at every moment); returns them.
 */
export async function rolledUpStats(h: Harness, username: string, period: StatsPeriod): Promise<unknown> {
  const user = await h.ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const scope = statsScopeOf(h.ctx, await actorOfUser(h.ctx.store.db, user));
  const rolled = await computeStats(h.ctx, scope, period);
  expect(rolled, `${username}, ${JSON.stringify(period)}`).toEqual(
    await computeStats(h.ctx, scope, period, { direct: true }),
  );
  return rolled;
}
