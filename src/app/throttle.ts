import { DomainError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';
import { secretHash } from './secrets.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { msg } from '../domain/messages.ts';

export type Limit = { key: string; max: number; windowMs: number };

/**
 * Failed guesses allowed per window. Receipts (issue 4, issue 19): 10 wrong receipts per tracking
 * number from one client address, 30 per client address over all numbers, and a ceiling per
 * tracking number from every address that one attacker cannot reach — above 1,000, i.e. more than
 * 100 addresses' worth — so wrong guesses from elsewhere never lock the owner out of their case.
 * With 100 random bits in a receipt the ceiling still leaves guessing hopeless.
 */
export const LIMITS = {
  receiptPerCaseClient: { max: 10, windowMs: 15 * 60_000 },
  receiptPerCase: { max: 5_000, windowMs: 15 * 60_000 },
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
        msg('throttle.tooManyAttemptsRetryLater', { minutes: Math.ceil(retryAfterSeconds / 60) }),
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

// ─── Sign-in throttles (issue 28) ──────────────────────────────────────────────────────────────
// Separate from the receipt limits above: a wrong password costs the guesser time, never the owner
// their account. Three counters per failure, each with a window, a number of free failures and then
// a delay that doubles with every further failure up to a ceiling:
// - per (username, client address): one address guessing one account;
// - per client address: one address spraying many accounts;
// - per account, from every address: a distributed guess needs more addresses than a few, and even
//   then it only delays the account by at most `perAccount.maxDelayMs` — and not at all for a
//   browser the owner has signed in from before (the "known device" cookie).

export type LoginLimit = { free: number; windowMs: number; firstDelayMs: number; maxDelayMs: number };

export const LOGIN_LIMITS = {
  perUserClient: { free: 10, windowMs: 15 * 60_000, firstDelayMs: 60_000, maxDelayMs: 15 * 60_000 },
  perClient: { free: 30, windowMs: 15 * 60_000, firstDelayMs: 60_000, maxDelayMs: 15 * 60_000 },
  perAccount: { free: 100, windowMs: 15 * 60_000, firstDelayMs: 1_000, maxDelayMs: 30_000 },
  /** Account failures in one window after which the owner is told (and again at the account ceiling). */
  noticeAt: 10,
} as const;

export type LoginKeys = { userClient: string; client: string; account: string };

export function loginKeys(username: string, client: string): LoginKeys {
  const user = Buffer.from(username.toLowerCase(), 'utf8').toString('utf8');
  return { userClient: `login:${user}|${client}`, client: `login-client:${client}`, account: `login-account:${user}` };
}

/** The delay after the `count`-th failure in a window: none while free, then doubling to the ceiling. */
export function loginDelayMs(limit: LoginLimit, count: number): number {
  if (count < limit.free) return 0;
  return Math.min(limit.maxDelayMs, limit.firstDelayMs * 2 ** Math.min(30, count - limit.free));
}

/**
 * Refuses with 429 and Retry-After while one of the sign-in keys is in its delay. A known device
 * (the owner's browser) is not held back by the account-wide delay.
 */
export async function assertLoginAllowed(ctx: AppContext, keys: LoginKeys, knownDevice: boolean): Promise<void> {
  const wanted = [keys.userClient, keys.client, ...(knownDevice ? [] : [keys.account])];
  const rows = await ctx.store.db.selectFrom('throttle').selectAll().where('key', 'in', wanted).execute();
  const now = ctx.now();
  let until = 0;
  for (const row of rows) {
    if (row.blocked_until && Date.parse(row.blocked_until) > now.getTime())
      until = Math.max(until, Date.parse(row.blocked_until));
  }
  if (until > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    throw new DomainError('RATE_LIMITED', msg('throttle.tooManyAttemptsRetryIn', { retryAfterSeconds }), {
      retryAfterSeconds,
    });
  }
}

/**
 * Counts one failed sign-in against the three keys and sets their delays. Returns the account's
 * failure count in its window, so the caller can tell the owner at the thresholds.
 */
export async function recordLoginFailure(ctx: AppContext, keys: LoginKeys): Promise<number> {
  const now = ctx.now();
  const pairs: [string, LoginLimit][] = [
    [keys.userClient, LOGIN_LIMITS.perUserClient],
    [keys.client, LOGIN_LIMITS.perClient],
    [keys.account, LOGIN_LIMITS.perAccount],
  ];
  let accountCount = 0;
  await ctx.store.transact(async (trx) => {
    for (const [key, limit] of pairs) {
      const row = await trx.selectFrom('throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const fresh = !row || row.reset_at <= now.toISOString();
      const count = fresh ? 1 : Number(row.count) + 1;
      const delay = loginDelayMs(limit, count);
      const blockedUntil = delay > 0 ? new Date(now.getTime() + delay).toISOString() : null;
      const resetAt = fresh ? new Date(now.getTime() + limit.windowMs).toISOString() : row.reset_at;
      // A key stays until its delay is over even if its window ends first.
      const keepUntil = blockedUntil && blockedUntil > resetAt ? blockedUntil : resetAt;
      if (!row)
        await trx
          .insertInto('throttle')
          .values({ key, count, reset_at: keepUntil, blocked_until: blockedUntil })
          .execute();
      else
        await trx
          .updateTable('throttle')
          .set({ count, reset_at: keepUntil, blocked_until: blockedUntil })
          .where('key', '=', key)
          .execute();
      if (key === keys.account) accountCount = count;
    }
  });
  return accountCount;
}

/** Every sign-in throttle still counting, for the administrator (client addresses only as keyed hashes). */
export async function listLoginThrottles(ctx: AppContext) {
  const now = ctx.now().toISOString();
  const rows = await ctx.store.db
    .selectFrom('throttle')
    .selectAll()
    .where('key', 'like', 'login%')
    .where('reset_at', '>', now)
    .orderBy('key')
    .execute();
  return rows.map((r) => {
    const [kind, rest] = r.key.split(':', 2) as [string, string];
    const [username, client] =
      kind === 'login' ? (rest.split('|') as [string, string]) : kind === 'login-client' ? [null, rest] : [rest, null];
    return {
      key: r.key,
      kind: kind === 'login' ? 'user-client' : kind === 'login-client' ? 'client' : 'account',
      username,
      client,
      failures: Number(r.count),
      windowEndsAt: r.reset_at,
      blockedUntil: r.blocked_until && r.blocked_until > now ? r.blocked_until : null,
    };
  });
}

/** Clears sign-in throttles: one key, or every key of a username (its pairs and its account); audited. */
export async function clearLoginThrottles(ctx: AppContext, which: { key?: string; username?: string }, by: string) {
  return ctx.store.transact(async (trx) => {
    let q = trx.deleteFrom('throttle');
    if (which.key) {
      if (!which.key.startsWith('login')) throw new DomainError('VALIDATION_FAILED', msg('throttle.notSignInThrottle'));
      q = q.where('key', '=', which.key);
    } else if (which.username) {
      // Matched in JavaScript, not with LIKE: `_` in a username would be a wildcard there.
      const user = which.username.toLowerCase();
      const keys = (await trx.selectFrom('throttle').select('key').where('key', 'like', 'login%').execute())
        .map((r) => r.key)
        .filter((k) => k === `login-account:${user}` || k.startsWith(`login:${user}|`));
      q = keys.length > 0 ? q.where('key', 'in', keys) : q.where('key', '=', '');
    } else {
      q = q.where('key', 'like', 'login%');
    }
    const res = await q.executeTakeFirst();
    const cleared = Number(res.numDeletedRows);
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: by,
      action: 'throttle.clear',
      entityType: 'throttle',
      entityId: which.username ?? which.key ?? '*',
      payload: { cleared },
    });
    return cleared;
  });
}

// ─── Allowances (issue 19) ─────────────────────────────────────────────────────────────────────
// The same table counts uses rather than failures: mail intake takes one use per accepted mail
// from the sender's key and the client's key, and refuses while either is used up.

/**
 * Takes one use from every key, or none when one of them is used up: then answers the seconds
 * until every used-up window has ended. The rows are locked while counted, so instances sharing
 * a PostgreSQL database never let more through than `max` (SQLite runs one unit at a time).
 */
export async function takeAllowance(
  ctx: AppContext,
  given: Limit[],
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const limits = stored(given);
  const now = ctx.now();
  const nowIso = now.toISOString();
  return ctx.store.transact(async (trx) => {
    await trx
      .insertInto('throttle')
      .values(limits.map((l) => ({ key: l.key, count: 0, reset_at: nowIso })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    let query = trx
      .selectFrom('throttle')
      .selectAll()
      .where(
        'key',
        'in',
        limits.map((l) => l.key),
      )
      .orderBy('key');
    if (ctx.store.dialect === 'postgres') query = query.forUpdate();
    const rows = await query.execute();
    let blockedUntil = 0;
    for (const row of rows) {
      const limit = limits.find((l) => l.key === row.key)!;
      if (row.reset_at > nowIso && Number(row.count) >= limit.max)
        blockedUntil = Math.max(blockedUntil, Date.parse(row.reset_at));
    }
    if (blockedUntil > 0)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((blockedUntil - now.getTime()) / 1000)) };
    for (const row of rows) {
      const limit = limits.find((l) => l.key === row.key)!;
      await trx
        .updateTable('throttle')
        .set(
          row.reset_at > nowIso
            ? { count: Number(row.count) + 1 }
            : { count: 1, reset_at: new Date(now.getTime() + limit.windowMs).toISOString() },
        )
        .where('key', '=', row.key)
        .execute();
    }
    return { allowed: true };
  });
}
