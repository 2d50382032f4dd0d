import { z } from 'zod';
import type { Actor, CaseState } from '../domain/case.ts';
import type { TAction } from '../domain/procedure.schema.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  findImprovement,
  improvementCaseIds,
  insertImprovement,
  linkImprovementCases,
  listImprovements,
  updateImprovementIfVersion,
  type ImprovementChanges,
  type ImprovementRow,
  type UnitScope,
} from '../store/improvements.repository.ts';
import { caseExclusions, findCaseById, type CaseRow } from '../store/cases.repository.ts';
import { toCaseState } from '../store/case.mapper.ts';
import { canSeeCase } from '../domain/policy.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { findUserById } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { msg } from '../domain/messages.ts';

/**
 * Improvement (STA-2, STA-3): corrective actions and training items that come from recurring
 * causes, linked to a cause category and to the cases that showed it, with an owner, a due date
 * and a status. A user sees and changes the actions of the units where they hold a role (and the
 * units below); every change is one transaction with its audit record.
 */

/** `suggestion` (issue 17, S1): carrying out an adopted employee suggestion, linked to it. */
export const IMPROVEMENT_KINDS = ['corrective', 'training', 'suggestion'] as const;
export const IMPROVEMENT_STATUSES = ['open', 'in-progress', 'done'] as const;

const ZUlid = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');
const ZDate = z.iso.date();

export const ZImprovementCreate = z
  .object({
    kind: z.enum(IMPROVEMENT_KINDS),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(5000).default(''),
    causeCategory: z.string().trim().min(1).max(100),
    owner: ZUlid.optional(),
    orgUnit: ZUlid,
    dueDate: ZDate.optional(),
    cases: z.array(ZUlid).max(100).default([]),
  })
  .strict();

export const ZImprovementUpdate = z
  .object({
    title: z.string().trim().min(2).max(200).optional(),
    description: z.string().trim().max(5000).optional(),
    causeCategory: z.string().trim().min(1).max(100).optional(),
    owner: ZUlid.nullable().optional(),
    dueDate: ZDate.nullable().optional(),
    status: z.enum(IMPROVEMENT_STATUSES).optional(),
    completionNote: z.string().trim().min(2).max(5000).optional(),
    addCases: z.array(ZUlid).max(100).default([]),
    removeCases: z.array(ZUlid).max(100).default([]),
    expectedVersion: z.number().int().positive(),
  })
  .strict();

export const ZImprovementQuery = z
  .object({
    status: z.enum(IMPROVEMENT_STATUSES).optional(),
    kind: z.enum(IMPROVEMENT_KINDS).optional(),
    cause: z.string().max(100).optional(),
    unit: ZUlid.optional(),
    case: ZUlid.optional(),
  })
  .strict();

/** The unit paths whose actions the actor sees: any grant, in that unit and below; null: all. */
export function improvementScope(actor: Actor): UnitScope {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return [];
  if (actor.isAdmin || actor.grants.some((g) => g.unitPath === null)) return null;
  return [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))];
}

function inScope(scope: UnitScope, path: string): boolean {
  return scope === null || scope.some((p) => path.startsWith(p));
}

function actorName(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}` : actor.kind === 'system' ? `system:${actor.name}` : 'submitter';
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', msg('improvements.noSuchImprovementAction'));
}

async function checkOwner(ctx: AppContext, owner: string | null | undefined): Promise<void> {
  if (owner && !(await findUserById(ctx.store.db, owner))) {
    throw new DomainError('VALIDATION_FAILED', msg('improvements.noSuchUser'), {
      issues: [{ path: 'owner', message: 'unknown user' }],
    });
  }
}

/** Cases may be linked only by someone who may see them; an unknown or hidden case is a 404 like everywhere. */
async function checkCases(ctx: AppContext, caseIds: string[], actor: Actor): Promise<void> {
  for (const id of new Set(caseIds)) await loadVisibleCase(ctx, id, actor);
}

/** Issue 17, S1: a suggestion's implementation is tracked against the adopted suggestion it carries out. */
async function checkAdoptedSuggestion(ctx: AppContext, caseIds: string[]): Promise<void> {
  for (const id of caseIds) {
    const row = await findCaseById(ctx.store.db, id);
    if (row?.kind === 'suggestion' && row.outcome === 'adopted') return;
  }
  throw new DomainError('VALIDATION_FAILED', msg('improvements.linkAdoptedSuggestion'), {
    issues: [{ path: 'cases', message: 'an implementation needs an adopted suggestion among its cases' }],
  });
}

export async function createImprovement(ctx: AppContext, input: z.infer<typeof ZImprovementCreate>, actor: Actor) {
  const unit = await findOrgUnit(ctx.store.db, input.orgUnit);
  if (!unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit2'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  if (!inScope(improvementScope(actor), unit.path)) {
    throw new DomainError('FORBIDDEN', msg('improvements.onlyForYourUnits'), {
      permission: 'improvement',
    });
  }
  await checkOwner(ctx, input.owner);
  await checkCases(ctx, input.cases, actor);
  if (input.kind === 'suggestion') await checkAdoptedSuggestion(ctx, input.cases);
  const at = ctx.now().toISOString();
  const row: ImprovementRow = {
    id: timeOrderedId(ctx.now(), ctx.random(10)),
    kind: input.kind,
    title: input.title,
    description: input.description,
    cause_category: input.causeCategory,
    owner_id: input.owner ?? null,
    org_unit_id: unit.id,
    org_unit_path: unit.path,
    due_date: input.dueDate ?? null,
    status: 'open',
    completion_note: null,
    created_by: actorName(actor),
    created_at: at,
    updated_at: at,
    completed_at: null,
    version: 1,
  };
  const cases = [...new Set(input.cases)];
  await ctx.store.transact(async (trx) => {
    await insertImprovement(trx, row, cases);
    await appendAudit(trx, {
      at,
      actor: actorName(actor),
      action: 'improvement.create',
      entityType: 'improvement',
      entityId: row.id,
      payload: {
        kind: row.kind,
        title: row.title,
        causeCategory: row.cause_category,
        owner: row.owner_id,
        orgUnit: row.org_unit_id,
        dueDate: row.due_date,
        cases,
      },
    });
  });
  return (await present(ctx, [row], actor))[0];
}

export async function updateImprovement(
  ctx: AppContext,
  id: string,
  input: z.infer<typeof ZImprovementUpdate>,
  actor: Actor,
) {
  const row = await findImprovement(ctx.store.db, id);
  if (!row || !inScope(improvementScope(actor), row.org_unit_path)) throw notFound();
  if (input.expectedVersion !== Number(row.version)) {
    throw new DomainError('VERSION_CONFLICT', msg('improvements.changedBySomeoneElseReload'), {
      currentVersion: Number(row.version),
    });
  }
  const status = input.status ?? row.status;
  const note = input.completionNote ?? row.completion_note;
  if (status === 'done' && !note) {
    throw new DomainError('VALIDATION_FAILED', msg('improvements.doneActionNeedsCompletionNote'), {
      issues: [{ path: 'completionNote', message: 'required when done' }],
    });
  }
  await checkOwner(ctx, input.owner);
  await checkCases(ctx, input.addCases, actor);
  const at = ctx.now().toISOString();
  const changes: ImprovementChanges = { updated_at: at };
  if (input.title !== undefined) changes.title = input.title;
  if (input.description !== undefined) changes.description = input.description;
  if (input.causeCategory !== undefined) changes.cause_category = input.causeCategory;
  if (input.owner !== undefined) changes.owner_id = input.owner;
  if (input.dueDate !== undefined) changes.due_date = input.dueDate;
  if (input.completionNote !== undefined) changes.completion_note = input.completionNote;
  if (input.status !== undefined && input.status !== row.status) {
    changes.status = input.status;
    changes.completed_at = input.status === 'done' ? at : null;
  }
  await ctx.store.transact(async (trx) => {
    if (!(await updateImprovementIfVersion(trx, id, Number(row.version), changes))) {
      throw new DomainError('VERSION_CONFLICT', msg('improvements.changedBySomeoneElseReload'), {});
    }
    await linkImprovementCases(trx, id, input.addCases, input.removeCases);
    const { updated_at: _at, ...changed } = changes;
    await appendAudit(trx, {
      at,
      actor: actorName(actor),
      action: 'improvement.update',
      entityType: 'improvement',
      entityId: id,
      payload: {
        version: Number(row.version) + 1,
        changes: changed,
        addCases: input.addCases,
        removeCases: input.removeCases,
      },
    });
  });
  return (await present(ctx, [(await findImprovement(ctx.store.db, id))!], actor))[0];
}

export async function listImprovementsFor(ctx: AppContext, actor: Actor, query: z.infer<typeof ZImprovementQuery>) {
  const unit = query.unit ? await findOrgUnit(ctx.store.db, query.unit) : undefined;
  if (query.unit && !unit) return [];
  const rows = await listImprovements(ctx.store.db, {
    scope: improvementScope(actor),
    limit: 500,
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.cause ? { causeCategory: query.cause } : {}),
    ...(unit ? { unitPath: unit.path } : {}),
    ...(query.case ? { caseId: query.case } : {}),
  });
  return present(ctx, rows, actor);
}

export async function improvementFor(ctx: AppContext, id: string, actor: Actor) {
  const row = await findImprovement(ctx.store.db, id);
  if (!row || !inScope(improvementScope(actor), row.org_unit_path)) throw notFound();
  return (await present(ctx, [row], actor))[0];
}

/**
 * Issue 16: the linked cases shown are those the reader may see — never a case they are recused
 * from (its tracking number would tell the respondent of the complaint). `actor` absent: a report job.
 */
async function present(ctx: AppContext, rows: ImprovementRow[], actor?: Actor) {
  const links = await improvementCaseIds(
    ctx.store.db,
    rows.map((r) => r.id),
  );
  const today = ctx.now().toISOString().slice(0, 10);
  return Promise.all(
    rows.map(async (r) => {
      const caseIds = links.get(r.id) ?? [];
      const cases = [];
      for (const caseId of caseIds) {
        const c = await findCaseById(ctx.store.db, caseId);
        if (c && (!actor || (await visibleTo(ctx, c, actor)))) cases.push({ id: c.id, trackingNo: c.tracking_no });
      }
      const owner = r.owner_id ? await findUserById(ctx.store.db, r.owner_id) : undefined;
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        description: r.description,
        causeCategory: r.cause_category,
        owner: owner ? { id: owner.id, name: owner.display_name } : null,
        orgUnitId: r.org_unit_id,
        dueDate: r.due_date,
        status: r.status,
        completionNote: r.completion_note,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        completedAt: r.completed_at,
        version: Number(r.version),
        cases,
        overdue: r.status !== 'done' && r.due_date !== null && r.due_date < today,
      };
    }),
  );
}

export type ImprovementSummary = {
  from: string;
  to: string;
  /** Actions not done at the end of the period (created before it ends, completed later or not at all). */
  open: Awaited<ReturnType<typeof present>>;
  /** Actions completed within the period. */
  done: Awaited<ReturnType<typeof present>>;
};

/**
 * STA-1, STA-2: the open and done improvement actions of a period, for the monthly report — of
 * one unit and the units below it, or of the whole organisation. `from`/`to` are ISO instants
 * (`to` exclusive). Not scoped by a user: the report job calls it for the unit it reports on.
 */
export async function improvementSummary(
  ctx: AppContext,
  options: { unitId?: string; from: string; to: string },
): Promise<ImprovementSummary> {
  const unit = options.unitId ? await findOrgUnit(ctx.store.db, options.unitId) : undefined;
  if (options.unitId && !unit) throw new DomainError('NOT_FOUND', msg('common.noSuchOrgUnit2'));
  const base = { scope: null, limit: 1000, ...(unit ? { unitPath: unit.path } : {}) } as const;
  const open = await listImprovements(ctx.store.db, { ...base, openAt: options.to });
  const done = await listImprovements(ctx.store.db, {
    ...base,
    status: 'done',
    completedFrom: options.from,
    completedTo: options.to,
  });
  return { from: options.from, to: options.to, open: await present(ctx, open), done: await present(ctx, done) };
}

async function visibleTo(ctx: AppContext, row: CaseRow, actor: Actor): Promise<boolean> {
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
  if (!procedure) return false;
  return canSeeCase(actor, procedure, { ...toCaseState(row), exclusions: await caseExclusions(ctx.store.db, row.id) });
}

/**
 * STA-2 (issue 17, S9 二.2): an action with `improvement` (不合格纠正与预防) also records the
 * corrective action, linked to its case and in the case's unit, inside the action's transaction —
 * so the 整改 list and the monthly report show it. Its own audit record says where it came from.
 */
export async function recordImprovementFromAction(
  ctx: AppContext,
  trx: Transaction<Database>,
  action: TAction,
  c: Pick<CaseState, 'id' | 'trackingNo' | 'category' | 'orgUnitId' | 'orgUnitPath'>,
  input: Record<string, unknown>,
  actor: Actor,
  now: Date,
): Promise<string | null> {
  const rule = action.improvement;
  if (!rule || !c.orgUnitId || !c.orgUnitPath) return null;
  const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string).trim() : '');
  const label = (name: string) => action.input.find((f) => f.name === name)?.label['zh-CN'] ?? name;
  const at = now.toISOString();
  const row: ImprovementRow = {
    id: timeOrderedId(now, ctx.random(10)),
    kind: rule.kind,
    title: text(rule.title).split('\n')[0].slice(0, 200) || action.label['zh-CN'],
    description: rule.description
      .filter((name) => text(name))
      .map((name) => `${label(name)}：${text(name)}`)
      .join('\n')
      .slice(0, 5000),
    cause_category: (rule.cause ?? c.category ?? action.label['zh-CN']).slice(0, 100),
    owner_id: rule.owner && typeof input[rule.owner] === 'string' ? (input[rule.owner] as string) : null,
    org_unit_id: c.orgUnitId,
    org_unit_path: c.orgUnitPath,
    due_date: rule.dueDate && typeof input[rule.dueDate] === 'string' ? (input[rule.dueDate] as string) : null,
    status: 'open',
    completion_note: null,
    created_by: actorName(actor),
    created_at: at,
    updated_at: at,
    completed_at: null,
    version: 1,
  };
  await insertImprovement(trx, row, [c.id]);
  await appendAudit(trx, {
    at,
    actor: actorName(actor),
    action: 'improvement.create',
    entityType: 'improvement',
    entityId: row.id,
    payload: {
      kind: row.kind,
      title: row.title,
      causeCategory: row.cause_category,
      owner: row.owner_id,
      orgUnit: row.org_unit_id,
      dueDate: row.due_date,
      cases: [c.id],
      fromAction: { case: c.trackingNo, action: action.id },
    },
  });
  return row.id;
}
