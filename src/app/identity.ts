import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { maskContactNumbers } from '../domain/redaction.ts';
import { hasPermission, scope } from '../domain/policy.ts';
import { findSameSubmitter } from '../store/cases.repository.ts';
import type { TSubmitter } from '../domain/submission.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { secretHash } from './secrets.ts';
import { msg } from '../domain/messages.ts';

/**
 * Blind indexes (CON-4): keyed hashes of normalised identity values, so "the same phone raised
 * this before" (INT-6) is an exact-match lookup while the values stay encrypted.
 */
export function blindIndexes(ctx: AppContext, s: TSubmitter | null) {
  const index = (kind: string, value: string | undefined, normalise: (v: string) => string) =>
    value ? secretHash(ctx.secrets, `bidx:${kind}`, normalise(value)) : null;
  return {
    submitter_phone_bidx: index('phone', s?.phone, (v) => v.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '')),
    submitter_email_bidx: index('email', s?.email, (v) => v.trim().toLowerCase()),
    submitter_id_bidx: index('id', s?.idNumber, (v) => v.trim().toUpperCase()),
  };
}

export const ZUnmask = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

/**
 * Shows the submitter's identity unmasked (CON-1) to staff whose role for the case carries
 * `identity:view`; each showing is an audit record with who, when and why (AUD-1).
 */
export async function revealIdentity(ctx: AppContext, caseId: string, actor: Actor, reason: string) {
  const { row, procedure, state } = await loadVisibleCase(ctx, caseId, actor);
  if (!hasPermission(actor, procedure, state.orgUnitPath, 'identity:view')) {
    throw new DomainError('FORBIDDEN', msg('identity.youMayNotSeeSubmitter'), {
      permission: 'identity:view',
    });
  }
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
  const masksSomething = maskContactNumbers(row.description).masked > 0;
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await appendAudit(trx, {
      at,
      actor: actor.kind === 'user' ? `user:${actor.id}` : actor.kind,
      action: 'identity.view',
      entityType: 'case',
      entityId: row.id,
      payload: {
        trackingNo: row.tracking_no,
        reason,
        fields: [...(submitter ? Object.keys(submitter) : []), ...(masksSomething ? ['description'] : [])],
      },
    });
  });
  // S5 七.1 (issue 17): the statement as written, numbers included, in the same audited view.
  return {
    submitter,
    anonymous: row.anonymous === 1,
    ...(masksSomething ? { description: row.description } : {}),
    viewedAt: at,
  };
}

/** Earlier and later cases by the same submitter (same phone, e-mail or ID), within the actor's scope. */
export async function sameSubmitterCases(ctx: AppContext, caseId: string, actor: Actor) {
  const { row } = await loadVisibleCase(ctx, caseId, actor);
  const keys = Object.fromEntries(
    (
      [
        ['submitter_phone_bidx', row.submitter_phone_bidx],
        ['submitter_email_bidx', row.submitter_email_bidx],
        ['submitter_id_bidx', row.submitter_id_bidx],
      ] as const
    ).filter(([, value]) => value !== null),
  );
  const rows = await findSameSubmitter(ctx.store.db, row.id, keys, scope(actor, ctx.procedures.latestAll()), 50);
  return rows.map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    subject: r.subject,
    status: r.status,
    // #18: words, not ids.
    statusLabel:
      ctx.procedures.get(r.procedure_id, Number(r.procedure_version))?.states.find((x) => x.id === r.status)?.label ??
      null,
    receivedAt: r.received_at,
  }));
}
