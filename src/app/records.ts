import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { maskSubmitter } from '../domain/masking.ts';
import { hasPermission, rolesFor, scope } from '../domain/policy.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { ZSubmitter, type TSubmitter } from '../domain/submission.ts';
import { findCaseById, listCases, type CaseRow } from '../store/cases.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { blindIndexes } from './identity.ts';
import { loadVisibleCase, notFound } from './perform.ts';
import { finishErasures } from './erasure-ledger.ts';
import { deidentifyCase } from './retention.ts';
import { msg } from '../domain/messages.ts';
import { openerFor, sealFor } from '../store/sealing.ts';

export const ZHold = z.object({ reason: z.string().trim().min(2).max(1000) }).strict();
export const ZBulkHold = ZHold.extend({
  filter: z
    .object({
      procedure: z.string().min(1).max(100).optional(),
      q: z.string().trim().min(1).max(200).optional(),
      status: z.string().min(1).max(60).optional(),
    })
    .strict(),
}).strict();

function requireRecords(actor: Actor, procedure: TProcedure, path: string | null): void {
  if (!hasPermission(actor, procedure, path, 'records')) {
    throw new DomainError('FORBIDDEN', msg('records.youDoNotHoldRecords'), { permission: 'records' });
  }
}

/** ARC-1, RULES "a legal hold stops deletion": the case is skipped by retention until released. */
export async function setHold(ctx: AppContext, caseId: string, reason: string, actor: Actor, hold: boolean) {
  const { row, procedure } = await loadVisibleCase(ctx, caseId, actor);
  requireRecords(actor, procedure, row.org_unit_path);
  if (hold === Boolean(row.hold_reason)) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      hold ? msg('records.caseAlreadyOnHold') : msg('records.caseNotOnHold'),
      { guard: 'hold' },
    );
  }
  return addCaseNote(ctx, row.id, {
    action: hold ? 'legal-hold' : 'legal-hold-released',
    visibility: 'internal',
    actor: refOf(actor),
    input: { reason },
    changes: hold ? { hold_reason: reason, held_at: ctx.now().toISOString() } : { hold_reason: null, held_at: null },
  });
}

/** Holds every case matching a filter that the actor may hold; returns how many were put on hold. */
export async function holdMatching(
  ctx: AppContext,
  input: z.infer<typeof ZBulkHold>,
  actor: Actor,
): Promise<{ held: number; skipped: number }> {
  let held = 0;
  let skipped = 0;
  const s = scope(actor, ctx.procedures.latestAll());
  for (let cursor: string | undefined; ; ) {
    const { rows, hasMore, nextKey } = await listCases(ctx.store.db, {
      scope: s,
      limit: 200,
      ...(cursor ? { beforeId: cursor } : {}),
      ...(input.filter.procedure ? { procedureId: input.filter.procedure } : {}),
      ...(input.filter.q ? { text: input.filter.q } : {}),
      ...(input.filter.status ? { status: [input.filter.status] } : {}),
    });
    for (const row of rows) {
      const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
      if (row.hold_reason || !hasPermission(actor, procedure, row.org_unit_path, 'records')) {
        skipped++;
        continue;
      }
      await setHold(ctx, row.id, input.reason, actor, true);
      held++;
    }
    if (!hasMore) return { held, skipped };
    // A page may end short of its size (LOOKAHEAD): nextKey goes on from where it stopped looking.
    cursor = nextKey;
  }
}

export const ZDataRequest = z
  .object({
    type: z.enum(['access', 'correct', 'delete']),
    details: z.string().trim().min(2).max(5000),
  })
  .strict();

export const ZDataAnswer = z
  .object({
    decision: z.enum(['fulfil', 'refuse']),
    /** To the submitter: what was done, or why not (a legal duty to keep, a hold, an open case). */
    answer: z.string().trim().min(2).max(5000),
    /** For a granted correction: the corrected contact details. */
    correction: ZSubmitter.partial().optional(),
  })
  .strict();

/**
 * PIPL Art 44–51: the submitter (with the receipt) or staff on their behalf asks to see, correct
 * or delete their personal data. A tracked item with a due date in working days, answered by the
 * role the procedure names; refusals carry reasons.
 */
export async function requestData(
  ctx: AppContext,
  row: CaseRow,
  input: z.infer<typeof ZDataRequest>,
  requestedBy: Actor,
) {
  if (row.anonymous === 1 || !row.submitter_enc) {
    throw new DomainError('PRECONDITION_FAILED', msg('records.anonymousCaseHoldsNoPersonal'), { guard: 'anonymous' });
  }
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
  const now = ctx.now();
  const due = ctx.calendar.deadline(now, procedure.records.requestWorkingDays, 'working-days');
  const id = timeOrderedId(now, ctx.random(10));
  const handler = procedure.records.requestsHandledBy;
  await addCaseNote(ctx, row.id, {
    action: 'data-request',
    visibility: 'public',
    actor: refOf(requestedBy),
    input: {
      type: input.type,
      dueAt: due.dueAt.toISOString(),
      text: `已收到个人信息${LABELS[input.type]}请求，将于 ${ctx.calendar.formatLocal(due.dueAt)} 前答复 / your ${input.type} request will be answered by ${due.dueAt.toISOString()}`,
    },
    notify: handler ? [{ to: `role:${handler}`, template: 'data-request', event: 'data-request' }] : [],
    alsoWrite: async (trx) => {
      const [details] = await sealFor(trx, row.id, [input.details]);
      await trx
        .insertInto('data_requests')
        .values({
          id,
          case_id: row.id,
          type: input.type,
          details: details!,
          status: 'open',
          requested_by: requestedBy.kind === 'user' ? `user:${requestedBy.id}` : 'submitter',
          created_at: now.toISOString(),
          due_at: due.dueAt.toISOString(),
          answered_at: null,
          answered_by: null,
          answer: null,
        })
        .execute();
    },
  });
  return { id, type: input.type, status: 'open', dueAt: due.dueAt.toISOString() };
}

const LABELS = { access: '查阅', correct: '更正', delete: '删除' } as const;

function handles(actor: Actor, procedure: TProcedure, path: string | null): boolean {
  const role = procedure.records.requestsHandledBy;
  if (actor.kind === 'user' && actor.isAdmin) return true;
  return role ? rolesFor(actor, path).includes(role) : hasPermission(actor, procedure, path, 'records');
}

/** Open (or all) requests on the cases the actor handles requests for. */
export async function listDataRequests(ctx: AppContext, actor: Actor, status?: string) {
  let query = ctx.store.db
    .selectFrom('data_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select([
      'r.id',
      'r.case_id',
      'r.type',
      'r.details',
      'r.status',
      'r.created_at',
      'r.due_at',
      'r.answered_at',
      'r.answer',
      'c.tracking_no',
      'c.procedure_id',
      'c.procedure_version',
      'c.org_unit_path',
    ])
    .orderBy('r.due_at')
    .limit(500);
  if (status) query = query.where('r.status', '=', status);
  const rows = (await query.execute()).filter((r) => {
    const procedure = ctx.procedures.get(r.procedure_id, Number(r.procedure_version));
    return procedure && handles(actor, procedure, r.org_unit_path);
  });
  const open = await openerFor(
    ctx.store.db,
    rows.map((r) => r.case_id),
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    trackingNo: r.tracking_no,
    type: r.type,
    details: open(r.case_id, r.details),
    status: r.status,
    createdAt: r.created_at,
    dueAt: r.due_at,
    overdue: r.status === 'open' && r.due_at < ctx.now().toISOString(),
    answeredAt: r.answered_at,
    answer: r.answer === null ? null : open(r.case_id, r.answer),
  }));
}

/** Answers a request: a granted correction rewrites the contact details, a granted deletion de-identifies the case. */
export async function answerDataRequest(
  ctx: AppContext,
  requestId: string,
  input: z.infer<typeof ZDataAnswer>,
  actor: Actor,
) {
  const request = await ctx.store.db
    .selectFrom('data_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  const row = request ? await findCaseById(ctx.store.db, request.case_id) : undefined;
  if (!request || !row) throw notFound();
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
  if (!handles(actor, procedure, row.org_unit_path)) throw notFound();
  if (request.status !== 'open')
    throw new DomainError('PRECONDITION_FAILED', msg('records.requestWasAnsweredAlready'), {
      guard: 'answered',
    });
  const grant = input.decision === 'fulfil';
  if (grant && request.type === 'delete' && row.hold_reason) {
    throw new DomainError('PRECONDITION_FAILED', msg('records.caseOnLegalHoldRefuse'), { guard: 'hold' });
  }
  if (grant && request.type === 'correct' && !input.correction) {
    throw new DomainError('VALIDATION_FAILED', msg('records.correctionNeedsCorrectedDetails'), {
      issues: [{ path: 'correction', message: 'required' }],
    });
  }
  const at = ctx.now().toISOString();
  const status = grant ? 'fulfilled' : 'refused';
  const corrected = grant && request.type === 'correct' ? correctedSubmitter(row, input.correction!) : undefined;
  await addCaseNote(ctx, row.id, {
    action: 'data-request-answered',
    visibility: 'public',
    actor: refOf(actor),
    input: { type: request.type, decision: input.decision, text: input.answer },
    ...(corrected ? { changes: { submitter_enc: JSON.stringify(corrected), ...blindIndexes(ctx, corrected) } } : {}),
    alsoWrite: async (trx) => {
      const [answer] = await sealFor(trx, row.id, [input.answer]);
      await trx
        .updateTable('data_requests')
        .set({
          status,
          answer: answer!,
          answered_at: at,
          answered_by: actor.kind === 'user' ? actor.id : actor.kind,
        })
        .where('id', '=', requestId)
        .execute();
    },
  });
  if (grant && request.type === 'delete') {
    await deidentifyCase(ctx, row.id, '个人信息删除请求 / deletion requested by the submitter (PIPL Art 47)');
    await finishErasures(ctx);
  }
  return { id: requestId, status };
}

function correctedSubmitter(row: CaseRow, correction: Partial<TSubmitter>): TSubmitter {
  const current = JSON.parse(row.submitter_enc!) as TSubmitter;
  return ZSubmitter.parse({ ...current, ...correction });
}

/** What the submitter reads about their requests; a granted access request shows their data in full. */
export async function submitterDataRequests(ctx: AppContext, row: CaseRow) {
  const requests = await ctx.store.db
    .selectFrom('data_requests')
    .selectAll()
    .where('case_id', '=', row.id)
    .orderBy('created_at')
    .execute();
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
  const open = await openerFor(ctx.store.db, [row.id]);
  return {
    items: requests.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      dueAt: r.due_at,
      answeredAt: r.answered_at,
      answer: r.answer === null ? null : open(r.case_id, r.answer),
      ...(r.type === 'access' && r.status === 'fulfilled'
        ? {
            yourData: {
              submitter,
              respondents: JSON.parse(row.respondents),
              subject: row.subject,
              description: row.description,
            },
          }
        : {}),
    })),
    /** Shown masked until an access request is granted. */
    submitter: submitter ? maskSubmitter(submitter) : null,
  };
}
