import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { chineseDate, renderCanned } from '../domain/canned-replies.ts';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { hasPermission } from '../domain/policy.ts';
import { publicClockIds } from '../domain/public-clocks.ts';
import type { TSubmitter } from '../domain/submission.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  cannedRepliesFor,
  deleteCannedReply,
  findCannedReply,
  insertCannedReply,
  listCannedReplies,
  updateCannedReply,
} from '../store/canned-replies.repository.ts';
import { toClockState } from '../store/clock.mapper.ts';
import { caseClocks } from '../store/clocks.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import type { CannedReplyRow } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { type Message, msg, render } from '../domain/messages.ts';

/** #18 canned replies: managed by admins (audited), offered to handlers on the cases they may see. */
export const ZCannedReplyInput = z
  .object({
    procedureId: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(100)
      .nullable()
      .default(null)
      .describe('null: every procedure'),
    orgUnitId: z
      .string()
      .regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters')
      .nullable()
      .default(null)
      .describe('null: the whole organisation'),
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(5000),
  })
  .strict();
type CannedReplyInput = z.infer<typeof ZCannedReplyInput>;

export const ZCannedReply = z.object({
  id: z.string(),
  procedureId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function view(row: CannedReplyRow) {
  return {
    id: row.id,
    procedureId: row.procedure_id,
    orgUnitId: row.org_unit_id,
    title: row.title,
    body: row.body,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function invalid(path: string, message: Message): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { issues: [{ path, message: render(message, 'both') }] });
}

/** An unknown procedure or unit would make a template nobody is ever offered: refused instead. */
async function checkScope(ctx: AppContext, input: CannedReplyInput) {
  if (input.procedureId && !ctx.procedures.latest(input.procedureId))
    throw invalid('procedureId', msg('reach.noSuchProcedure'));
  if (input.orgUnitId && !(await findOrgUnit(ctx.store.db, input.orgUnitId)))
    throw invalid('orgUnitId', msg('common.noSuchOrgUnit'));
}

export async function allCannedReplies(ctx: AppContext) {
  return (await listCannedReplies(ctx.store.db)).map(view);
}

export async function addCannedReply(ctx: AppContext, input: CannedReplyInput, by: string) {
  await checkScope(ctx, input);
  const at = ctx.now().toISOString();
  const row: CannedReplyRow = {
    id: timeOrderedId(ctx.now(), ctx.random(10)),
    procedure_id: input.procedureId,
    org_unit_id: input.orgUnitId,
    title: input.title,
    body: input.body,
    created_by: by,
    created_at: at,
    updated_at: at,
  };
  await ctx.store.transact(async (trx) => {
    await insertCannedReply(trx, row);
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'canned-reply.add',
      entityType: 'canned_reply',
      entityId: row.id,
      payload: { procedureId: row.procedure_id, orgUnitId: row.org_unit_id, title: row.title },
    });
  });
  return view(row);
}

function missing(): DomainError {
  return new DomainError('NOT_FOUND', msg('cannedReplies.noSuchCannedReply'));
}

export async function changeCannedReply(ctx: AppContext, id: string, input: CannedReplyInput, by: string) {
  await checkScope(ctx, input);
  const at = ctx.now().toISOString();
  return ctx.store.transact(async (trx) => {
    const before = await findCannedReply(trx, id);
    if (!before) throw missing();
    const set = {
      procedure_id: input.procedureId,
      org_unit_id: input.orgUnitId,
      title: input.title,
      body: input.body,
      updated_at: at,
    };
    await updateCannedReply(trx, id, set);
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'canned-reply.change',
      entityType: 'canned_reply',
      entityId: id,
      payload: { procedureId: set.procedure_id, orgUnitId: set.org_unit_id, title: set.title },
    });
    return view({ ...before, ...set });
  });
}

export async function removeCannedReply(ctx: AppContext, id: string, by: string) {
  await ctx.store.transact(async (trx) => {
    const before = await findCannedReply(trx, id);
    if (!before) throw missing();
    await deleteCannedReply(trx, id);
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: by,
      action: 'canned-reply.remove',
      entityType: 'canned_reply',
      entityId: id,
      payload: { title: before.title },
    });
  });
}

/**
 * The templates offered on a case: its procedure's or every procedure's, for its unit, the units
 * above it, or the whole organisation, each rendered from the case. The submitter's name only for
 * a caller whose role carries `identity:view` (CON-1), otherwise 投诉人; the due date is the
 * nearest running clock the submitter is promised (a public clock), as a local date.
 */
export async function cannedRepliesForCase(ctx: AppContext, caseId: string, actor: Actor & { kind: 'user' }) {
  const { row, state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  const unitIds = (row.org_unit_path ?? '').split('/').filter(Boolean);
  const templates = await cannedRepliesFor(ctx.store.db, row.procedure_id, unitIds);
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
  const mayName = hasPermission(actor, procedure, state.orgUnitPath, 'identity:view');
  const shown = publicClockIds(procedure);
  const due = (await caseClocks(ctx.store.db, row.id))
    .map(toClockState)
    .filter((c) => shown.has(c.clock) && !c.stoppedAt)
    .map((c) => c.dueAt)
    .sort()[0];
  const vars = {
    trackingNo: row.tracking_no,
    submitterName: (mayName && row.anonymous !== 1 && submitter?.name) || '投诉人',
    dueDate: due ? chineseDate(ctx.calendar.localDate(new Date(due))) : '（暂无期限）',
    handlerName: actor.displayName,
    procedureName: procedure.name['zh-CN'],
  };
  // CON-1: a name filled into a template is a view of the identity, audited like the reveal.
  if (vars.submitterName !== '投诉人' && templates.some((t) => t.body.includes('{{submitterName}}')))
    await ctx.store.transact(async (trx) => {
      await appendAudit(trx, {
        at: ctx.now().toISOString(),
        actor: `user:${actor.id}`,
        action: 'identity.view',
        entityType: 'case',
        entityId: row.id,
        payload: { trackingNo: row.tracking_no, reason: 'canned-reply', fields: ['name'] },
      });
    });
  return templates.map((t) => ({ ...view(t), rendered: renderCanned(t.body, vars) }));
}
