import { z } from 'zod';
import { addDays } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { TSubmitter } from '../domain/submission.ts';
import { caseExclusions, type CaseRow } from '../store/cases.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { decrypt } from './secrets.ts';
import { submitCase, type SubmitResult } from './submit.ts';

export const ZAppeal = z.object({ reasons: z.string().trim().min(5).max(20000) }).strict();

/**
 * APL-1/APL-4: the submitter appeals with reasons. The appeal is its own case (kind `appeal`)
 * in the procedure's appeal procedure, at the unit above the original's, linked both ways, and
 * kept from everyone who acted on the original and from its recusals. Its clocks are its own.
 */
export async function appeal(ctx: AppContext, original: CaseRow, reasons: string): Promise<SubmitResult> {
  const procedure = ctx.procedures.get(original.procedure_id, Number(original.procedure_version))!;
  const rule = procedure.appeal;
  if (!rule) throw new DomainError('ACTION_NOT_ALLOWED', '该流程不设申诉 / this procedure has no appeal', { status: original.status, allowedActions: [] });
  if (!rule.from.includes(original.status)) {
    throw new DomainError('ACTION_NOT_ALLOWED', '当前状态不能申诉 / an appeal is not possible in this state', { status: original.status, allowedActions: [] });
  }
  if (rule.withinDays && original.closed_at) {
    const last = addDays(ctx.calendar.localDate(new Date(original.closed_at)), rule.withinDays);
    if (ctx.calendar.localDate(ctx.now()) > last) throw new DomainError('PRECONDITION_FAILED', `申诉期限已过（办结后 ${rule.withinDays} 日）/ the appeal period has ended`, { lastDay: last });
  }
  const target = ctx.procedures.latest(rule.procedure ?? procedure.id);
  if (!target || !target.intake.kinds.includes('appeal')) throw new Error(`appeal procedure ${rule.procedure ?? procedure.id} does not take appeals`);
  const unit = original.org_unit_id ? await findOrgUnit(ctx.store.db, original.org_unit_id) : undefined;
  const above = unit?.parent_id ? await findOrgUnit(ctx.store.db, unit.parent_id) : unit;
  const submitter = original.submitter_enc ? (JSON.parse(decrypt(ctx.secrets, original.submitter_enc)) as TSubmitter) : undefined;
  const opened = await submitCase(ctx, {
    procedure: target.id,
    kind: 'appeal',
    subject: `申诉：${original.subject}`.slice(0, 200),
    description: reasons,
    anonymous: original.anonymous === 1,
    ...(submitter ? { submitter } : {}),
    requestedOutcome: '重新调查处理 / re-investigate',
    affirmTruthful: true,
    channel: original.channel as 'web',
    ...(above ? { orgUnit: above.id } : {}),
  }, { kind: 'system', name: '申诉 / appeal' });
  // APL-4: nobody who decided the original decides the appeal.
  const deciders = await ctx.store.db.selectFrom('case_events').select('actor_id').distinct()
    .where('case_id', '=', original.id).where('actor_kind', '=', 'user').where('actor_id', 'is not', null).execute();
  const exclusions = [
    ...deciders.map((d) => ({ userId: d.actor_id, unitPath: null })),
    ...(await caseExclusions(ctx.store.db, original.id)),
  ];
  await addCaseNote(ctx, opened.id, {
    action: 'appeal-opened', visibility: 'public', actor: refOf({ kind: 'submitter', caseId: original.id }),
    input: { appealOf: original.tracking_no, text: `对 ${original.tracking_no} 的处理结果提出申诉 / appeal against ${original.tracking_no}` },
    alsoWrite: async (trx, row) => {
      await trx.updateTable('cases').set({ data: JSON.stringify({ ...JSON.parse(row.data), appealOf: original.tracking_no }) }).where('id', '=', row.id).execute();
      if (exclusions.length > 0) {
        await trx.insertInto('case_exclusions').values(exclusions.map((x) => ({ case_id: opened.id, user_id: x.userId, unit_path: x.unitPath, reason: `appeal of ${original.tracking_no}` }))).execute();
      }
    },
  });
  await addCaseNote(ctx, original.id, {
    action: 'appealed', visibility: 'public', actor: refOf({ kind: 'submitter', caseId: original.id }),
    input: { appeal: opened.trackingNo, text: `已提出申诉，申诉编号 ${opened.trackingNo} / appealed as ${opened.trackingNo}` },
  });
  return opened;
}
