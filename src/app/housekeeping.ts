import { appendAudit } from '../store/audit.repository.ts';
import {
  deleteIdempotencyKeysBefore,
  deleteReadNotificationsBefore,
  deleteSentDeliveriesBefore,
  deleteSessionsExpiredBefore,
  deleteSettledOutboxBefore,
  deleteThrottlesResetBefore,
} from '../store/housekeeping.repository.ts';
import type { Db } from '../store/cases.repository.ts';
import { nextTurn } from '../store/fair-share.ts';
import type { AppContext } from './context.ts';

/**
 * How long rows that served one request or one delivery are kept (issue 25: nothing grows without
 * bound). None of them is the record of a case: the timeline and the audit chain keep what
 * happened; these tables only make a retry, a resend or a sign-in work.
 */
export type KeepConfig = {
  /** A retried submission within this window gets the first answer again (the idempotency window). */
  idempotencyHours: number;
  /** Delivered notices (outbox rows and their sent deliveries). Dead ones stay until resent. */
  deliveredDays: number;
  /** Notifications a person has read. Unread ones stay. */
  readNotificationDays: number;
};

export const DEFAULT_KEEP: KeepConfig = { idempotencyHours: 24, deliveredDays: 30, readNotificationDays: 90 };

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${value}")`);
  return n;
}

export function keepConfigFromEnv(env: NodeJS.ProcessEnv): KeepConfig {
  return {
    idempotencyHours: positive(
      env.PLAINT_KEEP_IDEMPOTENCY_HOURS,
      DEFAULT_KEEP.idempotencyHours,
      'PLAINT_KEEP_IDEMPOTENCY_HOURS',
    ),
    deliveredDays: positive(env.PLAINT_KEEP_DELIVERED_DAYS, DEFAULT_KEEP.deliveredDays, 'PLAINT_KEEP_DELIVERED_DAYS'),
    readNotificationDays: positive(
      env.PLAINT_KEEP_READ_NOTICES_DAYS,
      DEFAULT_KEEP.readNotificationDays,
      'PLAINT_KEEP_READ_NOTICES_DAYS',
    ),
  };
}

export type PruneCounts = {
  idempotencyKeys: number;
  deliveries: number;
  outbox: number;
  sessions: number;
  notifications: number;
  throttles: number;
};

/**
 * Rows deleted per statement. Issue 25: on SQLite a statement holds the event loop, and the
 * delivered outbox rows and idempotency keys of a busy day are hundreds of thousands a day: each
 * batch is short and the loop runs everything else between two (see drain).
 */
const BATCH = 500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Runs `step` in batches until one comes back short; each batch is its own short statement, with
 * a turn of the event loop between two (on SQLite, awaiting a statement does not yield).
 */
async function drain(step: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step(BATCH);
    total += n;
    if (n < BATCH) return total;
    await nextTurn();
  }
}

/**
 * One pass of pruning. Safe on several instances at once (a row deleted twice is deleted once);
 * a pass that removed anything leaves one audit record with the counts and the cut-offs.
 */
export async function pruneOnce(ctx: AppContext, keep: KeepConfig = DEFAULT_KEEP): Promise<PruneCounts> {
  const now = ctx.now().getTime();
  const at = (ms: number) => new Date(now - ms).toISOString();
  const db: Db = ctx.store.db;
  const cutoffs = {
    idempotency: at(keep.idempotencyHours * HOUR),
    delivered: at(keep.deliveredDays * DAY),
    read: at(keep.readNotificationDays * DAY),
    now: at(0),
    throttle: at(DAY),
  };
  const counts: PruneCounts = {
    idempotencyKeys: await drain((n) => deleteIdempotencyKeysBefore(db, cutoffs.idempotency, n)),
    deliveries: await drain((n) => deleteSentDeliveriesBefore(db, cutoffs.delivered, n)),
    outbox: await drain((n) => deleteSettledOutboxBefore(db, cutoffs.delivered, n)),
    sessions: await drain((n) => deleteSessionsExpiredBefore(db, cutoffs.now, n)),
    notifications: await drain((n) => deleteReadNotificationsBefore(db, cutoffs.read, n)),
    throttles: await drain((n) => deleteThrottlesResetBefore(db, cutoffs.throttle, n)),
  };
  if (Object.values(counts).some((n) => n > 0)) {
    await ctx.store.transact(async (trx) => {
      await appendAudit(trx, {
        at: cutoffs.now,
        actor: 'system:housekeeping',
        action: 'housekeeping.prune',
        entityType: 'system',
        entityId: 'housekeeping',
        payload: { counts, keep },
      });
    });
  }
  return counts;
}

export function describePrune(c: PruneCounts): string | null {
  const parts = Object.entries(c)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? `pruned ${parts.join(', ')}` : null;
}
