import type { Calendar } from './calendar.ts';
import {
  clockDef,
  extendedDeadline,
  extensionApprovers,
  warnInstant,
  type ClockPlan,
  type ClockState,
} from './clocks.ts';
import { DomainError } from './errors.ts';
import type { TField, TProcedure } from './procedure.schema.ts';
import type { Actor, CaseState } from './case.ts';
import { rolesFor } from './policy.ts';
import { msg } from './messages.ts';

/** An extension asked for and not yet decided, kept on the case (SLA-3). */
export type ExtensionRequest = {
  clock: string;
  length: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
};

const requestFields = new WeakMap<TProcedure, TField[]>();
const DECIDE_FIELDS: TField[] = [
  {
    name: 'approve',
    type: 'boolean',
    required: true,
    mustBeTrue: false,
    public: false,
    label: { 'zh-CN': '是否批准', en: 'Approve' },
  },
  {
    name: 'note',
    type: 'text',
    required: false,
    maxLength: 500,
    public: false,
    label: { 'zh-CN': '审批意见', en: 'Note' },
  },
];

/** The built-in input of an extension action, from the clocks the procedure lets extend. */
export function extensionFields(procedure: TProcedure, kind: 'request' | 'decide'): TField[] {
  if (kind === 'decide') return DECIDE_FIELDS;
  let fields = requestFields.get(procedure);
  if (!fields) {
    const extendable = procedure.clocks.filter((c) => c.extension);
    const longest = Math.max(1, ...extendable.map((c) => c.extension!.maxLength));
    fields = [
      {
        name: 'clock',
        type: 'enum',
        required: true,
        public: false,
        options: extendable.map((c) => ({ id: c.id, label: c.label })),
        label: { 'zh-CN': '延期的时限', en: 'Clock' },
      },
      {
        name: 'length',
        type: 'integer',
        required: true,
        min: 1,
        max: longest,
        public: false,
        label: { 'zh-CN': '延长（与时限同单位）', en: 'Extend by (same unit)' },
      },
      {
        name: 'reason',
        type: 'longtext',
        required: true,
        maxLength: 2000,
        public: false,
        label: { 'zh-CN': '延期理由', en: 'Reason' },
      },
    ];
    requestFields.set(procedure, fields);
  }
  return fields;
}

function runningClock(open: ClockState[], id: string): ClockState | undefined {
  return open.find((c) => c.clock === id && !c.stoppedAt);
}

/** Records a request to extend a running clock. */
export function requestExtension(
  procedure: TProcedure,
  c: CaseState,
  open: ClockState[],
  input: { clock: string; length: number; reason: string },
  actorId: string,
  now: Date,
): ExtensionRequest {
  const def = clockDef(procedure, input.clock);
  if (c.data.extensionRequest)
    throw new DomainError('PRECONDITION_FAILED', msg('extension.extensionRequestAlreadyOpen'));
  if (!runningClock(open, def.id))
    throw new DomainError(
      'PRECONDITION_FAILED',
      msg('extension.clockNotRunning', { clock: def.label['zh-CN'], clockEn: def.label.en ?? def.id }),
    );
  if (input.length > def.extension!.maxLength) {
    throw new DomainError('VALIDATION_FAILED', msg('extension.atMost', { maxLength: def.extension!.maxLength }), {
      issues: [{ path: 'input.length', message: `max ${def.extension!.maxLength}` }],
    });
  }
  return {
    clock: def.id,
    length: input.length,
    reason: input.reason,
    requestedBy: actorId,
    requestedAt: now.toISOString(),
  };
}

/**
 * Approves or denies the open request. Only holders of the clock's approver roles (by severity:
 * S9 轻微 by the responsible manager, 重要 by the general manager) may decide.
 */
export function decideExtension(
  procedure: TProcedure,
  c: CaseState,
  open: ClockState[],
  approve: boolean,
  actor: Actor,
  calendar: Calendar,
  now: Date,
): ClockPlan & { record: Record<string, unknown> } {
  const request = c.data.extensionRequest as ExtensionRequest | undefined;
  if (!request) throw new DomainError('PRECONDITION_FAILED', msg('extension.noExtensionRequestOpen'));
  const def = clockDef(procedure, request.clock);
  const approvers = extensionApprovers(def, c.severity);
  const held = rolesFor(actor, c.orgUnitPath);
  const allowed = actor.kind === 'user' && (actor.isAdmin || approvers.some((r) => held.includes(r)));
  if (!allowed)
    throw new DomainError('FORBIDDEN', msg('extension.youMayNotDecideExtension'), {
      requiredRoles: approvers,
    });
  const clock = runningClock(open, def.id);
  if (!approve || !clock) return { changes: [], notes: [], record: { ...request, approved: false } };
  const deadline = extendedDeadline(calendar, clock, request.length);
  const previousDueAt = clock.dueAt;
  const explanation = {
    'zh-CN': `延期 ${request.length}（${def.unit}）已批准：原截止 ${calendar.formatLocal(new Date(previousDueAt))}，新截止 ${calendar.formatLocal(deadline.dueAt)}。${deadline.explanation['zh-CN']}`,
    en: `extension of ${request.length} ${def.unit} approved: was due ${calendar.formatLocal(new Date(previousDueAt))}, now due ${calendar.formatLocal(deadline.dueAt)}. ${deadline.explanation.en}`,
  };
  return {
    changes: [
      {
        op: 'update',
        id: clock.id,
        set: {
          dueAt: deadline.dueAt.toISOString(),
          provisional: deadline.provisional,
          calendarVersion: deadline.calendarVersion,
          warnAt: warnInstant(calendar, def, new Date(clock.startedAt), deadline.dueAt).toISOString(),
          extendedBy: clock.extendedBy + request.length,
          // A breached clock given more time is running again until its new deadline.
          breachedAt: deadline.dueAt > now ? null : clock.breachedAt,
          warnedAt: null,
        },
      },
    ],
    notes: [
      {
        clock: def.id,
        label: def.label,
        op: 'extend',
        dueAt: deadline.dueAt.toISOString(),
        provisional: deadline.provisional,
        explanation,
      },
    ],
    record: { ...request, approved: true, previousDueAt, dueAt: deadline.dueAt.toISOString() },
  };
}
