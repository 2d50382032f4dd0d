import type { AppContext } from '../app/context.ts';
import { findCaseById } from '../store/cases.repository.ts';
import { backgroundPace } from '../store/fair-share.ts';
import {
  claimDeliveries,
  insertDeliveries,
  lockDueOutbox,
  markDelivered,
  markFailed,
  setOutboxStatus,
  type DeliveryRow,
} from '../store/delivery.repository.ts';
import { renderCaseless, renderNotice } from '../notify/content.ts';
import { deliveryRows, targetsOf } from '../notify/recipients.ts';
import { PermanentFailure, sendEmail, sendHook, sendInApp, type Notice } from '../notify/senders.ts';
import { TemplateSet } from '../notify/templates.ts';

export type DispatchResult = { fannedOut: number; sent: number; failed: number; dead: number };

const LEASE_MS = 120_000;
const templateSets = new WeakMap<AppContext, TemplateSet>();

function templatesOf(ctx: AppContext): TemplateSet {
  let t = templateSets.get(ctx);
  if (!t) {
    t = new TemplateSet(ctx.config.channels.templateDirs);
    templateSets.set(ctx, t);
  }
  return t;
}

/** Exponential backoff: base, 2×base, 4×base … capped. Deterministic, so tests can step the clock. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Outbox rows fanned out per transaction. Issue 25: a pass once fanned out 200 in one unit of
 * SQLite's group commit, and better-sqlite3 is synchronous — a working day's soak measured that
 * unit at 130 ms on average and 206 ms at most, every 5 s, with every request waiting. The group
 * commit runs the requests' units between chunks. 16 rows still took 15-24 ms a unit under that
 * load (~1 ms a row: the case, its recipients, the deliveries), the most frequent unit over 15 ms
 * (bench/README.md "Fewer long turns"); 4 fit the commit's 6 ms budget like a request's unit.
 * PostgreSQL's transactions do not hold the event loop and each commits on its own (a WAL flush):
 * there the chunk stays 16.
 */
const FAN_OUT_CHUNK = { sqlite: 4, postgres: 16 } as const;

/**
 * One pass of the notification dispatcher (issue 7). First each due outbox row fans out, in one
 * transaction, into deliveries — one per channel and target. Then due deliveries are claimed
 * with a lease (SKIP LOCKED on PostgreSQL, so several instances share the work) and sent. A
 * delivery is marked sent only after the channel took it: a crash in between sends it again
 * (at-least-once; the receiver sees the same idempotency key / Message-ID). A failure is
 * retried with exponential backoff; after `maxAttempts` it is dead and shows in the admin API.
 * The pass takes its share of the event loop in slices (store/fair-share.ts): on SQLite its
 * statements do not wait for anything, so a loop over 200 deliveries would otherwise hold the
 * loop from the first to the last.
 */
export async function dispatchOnce(ctx: AppContext, limit = 200): Promise<DispatchResult> {
  const result: DispatchResult = { fannedOut: 0, sent: 0, failed: 0, dead: 0 };
  const now = ctx.now().toISOString();
  while (result.fannedOut < limit) {
    const chunk = Math.min(FAN_OUT_CHUNK[ctx.store.dialect], limit - result.fannedOut);
    const fanned = await ctx.store.transact(async (trx) => {
      const due = await lockDueOutbox(trx, ctx.store.dialect, now, chunk);
      for (const outbox of due) {
        const row = outbox.case_id ? await findCaseById(trx, outbox.case_id) : undefined;
        const targets = await targetsOf(ctx, trx, outbox, row);
        await insertDeliveries(trx, deliveryRows(outbox, targets, now));
        // `dispatched`: its deliveries carry on; `no-recipient`: nobody to tell (kept for the record).
        await setOutboxStatus(trx, outbox.idempotency_key, targets.length ? 'dispatched' : 'no-recipient', now);
      }
      return due.length;
    });
    result.fannedOut += fanned;
    if (fanned < chunk) break;
  }
  const leaseUntil = new Date(ctx.now().getTime() + LEASE_MS).toISOString();
  const claimed = await claimDeliveries(ctx.store.db, ctx.store.dialect, now, leaseUntil, limit);
  const pace = backgroundPace();
  for (const delivery of claimed) {
    if (pace.spent()) await pace.yield();
    const outcome = await deliver(ctx, delivery);
    result[outcome]++;
  }
  return result;
}

async function deliver(ctx: AppContext, delivery: DeliveryRow): Promise<'sent' | 'failed' | 'dead'> {
  const { channels } = ctx.config;
  try {
    const outbox = await ctx.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', delivery.outbox_key)
      .executeTakeFirstOrThrow();
    const row = delivery.case_id ? await findCaseById(ctx.store.db, delivery.case_id) : undefined;
    const rendered = row
      ? await renderNotice(ctx, templatesOf(ctx), ctx.store.db, outbox, row)
      : renderCaseless(templatesOf(ctx), outbox);
    const notice: Notice = { delivery, outbox, row, rendered };
    if (delivery.channel === 'email') await sendEmail(ctx, notice);
    else if (delivery.channel === 'inapp') await sendInApp(ctx, notice);
    else {
      const hook = channels.hooks.find((h) => `hook:${h.name}` === delivery.target);
      if (!hook) throw new PermanentFailure(`hook ${delivery.target} is no longer configured`);
      await sendHook(ctx, hook, notice);
    }
    await markDelivered(ctx.store.db, delivery.id, ctx.now().toISOString());
    return 'sent';
  } catch (err) {
    const attempts = Number(delivery.attempts);
    const dead = err instanceof PermanentFailure || attempts >= channels.maxAttempts;
    const next = new Date(
      ctx.now().getTime() + backoffMs(attempts, channels.retryBaseMs, channels.retryMaxMs),
    ).toISOString();
    // The message may quote what a receiver answered: control characters (a NUL, which PostgreSQL
    // refuses in text) become spaces, and it is kept short.
    const message = `attempt ${attempts}: ${(err as Error).message}`.replace(
      /[\u0000-\u0008\u000b-\u001f\u007f]/g,
      ' ',
    );
    await markFailed(ctx.store.db, delivery.id, dead, next, message.slice(0, 1000));
    return dead ? 'dead' : 'failed';
  }
}

/** Runs the dispatcher every `intervalMs` inside `plaint serve`; returns a stop function. */
export function startDispatcher(
  ctx: AppContext,
  intervalMs: number,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a slow SMTP server must not pile passes up behind it
    busy = true;
    running = (async () => {
      try {
        const r = await dispatchOnce(ctx);
        if (r.sent + r.failed + r.dead > 0) log(`dispatcher: ${r.sent} sent, ${r.failed} to retry, ${r.dead} dead`);
      } catch (err) {
        log('dispatcher failed; will retry', err);
      } finally {
        busy = false;
      }
    })();
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
