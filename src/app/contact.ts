import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { msg } from '../domain/messages.ts';

export const ZMessage = z
  .object({
    text: z.string().trim().min(1, '不能为空 / must not be empty').max(5000),
    /** `material`: further facts or evidence the submitter adds (INT-5); `message`: a question or answer. */
    kind: z.enum(['message', 'material']).default('message'),
  })
  .strict();

/**
 * INT-2: the submitter, with tracking number and receipt only, writes to the handler or adds
 * material; the handler writes back. Both are public on the case's timeline.
 */
export async function messageFromSubmitter(ctx: AppContext, caseId: string, message: z.infer<typeof ZMessage>) {
  return addCaseNote(ctx, caseId, {
    action: message.kind === 'material' ? 'submitter-material' : 'submitter-message',
    visibility: 'public',
    actor: refOf({ kind: 'submitter', caseId }),
    input: { text: message.text },
    notify: [{ to: 'assignee', template: 'submitter-message', event: 'submitter-message' }],
    prepare: async (_trx, row) => {
      // ARC-1: a closed case is archived; disagreement goes through the appeal, not a message.
      if (row.closed_at)
        throw new DomainError('ACTION_NOT_ALLOWED', msg('contact.caseClosedAppealIfYou'), {
          status: row.status,
          allowedActions: [],
        });
      return {};
    },
  });
}

export async function messageToSubmitter(ctx: AppContext, caseId: string, actor: Actor, text: string) {
  const { state } = await loadVisibleCase(ctx, caseId, actor);
  if (state.closedAt)
    throw new DomainError('ACTION_NOT_ALLOWED', msg('common.caseClosed'), {
      status: state.status,
      allowedActions: [],
    });
  return addCaseNote(ctx, caseId, {
    action: 'staff-message',
    visibility: 'public',
    actor: refOf(actor),
    input: { text },
    notify: [{ to: 'submitter', template: 'staff-message', event: 'staff-message' }],
  });
}
