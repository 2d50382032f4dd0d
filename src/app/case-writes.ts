import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../domain/audit-hash.ts';
import type { ActorRef, Notification, TimelineEvent } from '../domain/case.ts';
import type { ClockChange } from '../domain/clocks.ts';
import { insertClocks, updateClock } from '../store/clocks.repository.ts';
import { toClockColumns, toClockRow } from '../store/clock.mapper.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { insertEvent } from '../store/cases.repository.ts';
import { insertOutbox } from '../store/outbox.repository.ts';
import type { Database } from '../store/schema.ts';
import type { AppContext } from './context.ts';

/** `user:<id>`, `submitter`, `system:<name>`: how the audit chain names who acted. */
export function auditActor(ref: ActorRef): string {
  return ref.kind === 'user' ? `user:${ref.id}` : ref.kind === 'system' ? `system:${ref.name}` : 'submitter';
}

export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The writes every change to a case shares, inside the caller's transaction: the timeline event
 * (numbered by the case version it produced), the audit record and the outbox rows.
 * The audit record holds a digest of the input, not the input: personal data must stay deletable.
 */
export async function recordChange(
  ctx: AppContext,
  trx: Transaction<Database>,
  c: { id: string; trackingNo: string; version: number; submitterReachable: boolean },
  event: TimelineEvent,
  notifications: Notification[],
  clockChanges: ClockChange[] = [],
): Promise<void> {
  // An anonymous submitter has no address to write to: they read the news on the tracking page.
  const deliverable = notifications.filter((n) => n.to !== 'submitter' || c.submitterReachable);
  await insertEvent(trx, {
    case_id: c.id,
    seq: c.version,
    type: event.type,
    action: event.action,
    visibility: event.visibility,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_name: event.actor.name,
    actor_unit_id: event.actorUnitId ?? null,
    at: event.at,
    input: JSON.stringify(event.input),
    public_text: event.publicText ? JSON.stringify(event.publicText) : null,
    clocks: JSON.stringify(event.clocks),
  });
  for (const change of clockChanges) {
    if (change.op === 'start')
      await insertClocks(trx, [toClockRow(timeOrderedId(new Date(event.at), ctx.random(10)), c.id, change.clock)]);
    else await updateClock(trx, change.id, toClockColumns(change.set));
  }
  await appendAudit(trx, {
    at: event.at,
    actor: auditActor(event.actor),
    action: `case.${event.action}`,
    entityType: 'case',
    entityId: c.id,
    payload: {
      trackingNo: c.trackingNo,
      version: c.version,
      from: event.fromStatus,
      to: event.toStatus,
      input: digest(event.input),
    },
  });
  await insertOutbox(
    trx,
    deliverable.map((n) => ({
      case_id: c.id,
      recipient: n.to,
      template: n.template,
      event: n.event,
      payload: JSON.stringify({ caseId: c.id, trackingNo: c.trackingNo, version: c.version, status: event.toStatus }),
      // One notice per case version, template and recipient: a re-run of the dispatcher cannot send twice.
      idempotency_key: `${c.id}:${c.version}:${n.template}:${n.to}`,
      status: 'pending',
      attempts: 0,
      next_attempt_at: event.at,
      created_at: event.at,
      sent_at: null,
      last_error: null,
    })),
  );
}
