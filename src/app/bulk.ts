import { z } from 'zod';
import type { Actor, CaseState } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import type { TAction, TProcedure } from '../domain/procedure.schema.ts';
import { findCaseByTrackingNo } from '../store/cases.repository.ts';
import type { AppContext } from './context.ts';
import { linkCases } from './links.ts';
import { loadVisibleCase, perform } from './perform.ts';
import { eligibleUsersFor } from './reach.ts';
import { supervise } from './supervision.ts';
import { msg } from '../domain/messages.ts';

const ZIds = z
  .array(z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters'))
  .min(1)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'each case once');

/** #18 bulk actions of the inbox: one request, each case on its own through the one write path. */
export const ZBulkBody = z.discriminatedUnion('op', [
  z.object({ op: z.literal('assign'), caseIds: ZIds, assignee: z.string().regex(/^[0-9A-Z]{26}$/) }).strict(),
  z.object({ op: z.literal('urge'), caseIds: ZIds, note: z.string().trim().min(1).max(2000) }).strict(),
  z
    .object({
      op: z.literal('close-duplicate'),
      caseIds: ZIds,
      /** The earlier case these repeat (MS-12): each is closed and linked to it as a duplicate. */
      of: z.string().trim().min(1).max(40),
      note: z.string().trim().min(2).max(2000),
    })
    .strict(),
]);
export type BulkBody = z.infer<typeof ZBulkBody>;

export const ZBulkResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      version: z.number().optional(),
      status: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
type BulkResult = z.infer<typeof ZBulkResult>['results'][number];

/** The action of the case's current state that names the responsible person (`user` input setting the assignee). */
function assignAction(procedure: TProcedure, state: CaseState): { action: TAction; field: string } | undefined {
  for (const action of procedure.actions) {
    if (!action.from.includes(state.status)) continue;
    const field = action.input.find((f) => f.type === 'user' && f.sets === 'assignee');
    if (field) return { action, field: field.name };
  }
  return undefined;
}

/** The action of the current state that closes the case with a `duplicate` ground (不予受理 · 重复投诉). */
export function duplicateAction(procedure: TProcedure, state: CaseState) {
  for (const action of procedure.actions) {
    if (!action.from.includes(state.status) || !action.to) continue;
    if (!procedure.states.find((s) => s.id === action.to)?.terminal) continue;
    const ground = action.input.find((f) => f.type === 'enum' && f.options.some((o) => o.id === 'duplicate'));
    const text = action.input.find((f) => f.type === 'longtext' && f.required);
    if (ground && text) return { action, ground: ground.name, text: text.name };
  }
  return undefined;
}

function noSuchStep(state: CaseState): DomainError {
  return new DomainError('ACTION_NOT_ALLOWED', msg('bulk.caseCannotTakeStepNow'), {
    status: state.status,
  });
}

async function one(ctx: AppContext, actor: Actor, id: string, body: BulkBody) {
  if (body.op === 'urge') return supervise(ctx, actor, id, { kind: 'urge', note: body.note });
  const { state, procedure } = await loadVisibleCase(ctx, id, actor);
  if (body.op === 'assign') {
    const step = assignAction(procedure, state);
    if (!step) throw noSuchStep(state);
    return perform(ctx, id, step.action.id, { [step.field]: body.assignee }, actor, state.version);
  }
  const step = duplicateAction(procedure, state);
  if (!step) throw noSuchStep(state);
  const done = await perform(
    ctx,
    id,
    step.action.id,
    { [step.ground]: 'duplicate', [step.text]: body.note },
    actor,
    state.version,
  );
  await linkCases(ctx, id, { trackingNo: body.of, kind: 'duplicate', note: body.note }, actor);
  return done;
}

/**
 * Runs one step on many cases. Each case goes through `perform` (or the supervision note path),
 * which checks the caller's reach and writes the audit record; a case the caller may not act on
 * fails alone, with its error code, and the others go ahead.
 */
export async function bulkAct(ctx: AppContext, actor: Actor, body: BulkBody): Promise<{ results: BulkResult[] }> {
  if (body.op === 'close-duplicate') {
    // The earlier case must exist and be visible before anything is closed against it.
    const earlier = await findCaseByTrackingNo(ctx.store.db, body.of);
    const visible = earlier ? await loadVisibleCase(ctx, earlier.id, actor).catch(() => undefined) : undefined;
    if (!visible)
      throw new DomainError('VALIDATION_FAILED', msg('links.noCaseWithTrackingNumber'), {
        issues: [{ path: 'of', message: 'unknown case' }],
      });
    if (body.caseIds.includes(visible.row.id))
      throw new DomainError('VALIDATION_FAILED', msg('links.caseCannotLinkedItself'), {
        issues: [{ path: 'of', message: 'one of the cases itself' }],
      });
  }
  const results: BulkResult[] = [];
  for (const id of body.caseIds) {
    try {
      const done = await one(ctx, actor, id, body);
      const status = 'status' in done ? String(done.status) : undefined;
      results.push({ id, ok: true, version: done.version, ...(status ? { status } : {}) });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ id, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return { results };
}

/** Who may be named responsible on every one of these cases (the bulk-assign picker): the intersection. */
export async function bulkAssignees(ctx: AppContext, actor: Actor, caseIds: string[]) {
  let common: Map<string, { id: string; username: string; displayName: string; unitName: string | null }> | undefined;
  for (const id of caseIds) {
    const visible = await loadVisibleCase(ctx, id, actor).catch(() => undefined);
    const step = visible && assignAction(visible.procedure, visible.state);
    if (!step) continue; // a case that cannot be assigned now fails alone when the step is run
    const { users } = await eligibleUsersFor(ctx, id, actor, { action: step.action.id, field: step.field });
    const here = new Map(users.map((u) => [u.id, u]));
    common = common ? new Map([...common].filter(([k]) => here.has(k))) : here;
  }
  return {
    users: [...(common?.values() ?? [])].map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      unitName: u.unitName,
    })),
  };
}
