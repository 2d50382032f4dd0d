import { DomainError } from './errors.ts';
import { findAction, findState, initialState, type TAction, type TField, type TGuard, type TProcedure } from './procedure.schema.ts';
import { inputSchema } from './input.ts';
import { allowedActions, holdsActionRole } from './policy.ts';
import { actorRef, type Actor, type CasePatch, type CaseState, type Decision } from './case.ts';
import { zodDetails } from './zod-details.ts';
import type { Calendar } from './calendar.ts';
import { planClockOps, type ClockPlan, type ClockState } from './clocks.ts';
import { decideExtension, extensionFields, requestExtension } from './extension.ts';

/** Users named in an input, resolved by the caller before deciding (the engine does no I/O). */
export type UserDirectory = ReadonlyMap<string, { id: string; displayName: string }>;

/** The calendar and the case's clocks, for actions that start, stop, pause, resume or extend them. */
export type ClockContext = { calendar: Calendar; clocks: ClockState[] };

/**
 * Decides what an action does to a case: pure, no I/O, no clock reads.
 * Throws a DomainError when the action is unknown, not allowed now, not the actor's to take,
 * its input is invalid, or a guard fails; otherwise returns the changes to apply in one transaction.
 */
export function decide(
  procedure: TProcedure,
  current: CaseState,
  actionId: string,
  rawInput: unknown,
  actor: Actor,
  now: Date,
  users: UserDirectory = new Map(),
  clockContext?: ClockContext,
): Decision {
  const action = findAction(procedure, actionId);
  if (!action) {
    throw new DomainError('UNKNOWN_ACTION', `流程“${procedure.name['zh-CN']}”没有操作“${actionId}” / no such action`, {
      action: actionId, allowedActions: allowedActions(actor, procedure, current).map((a) => a.id),
    });
  }
  if (!action.from.includes(current.status)) {
    const state = findState(procedure, current.status);
    throw new DomainError('ACTION_NOT_ALLOWED',
      `当前状态“${state?.label['zh-CN'] ?? current.status}”下不能执行“${action.label['zh-CN']}” / not allowed in state ${current.status}`,
      { action: action.id, status: current.status, allowedActions: allowedActions(actor, procedure, current).map((a) => a.id) });
  }
  if (!holdsActionRole(actor, action, current)) {
    throw new DomainError('FORBIDDEN', `您无权执行“${action.label['zh-CN']}” / your roles do not allow this action`, {
      action: action.id, requiredRoles: action.roles,
    });
  }
  const fields = action.extension ? extensionFields(procedure, action.extension) : action.input;
  const parsed = inputSchema(procedure, fields).safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', `“${action.label['zh-CN']}”的输入不正确 / invalid input`, zodDetails(parsed.error, 'input'));
  }
  // Guards speak of the case as the actor found it.
  checkGuards(action.guards, current);
  const input = resolveUsers(action.input, parsed.data, users);
  const patch = applyInput(action, current, input);
  Object.assign(patch, fixedValues(action, current, patch));

  const toStatus = action.to ?? current.status;
  if (toStatus !== current.status) patch.status = toStatus;
  if (findState(procedure, toStatus)?.terminal && !current.closedAt) patch.closedAt = now.toISOString();

  const clockPlan = planClocks(procedure, action, current, patch, input, actor, now, clockContext);

  return {
    patch,
    event: {
      type: 'action',
      action: action.id,
      visibility: action.visibility,
      fromStatus: current.status,
      toStatus,
      actor: actorRef(actor),
      at: now.toISOString(),
      input,
      publicText: action.publicText ?? null,
      clocks: clockPlan.notes,
    },
    notifications: action.notify.map((n) => ({ to: n.to, template: n.template, event: action.id })),
    clockChanges: clockPlan.changes,
  };
}

/** The clock changes of an action: its declared operations, or the extension it requests or decides. */
function planClocks(
  procedure: TProcedure, action: TAction, current: CaseState, patch: CasePatch, input: Record<string, unknown>,
  actor: Actor, now: Date, context: ClockContext | undefined,
): ClockPlan {
  const ops = action.clocks;
  const needed = action.extension || ops.start.length + ops.stop.length + ops.pause.length + ops.resume.length > 0;
  if (!needed) return { changes: [], notes: [] };
  if (!context) throw new Error(`action ${action.id} changes clocks: the caller must pass the calendar and the case's clocks`);
  const data = patch.data ?? current.data;
  if (action.extension === 'request') {
    const actorId = actor.kind === 'user' ? actor.id : actor.kind;
    const request = requestExtension(procedure, current, context.clocks, input as { clock: string; length: number; reason: string }, actorId, now);
    patch.data = { ...data, extensionRequest: request };
    return { changes: [], notes: [] };
  }
  if (action.extension === 'decide') {
    const decided = decideExtension(procedure, current, context.clocks, input.approve === true, actor, context.calendar, now);
    const { extensionRequest: _closed, ...rest } = data;
    patch.data = { ...rest, extensions: [...((data.extensions as unknown[]) ?? []), { ...decided.record, decidedAt: now.toISOString(), note: input.note ?? null }] };
    return decided;
  }
  const severity = patch.severity ?? current.severity;
  return planClockOps(procedure, ops, context.clocks, severity, now, context.calendar, typeof input.reason === 'string' ? input.reason : undefined);
}

/** The state a new case of this procedure starts in. */
export function startState(procedure: TProcedure): string {
  return initialState(procedure);
}

/** Replaces usernames in `user` fields by the user ids the caller resolved; unknown names are a 400. */
function resolveUsers(fields: TField[], input: Record<string, unknown>, users: UserDirectory, path = 'input'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const f of fields) {
    const value = out[f.name];
    if (f.type === 'user' && typeof value === 'string') out[f.name] = lookup(users, value, `${path}.${f.name}`);
    if (f.type === 'list' && Array.isArray(value)) {
      out[f.name] = value.map((item, i) => resolveUsers(f.items, item as Record<string, unknown>, users, `${path}.${f.name}.${i}`));
    }
  }
  return out;
}

function lookup(users: UserDirectory, ref: string, path: string): string {
  const user = users.get(ref);
  if (!user) throw new DomainError('VALIDATION_FAILED', `找不到用户“${ref}” / unknown user`, { issues: [{ path, message: 'unknown user' }] });
  return user.id;
}

/** Writes each input field with a `sets` target into a patch; list items keep a `done` flag for measures. */
function applyInput(action: TAction, current: CaseState, input: Record<string, unknown>): CasePatch {
  const patch: CasePatch = {};
  let data = current.data;
  const setData = (key: string, value: unknown) => { data = { ...data, [key]: value }; };
  if (action.updatesItemOf) {
    const key = action.updatesItemOf;
    const list = Array.isArray(current.data[key]) ? [...(current.data[key] as Record<string, unknown>[])] : [];
    const { index, ...changes } = input as { index: number } & Record<string, unknown>;
    if (index < 0 || index >= list.length) {
      throw new DomainError('VALIDATION_FAILED', `第 ${index} 项不存在 / no item ${index} in ${key}`, { issues: [{ path: 'input.index', message: `0 … ${list.length - 1}` }] });
    }
    list[index] = { ...list[index], ...changes };
    setData(key, list);
  }
  for (const field of action.input) {
    const value = input[field.name];
    if (value === undefined || !field.sets) continue;
    if (field.sets.startsWith('data.')) {
      const key = field.sets.slice('data.'.length);
      if (field.type === 'list') {
        const items = (value as Record<string, unknown>[]).map((item) => ({ ...item, done: item.done ?? false }));
        const existing = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
        setData(key, field.append ? [...existing, ...items] : items);
      } else {
        setData(key, value);
      }
    } else if (field.sets === 'assignee') {
      patch.assigneeId = value as string;
    } else {
      patch[field.sets as 'category' | 'severity' | 'outcome'] = value as string;
    }
  }
  if (data !== current.data) patch.data = data;
  return patch;
}

/** The values an action always sets, on top of what its input set. */
function fixedValues(action: TAction, current: CaseState, patch: CasePatch): CasePatch {
  const fixed: CasePatch = {};
  for (const [target, value] of Object.entries(action.fixed)) {
    if (target.startsWith('data.')) fixed.data = { ...(fixed.data ?? patch.data ?? current.data), [target.slice('data.'.length)]: value };
    else if (target === 'assignee') fixed.assigneeId = String(value);
    else fixed[target as 'category' | 'severity' | 'outcome'] = String(value);
  }
  return fixed;
}

function checkGuards(guards: TGuard[], c: CaseState): void {
  for (const guard of guards) {
    if (!guardHolds(guard, c)) {
      throw new DomainError('PRECONDITION_FAILED', `${guard.message['zh-CN']}${guard.message.en ? ` / ${guard.message.en}` : ''}`, { guard: guard.type });
    }
  }
}

function guardHolds(guard: TGuard, c: CaseState): boolean {
  switch (guard.type) {
    case 'all-items-done': {
      // No list means nothing left undone (a decision may need no measures at all).
      const list = c.data[guard.list];
      return !Array.isArray(list) || list.every((item) => (item as { done?: unknown }).done === true);
    }
    case 'has-value':
      return hasValue(c, guard.target);
    case 'no-value':
      return !hasValue(c, guard.target);
  }
}

function hasValue(c: CaseState, target: string): boolean {
  const value = target.startsWith('data.')
    ? c.data[target.slice('data.'.length)]
    : c[target === 'assignee' ? 'assigneeId' : (target as 'category' | 'severity' | 'outcome')];
  return value !== undefined && value !== null && value !== '';
}
