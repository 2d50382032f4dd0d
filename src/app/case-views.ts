import { casesWithNewFromSubmitter } from '../store/case-seen.repository.ts';
import { retaliationAsks } from './recusal.ts';
import { caseWarnings } from '../domain/warnings.ts';
import type { Actor } from '../domain/case.ts';
import { allowedActions, canSeeCase, scope } from '../domain/policy.ts';
import { mayProposeDisclosure } from './disclosure.ts';
import { findState, type TAction, type TField, type TProcedure } from '../domain/procedure.schema.ts';
import type { TLabel } from '../domain/labels.ts';
import { maskSubmitter } from '../domain/masking.ts';
import { maskContactNumbers } from '../domain/redaction.ts';
import type { TSubmitter } from '../domain/submission.ts';
import { toCaseState } from '../store/case.mapper.ts';
import {
  caseExclusions,
  listCases,
  openSubjects,
  listEvents,
  type CaseEventRow,
  type CaseFilter,
  type CaseListRow,
  type CaseRow,
} from '../store/cases.repository.ts';
import { hasAppeal, linksOf } from '../store/links.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase, readsByInvitation } from './perform.ts';
import { actionFields, doneAlready } from '../domain/engine.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { invitedCaseIds } from '../store/invitations.repository.ts';
import { listAttachments } from './attachments.ts';
import { clockStatus, type ClockNote } from '../domain/clocks.ts';
import { clockStoppedBy, publicClockIds } from '../domain/public-clocks.ts';
import { caseClocks, runningClocks } from '../store/clocks.repository.ts';
import { toClockState } from '../store/clock.mapper.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { addDays } from '../domain/calendar.ts';
import { procedureVersion } from './procedure-admin.ts';

/** An action as a UI needs it to draw a form. */
export function describeAction(procedure: TProcedure) {
  return (a: TAction) => ({
    id: a.id,
    label: a.label,
    to: a.to ?? null,
    visibility: a.visibility,
    input: actionFields(procedure, a),
  });
}

function statusOf(procedure: TProcedure, status: string) {
  return { id: status, label: findState(procedure, status)?.label ?? { 'zh-CN': status } };
}

/**
 * The procedure's label for an event's action, or null for steps that are not procedure actions
 * (messages, recusal, clock warnings …), which the web app names from its locale files.
 */
function actionLabel(procedure: TProcedure, actionId: string) {
  return procedure.actions.find((a) => a.id === actionId)?.label ?? null;
}

/** The labels of an action's input fields, so a timeline shows 答复内容 rather than `reply`. */
function inputLabels(procedure: TProcedure, actionId: string) {
  const action = procedure.actions.find((a) => a.id === actionId);
  return action ? Object.fromEntries(action.input.map((f) => [f.name, f.label])) : {};
}

/**
 * Labels for choice values in an event's input (an enum option, a category, a severity), so a
 * timeline shows 网上答复 rather than `portal`.
 */
function valueLabels(procedure: TProcedure, actionId: string, input: Record<string, unknown>) {
  const action = procedure.actions.find((a) => a.id === actionId);
  const out: Record<string, { 'zh-CN': string; en?: string }> = {};
  for (const f of action?.input ?? []) {
    const options =
      f.type === 'enum'
        ? f.options
        : f.type === 'category'
          ? procedure.categories
          : f.type === 'severity'
            ? procedure.severities
            : undefined;
    const label = options?.find((o) => o.id === input[f.name])?.label;
    if (label) out[f.name] = label;
  }
  // Intake's own keys (a submission has no action fields): the category given, and the severity
  // a repeat complaint raised the case to, by their labels rather than `major`.
  const builtIn = [
    ['category', procedure.categories],
    ['severity', procedure.severities],
    ['severityRaisedTo', procedure.severities],
  ] as const;
  for (const [key, options] of builtIn) {
    const label = out[key] ? undefined : options.find((o) => o.id === input[key])?.label;
    if (label) out[key] = label;
  }
  return out;
}

/**
 * What each key of a case's data is called and, for choices, what its value is called: action
 * fields that set `data.<key>` and the intake's own fields (`fields.<name>`), so the case page
 * shows 调解协议 and 网上答复 rather than `agreement` and `portal`. Built-in keys (诉求, 发生时间 …)
 * are named by the web app's locale files.
 */
function dataLabels(procedure: TProcedure, data: Record<string, unknown>) {
  const labels: Record<string, TLabel> = {};
  const values: Record<string, TLabel> = {};
  const describe = (key: string, f: TField, value: unknown) => {
    labels[key] ??= f.label;
    const options =
      f.type === 'enum'
        ? f.options
        : f.type === 'category'
          ? procedure.categories
          : f.type === 'severity'
            ? procedure.severities
            : undefined;
    const label = options?.find((o) => o.id === value)?.label;
    if (label) values[key] = label;
  };
  for (const action of procedure.actions) {
    for (const f of action.input) {
      if (f.sets?.startsWith('data.')) describe(f.sets.slice('data.'.length), f, data[f.sets.slice('data.'.length)]);
    }
  }
  const fields = (data.fields ?? {}) as Record<string, unknown>;
  for (const f of procedure.intake.fields) describe(`fields.${f.name}`, f, fields[f.name]);
  return { dataLabels: labels, dataValueLabels: values };
}

function timelineEntry(procedure: TProcedure, e: CaseEventRow) {
  const input = JSON.parse(e.input) as Record<string, unknown>;
  return {
    seq: Number(e.seq),
    type: e.type,
    action: e.action,
    actionLabel: actionLabel(procedure, e.action),
    toStatusLabel: statusOf(procedure, e.to_status).label,
    inputLabels: inputLabels(procedure, e.action),
    valueLabels: valueLabels(procedure, e.action, input),
    visibility: e.visibility,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: { kind: e.actor_kind, id: e.actor_id, name: e.actor_name },
    at: e.at,
    input,
    publicText: e.public_text ? JSON.parse(e.public_text) : null,
    clocks: JSON.parse(e.clocks) as ClockNote[],
  };
}

/** The deadlines of a case as the API shows them (SLA-1): each with its state now. */
async function deadlines(ctx: AppContext, procedure: TProcedure, caseId: string) {
  const now = ctx.now();
  return (await caseClocks(ctx.store.db, caseId)).map(toClockState).map((c) => ({
    clock: c.clock,
    label: procedure.clocks.find((d) => d.id === c.clock)?.label ?? { 'zh-CN': c.clock },
    rule: procedure.clocks.find((d) => d.id === c.clock)?.rule ?? null,
    status: clockStatus(c, now),
    unit: c.unit,
    length: c.length,
    extendedBy: c.extendedBy,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    warnAt: c.warnAt,
    pausedAt: c.pausedAt,
    stoppedAt: c.stoppedAt,
    breachedAt: c.breachedAt,
    provisional: c.provisional,
    calendarVersion: c.calendarVersion,
  }));
}

/**
 * Issue 18: the step the procedure expects next, offered as the primary button: the first allowed
 * action (in the procedure's order) that moves the case on to a state that is not an end; failing
 * that, the first that moves it at all (办结归档 from 已答复). Refusals and withdrawals, which end
 * the case early, are listed after the way forward in every built-in procedure.
 */
function nextStep(procedure: TProcedure, status: string, allowed: TAction[]): string | null {
  const moves = allowed.filter((a) => a.to && a.to !== status);
  const onward = moves.find((a) => !findState(procedure, a.to!)?.terminal);
  return (onward ?? moves[0])?.id ?? null;
}

/**
 * Issue 18: a `user` or `unit` input in the timeline (责任人, 承办单位) reads as the person's or
 * unit's name, not its id.
 */
async function withPeopleNamed<
  T extends { action: string; input: Record<string, unknown>; valueLabels: Record<string, TLabel> },
>(ctx: AppContext, procedure: TProcedure, entries: T[]): Promise<T[]> {
  const refs: { entry: T; field: string; kind: 'user' | 'unit'; id: string }[] = [];
  for (const entry of entries) {
    for (const f of procedure.actions.find((a) => a.id === entry.action)?.input ?? []) {
      const value = entry.input[f.name];
      if ((f.type === 'user' || f.type === 'unit') && typeof value === 'string')
        refs.push({ entry, field: f.name, kind: f.type, id: value });
    }
  }
  if (refs.length === 0) return entries;
  const ids = (kind: 'user' | 'unit') => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const users = ids('user');
  const units = ids('unit');
  const names = new Map<string, string>([
    ...(users.length
      ? await ctx.store.db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', users).execute()
      : []
    ).map((u) => [`user:${u.id}`, u.name] as [string, string]),
    ...(units.length
      ? await ctx.store.db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', units).execute()
      : []
    ).map((u) => [`unit:${u.id}`, u.name] as [string, string]),
  ]);
  for (const r of refs) {
    const name = names.get(`${r.kind}:${r.id}`);
    if (name) r.entry.valueLabels[r.field] = { 'zh-CN': name, en: name };
  }
  return entries;
}

/** Issue 18: the display names of the assignees and units of a page of cases, in two queries. */
async function namesOf(ctx: AppContext, rows: Pick<CaseRow, 'assignee_id' | 'org_unit_id'>[]) {
  const userIds = [...new Set(rows.map((r) => r.assignee_id).filter((x): x is string => Boolean(x)))];
  const unitIds = [...new Set(rows.map((r) => r.org_unit_id).filter((x): x is string => Boolean(x)))];
  const [users, units] = await Promise.all([
    userIds.length === 0
      ? []
      : ctx.store.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute(),
    unitIds.length === 0
      ? []
      : ctx.store.db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', unitIds).execute(),
  ]);
  const user = new Map(users.map((u) => [u.id, u.display_name]));
  const unit = new Map(units.map((u) => [u.id, u.name]));
  return (row: Pick<CaseRow, 'assignee_id' | 'org_unit_id'>) => ({
    assigneeName: row.assignee_id ? (user.get(row.assignee_id) ?? null) : null,
    orgUnitName: row.org_unit_id ? (unit.get(row.org_unit_id) ?? null) : null,
  });
}

function maskedDescription(text: string) {
  const { text: description, masked } = maskContactNumbers(text);
  return { description, descriptionMasked: masked > 0 };
}

/** The case as staff see it: identity masked (unmasking with an audit record comes with roles). */
export async function staffCaseView(ctx: AppContext, caseId: string, actor: Actor) {
  const { row, state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  if (readsByInvitation(actor, procedure, state)) await auditInvitedRead(ctx, actor, row);
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
  const events = await listEvents(ctx.store.db, row.id, false);
  const names = await namesOf(ctx, [row]);
  const allowed = allowedActions(actor, procedure, state).filter((a) => !doneAlready(a, state));
  return {
    ...summary(procedure, row),
    ...names(row),
    // S5 七.1, CON-1 (issue 17): numbers typed into the statement are masked like the submitter's
    // own; a holder of identity:view reads them through the audited reveal (POST …/identity).
    ...maskedDescription(row.description),
    submitter: submitter ? maskSubmitter(submitter) : null,
    respondents: JSON.parse(row.respondents),
    data: state.data,
    ...dataLabels(procedure, state.data),
    warnings: caseWarnings(procedure, state.data, ctx.calendar.localDate(new Date(row.received_at))),
    receivedBy: row.received_by,
    allowedActions: allowed.map(describeAction(procedure)),
    nextAction: nextStep(procedure, row.status, allowed),
    timeline: await withPeopleNamed(
      ctx,
      procedure,
      events.map((e) => timelineEntry(procedure, e)),
    ),
    deadlines: await deadlines(ctx, procedure, row.id),
    escalatedAt: row.escalated_at,
    attachments: await listAttachments(ctx, row.id, false),
    links: await visibleLinks(ctx, row.id, actor),
    mayProposeDisclosure: mayProposeDisclosure(ctx, row, actor),
  };
}

/** S3 二.3 (issue 17): each read by an invitee is in the audit chain, with who invited them. */
async function auditInvitedRead(ctx: AppContext, actor: Actor, row: CaseRow): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.store.transact((trx) =>
    appendAudit(trx, {
      at,
      actor: actor.kind === 'user' ? `user:${actor.id}` : actor.kind,
      action: 'case.read-invited',
      entityType: 'case',
      entityId: row.id,
      payload: { trackingNo: row.tracking_no },
    }),
  );
}

/** Linked cases (appeal, enforcement lead, retaliation, repeat …); `visible`: whether the actor may open it. */
async function visibleLinks(ctx: AppContext, caseId: string, actor: Actor) {
  const links = await linksOf(ctx.store.db, caseId);
  return Promise.all(
    links.map(async (l) => {
      const procedure = ctx.procedures.latest(l.procedure_id);
      const exclusions = await caseExclusions(ctx.store.db, l.id);
      const visible =
        Boolean(procedure) && canSeeCase(actor, procedure!, { id: l.id, orgUnitPath: l.org_unit_path, exclusions });
      return {
        kind: l.kind,
        direction: l.direction,
        note: l.note,
        at: l.created_at,
        trackingNo: l.tracking_no,
        procedure: l.procedure_id,
        caseKind: l.case_kind,
        status: l.status,
        statusLabel: procedure ? statusOf(procedure, l.status).label : null,
        ...(visible ? { caseId: l.id } : {}),
        visible,
      };
    }),
  );
}

function summary(procedure: TProcedure | undefined, row: CaseListRow) {
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    procedure: { id: row.procedure_id, version: Number(row.procedure_version), name: procedure?.name ?? null },
    kind: row.kind,
    status: row.status,
    statusLabel: procedure ? statusOf(procedure, row.status).label : null,
    version: Number(row.version),
    category: row.category,
    severity: row.severity,
    /** Issue 18: words, not ids — the procedure's labels beside the ids. */
    severityLabel: (row.severity && procedure?.severities.find((x) => x.id === row.severity)?.label) || null,
    categoryLabel: (row.category && procedure?.categories.find((x) => x.id === row.category)?.label) || null,
    outcome: row.outcome,
    assigneeId: row.assignee_id,
    channel: row.channel,
    subject: row.subject,
    anonymous: row.anonymous === 1,
    receivedAt: row.received_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    orgUnitId: row.org_unit_id,
  };
}

/** The statistics' drill-down (STA-1): one unit's subtree, cases received between two local days (inclusive). */
export type InboxPeriod = { orgUnitId?: string; receivedFrom?: string; receivedTo?: string };

/** A page of the inbox, each case with its nearest running deadline (the inbox's countdown). */
export async function caseList(
  ctx: AppContext,
  actor: Actor,
  query: Omit<CaseFilter, 'scope' | 'received'> & InboxPeriod,
) {
  const { orgUnitId, receivedFrom, receivedTo, ...rest } = query;
  const filter: CaseFilter = { ...rest, scope: scope(actor, ctx.procedures.latestAll()) };
  // S3 二.3 (issue 17): the cases the reader is invited to are in their inbox while the invitation runs.
  if (actor.kind === 'user') {
    const invited = await invitedCaseIds(ctx.store.db, actor.id, ctx.now().toISOString());
    if (invited.length > 0) filter.scope = { ...filter.scope, invitedCaseIds: invited };
  }
  if (orgUnitId) {
    // An unknown unit matches nothing (its path prefix is no case's). With "my units" as well,
    // both must hold: the deeper of each pair of nested paths.
    const unitPath = (await findOrgUnit(ctx.store.db, orgUnitId))?.path ?? '/-/';
    filter.unitPaths = filter.unitPaths
      ? [
          ...new Set(
            filter.unitPaths.flatMap((p) => (unitPath.startsWith(p) ? [unitPath] : p.startsWith(unitPath) ? [p] : [])),
          ),
        ]
      : [unitPath];
  }
  if (receivedFrom || receivedTo) {
    filter.received = {
      from: receivedFrom ? ctx.calendar.startOfDay(receivedFrom).toISOString() : undefined,
      to: receivedTo ? ctx.calendar.startOfDay(addDays(receivedTo, 1)).toISOString() : undefined,
    };
  }
  const listed = await listCases(ctx.store.db, filter);
  const ids = listed.rows.map((r) => r.id);
  const now = ctx.now();
  // What the page shows besides its rows, asked at once: none needs another's answer, and on
  // PostgreSQL each is a round trip that can go on a connection of its own (at 1M cases the gain
  // measured within the noise: bench/README.md, session 19). On SQLite they queue as before.
  const [rows, clocks, names, unread] = await Promise.all([
    // The subject is the one sealed column the inbox shows (issue 24): opened for the page only.
    openSubjects(ctx.store.db, listed.rows, (r) => r.id),
    ids.length === 0 ? [] : runningClocks(ctx.store.db, ids),
    namesOf(ctx, listed.rows),
    // #18: new messages or material from the submitter since this handler last opened the case.
    actor.kind === 'user' ? casesWithNewFromSubmitter(ctx.store.db, actor.id, ids) : new Set<string>(),
  ]);
  const nearest = new Map<string, ReturnType<typeof toClockState>>();
  for (const row of clocks) {
    const c = toClockState(row);
    if (!nearest.has(row.case_id) || c.dueAt < nearest.get(row.case_id)!.dueAt) nearest.set(row.case_id, c);
  }
  return {
    items: rows.map((row) => {
      const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
      const c = nearest.get(row.id);
      const nextDue = c
        ? {
            clock: c.clock,
            label: procedure?.clocks.find((d) => d.id === c.clock)?.label ?? { 'zh-CN': c.clock },
            dueAt: c.dueAt,
            status: clockStatus(c, now),
            provisional: c.provisional,
          }
        : null;
      return { ...summary(procedure, row), ...names(row), nextDue, unread: unread.has(row.id) };
    }),
    nextCursor: listed.nextKey ?? null,
  };
}

/**
 * How severe a severity id is, across procedures (their lists run either way: S9 lists 重大 first,
 * S2 一般 first): the built-in vocabulary; an id not listed sorts after these.
 */
const SEVERITY_RANKS: Record<string, number> = { major: 3, grave: 3, important: 2, serious: 2, minor: 1 };

/**
 * Issue 18: the inbox's order. `received` (newest first) pages by id; `due` and `severity` by
 * their key and id, the cursor being "key|id". Severity by SEVERITY_RANKS.
 */
export function inboxSort(
  sort: 'due' | 'received' | 'severity' | undefined,
  cursor: string | undefined,
): Pick<CaseFilter, 'sort' | 'beforeId'> {
  if (!sort || sort === 'received') return { beforeId: cursor };
  const [key, id] = cursor?.includes('|') ? cursor.split('|') : [];
  return { sort: { by: sort, ranks: SEVERITY_RANKS, after: key && id ? { key, id } : undefined } };
}

/**
 * What the submitter sees with tracking number and receipt: status, the public timeline with
 * only the inputs marked public, and the actions open to them. No staff names: staff are "处理人员".
 */
export async function publicCaseView(ctx: AppContext, row: CaseRow) {
  const procedure = (await procedureVersion(ctx, row.procedure_id, Number(row.procedure_version)))!;
  const state = toCaseState(row);
  const actor: Actor = { kind: 'submitter', caseId: row.id };
  const events = await listEvents(ctx.store.db, row.id, true);
  const publicClocks = publicClockIds(procedure);
  return {
    trackingNo: row.tracking_no,
    procedure: { id: procedure.id, name: procedure.name },
    kind: row.kind,
    status: row.status,
    statusLabel: statusOf(procedure, row.status).label,
    version: Number(row.version),
    subject: row.subject,
    outcome: row.outcome ? (procedure.outcomes.find((o) => o.id === row.outcome)?.label ?? null) : null,
    receivedAt: row.received_at,
    closedAt: row.closed_at,
    timeline: events.map((e) => publicEntry(procedure, e, publicClocks)),
    allowedActions: allowedActions(actor, procedure, state)
      .filter((a) => !doneAlready(a, state))
      .map(describeAction(procedure)),
    /** APL-1: whether the submitter may appeal now (POST …/appeal). */
    canAppeal:
      Boolean(procedure.appeal?.from.includes(row.status)) &&
      !state.data.final &&
      !(await hasAppeal(ctx.store.db, row.id)),
    /** CON-3 (issue 17): what a retaliation report must give besides its description. */
    retaliationAsks: retaliationAsks(procedure),
    /** APL-3: an appeal at the last level is final (终审). */
    final: state.data.final === true,
    // Issue 18: only the limits the procedure owes the submitter (`public: true`), each with the
    // actions that stop it; internal limits (转交 within 24 hours) stay on the workbench.
    deadlines: (await deadlines(ctx, procedure, row.id))
      .filter((d) => publicClocks.has(d.clock))
      .map(({ clock, label, status, dueAt, provisional, stoppedAt }) => ({
        clock,
        label,
        status,
        dueAt,
        provisional,
        stoppedAt,
        stoppedBy: clockStoppedBy(procedure, clock),
      })),
    attachments: (await listAttachments(ctx, row.id, true)).map(({ sha256: _hash, ...shown }) => shown),
  };
}

function publicEntry(procedure: TProcedure, e: CaseEventRow, publicClocks: Set<string>) {
  const input = JSON.parse(e.input) as Record<string, unknown>;
  const action = procedure.actions.find((a) => a.id === e.action);
  // Messages are written for the submitter to read; of an action only the fields marked public.
  const isMessage = [
    'submitter-message',
    'submitter-material',
    'staff-message',
    'appealed',
    'appeal-opened',
    'retaliation-flagged',
  ].includes(e.action);
  const shown = isMessage
    ? { text: input.text }
    : action
      ? Object.fromEntries(
          action.input.filter((f) => f.public && input[f.name] !== undefined).map((f) => [f.name, input[f.name]]),
        )
      : {};
  return {
    at: e.at,
    action: e.action,
    actionLabel: actionLabel(procedure, e.action),
    status: e.to_status,
    statusLabel: statusOf(procedure, e.to_status).label,
    text: e.public_text ? JSON.parse(e.public_text) : null,
    // The portal's or mailbox's intake of the submitter's own words is theirs, not staff's (#18).
    by: (e.actor_kind === 'submitter' || (e.action === 'submit' && e.actor_kind !== 'user') ? 'submitter' : 'staff') as
      | 'submitter'
      | 'staff',
    details: shown,
    /** Issue 18: each shown field's label and type, so the portal names "答复方式" and draws a rating. */
    fields: Object.fromEntries(
      (action?.input ?? [])
        .filter((f) => f.public && shown[f.name as keyof typeof shown] !== undefined)
        .map((f) => [f.name, { label: f.label, type: f.type }]),
    ),
    valueLabels: valueLabels(procedure, e.action, shown),
    deadlines: (JSON.parse(e.clocks) as ClockNote[])
      .filter((n) => publicClocks.has(n.clock))
      .map(({ label, op, dueAt, provisional, explanation }) => ({
        label,
        op,
        dueAt,
        provisional,
        explanation,
      })),
  };
}
