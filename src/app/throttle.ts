import { DomainError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';
import { secretHash } from './secrets.ts';

export type Limit = { key: string; max: number; windowMs: number };

/** Failed guesses allowed per window (issue 4: 10 wrong receipts per tracking number in 15 minutes). */
export const LIMITS = {
  receiptPerCase: { max: 10, windowMs: 15 * 60_000 },
  receiptPerClient: { max: 30, windowMs: 15 * 60_000 },
  loginPerUser: { max: 10, windowMs: 15 * 60_000 },
  loginPerClient: { max: 30, windowMs: 15 * 60_000 },
} as const;

/** A client as a keyed hash of its address: counted for a quarter of an hour, never stored in clear. */
export function clientKey(ctx: AppContext, address: string): string {
  return secretHash(ctx.secrets, 'client', address).slice(0, 32);
}

/**
 * A key as the database gives it back. Keys carry user input (a username); the drivers store a
 * lone UTF-16 surrogate as U+FFFD, so a key compared in JavaScript must be converted the same way
 * or the row read back matches no limit (a 500 found by the fuzz test, issue 9).
 */
function stored(limits: Limit[]): Limit[] {
  return limits.map((l) => ({ ...l, key: Buffer.from(l.key, 'utf8').toString('utf8') }));
}

/** Refuses with 429 and Retry-After while any of the keys has used up its failures. */
export async function assertNotThrottled(ctx: AppContext, given: Limit[]): Promise<void> {
  const limits = stored(given);
  const now = ctx.now().toISOString();
  const rows = await ctx.store.db
    .selectFrom('throttle')
    .selectAll()
    .where(
      'key',
      'in',
      limits.map((l) => l.key),
    )
    .execute();
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)!;
    if (row.reset_at > now && Number(row.count) >= limit.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.reset_at).getTime() - ctx.now().getTime()) / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `尝试次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试 / too many attempts; retry later`,
        { retryAfterSeconds },
      );
    }
  }
}

/** Counts one failure against each key; a key whose window has passed starts again at 1. */
export async function recordFailure(ctx: AppContext, given: Limit[]): Promise<void> {
  const limits = stored(given);
  const now = ctx.now();
  await ctx.store.transact(async (trx) => {
    for (const limit of limits) {
      const row = await trx.selectFrom('throttle').selectAll().where('key', '=', limit.key).executeTakeFirst();
      const resetAt = new Date(now.getTime() + limit.windowMs).toISOString();
      if (!row) await trx.insertInto('throttle').values({ key: limit.key, count: 1, reset_at: resetAt }).execute();
      else if (row.reset_at <= now.toISOString())
        await trx.updateTable('throttle').set({ count: 1, reset_at: resetAt }).where('key', '=', limit.key).execute();
      else
        await trx
          .updateTable('throttle')
          .set({ count: Number(row.count) + 1 })
          .where('key', '=', limit.key)
          .execute();
    }
  });
}
