import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { canSeeCase, holdsAnyRole } from '../domain/policy.ts';
import type { TDisclosure, TProcedure } from '../domain/procedure.schema.ts';
import { redact } from '../domain/redaction.ts';
import type { TRespondent, TSubmitter } from '../domain/submission.ts';
import { toCaseState } from '../store/case.mapper.ts';
import { caseExclusions, findCaseById, type CaseRow } from '../store/cases.repository.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  findDisclosure,
  insertDisclosure,
  listDisclosures,
  publicDisclosures,
  publishedCategories,
  updateDisclosureIfVersion,
  type DisclosureRow,
  type DisclosureChanges,
} from '../store/disclosures.repository.ts';
import type { Trx } from '../store/transaction.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import { digest } from './case-writes.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase, notFound } from './perform.ts';
import { msg } from '../domain/messages.ts';

/**
 * Public disclosure of handled complaints (DIS-1, MS-15; S8 一(五) 谁处理、谁公示, 以公示为常态):
 * propose (consent checked, text redacted automatically) → the business respondent is told and a
 * waiting period runs → a reviewer reads, may edit, and publishes → the item may be taken down
 * with a reason. Each step is one transaction with its audit record; the steps that concern the
 * case are also on its timeline.
 */

export const DISCLOSURE_STATUSES = ['draft', 'notified', 'published', 'unpublished'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

export const ZDisclosureNotify = z
  .object({
    /** How the business was told besides the outbox notice (a letter, a call, the 12315 platform). */
    method: z.enum(['platform', 'letter', 'phone', 'email', 'in-person']),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const ZDisclosureEdit = z
  .object({
    statement: z.string().trim().min(1).max(20000).optional(),
    result: z.string().trim().min(1).max(5000).optional(),
    expectedVersion: z.number().int().positive(),
  })
  .strict()
  .refine((v) => v.statement !== undefined || v.result !== undefined, 'nothing to change');

export const ZDisclosureStep = z.object({ expectedVersion: z.number().int().positive() }).strict();
export const ZDisclosureUnpublish = z
  .object({ reason: z.string().trim().min(2).max(1000), expectedVersion: z.number().int().positive() })
  .strict();

export const ZPublicDisclosureQuery = z
  .object({
    business: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

/** The disclosure rules for a case: its own procedure version's, else the latest version's (consent was asked under both). */
function disclosureRules(ctx: AppContext, row: CaseRow): TDisclosure | undefined {
  return (
    ctx.procedures.get(row.procedure_id, Number(row.procedure_version))?.disclosure ??
    ctx.procedures.latest(row.procedure_id)?.disclosure
  );
}

function requireRules(ctx: AppContext, row: CaseRow): TDisclosure {
  const rules = disclosureRules(ctx, row);
  if (!rules)
    throw new DomainError('PRECONDITION_FAILED', msg('disclosure.procedureDoesNotPublishIts'), {
      guard: 'disclosure',
    });
  return rules;
}

/**
 * Whether this person could propose publishing the case now (DIS-1): the case page keeps a
 * handler on a case just closed when this follow-up is open to them, instead of going back to
 * the queue. The consent, state and role checks of proposeDisclosure, without its errors.
 */
export function mayProposeDisclosure(ctx: AppContext, row: CaseRow, actor: Actor): boolean {
  const rules = disclosureRules(ctx, row);
  if (!rules || row.deidentified_at || !rules.from.includes(row.status)) return false;
  const fields = ((JSON.parse(row.data) as Record<string, unknown>).fields ?? {}) as Record<string, unknown>;
  return (
    fields[rules.consentField] === true && holdsAnyRole(actor, rules.proposedBy, { orgUnitPath: row.org_unit_path })
  );
}

function forbidden(what: string, whatEn: string): DomainError {
  return new DomainError('FORBIDDEN', msg('disclosure.youMayNotDo', { what, whatEn }), { permission: 'disclosure' });
}

function actorName(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}` : actor.kind;
}

/** The names to take out besides what patterns find: the submitter and respondents who are persons. */
function personalNames(row: CaseRow): string[] {
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : undefined;
  const persons = (JSON.parse(row.respondents) as TRespondent[]).filter((r) => r.type === 'person').map((r) => r.name);
  return [...(submitter?.name ? [submitter.name] : []), ...persons];
}

function businessOf(row: CaseRow): string {
  const respondents = JSON.parse(row.respondents) as TRespondent[];
  return (respondents.find((r) => r.type === 'business') ?? respondents.find((r) => r.type !== 'person'))?.name ?? '';
}

function handlingResult(procedure: TProcedure, rules: TDisclosure, row: CaseRow): string {
  const outcome = procedure.outcomes.find((o) => o.id === row.outcome)?.label['zh-CN'] ?? '';
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const detail = rules.result ? data[rules.result.slice('data.'.length)] : undefined;
  return [outcome, typeof detail === 'string' ? detail : ''].filter(Boolean).join('：') || '已办结';
}

/** A handler proposes publishing a handled case whose submitter consented; the text is redacted now. */
export async function proposeDisclosure(ctx: AppContext, caseId: string, actor: Actor) {
  const { row, procedure } = await loadVisibleCase(ctx, caseId, actor);
  const rules = requireRules(ctx, row);
  if (!holdsAnyRole(actor, rules.proposedBy, { orgUnitPath: row.org_unit_path }))
    throw forbidden('提出公示', 'propose publication');
  if (!rules.from.includes(row.status)) {
    throw new DomainError('PRECONDITION_FAILED', msg('disclosure.onlyHandledCasesPublished'), {
      guard: 'handled',
      states: rules.from,
    });
  }
  const fields = ((JSON.parse(row.data) as Record<string, unknown>).fields ?? {}) as Record<string, unknown>;
  if (fields[rules.consentField] !== true) {
    throw new DomainError('PRECONDITION_FAILED', msg('disclosure.submitterDidNotConsentPublication'), {
      guard: 'consent',
    });
  }
  if (row.deidentified_at)
    throw new DomainError('PRECONDITION_FAILED', msg('disclosure.caseWasDeIdentified'), {
      guard: 'deidentified',
    });
  const names = personalNames(row);
  const statement = redact(row.description, names);
  const result = redact(handlingResult(procedure, rules, row), names);
  const found: Record<string, number> = { ...statement.found };
  for (const [k, n] of Object.entries(result.found)) found[k] = (found[k] ?? 0) + n;
  const now = ctx.now();
  const category = procedure.categories.find((c) => c.id === row.category);
  const disclosure: DisclosureRow = {
    id: timeOrderedId(now, ctx.random(10)),
    case_id: row.id,
    procedure_id: row.procedure_id,
    org_unit_path: row.org_unit_path,
    status: 'draft',
    business_name: businessOf(row),
    category: row.category,
    category_label: category ? JSON.stringify(category.label) : null,
    statement: statement.text,
    result: result.text,
    handled_at: row.closed_at,
    redaction_found: JSON.stringify(found),
    proposed_by: actorName(actor),
    proposed_at: now.toISOString(),
    notified_at: null,
    publishable_at: null,
    published_at: null,
    published_by: null,
    unpublished_at: null,
    unpublished_by: null,
    unpublish_reason: null,
    version: 1,
  };
  await addCaseNote(ctx, row.id, {
    action: 'disclosure-proposed',
    visibility: 'internal',
    actor: refOf(actor),
    input: { disclosure: disclosure.id, redacted: found },
    prepare: async (trx) => {
      const open = (await listDisclosures(trx, { caseId: row.id })).find((d) => d.status !== 'unpublished');
      if (open)
        throw new DomainError('CONFLICT', msg('disclosure.caseAlreadyHasDisclosure'), {
          disclosure: open.id,
        });
      return {};
    },
    alsoWrite: async (trx) => insertDisclosure(trx, disclosure),
  });
  return present(disclosure);
}

/** Loads a disclosure whose case the actor may see; else NOT_FOUND. */
async function loadVisibleDisclosure(ctx: AppContext, id: string, actor: Actor) {
  const disclosure = await findDisclosure(ctx.store.db, id);
  if (!disclosure) throw notFound();
  const { row } = await loadVisibleCase(ctx, disclosure.case_id, actor);
  return { disclosure, row, rules: requireRules(ctx, row) };
}

function requireStatus(d: DisclosureRow, allowed: DisclosureStatus[]): void {
  if (!allowed.includes(d.status as DisclosureStatus)) {
    throw new DomainError('ACTION_NOT_ALLOWED', msg('disclosure.notAllowedWhileDisclosure', { status: d.status }), {
      status: d.status,
      allowed,
    });
  }
}

/** Writes a step: the row (only at the expected version), a case timeline note and its audit record. */
async function step(
  ctx: AppContext,
  d: DisclosureRow,
  expectedVersion: number,
  actor: Actor,
  note: {
    action: string;
    visibility: 'public' | 'internal';
    input: Record<string, unknown>;
    notify?: { to: string; template: string; event: string }[];
  },
  changes: DisclosureChanges,
) {
  if (expectedVersion !== d.version)
    throw new DomainError('VERSION_CONFLICT', msg('disclosure.disclosureChangedReload'), {
      currentVersion: d.version,
    });
  await addCaseNote(ctx, d.case_id, {
    action: note.action,
    visibility: note.visibility,
    actor: refOf(actor),
    input: { disclosure: d.id, ...note.input },
    notify: note.notify ?? [],
    alsoWrite: async (trx) => {
      if (!(await updateDisclosureIfVersion(trx, d.id, expectedVersion, changes))) {
        throw new DomainError('VERSION_CONFLICT', msg('disclosure.disclosureChangedReload'), {});
      }
    },
  });
  return present((await findDisclosure(ctx.store.db, d.id))!);
}

/**
 * S8 一(五) 应当告知被公示的经营者: the business is told before anything goes out — a notice on the
 * case timeline and through the outbox (recipient `respondent`, template `disclosure-notice`); the
 * item may be published after the procedure's waiting period in working days.
 */
export async function notifyRespondent(
  ctx: AppContext,
  id: string,
  input: z.infer<typeof ZDisclosureNotify> & { expectedVersion: number },
  actor: Actor,
) {
  const { disclosure, row, rules } = await loadVisibleDisclosure(ctx, id, actor);
  if (!holdsAnyRole(actor, [...rules.proposedBy, rules.reviewRole], { orgUnitPath: row.org_unit_path }))
    throw forbidden('告知经营者', 'tell the business');
  requireStatus(disclosure, ['draft']);
  const now = ctx.now();
  const publishableAt =
    rules.respondentNoticeDays > 0 ? ctx.calendar.deadline(now, rules.respondentNoticeDays, 'working-days').dueAt : now;
  return step(
    ctx,
    disclosure,
    input.expectedVersion,
    actor,
    {
      action: 'disclosure-respondent-notified',
      visibility: 'internal',
      input: {
        business: disclosure.business_name,
        method: input.method,
        ...(input.note ? { note: input.note } : {}),
        publishableAt: publishableAt.toISOString(),
        text: `已告知被投诉经营者“${disclosure.business_name}”拟公示本投诉信息，${ctx.calendar.formatLocal(publishableAt)} 后方可公示 / the business was told; publishing is possible after ${publishableAt.toISOString()}`,
      },
      notify: [{ to: 'respondent', template: 'disclosure-notice', event: 'disclosure-notice' }],
    },
    { status: 'notified', notified_at: now.toISOString(), publishable_at: publishableAt.toISOString() },
  );
}

/** The reviewer edits the redacted text; what they write is redacted again, so no edit can put personal data back. */
export async function editDisclosure(
  ctx: AppContext,
  id: string,
  input: z.infer<typeof ZDisclosureEdit>,
  actor: Actor,
) {
  const { disclosure, row, rules } = await loadVisibleDisclosure(ctx, id, actor);
  if (!holdsAnyRole(actor, [rules.reviewRole], { orgUnitPath: row.org_unit_path }))
    throw forbidden('审核公示内容', 'review the text to publish');
  requireStatus(disclosure, ['draft', 'notified']);
  if (input.expectedVersion !== disclosure.version)
    throw new DomainError('VERSION_CONFLICT', msg('disclosure.disclosureChangedReload'), {
      currentVersion: disclosure.version,
    });
  const names = personalNames(row);
  const changes: DisclosureChanges = {};
  if (input.statement !== undefined) changes.statement = redact(input.statement, names).text;
  if (input.result !== undefined) changes.result = redact(input.result, names).text;
  await ctx.store.transact(async (trx: Trx) => {
    if (!(await updateDisclosureIfVersion(trx, id, input.expectedVersion, changes)))
      throw new DomainError('VERSION_CONFLICT', msg('disclosure.disclosureChangedReload'), {});
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: actorName(actor),
      action: 'disclosure.edit',
      entityType: 'disclosure',
      entityId: id,
      payload: { case: disclosure.case_id, version: input.expectedVersion + 1, text: digest(changes) },
    });
  });
  return present((await findDisclosure(ctx.store.db, id))!);
}

/** The reviewer publishes: only after the business was told and its waiting period has passed. */
export async function publishDisclosure(ctx: AppContext, id: string, expectedVersion: number, actor: Actor) {
  const { disclosure, row, rules } = await loadVisibleDisclosure(ctx, id, actor);
  if (!holdsAnyRole(actor, [rules.reviewRole], { orgUnitPath: row.org_unit_path }))
    throw forbidden('发布公示', 'publish');
  if (disclosure.status === 'draft') {
    throw new DomainError('PRECONDITION_FAILED', msg('disclosure.businessMustToldFirst'), {
      guard: 'respondent-notice',
    });
  }
  requireStatus(disclosure, ['notified']);
  const now = ctx.now();
  if (disclosure.publishable_at && now.toISOString() < disclosure.publishable_at) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      msg('disclosure.businessSNoticePeriodRuns', {
        publishableAt: ctx.calendar.formatLocal(new Date(disclosure.publishable_at)),
      }),
      { guard: 'notice-period', publishableAt: disclosure.publishable_at },
    );
  }
  return step(
    ctx,
    disclosure,
    expectedVersion,
    actor,
    {
      action: 'disclosure-published',
      visibility: 'public',
      input: {
        text: '经您同意，本投诉信息（不含个人信息）已公示 / with your consent the complaint was published without personal data',
      },
    },
    { status: 'published', published_at: now.toISOString(), published_by: actorName(actor) },
  );
}

/** Takes a published item down, with a reason; it leaves the public list at once. */
export async function unpublishDisclosure(
  ctx: AppContext,
  id: string,
  input: z.infer<typeof ZDisclosureUnpublish>,
  actor: Actor,
) {
  const { disclosure, row, rules } = await loadVisibleDisclosure(ctx, id, actor);
  if (!holdsAnyRole(actor, [rules.reviewRole], { orgUnitPath: row.org_unit_path }))
    throw forbidden('撤下公示', 'withdraw a publication');
  requireStatus(disclosure, ['published']);
  return step(
    ctx,
    disclosure,
    input.expectedVersion,
    actor,
    {
      action: 'disclosure-unpublished',
      visibility: 'public',
      input: { reason: input.reason, text: `公示已撤下 / the publication was withdrawn` },
    },
    {
      status: 'unpublished',
      unpublished_at: ctx.now().toISOString(),
      unpublished_by: actorName(actor),
      unpublish_reason: input.reason,
    },
  );
}

/** Disclosures of the cases the actor may see (a case page, the review list). */
export async function staffDisclosures(
  ctx: AppContext,
  actor: Actor,
  filter: { status?: DisclosureStatus; caseId?: string },
) {
  const rows = await listDisclosures(ctx.store.db, { ...filter, limit: 200 });
  const visible: DisclosureRow[] = [];
  for (const d of rows) {
    const row = await findCaseById(ctx.store.db, d.case_id);
    const procedure = row && ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
    if (!row || !procedure) continue;
    if (canSeeCase(actor, procedure, { ...toCaseState(row), exclusions: await caseExclusions(ctx.store.db, row.id) }))
      visible.push(d);
  }
  return visible.map(present);
}

export async function staffDisclosure(ctx: AppContext, id: string, actor: Actor) {
  const { disclosure, row, rules } = await loadVisibleDisclosure(ctx, id, actor);
  return {
    ...present(disclosure),
    trackingNo: row.tracking_no,
    canReview: holdsAnyRole(actor, [rules.reviewRole], { orgUnitPath: row.org_unit_path }),
  };
}

function present(d: DisclosureRow) {
  return {
    id: d.id,
    caseId: d.case_id,
    procedure: d.procedure_id,
    status: d.status,
    version: Number(d.version),
    business: d.business_name,
    category: d.category,
    categoryLabel: d.category_label ? JSON.parse(d.category_label) : null,
    statement: d.statement,
    result: d.result,
    handledAt: d.handled_at,
    redactionFound: JSON.parse(d.redaction_found),
    proposedAt: d.proposed_at,
    notifiedAt: d.notified_at,
    publishableAt: d.publishable_at,
    publishedAt: d.published_at,
    unpublishedAt: d.unpublished_at,
    unpublishReason: d.unpublish_reason,
  };
}

/** The public list (DIS-1: what is disclosed — business, category, dates, statement, result); nothing else. */
export async function listPublicDisclosures(ctx: AppContext, query: z.infer<typeof ZPublicDisclosureQuery>) {
  const { rows, total } = await publicDisclosures(ctx.store.db, query);
  return {
    items: rows.map((d) => ({
      id: d.id,
      business: d.business_name,
      category: d.category,
      categoryLabel: d.category_label ? JSON.parse(d.category_label) : null,
      handledAt: d.handled_at,
      publishedAt: d.published_at,
      statement: d.statement,
      result: d.result,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    categories: (await publishedCategories(ctx.store.db)).map((c) => ({
      id: c.category,
      label: c.category_label ? JSON.parse(c.category_label) : null,
    })),
  };
}
