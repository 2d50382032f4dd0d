import { z } from 'zod';
import { rootRef } from './reach.ts';
import { addDays } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { TRespondent, TSubmitter } from '../domain/submission.ts';
import { caseExclusions, type CaseRow, findCaseById, listEvents, setCaseData } from '../store/cases.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { writeNewCase, type SubmitResult } from './submit.ts';
import type { Intake } from '../domain/intake.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { hasAppeal, insertLinks } from '../store/links.repository.ts';
import { msg } from '../domain/messages.ts';

export const ZAppeal = z.object({ reasons: z.string().trim().min(5).max(20000) }).strict();

/**
 * APL-1…APL-4: the submitter appeals with reasons. The appeal is its own case (kind `appeal`) in
 * the procedure's appeal procedure, at the next level the procedure declares (the unit above, or
 * the organisation level), linked to the original and kept from everyone who acted on it and from
 * its recusals. Its clocks are its own. An appeal at the last level is final (终审): appealing it
 * is refused. The new case, its link and the note on the original commit together.
 */
export async function appeal(ctx: AppContext, original: CaseRow, reasons: string): Promise<SubmitResult> {
  const procedure = ctx.procedures.get(original.procedure_id, Number(original.procedure_version))!;
  const rule = procedure.appeal;
  if (!rule)
    throw new DomainError('ACTION_NOT_ALLOWED', msg('appeal.procedureHasNoAppeal'), {
      status: original.status,
      allowedActions: [],
    });
  const data = JSON.parse(original.data) as { appealLevel?: number; final?: boolean };
  const level = original.kind === 'appeal' ? (data.appealLevel ?? 1) : 0;
  if (data.final || level >= rule.levels.length) {
    throw new DomainError('ACTION_NOT_ALLOWED', msg('appeal.wasFinalAppealItsDecision'), {
      status: original.status,
      allowedActions: [],
      final: true,
    });
  }
  if (!rule.from.includes(original.status)) {
    throw new DomainError('ACTION_NOT_ALLOWED', msg('appeal.appealNotPossibleInState'), {
      status: original.status,
      allowedActions: [],
    });
  }
  if (rule.withinDays && original.closed_at) {
    const last = addDays(ctx.calendar.localDate(new Date(original.closed_at)), rule.withinDays);
    if (ctx.calendar.localDate(ctx.now()) > last)
      throw new DomainError(
        'PRECONDITION_FAILED',
        msg('appeal.appealPeriodHasEnded', { withinDays: rule.withinDays }),
        { lastDay: last },
      );
  }
  if (await hasAppeal(ctx.store.db, original.id)) {
    throw new DomainError('ACTION_NOT_ALLOWED', msg('appeal.decisionWasAppealedAlreadyContinue'), {
      status: original.status,
      allowedActions: [],
    });
  }
  const target = ctx.procedures.latest(rule.procedure ?? procedure.id);
  if (!target?.intake.kinds.includes('appeal'))
    throw new Error(`appeal procedure ${rule.procedure ?? procedure.id} does not take appeals`);
  const next = level + 1;
  const step = rule.levels[next - 1]!;
  // Issue 16: an appeal always lands in a real unit — the one above, or the root (the organisation).
  // Issue 17 (S3 三.1 上一级管理人员): "above" is above the person who decided, not above the case's
  // unit — company-level HR's decision on a workshop's case is not appealed in the division below HR.
  const decidedIn = (await decidingUnit(ctx, procedure, original.id)) ?? original.org_unit_id;
  const unit = (step.routeTo === 'top' ? null : await unitAbove(ctx, decidedIn)) ?? (await rootRef(ctx.store.db));
  const submitter = original.submitter_enc ? (JSON.parse(original.submitter_enc) as TSubmitter) : undefined;
  const intake: Intake = {
    procedure: target.id,
    kind: 'appeal',
    subject: `申诉：${original.subject}`.slice(0, 200),
    description: reasons,
    anonymous: original.anonymous === 1,
    ...(submitter ? { submitter } : {}),
    respondents: JSON.parse(original.respondents) as TRespondent[],
    requestedOutcome: '重新调查处理 / re-investigate',
    affirmTruthful: true,
    channel: original.channel as 'web',
    fields: {},
  };
  // APL-4: nobody who decided the original decides the appeal.
  const deciders = await ctx.store.db
    .selectFrom('case_events')
    .select('actor_id')
    .distinct()
    .where('case_id', '=', original.id)
    .where('actor_kind', '=', 'user')
    .where('actor_id', 'is not', null)
    .execute();
  const exclusions = [
    ...deciders.map((d) => ({ userId: d.actor_id, unitPath: null })),
    ...(await caseExclusions(ctx.store.db, original.id)),
  ];
  const actor = { kind: 'system', name: '申诉 / appeal' } as const;
  let opened: SubmitResult | undefined;
  await addCaseNote(ctx, original.id, {
    action: 'appealed',
    visibility: 'public',
    actor: refOf({ kind: 'submitter', caseId: original.id }),
    input: {},
    prepare: async (trx) => {
      const now = ctx.now();
      opened = await writeNewCase(ctx, trx, target, intake, actor, now, unit);
      const appealData = {
        appealOf: original.tracking_no,
        appealLevel: next,
        appealLevelLabel: step.label,
        final: next === rule.levels.length,
      };
      // Through the store, which opens and seals the form data (issue 24).
      const row = (await findCaseById(trx, opened.id))!;
      await setCaseData(trx, row.id, JSON.stringify({ ...JSON.parse(row.data), ...appealData }));
      if (exclusions.length > 0) {
        await trx
          .insertInto('case_exclusions')
          .values(
            exclusions.map((x) => ({
              case_id: opened!.id,
              user_id: x.userId,
              unit_path: x.unitPath,
              reason: `appeal of ${original.tracking_no}`,
            })),
          )
          .execute();
      }
      await insertLinks(trx, [
        { from_case_id: original.id, to_case_id: opened.id, kind: 'appeal', note: null, created_at: now.toISOString() },
      ]);
      const finalText = appealData.final ? '（终审）' : '';
      return {
        input: {
          appeal: opened.trackingNo,
          level: next,
          final: appealData.final,
          text: `已向${step.label['zh-CN']}提出申诉${finalText}，申诉编号 ${opened.trackingNo} / appealed to ${step.label.en ?? 'the next level'}${appealData.final ? ' (final)' : ''} as ${opened.trackingNo}`,
        },
      };
    },
  });
  return opened!;
}

/**
 * The unit of the staff member who made the decision now appealed: the newest event that set the
 * case's outcome — an action with an input that `sets: outcome`, taken without waiting for
 * approval, or the approval that let such an action take effect (RES-3: the approver decided).
 * Null when none is recorded (older events, or no decision): the caller uses the case's unit.
 */
async function decidingUnit(ctx: AppContext, procedure: TProcedure, caseId: string): Promise<string | null> {
  const decides = (actionId: unknown) =>
    typeof actionId === 'string' &&
    procedure.actions.some(
      (a) => a.id === actionId && (a.input.some((f) => f.sets === 'outcome') || a.fixed?.outcome !== undefined),
    );
  // listEvents opens the sealed inputs (issue 24); newest first, people's steps only.
  const events = (await listEvents(ctx.store.db, caseId, false)).filter((e) => e.actor_kind === 'user').reverse();
  for (const e of events) {
    const input = JSON.parse(e.input) as { awaitingApproval?: unknown; approve?: unknown; approvalOf?: unknown };
    const decided = input.approve === true ? decides(input.approvalOf) : decides(e.action) && !input.awaitingApproval;
    if (decided) return e.actor_unit_id;
  }
  return null;
}

async function unitAbove(ctx: AppContext, unitId: string | null): Promise<{ id: string; path: string } | null> {
  const unit = unitId ? await findOrgUnit(ctx.store.db, unitId) : undefined;
  const above = unit?.parent_id ? await findOrgUnit(ctx.store.db, unit.parent_id) : unit;
  return above ? { id: above.id, path: above.path } : null;
}
