import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { hasPermission } from '../domain/policy.ts';
import { findCaseByTrackingNo } from '../store/cases.repository.ts';
import { insertLinks } from '../store/links.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { msg } from '../domain/messages.ts';

export const ZLinkInput = z
  .object({
    /** The earlier case this one repeats or duplicates (MS-12), or is related to. */
    trackingNo: z.string().trim().min(1).max(40),
    kind: z.enum(['duplicate', 'repeat', 'related']),
    note: z.string().trim().min(2).max(2000),
  })
  .strict();

/**
 * INT-6, MS-12: a handler links a case to an earlier one they can also see — a duplicate to be
 * merged (with the reason), a repeat, or a related matter. Recorded on the timeline and audited.
 */
export async function linkCases(ctx: AppContext, caseId: string, link: z.infer<typeof ZLinkInput>, actor: Actor) {
  const { row, procedure } = await loadVisibleCase(ctx, caseId, actor);
  if (!hasPermission(actor, procedure, row.org_unit_path, 'read'))
    throw new DomainError('FORBIDDEN', msg('links.youMayNotLinkCases'), { permission: 'read' });
  const other = await findCaseByTrackingNo(ctx.store.db, link.trackingNo);
  const earlier = other ? await loadVisibleCase(ctx, other.id, actor).catch(() => undefined) : undefined;
  if (!earlier)
    throw new DomainError('VALIDATION_FAILED', msg('links.noCaseWithTrackingNumber'), {
      issues: [{ path: 'trackingNo', message: 'unknown case' }],
    });
  if (earlier.row.id === row.id)
    throw new DomainError('VALIDATION_FAILED', msg('links.caseCannotLinkedItself'), {
      issues: [{ path: 'trackingNo', message: 'same case' }],
    });
  return addCaseNote(ctx, row.id, {
    action: 'linked',
    visibility: 'internal',
    actor: refOf(actor),
    input: { kind: link.kind, with: earlier.row.tracking_no, note: link.note },
    alsoWrite: async (trx) =>
      insertLinks(trx, [
        {
          from_case_id: earlier.row.id,
          to_case_id: row.id,
          kind: link.kind,
          note: link.note,
          created_at: ctx.now().toISOString(),
        },
      ]),
  });
}
