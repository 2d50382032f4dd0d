import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { ZRespondent, type TRespondent, type TSubmitter } from '../domain/submission.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { caseExclusions, type CaseRow } from '../store/cases.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { findUserById, findUserByUsername } from '../store/users.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { submitCase, type SubmitResult } from './submit.ts';
import { insertLinks } from '../store/links.repository.ts';
import { withdrawNotices } from './reach.ts';
import { msg } from '../domain/messages.ts';

export const ZRecusalMatch = z
  .object({
    /** The matched staff member (user id) or unit (path) of a suggested exclusion. */
    userId: z
      .string()
      .regex(/^[0-9A-Z]{26}$/)
      .optional(),
    unitPath: z
      .string()
      .regex(/^(\/[0-9A-Z]{26})+\/$/)
      .optional(),
    decision: z.enum(['confirm', 'clear']),
  })
  .strict()
  .refine((v) => Boolean(v.userId) !== Boolean(v.unitPath), 'name a user or a unit path');

/** The suggested recusals of a case (matched at intake), for staff to confirm or clear. */
export async function recusalMatches(ctx: AppContext, caseId: string, actor: Actor) {
  const { row } = await loadVisibleCase(ctx, caseId, actor);
  const rows = await ctx.store.db
    .selectFrom('case_exclusions')
    .leftJoin('users', 'users.id', 'case_exclusions.user_id')
    .leftJoin('org_units', 'org_units.path', 'case_exclusions.unit_path')
    .select([
      'case_exclusions.user_id',
      'case_exclusions.unit_path',
      'case_exclusions.reason',
      'case_exclusions.suggested',
      'users.display_name',
      'org_units.name as unit_name',
    ])
    .where('case_exclusions.case_id', '=', row.id)
    .execute();
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name ?? null,
      unitPath: r.unit_path,
      unitName: r.unit_name ?? null,
      reason: r.reason,
      suggested: Number(r.suggested) === 1,
    })),
  };
}

/**
 * RTE-3 (issue 16): staff confirm a recusal suggested by the intake match (it stays, no longer a
 * suggestion) or clear it (a namesake: the person may see the case again). Audited on the timeline.
 * The recused never reach this: to them the case does not exist.
 */
export async function decideRecusalMatch(
  ctx: AppContext,
  caseId: string,
  match: z.infer<typeof ZRecusalMatch>,
  actor: Actor,
) {
  const { row } = await loadVisibleCase(ctx, caseId, actor);
  const existing = await ctx.store.db
    .selectFrom('case_exclusions')
    .select(['reason'])
    .where('case_id', '=', row.id)
    .where('suggested', '=', 1)
    .where((eb) => (match.userId ? eb('user_id', '=', match.userId) : eb('unit_path', '=', match.unitPath!)))
    .executeTakeFirst();
  if (!existing) throw new DomainError('NOT_FOUND', msg('recusal.noSuchSuggestedRecusal'));
  return addCaseNote(ctx, row.id, {
    action: match.decision === 'confirm' ? 'recusal-confirmed' : 'recusal-cleared',
    visibility: 'internal',
    actor: refOf(actor),
    input: { reason: existing.reason },
    alsoWrite: async (trx) => {
      if (match.decision === 'confirm')
        await trx
          .updateTable('case_exclusions')
          .set({ suggested: 0 })
          .where('case_id', '=', row.id)
          .where((eb) => (match.userId ? eb('user_id', '=', match.userId) : eb('unit_path', '=', match.unitPath!)))
          .execute();
      else
        await trx
          .deleteFrom('case_exclusions')
          .where('case_id', '=', row.id)
          .where((eb) => (match.userId ? eb('user_id', '=', match.userId) : eb('unit_path', '=', match.unitPath!)))
          .execute();
    },
  });
}

export const ZRespondentLink = z
  .object({
    /** The respondent is this staff member (username or id). */
    user: z.string().min(1).max(100).optional(),
    /** The respondent is this department (org unit id): everyone holding a role in it is recused. */
    orgUnit: z
      .string()
      .regex(/^[0-9A-Z]{26}$/)
      .optional(),
  })
  .strict()
  .refine((v) => v.user || v.orgUnit, 'name a user or an org unit');

/**
 * RTE-3: links a named respondent to a staff account or a department. They, and for a
 * department everyone holding a role in it (its head included), can no longer see, find or act
 * on the case. A case owned by that department goes up to the unit above. The timeline records
 * that a recusal happened, not whom it concerns.
 */
export async function linkRespondent(
  ctx: AppContext,
  caseId: string,
  index: number,
  link: z.infer<typeof ZRespondentLink>,
  actor: Actor,
) {
  const { row } = await loadVisibleCase(ctx, caseId, actor);
  const respondents = JSON.parse(row.respondents) as (TRespondent & { userId?: string; orgUnitId?: string })[];
  if (!respondents[index])
    throw new DomainError('VALIDATION_FAILED', msg('recusal.noRespondent', { index }), {
      issues: [{ path: 'index', message: 'unknown respondent' }],
    });
  const user = link.user
    ? ((await findUserById(ctx.store.db, link.user)) ?? (await findUserByUsername(ctx.store.db, link.user)))
    : undefined;
  if (link.user && !user)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchUser'), {
      issues: [{ path: 'user', message: 'unknown user' }],
    });
  const unit = link.orgUnit ? await findOrgUnit(ctx.store.db, link.orgUnit) : undefined;
  if (link.orgUnit && !unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit2'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  respondents[index] = {
    ...respondents[index],
    ...(user ? { userId: user.id } : {}),
    ...(unit ? { orgUnitId: unit.id } : {}),
  };
  // A case owned by the recused department (or a unit below it) goes where the procedure says:
  // the unit above, or a role such as a neutral investigator (S6 中立调查机构).
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
  const toRole = procedure.recusal.routeTo.startsWith('role:') ? procedure.recusal.routeTo : null;
  const ownedByRecused = Boolean(unit && row.org_unit_path?.startsWith(unit.path)) && !toRole;
  const above = ownedByRecused && unit!.parent_id ? await findOrgUnit(ctx.store.db, unit!.parent_id) : undefined;
  return addCaseNote(ctx, row.id, {
    action: 'recusal',
    visibility: 'internal',
    actor: refOf(actor),
    input: {
      respondent: index,
      excluded: (user ? 1 : 0) + (unit ? 1 : 0),
      ...(ownedByRecused ? { routedTo: above?.id ?? null } : {}),
      ...(toRole ? { routedTo: toRole } : {}),
    },
    changes: {
      respondents: JSON.stringify(respondents),
      ...(ownedByRecused
        ? { org_unit_id: above?.id ?? null, org_unit_path: above?.path ?? null, assignee_id: null }
        : {}),
    },
    notify: toRole
      ? [{ to: toRole, template: 'recusal-routed', event: 'recusal' }]
      : ownedByRecused
        ? supervisorsOf(ctx, row, 'recusal-routed')
        : [],
    alsoWrite: async (trx) => {
      const rows = [
        ...(user ? [{ case_id: row.id, user_id: user.id, unit_path: null, reason: `respondent ${index}` }] : []),
        ...(unit ? [{ case_id: row.id, user_id: null, unit_path: unit.path, reason: `respondent ${index}` }] : []),
      ];
      if (rows.length > 0) await trx.insertInto('case_exclusions').values(rows).execute();
      // Issue 16: what the newly recused were told and have not read is taken back.
      await withdrawNotices(
        trx,
        row.id,
        rows.map((r) => ({ userId: r.user_id, unitPath: r.unit_path })),
      );
    },
  });
}

/** Notices to the roles that supervise in the case's procedure (no role names in code). */
function supervisorsOf(ctx: AppContext, row: CaseRow, template: string) {
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
  return procedure.roles
    .filter((r) => r.permissions.includes('supervise'))
    .map((r) => ({ to: `role:${r.id}`, template, event: template }));
}

export const ZRetaliation = z
  .object({
    description: z.string().trim().min(5).max(10000),
    // Issue 17 (S7 三.7): what the case's procedure asks of every complaint — when and where it
    // happened, who did it — may be given; without respondents, the original case's are named.
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    location: z.string().trim().min(1).max(300).optional(),
    respondents: z.array(ZRespondent).min(1).max(20).optional(),
  })
  .strict();
export type TRetaliation = z.infer<typeof ZRetaliation>;

/** The facts a retaliation report on a case of this procedure must give besides its description. */
export function retaliationAsks(procedure: TProcedure): ('occurredAt' | 'location')[] {
  const kind = retaliationKind(procedure);
  const required = new Set([...procedure.intake.require, ...(procedure.intake.requireByKind[kind] ?? [])]);
  return (['occurredAt', 'location'] as const).filter((f) => required.has(f));
}

const retaliationKind = (procedure: TProcedure) =>
  procedure.intake.kinds.includes('complaint') ? 'complaint' : procedure.intake.kinds[0];

/**
 * CON-3: a submitter flags retaliation on their case. A linked case of the highest severity
 * opens, kept from the original respondents (the original case's recusals are copied), with the
 * same anonymity; its own tracking number and receipt are returned once.
 */
export async function flagRetaliation(ctx: AppContext, original: CaseRow, report: TRetaliation): Promise<SubmitResult> {
  const procedure = ctx.procedures.get(original.procedure_id, Number(original.procedure_version))!;
  const submitter = original.submitter_enc ? (JSON.parse(original.submitter_enc) as TSubmitter) : undefined;
  const highest = procedure.severities.at(-1)?.id;
  const kind = retaliationKind(procedure);
  const respondents = report.respondents ?? (JSON.parse(original.respondents) as TRespondent[]);
  const opened = await submitCase(
    ctx,
    {
      procedure: procedure.id,
      kind,
      subject: `反映遭受打击报复（关联 ${original.tracking_no}）/ retaliation`,
      description: report.description,
      ...(report.occurredAt ? { occurredAt: report.occurredAt } : {}),
      ...(report.location ? { location: report.location } : {}),
      ...(respondents.length > 0 ? { respondents } : {}),
      anonymous: original.anonymous === 1,
      ...(submitter ? { submitter } : {}),
      requestedOutcome: '停止打击报复并依法处理 / stop the retaliation',
      affirmTruthful: true,
      channel: original.channel as 'web',
      ...(highest ? { severity: highest } : {}),
      ...(original.org_unit_id ? { orgUnit: original.org_unit_id } : {}),
      fields: {},
    },
    { kind: 'system', name: '打击报复反映 / retaliation flag' },
  );
  const exclusions = await caseExclusions(ctx.store.db, original.id);
  await addCaseNote(ctx, opened.id, {
    action: 'retaliation-opened',
    visibility: 'internal',
    actor: refOf({ kind: 'submitter', caseId: original.id }),
    input: { linkedTo: original.tracking_no, recusalsCopied: exclusions.length },
    changes: { respondents: original.respondents },
    alsoWrite: async (trx) => {
      if (exclusions.length > 0) {
        await trx
          .insertInto('case_exclusions')
          .values(
            exclusions.map((x) => ({
              case_id: opened.id,
              user_id: x.userId,
              unit_path: x.unitPath,
              reason: `copied from ${original.tracking_no}`,
            })),
          )
          .execute();
      }
      await insertLinks(trx, [
        {
          from_case_id: original.id,
          to_case_id: opened.id,
          kind: 'retaliation',
          note: null,
          created_at: ctx.now().toISOString(),
        },
      ]);
    },
  });
  await addCaseNote(ctx, original.id, {
    action: 'retaliation-flagged',
    visibility: 'public',
    actor: refOf({ kind: 'submitter', caseId: original.id }),
    input: { text: '已反映遭受打击报复，另立案处理 / retaliation reported; a separate case is open' },
    notify: supervisorsOf(ctx, original, 'retaliation-flagged'),
  });
  return opened;
}
