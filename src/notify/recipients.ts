import { canSeeCase } from '../domain/policy.ts';
import type { AppContext } from '../app/context.ts';
import { actorOfUser } from '../app/reach.ts';
import type { Actor, CaseState } from '../domain/case.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import type { TSubmitter } from '../domain/submission.ts';
import { caseExclusions, type CaseRow, type Db } from '../store/cases.repository.ts';
import { toCaseState } from '../store/case.mapper.ts';
import { activeInvitees } from '../store/invitations.repository.ts';
import type { DeliveryRow, OutboxRow } from '../store/delivery.repository.ts';

export type Target = { channel: 'email' | 'inapp' | 'webhook' | 'wecom' | 'dingtalk' | 'feishu'; target: string };

/** The submitter's identity, decrypted only when a notice is about to go out. */
export function submitterOf(row: CaseRow): TSubmitter | null {
  return row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
}

/**
 * Who and where one outbox notice goes: the submitter by e-mail (if they gave an address); the
 * assignee and holders of `role:x` who may see the case in-app (recused staff get nothing,
 * RTE-3); the outbound webhook every notice; group robots the staff notices only — a group chat
 * is no place for what is said to the submitter.
 */
export async function targetsOf(
  ctx: AppContext,
  db: Db,
  outbox: OutboxRow,
  row: CaseRow | undefined,
): Promise<Target[]> {
  const targets: Target[] = [];
  if (!row) {
    // A notice about no case (a monthly report, STA-1) names its target itself: an address, a
    // user, or the group robots (a hotspot). The webhook carries case events only.
    if (outbox.recipient.startsWith('email:')) targets.push({ channel: 'email', target: outbox.recipient });
    if (outbox.recipient.startsWith('user:')) targets.push({ channel: 'inapp', target: outbox.recipient });
    // Issue 21: a hotspot is for the staff's group chats, never the outbound webhook of case events.
    if (outbox.recipient === 'robots')
      for (const hook of ctx.config.channels.hooks)
        if (hook.kind !== 'webhook') targets.push({ channel: hook.kind, target: `hook:${hook.name}` });
    return targets;
  }
  if (row) {
    if (outbox.recipient === 'submitter') {
      if (submitterOf(row)?.email) targets.push({ channel: 'email', target: 'submitter' });
    } else {
      for (const userId of await staffRecipients(ctx, db, outbox.recipient, row))
        targets.push({ channel: 'inapp', target: `user:${userId}` });
    }
  }
  for (const hook of ctx.config.channels.hooks) {
    if (hook.kind === 'webhook' || outbox.recipient !== 'submitter')
      targets.push({ channel: hook.kind, target: `hook:${hook.name}` });
  }
  return targets;
}

async function staffRecipients(ctx: AppContext, db: Db, recipient: string, row: CaseRow): Promise<string[]> {
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
  if (!procedure) return [];
  let ids: string[];
  if (recipient === 'assignee') ids = row.assignee_id ? [row.assignee_id] : [];
  else if (recipient.startsWith('user:')) ids = [recipient.slice(5)];
  else if (recipient.startsWith('role:')) {
    const grants = await db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .select('users.id')
      .distinct()
      .where('role_grants.role', '=', recipient.slice(5))
      .where('users.disabled', '=', 0)
      .execute();
    ids = grants.map((g) => g.id);
  } else ids = [];
  const state = {
    ...toCaseState(row),
    exclusions: await caseExclusions(db, row.id),
    // S3 二.3 (issue 17): an invitee is told by name, while the invitation runs.
    invitees: await activeInvitees(db, row, ctx.now().toISOString()),
  };
  const allowed = await whoCanSee(db, procedure, state, ids);
  if (!recipient.startsWith('role:')) return allowed;
  // Issue 16: a notice to a role nobody can act on at the case's unit goes one level up — to
  // those who supervise it — and the case is flagged 无人可办 on the supervision board.
  if (allowed.length > 0) {
    await db.deleteFrom('unreached_cases').where('case_id', '=', row.id).execute();
    return allowed;
  }
  const supervisors = procedure.roles.filter((r) => r.permissions.includes('supervise')).map((r) => r.id);
  const above =
    supervisors.length === 0
      ? []
      : await db.selectFrom('role_grants').select('user_id').distinct().where('role', 'in', supervisors).execute();
  const fallback = await whoCanSee(
    db,
    procedure,
    state,
    above.map((a) => a.user_id),
  );
  const flagged = await db
    .selectFrom('unreached_cases')
    .select('case_id')
    .where('case_id', '=', row.id)
    .executeTakeFirst();
  if (!flagged)
    await db
      .insertInto('unreached_cases')
      .values({ case_id: row.id, recipient, since: ctx.now().toISOString() })
      .execute();
  return fallback;
}

/** Of these users, those enabled who may see the case (grant covering its unit, not recused). */
async function whoCanSee(db: Db, procedure: TProcedure, state: CaseState, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const users = await db.selectFrom('users').selectAll().where('id', 'in', ids).where('disabled', '=', 0).execute();
  const allowed: string[] = [];
  for (const user of users) {
    // Read through `db` (the dispatcher's transaction): SQLite has one connection, and it is ours.
    const actor: Actor = await actorOfUser(db, user);
    // Holding the role is not enough: the grant must cover the case's unit, and no recusal.
    if (canSeeCase(actor, procedure, state)) allowed.push(user.id);
  }
  return allowed.sort();
}

export function deliveryRows(outbox: OutboxRow, targets: Target[], now: string): DeliveryRow[] {
  return targets.map((t) => ({
    id: `${outbox.idempotency_key}|${t.channel}|${t.target}`,
    outbox_key: outbox.idempotency_key,
    case_id: outbox.case_id,
    channel: t.channel,
    target: t.target,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    created_at: now,
    sent_at: null,
    last_error: null,
  }));
}
