import { DomainError } from './errors.ts';
import {
  findAction,
  findState,
  initialState,
  type TAction,
  type TField,
  type TGuard,
  type TProcedure,
} from './procedure.schema.ts';
import { inputSchema } from './input.ts';
import { allowedActions, appliesToKind, approvalAllows, holdsActionRole, holdsAnyRole } from './policy.ts';
import { actorRef, type Actor, type CasePatch, type CaseState, type Decision, type PendingApproval } from './case.ts';
import { zodDetails } from './zod-details.ts';
import type { Calendar } from './calendar.ts';
import { planClockOps, type ClockPlan, type ClockState } from './clocks.ts';
import { decideExtension, extensionFields, requestExtension } from './extension.ts';
import { msg } from './messages.ts';

/** Org units named in an input, resolved by the caller before deciding. */
export type UnitDirectory = ReadonlyMap<string, { id: string; path: string }>;

/** Users named in an input, resolved by the caller before deciding (the engine does no I/O). */
export type UserDirectory = ReadonlyMap<string, { id: string; displayName: string }>;

/** The calendar and the case's clocks, for actions that start, stop, pause, resume or extend them. */
export type ClockContext = { calendar: Calendar; clocks: ClockState[] };

/**
 * Decides what an action does to a case: pure, no I/O, no clock reads.
 * Throws a DomainError when the action is unknown, not allowed now, not the actor's to take,
 * its input is invalid, or a guard fails; otherwise returns the changes to apply in one transaction.
 */
export type DecideRequest = {
  procedure: TProcedure;
  /** The case as it is now. */
  current: CaseState;
  actionId: string;
  /** The action's input as received, validated here against the action's declared fields. */
  input: unknown;
  actor: Actor;
  now: Date;
  /** Users named in `user` inputs, resolved by the caller (by id or username). */
  users?: UserDirectory;
  /** Needed by actions that start, stop, pause, resume or extend clocks. */
  clocks?: ClockContext;
  /** Org units named in `unit` inputs. */
  units?: UnitDirectory;
};

export function decide(request: DecideRequest): Decision {
  const { procedure, current, actionId, input: rawInput, actor, now } = request;
  const users = request.users ?? new Map();
  const clockContext = request.clocks;
  const units = request.units ?? new Map();
  const action = findAction(procedure, actionId);
  if (!action) {
    throw new DomainError(
      'UNKNOWN_ACTION',
      msg('engine.noSuchAction', {
        procedure: procedure.name['zh-CN'],
        procedureEn: procedure.name.en ?? procedure.id,
        actionId,
      }),
      {
        action: actionId,
        allowedActions: allowedActions(actor, procedure, current).map((a) => a.id),
      },
    );
  }
  if (!appliesToKind(action, current)) {
    throw new DomainError(
      'ACTION_NOT_ALLOWED',
      msg('engine.notForKind', {
        action: action.label['zh-CN'],
        actionEn: action.label.en ?? action.id,
        kind: current.kind,
      }),
      {
        action: action.id,
        kind: current.kind,
        allowedActions: allowedActions(actor, procedure, current).map((a) => a.id),
      },
    );
  }
  if (!action.from.includes(current.status)) {
    const state = findState(procedure, current.status);
    throw new DomainError(
      'ACTION_NOT_ALLOWED',
      msg('engine.notAllowedInState', {
        state: state?.label['zh-CN'] ?? current.status,
        stateEn: state?.label.en ?? current.status,
        action: action.label['zh-CN'],
        actionEn: action.label.en ?? action.id,
      }),
      {
        action: action.id,
        status: current.status,
        allowedActions: allowedActions(actor, procedure, current).map((a) => a.id),
      },
    );
  }
  if (!holdsActionRole(actor, action, current, procedure.recordingBy)) {
    throw new DomainError(
      'FORBIDDEN',
      msg('engine.yourRolesDoNotAllow', { action: action.label['zh-CN'], actionEn: action.label.en ?? action.id }),
      {
        action: action.id,
        requiredRoles: action.roles,
      },
    );
  }
  checkApprovalState(action, current, actor);
  const fields = actionFields(procedure, action);
  const parsed = inputSchema(procedure, fields).safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      msg('engine.invalidInput', { action: action.label['zh-CN'], actionEn: action.label.en ?? action.id }),
      zodDetails(parsed.error, 'input'),
    );
  }
  const today = clockContext ? clockContext.calendar.localDate(now) : now.toISOString().slice(0, 10);
  const past = pastDates(fields, parsed.data, today);
  if (past.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      msg('engine.dueDateInPast', { action: action.label['zh-CN'], actionEn: action.label.en ?? action.id }),
      {
        issues: past.map((path) => ({ path, message: `不能早于 ${today} / must not be before ${today}` })),
      },
    );
  }
  if (action.decidesApproval)
    return settleApproval(
      procedure,
      action,
      current,
      parsed.data as { approve: boolean; note?: string },
      actor,
      now,
      clockContext,
      units,
    );
  // Guards speak of the case as the actor found it.
  checkGuards(action.guards, current);
  const input = resolveUsers(action.input, parsed.data, users);
  if (needsApproval(action, current, actor)) return requestApproval(action, current, input, actor, now);
  return takeEffect(procedure, action, current, input, actor, now, clockContext, units);
}

/** What an action does once it may: the patch, the state it leads to, its clocks, notices and the case it opens. */
function takeEffect(
  procedure: TProcedure,
  action: TAction,
  current: CaseState,
  input: Record<string, unknown>,
  actor: Actor,
  now: Date,
  clockContext: ClockContext | undefined,
  units: UnitDirectory,
  extra: { eventAction?: string; eventInput?: Record<string, unknown>; base?: CasePatch } = {},
): Decision {
  const patch: CasePatch = { ...extra.base };
  const working = patch.data ? { ...current, data: patch.data } : current;
  Object.assign(patch, applyInput(action, working, input, units));
  Object.assign(patch, fixedValues(action, working, patch));

  const toStatus = action.to ?? current.status;
  if (toStatus !== current.status) patch.status = toStatus;
  if (findState(procedure, toStatus)?.terminal && !current.closedAt) patch.closedAt = now.toISOString();

  const clockPlan = planClocks(procedure, action, working, patch, input, actor, now, clockContext);
  const invitation = action.invites
    ? {
        userId: String(input[action.invites.field]),
        expiresAt: new Date(now.getTime() + action.invites.days * 86_400_000).toISOString(),
      }
    : undefined;
  const eventInput = extra.eventInput ?? input;

  return {
    patch,
    event: {
      type: 'action',
      action: extra.eventAction ?? action.id,
      visibility: action.visibility,
      fromStatus: current.status,
      toStatus,
      actor: actorRef(actor),
      at: now.toISOString(),
      input: invitation ? { ...eventInput, invitedUntil: invitation.expiresAt } : eventInput,
      publicText: action.publicText ?? null,
      clocks: clockPlan.notes,
    },
    notifications: [
      ...action.notify
        .filter((n) => !n.when || targetValue({ ...working, ...patch } as CaseState, n.when.target) === n.when.equals)
        .map((n) => ({ to: n.to, template: n.template, event: action.id })),
      // The invitee holds no role here: they are told by name, in-app (S3 二.3, issue 17).
      ...(invitation ? [{ to: `user:${invitation.userId}`, template: 'invited', event: action.id }] : []),
    ],
    clockChanges: clockPlan.changes,
    ...(action.opens ? { opens: action.opens } : {}),
    ...(invitation ? { invitation } : {}),
  };
}

/** The input an action takes: declared, or built in for extension and approval decisions. */
export function actionFields(procedure: TProcedure, action: TAction): TField[] {
  return action.decidesApproval
    ? APPROVAL_FIELDS
    : action.extension
      ? extensionFields(procedure, action.extension)
      : action.input;
}

/** The built-in input of an approval decision (RES-3). */
const APPROVAL_FIELDS: TField[] = [
  {
    name: 'approve',
    type: 'boolean',
    required: true,
    mustBeTrue: false,
    public: false,
    label: { 'zh-CN': '批准', en: 'Approve' },
  },
  {
    name: 'note',
    type: 'longtext',
    required: false,
    maxLength: 5000,
    public: false,
    label: { 'zh-CN': '审批意见', en: 'Note' },
  },
];

function approvalApplies(action: TAction, c: CaseState): boolean {
  if (!action.approval) return false;
  const when = action.approval.when;
  return !when || targetValue(c, when.target) === when.equals;
}

/** Whether the action must wait: it needs approval here and the actor cannot give it. */
function needsApproval(action: TAction, c: CaseState, actor: Actor): boolean {
  return approvalApplies(action, c) && !holdsAnyRole(actor, action.approval!.roles, c);
}

function checkApprovalState(action: TAction, c: CaseState, actor: Actor): void {
  if (approvalAllows(actor, action, c)) return;
  const pending = c.data.pendingApproval as PendingApproval | undefined;
  if (action.decidesApproval && !pending)
    throw new DomainError('PRECONDITION_FAILED', msg('engine.nothingAwaitsApproval'), { guard: 'approval' });
  if (action.decidesApproval)
    throw new DomainError('FORBIDDEN', msg('engine.youNotApproverStep'), {
      action: action.id,
      requiredRoles: pending!.roles,
    });
  throw new DomainError('PRECONDITION_FAILED', msg('engine.awaitsApproval', { action: pending!.action }), {
    guard: 'approval',
    pending: pending!.action,
  });
}

/** RES-3: the action is recorded as pending; the approvers are told. Nothing else changes yet. */
function requestApproval(
  action: TAction,
  current: CaseState,
  input: Record<string, unknown>,
  actor: Actor,
  now: Date,
): Decision {
  const pending: PendingApproval = {
    action: action.id,
    input,
    roles: action.approval!.roles,
    requestedBy: actorRef(actor),
    requestedAt: now.toISOString(),
  };
  return {
    patch: { data: { ...current.data, pendingApproval: pending } },
    event: {
      type: 'action',
      action: action.id,
      visibility: 'internal',
      fromStatus: current.status,
      toStatus: current.status,
      actor: actorRef(actor),
      at: now.toISOString(),
      input: { ...input, awaitingApproval: action.approval!.roles },
      publicText: null,
      clocks: [],
    },
    notifications: action.approval!.roles.map((r) => ({
      to: `role:${r}`,
      template: 'approval-requested',
      event: action.id,
    })),
    clockChanges: [],
  };
}

/** Approves (the pending action takes effect now, with the input it was requested with) or refuses it. */
function settleApproval(
  procedure: TProcedure,
  action: TAction,
  current: CaseState,
  decision: { approve: boolean; note?: string },
  actor: Actor,
  now: Date,
  clockContext: ClockContext | undefined,
  units: UnitDirectory,
): Decision {
  const pending = current.data.pendingApproval as PendingApproval;
  const { pendingApproval: _settled, ...rest } = current.data;
  const record = {
    action: pending.action,
    requestedBy: pending.requestedBy,
    requestedAt: pending.requestedAt,
    decidedBy: actorRef(actor),
    decidedAt: now.toISOString(),
    approved: decision.approve,
    note: decision.note ?? null,
  };
  const data = { ...rest, approvals: [...((rest.approvals as unknown[]) ?? []), record] };
  const eventInput = {
    approve: decision.approve,
    note: decision.note ?? null,
    approvalOf: pending.action,
    requestedBy: pending.requestedBy.name,
  };
  if (!decision.approve) {
    return {
      patch: { data },
      event: {
        type: 'action',
        action: action.id,
        visibility: 'internal',
        fromStatus: current.status,
        toStatus: current.status,
        actor: actorRef(actor),
        at: now.toISOString(),
        input: eventInput,
        publicText: null,
        clocks: [],
      },
      notifications: pending.requestedBy.id ? [{ to: 'assignee', template: 'approval-refused', event: action.id }] : [],
      clockChanges: [],
    };
  }
  const approved = findAction(procedure, pending.action);
  if (!approved?.from.includes(current.status)) {
    throw new DomainError('PRECONDITION_FAILED', msg('engine.pendingStepNoLongerApplies'), {
      guard: 'approval',
      pending: pending.action,
    });
  }
  checkGuards(approved.guards, { ...current, data });
  return takeEffect(procedure, approved, { ...current, data }, pending.input, actor, now, clockContext, units, {
    eventAction: action.id,
    eventInput: { ...eventInput, ...pending.input },
    base: { data },
  });
}

/** The clock changes of an action: its declared operations, or the extension it requests or decides. */
function planClocks(
  procedure: TProcedure,
  action: TAction,
  current: CaseState,
  patch: CasePatch,
  input: Record<string, unknown>,
  actor: Actor,
  now: Date,
  context: ClockContext | undefined,
): ClockPlan {
  const ops = action.clocks;
  const needed =
    action.extension ||
    ops.start.length + ops.stop.length + ops.pause.length + ops.resume.length + (ops.retarget?.length ?? 0) > 0;
  if (!needed) return { changes: [], notes: [] };
  if (!context)
    throw new Error(`action ${action.id} changes clocks: the caller must pass the calendar and the case's clocks`);
  const data = patch.data ?? current.data;
  if (action.extension === 'request') {
    const actorId = actor.kind === 'user' ? actor.id : actor.kind;
    const request = requestExtension(
      procedure,
      current,
      context.clocks,
      input as { clock: string; length: number; reason: string },
      actorId,
      now,
    );
    patch.data = { ...data, extensionRequest: request };
    return { changes: [], notes: [] };
  }
  if (action.extension === 'decide') {
    const decided = decideExtension(
      procedure,
      current,
      context.clocks,
      input.approve === true,
      actor,
      context.calendar,
      now,
    );
    const { extensionRequest: _closed, ...rest } = data;
    patch.data = {
      ...rest,
      extensions: [
        ...((data.extensions as unknown[]) ?? []),
        { ...decided.record, decidedAt: now.toISOString(), note: input.note ?? null },
      ],
    };
    return decided;
  }
  const severity = patch.severity ?? current.severity;
  return planClockOps(
    procedure,
    ops,
    context.clocks,
    severity,
    now,
    context.calendar,
    typeof input.reason === 'string' ? input.reason : undefined,
    data,
    current.receivedAt,
  );
}

/** The state a new case of this procedure starts in. */
export function startState(procedure: TProcedure): string {
  return initialState(procedure);
}

/** Replaces usernames in `user` fields by the user ids the caller resolved; unknown names are a 400. */
function resolveUsers(
  fields: TField[],
  input: Record<string, unknown>,
  users: UserDirectory,
  path = 'input',
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const f of fields) {
    const value = out[f.name];
    if (f.type === 'user' && typeof value === 'string') out[f.name] = lookup(users, value, `${path}.${f.name}`);
    if (f.type === 'list' && Array.isArray(value)) {
      out[f.name] = value.map((item, i) =>
        resolveUsers(f.items, item as Record<string, unknown>, users, `${path}.${f.name}.${i}`),
      );
    }
  }
  return out;
}

function lookup(users: UserDirectory, ref: string, path: string): string {
  const user = users.get(ref);
  if (!user)
    throw new DomainError('VALIDATION_FAILED', msg('engine.unknownUser', { ref }), {
      issues: [{ path, message: 'unknown user' }],
    });
  return user.id;
}

/** Writes each input field with a `sets` target into a patch; list items keep a `done` flag for measures. */
function applyInput(
  action: TAction,
  current: CaseState,
  input: Record<string, unknown>,
  units: UnitDirectory,
): CasePatch {
  const patch: CasePatch = {};
  let data = current.data;
  const setData = (key: string, value: unknown) => {
    data = { ...data, [key]: value };
  };
  if (action.updatesItemOf) {
    const key = action.updatesItemOf;
    const list = Array.isArray(current.data[key]) ? [...(current.data[key] as Record<string, unknown>[])] : [];
    const { index, ...changes } = input as { index: number } & Record<string, unknown>;
    if (index < 0 || index >= list.length) {
      throw new DomainError('VALIDATION_FAILED', msg('engine.noItemIn', { index, key }), {
        issues: [{ path: 'input.index', message: `0 … ${list.length - 1}` }],
      });
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
    } else if (field.sets === 'orgUnit') {
      Object.assign(patch, moveTo(current, units, value as string, `input.${field.name}`));
    } else {
      patch[field.sets as 'category' | 'severity' | 'outcome'] = value as string;
    }
  }
  if (data !== current.data) patch.data = data;
  // A case handed to another unit waits for that unit to name its handler (unless named here).
  if (patch.orgUnitId !== undefined && patch.assigneeId === undefined) patch.assigneeId = null;
  return patch;
}

/** RTE-1: a case moves to a unit within its own (a county bureau hands it to an office), never sideways. */
function moveTo(current: CaseState, units: UnitDirectory, unitId: string, path: string): CasePatch {
  const unit = units.get(unitId);
  if (!unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit'), {
      issues: [{ path, message: 'unknown org unit' }],
    });
  if (current.orgUnitPath && !unit.path.startsWith(current.orgUnitPath)) {
    throw new DomainError('VALIDATION_FAILED', msg('engine.caseGoesOnlyItsOwn'), {
      issues: [{ path, message: "not within the case's unit" }],
    });
  }
  return { orgUnitId: unit.id, orgUnitPath: unit.path };
}

/** The values an action always sets, on top of what its input set. */
function fixedValues(action: TAction, current: CaseState, patch: CasePatch): CasePatch {
  const fixed: CasePatch = {};
  for (const [target, value] of Object.entries(action.fixed)) {
    if (target.startsWith('data.'))
      fixed.data = { ...(fixed.data ?? patch.data ?? current.data), [target.slice('data.'.length)]: value };
    else if (target === 'assignee') fixed.assigneeId = String(value);
    else if (target === 'orgUnit')
      continue; // refused by the schema check: a fixed unit would name an id in a shared file
    else fixed[target as 'category' | 'severity' | 'outcome'] = String(value);
  }
  return fixed;
}

function checkGuards(guards: TGuard[], c: CaseState): void {
  for (const guard of guards) {
    if (!guardHolds(guard, c)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        // The wording is the procedure's own (procedures are data); the catalogue only places it.
        msg('engine.guardFailed', { zh: guard.message['zh-CN'], en: guard.message.en ?? guard.message['zh-CN'] }),
        { guard: guard.type },
      );
    }
  }
}

/**
 * #18: an action that may be taken once and has been (a `no-value` guard on what it sets, e.g. the
 * satisfaction rating) is no longer offered; other guards stay for the engine to explain on submit.
 */
export function doneAlready(action: { guards: TGuard[] }, c: CaseState): boolean {
  return action.guards.some((g) => g.type === 'no-value' && !guardHolds(g, c));
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
  const value = targetValue(c, target);
  return value !== undefined && value !== null && value !== '';
}

/** A target's value on the case: `data.<key>` or a column. */
function targetValue(c: CaseState, target: string): unknown {
  if (target.startsWith('data.')) return c.data[target.slice('data.'.length)];
  const column =
    ({ assignee: 'assigneeId', orgUnit: 'orgUnitId' } as const)[target as 'assignee' | 'orgUnit'] ??
    (target as 'category' | 'severity' | 'outcome');
  return c[column];
}

/** S4 四.2 (issue 17): the `notPast` date inputs (also inside list items) set before today, by path. */
function pastDates(fields: TField[], input: Record<string, unknown>, today: string): string[] {
  const paths: string[] = [];
  for (const f of fields) {
    const value = input[f.name];
    if (f.type === 'date' && f.notPast && typeof value === 'string' && value < today) paths.push(`input.${f.name}`);
    if (f.type === 'list' && Array.isArray(value))
      value.forEach((item: Record<string, unknown>, i) => {
        for (const g of f.items)
          if (g.type === 'date' && g.notPast && typeof item[g.name] === 'string' && (item[g.name] as string) < today)
            paths.push(`input.${f.name}.${i}.${g.name}`);
      });
  }
  return paths;
}
