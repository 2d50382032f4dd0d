import type { AppContext } from '../app/context.ts';
import { findCaseById } from '../store/cases.repository.ts';
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
 * One pass of the notification dispatcher (issue 7). First each due outbox row fans out, in one
 * transaction, into deliveries — one per channel and target. Then due deliveries are claimed
 * with a lease (SKIP LOCKED on PostgreSQL, so several instances share the work) and sent. A
 * delivery is marked sent only after the channel took it: a crash in between sends it again
 * (at-least-once; the receiver sees the same idempotency key / Message-ID). A failure is
 * retried with exponential backoff; after `maxAttempts` it is dead and shows in the admin API.
 */
export async function dispatchOnce(ctx: AppContext, limit = 200): Promise<DispatchResult> {
  const result: DispatchResult = { fannedOut: 0, sent: 0, failed: 0, dead: 0 };
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    for (const outbox of await lockDueOutbox(trx, ctx.store.dialect, now, limit)) {
      const row = outbox.case_id ? await findCaseById(trx, outbox.case_id) : undefined;
      const targets = await targetsOf(ctx, trx, outbox, row);
      await insertDeliveries(trx, deliveryRows(outbox, targets, now));
      // `dispatched`: its deliveries carry on; `no-recipient`: nobody to tell (kept for the record).
      await setOutboxStatus(trx, outbox.idempotency_key, targets.length ? 'dispatched' : 'no-recipient', now);
      result.fannedOut++;
    }
  });
  const leaseUntil = new Date(ctx.now().getTime() + LEASE_MS).toISOString();
  const claimed = await claimDeliveries(ctx.store.db, ctx.store.dialect, now, leaseUntil, limit);
  for (const delivery of claimed) {
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
