import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { recusedFrom } from '../store/cases.repository.ts';
import { ERASED_TEXT, openerFor } from '../store/sealing.ts';
import { listDeliveries, reviveDelivery } from '../store/delivery.repository.ts';
import type { AppContext } from './context.ts';
import { msg } from '../domain/messages.ts';

type Staff = Actor & { kind: 'user' };

/** Issue 16, RTE-3: a notification about a case the reader is recused from is not shown. */
function notRecused(eb: ExpressionBuilder<Database, 'staff_notifications'>, actor: Staff): Expression<SqlBool> {
  const memberPaths = [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))];
  return eb.or([
    eb('staff_notifications.case_id', 'is', null),
    eb.not(recusedFrom(eb.ref('staff_notifications.case_id'), { userId: actor.id, memberPaths })),
  ]);
}

/** A staff member's in-app notifications, newest first. */
export async function myNotifications(ctx: AppContext, actor: Staff, opts: { unread: boolean; limit: number }) {
  let q = ctx.store.db
    .selectFrom('staff_notifications')
    .selectAll()
    .where('user_id', '=', actor.id)
    .where((eb) => notRecused(eb, actor));
  if (opts.unread) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  const unread = await ctx.store.db
    .selectFrom('staff_notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', actor.id)
    .where('read_at', 'is', null)
    .where((eb) => notRecused(eb, actor))
    .executeTakeFirstOrThrow();
  const open = await openerFor(
    ctx.store.db,
    rows.map((r) => r.case_id),
  );
  const erased = JSON.stringify(ERASED_TEXT);
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      event: r.event,
      title: JSON.parse(open(r.case_id, r.title, erased)),
      body: JSON.parse(open(r.case_id, r.body, erased)),
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

/** Marks one of the actor's own notifications read; someone else's is "not found". Audited. */
export async function markRead(ctx: AppContext, actor: Staff, id: string): Promise<{ id: string; readAt: string }> {
  const at = ctx.now().toISOString();
  return ctx.store.transact(async (trx) => {
    const row = await trx
      .selectFrom('staff_notifications')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', msg('notifications.noSuchNotification'));
    if (row.read_at) return { id, readAt: row.read_at };
    await trx.updateTable('staff_notifications').set({ read_at: at }).where('id', '=', id).execute();
    await appendAudit(trx, {
      at,
      actor: `user:${actor.id}`,
      action: 'notification.read',
      entityType: 'notification',
      entityId: id,
      payload: {},
    });
    return { id, readAt: at };
  });
}

/** What the dispatcher has not done yet and what it gave up on (admins). */
export async function deliveryOverview(ctx: AppContext, filter: { status?: string; caseId?: string; limit: number }) {
  const counts = await ctx.store.db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const outboxPending = await ctx.store.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const rows = await listDeliveries(ctx.store.db, filter);
  return {
    counts: {
      notYetFannedOut: Number(outboxPending.n),
      ...Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    },
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      channel: r.channel,
      target: r.target,
      status: r.status,
      attempts: Number(r.attempts),
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}

/** Sends a dead delivery again (after the receiver is fixed). Audited. */
export async function retryDelivery(ctx: AppContext, actor: Staff, id: string): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    if (!(await reviveDelivery(trx, id, at)))
      throw new DomainError('NOT_FOUND', msg('notifications.noSuchDeadDelivery'));
    await appendAudit(trx, {
      at,
      actor: `user:${actor.id}`,
      action: 'delivery.retry',
      entityType: 'delivery',
      entityId: id,
      payload: {},
    });
  });
}
