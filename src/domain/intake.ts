import { DomainError } from './errors.ts';
import { initialState, type CaseKind, type Channel, type TProcedure, type TScalarField } from './procedure.schema.ts';
import { inputSchema } from './input.ts';
import { actorRef, type Actor, type CaseState, type Notification, type TimelineEvent } from './case.ts';
import type { TStaffSubmission, TSubmitter, TRespondent } from './submission.ts';
import { zodDetails } from './zod-details.ts';
import type { Calendar } from './calendar.ts';
import { clockApplies, startClock, type NewClock } from './clocks.ts';
import { msg } from './messages.ts';

/** A submission after the API shape is checked: a public one has channel `web` and no receivedAt. */
export type Intake = Omit<TStaffSubmission, 'receivedAt'> & { receivedAt?: string };

/** What a new case is made of; personal data is kept apart so the store can encrypt it. */
export type NewCase = {
  state: CaseState;
  subject: string;
  description: string;
  anonymous: boolean;
  submitter: TSubmitter | null;
  respondents: TRespondent[];
  receivedBy: string | null;
  event: TimelineEvent;
  notifications: Notification[];
  /** Clocks that run from receipt (`startsOn: submit`), e.g. REG-2's 24 hours to forward. */
  clocks: NewClock[];
};

const MAX_BACKDATE_DAYS = 366;

/** Staff registered the case in a unit outside the procedure's intake unit (a store, not 客服部). */
function registeredElsewhere(
  actor: Actor,
  ids: { orgUnit?: { path: string } | null; intakeUnitPath?: string | null },
): boolean {
  if (actor.kind !== 'user') return false;
  if (!ids.intakeUnitPath) return true;
  return !(ids.orgUnit?.path ?? '').startsWith(ids.intakeUnitPath);
}

/**
 * Decides a new case from a submission (INT-1…INT-5, REG-1): pure. `ids` are drawn by the caller
 * (randomness is I/O); `now` is the time of registration.
 */
export function decideSubmission(
  procedure: TProcedure,
  intake: Intake,
  actor: Actor,
  now: Date,
  ids: {
    caseId: string;
    trackingNo: string;
    orgUnit?: { id: string; path: string } | null;
    /** The path of the unit an admin set for the procedure's new cases (客服部), if any. */
    intakeUnitPath?: string | null;
  },
  calendar: Calendar,
  earlier: EarlierCase[] = [],
  via?: TProcedure,
): NewCase {
  const rules = procedure.intake;
  // A 举报 submitted to market supervision (`kindProcedures`) meets that procedure's intake rules
  // (MS-14: concrete leads) as well as those of the lead procedure it is opened in.
  const problems = [...(via ? checkIntake(via, intake, now) : []), ...checkIntake(procedure, intake, now)];
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', msg('intake.submissionIncompleteOrInvalid'), {
      issues: problems,
    });
  }
  const receivedAt = intake.receivedAt ? new Date(intake.receivedAt).toISOString() : now.toISOString();
  const status = initialState(procedure);
  const data: Record<string, unknown> = {};
  if (intake.fields) data.fields = inputSchema(procedure, intakeFields(procedure, intake.kind)).parse(intake.fields);
  for (const stamp of rules.stamps)
    data[stamp.set.slice('data.'.length)] =
      'bySubmitter' in stamp
        ? stamp.bySubmitter[!intake.anonymous && intake.submitter ? 'named' : 'anonymous']
        : stampValue(stamp.byReceivedDate, calendar.localDate(new Date(receivedAt)));
  const repeat = repeatsOf(procedure, earlier);
  if (repeat.links.length > 0) data.repeatOf = repeat.links;
  if (intake.occurredAt) data.occurredAt = intake.occurredAt;
  if (intake.location) data.location = intake.location;
  if (intake.requestedOutcome) data.requestedOutcome = intake.requestedOutcome;
  if (intake.thirdParty) data.thirdParty = intake.thirdParty;
  if (intake.receivingPerson) data.receivingPerson = intake.receivingPerson;
  if (intake.affirmTruthful) data.affirmedTruthfulAt = now.toISOString();
  const state: CaseState = {
    id: ids.caseId,
    trackingNo: ids.trackingNo,
    procedureId: procedure.id,
    procedureVersion: procedure.version,
    kind: intake.kind,
    status,
    version: 1,
    category: intake.category ?? null,
    severity: repeat.severity ?? intake.severity ?? null,
    outcome: null,
    assigneeId: null,
    channel: intake.channel,
    data,
    receivedAt,
    closedAt: null,
    orgUnitId: ids.orgUnit?.id ?? null,
    orgUnitPath: ids.orgUnit?.path ?? null,
    exclusions: [],
  };
  // Limits run from when the matter reached the organisation, not from when it was typed in.
  const started = procedure.clocks
    .filter(
      (c) =>
        c.startsOn === 'submit' &&
        (!c.kinds || c.kinds.includes(intake.kind)) &&
        (!c.registeredElsewhere || registeredElsewhere(actor, ids)) &&
        clockApplies(c, data),
    )
    .map((def) => startClock(calendar, def, state.severity, new Date(receivedAt)));
  return {
    state,
    clocks: started.map((s) => s.clock),
    subject: intake.subject,
    description: intake.description,
    anonymous: intake.anonymous,
    submitter: intake.anonymous ? null : (intake.submitter ?? null),
    respondents: intake.respondents ?? [],
    receivedBy: actor.kind === 'user' ? actor.id : null,
    event: {
      type: 'submitted',
      action: 'submit',
      visibility: 'public',
      fromStatus: null,
      toStatus: status,
      actor: actorRef(actor),
      at: now.toISOString(),
      // The timeline keeps what was asked for, not who asked: identities live encrypted on the case.
      input: {
        channel: intake.channel,
        kind: intake.kind,
        receivedAt,
        ...(intake.thirdParty ? { thirdParty: intake.thirdParty } : {}),
        ...(intake.receivingPerson ? { receivingPerson: intake.receivingPerson } : {}),
        ...(via ? { submittedTo: via.id } : {}),
        ...(repeat.links.length > 0
          ? { repeatOf: repeat.links, ...(repeat.severity ? { severityRaisedTo: repeat.severity } : {}) }
          : {}),
      },
      publicText: procedure.intake.publicText,
      clocks: started.map((s) => s.note),
    },
    // INT-4: the acknowledgement promised by the procedure the submitter chose.
    notifications: [...(via?.intake.notify.filter((n) => n.to === 'submitter') ?? []), ...rules.notify].map((n) => ({
      to: n.to,
      template: n.template,
      event: 'submit',
    })),
  };
}

type Problem = { path: string; message: string };

function checkIntake(procedure: TProcedure, intake: Intake, now: Date): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const { intake: rules } = procedure;
  if (!rules.kinds.includes(intake.kind))
    add('kind', `该流程只受理 ${rules.kinds.join(', ')} / this procedure takes ${rules.kinds.join(', ')}`);
  if (!rules.channels.includes(intake.channel as Channel))
    add('channel', `该流程不接受渠道 ${intake.channel} / channel not accepted`);
  if (intake.category && !procedure.categories.some((c) => c.id === intake.category))
    add('category', `未知类别 / unknown category; one of ${procedure.categories.map((c) => c.id).join(', ')}`);
  if (intake.severity && !procedure.severities.some((s) => s.id === intake.severity))
    add('severity', `未知严重程度 / unknown severity; one of ${procedure.severities.map((s) => s.id).join(', ')}`);
  for (const key of [...rules.require, ...(rules.requireByKind[intake.kind] ?? [])]) {
    const value = intake[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) add(key, '必填 / required');
  }
  // A mail cannot tick a box: e-mail cases are registered unaffirmed and the handler confirms.
  if (rules.requireTruthAffirmation && intake.channel !== 'email' && intake.affirmTruthful !== true) {
    add('affirmTruthful', '请确认所述内容真实，无捏造、无恶意诽谤 / please affirm the statement is true');
  }
  if (intake.anonymous && intake.submitter)
    add('submitter', '匿名提交不填写身份信息 / an anonymous submission carries no identity');
  if (!intake.anonymous) {
    const s = intake.submitter;
    if (!s) add('submitter', '实名提交需要姓名和联系方式 / a named submission needs a name and a contact');
    else if (!s.phone && !s.email && !s.address)
      add('submitter', '请至少提供电话、邮箱或地址之一 / give a phone, e-mail or address');
  }
  if (intake.channel === 'third-party' && !intake.thirdParty)
    add('thirdParty', '第三方转来的投诉需注明来源机构 / name the third party');
  if (intake.channel !== 'third-party' && intake.thirdParty)
    add('thirdParty', '仅第三方渠道填写 / only for channel third-party');
  if (intake.receivedAt) {
    const at = new Date(intake.receivedAt).getTime();
    if (at > now.getTime() + 60_000) add('receivedAt', '收到时间不能晚于现在 / cannot be in the future');
    if (at < now.getTime() - MAX_BACKDATE_DAYS * 86_400_000)
      add('receivedAt', `收到时间不能早于 ${MAX_BACKDATE_DAYS} 天前 / too far in the past`);
  }
  problems.push(...checkFields(procedure, intake.kind, intake.fields ?? {}));
  return problems;
}

function checkFields(procedure: TProcedure, kind: CaseKind, fields: Record<string, unknown>): Problem[] {
  const result = inputSchema(procedure, intakeFields(procedure, kind)).safeParse(fields);
  return result.success ? [] : zodDetails(result.error, 'fields').issues;
}

// One stable array per procedure and kind, so the input schema cache (keyed by the array) hits.
const fieldsByKind = new WeakMap<TProcedure, Map<CaseKind, TScalarField[]>>();

/** The intake fields that apply to a kind of case (a field without `kinds` applies to all). */
export function intakeFields(procedure: TProcedure, kind: CaseKind): TScalarField[] {
  let byKind = fieldsByKind.get(procedure);
  if (!byKind) {
    byKind = new Map();
    fieldsByKind.set(procedure, byKind);
  }
  let fields = byKind.get(kind);
  if (!fields) {
    fields = procedure.intake.fields.filter((f) => !f.kinds || f.kinds.includes(kind));
    byKind.set(kind, fields);
  }
  return fields;
}

/** MS-1: the first value whose `before` date is after the receipt date (or has no `before`). */
function stampValue(byDate: { before?: string; value: string }[], receivedOn: string): string {
  return (byDate.find((b) => !b.before || receivedOn < b.before) ?? byDate.at(-1)!).value;
}

/** An earlier case that the same submitter or respondent raised (found by the caller, INT-6). */
export type EarlierCase = { id: string; trackingNo: string; open: boolean };

/** INT-6, CLS-3: the repeats to link, and the severity a repeat of unresolved cases starts at. */
function repeatsOf(
  procedure: TProcedure,
  earlier: EarlierCase[],
): { links: string[]; ids: string[]; severity: string | null } {
  const rule = procedure.intake.repeats;
  if (!rule || earlier.length === 0) return { links: [], ids: [], severity: null };
  const open = earlier.filter((e) => e.open).length;
  const raise = rule.raiseSeverity && open >= rule.raiseSeverity.unresolvedAtLeast ? rule.raiseSeverity.to : null;
  return { links: earlier.map((e) => e.trackingNo), ids: earlier.map((e) => e.id), severity: raise };
}
