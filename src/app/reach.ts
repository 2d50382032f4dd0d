import type { Actor, CaseState, Exclusion } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { canSeeCase, hasPermission, isExcluded, rolesFor } from '../domain/policy.ts';
import { findAction, SUBMITTER_ROLE, type TField, type TProcedure } from '../domain/procedure.schema.ts';
import type { TRespondent } from '../domain/submission.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/cases.repository.ts';
import { findOrgUnit, grantsOf, type OrgUnitRow } from '../store/org.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { msg } from '../domain/messages.ts';

/**
 * Issue 16 — reach: every case sits in a real unit, the people who can act on it are the only
 * ones a `user` input accepts, and the people it accuses are kept out from intake.
 */

type UnitRef = { id: string; path: string };

/** The root of the org tree (the organisation): the first unit without a parent. */
export async function rootUnit(db: Db): Promise<OrgUnitRow | undefined> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .orderBy('path')
    .limit(1)
    .executeTakeFirst();
}

export async function rootRef(db: Db): Promise<UnitRef | null> {
  const root = await rootUnit(db);
  return root ? { id: root.id, path: root.path } : null;
}

/** The unit an admin named for a procedure's new cases (客服部 for customer complaints). */
export async function procedureIntakeUnit(db: Db, procedureId: string): Promise<OrgUnitRow | undefined> {
  // One statement: every submit asks it, twice (issue 22).
  return db
    .selectFrom('procedure_intake_units')
    .innerJoin('org_units', 'org_units.id', 'procedure_intake_units.org_unit_id')
    .selectAll('org_units')
    .where('procedure_intake_units.procedure_id', '=', procedureId)
    .executeTakeFirst();
}

/** Admin: sets (or clears, with null) the intake unit of a procedure; audited. */
export async function setProcedureIntakeUnit(
  ctx: AppContext,
  procedureId: string,
  unitId: string | null,
  by: string,
): Promise<{ procedure: string; orgUnitId: string | null }> {
  if (!ctx.procedures.latest(procedureId)) throw new DomainError('NOT_FOUND', msg('reach.noSuchProcedure'));
  if (unitId && !(await findOrgUnit(ctx.store.db, unitId)))
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit2'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx.deleteFrom('procedure_intake_units').where('procedure_id', '=', procedureId).execute();
    if (unitId)
      await trx
        .insertInto('procedure_intake_units')
        .values({ procedure_id: procedureId, org_unit_id: unitId, set_by: by, set_at: at })
        .execute();
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'procedure.intake-unit',
      entityType: 'procedure',
      entityId: procedureId,
      payload: { orgUnit: unitId },
    });
  });
  return { procedure: procedureId, orgUnitId: unitId };
}

/**
 * INT-2 (issue 16): the unit a new case lands in. Named by the submitter (checked against the
 * procedure's `intake.unit.level`); else the registering staff member's intake unit; else the
 * admin-set intake unit of the procedure; else the root. Staff register only where they hold `intake`.
 */
export async function resolveIntakeUnit(
  ctx: AppContext,
  procedure: TProcedure,
  unitId: string | undefined,
  actor: Actor,
): Promise<UnitRef | null> {
  const named = unitId ? await findOrgUnit(ctx.store.db, unitId) : undefined;
  if (unitId && !named)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  const level = procedure.intake.unit?.level;
  if (named && level !== undefined && Number(named.level) !== level && actor.kind !== 'user')
    throw new DomainError('VALIDATION_FAILED', msg('reach.procedureDoesNotTakeCases'), {
      issues: [{ path: 'orgUnit', message: `choose a unit of level ${level}` }],
    });
  let unit: UnitRef | null = named ? { id: named.id, path: named.path } : null;
  if (!unit && actor.kind === 'user') {
    // The deepest unit where the staff member may register cases of this procedure.
    const intakeRoles = new Set(procedure.roles.filter((r) => r.permissions.includes('intake')).map((r) => r.id));
    const own = actor.grants
      .filter((g) => g.unitId && g.unitPath && intakeRoles.has(g.role))
      .sort((a, b) => b.unitPath!.length - a.unitPath!.length)[0];
    if (own) unit = { id: own.unitId!, path: own.unitPath! };
  }
  if (!unit) {
    const fixed = await procedureIntakeUnit(ctx.store.db, procedure.id);
    if (fixed) unit = { id: fixed.id, path: fixed.path };
  }
  unit ??= await rootRef(ctx.store.db);
  if (actor.kind === 'user' && !hasPermission(actor, procedure, unit?.path ?? null, 'intake')) {
    throw new DomainError('FORBIDDEN', msg('reach.youMayNotRegisterCases'), {
      permission: 'intake',
    });
  }
  return unit;
}

/** The portal: a procedure that asks the submitter to choose the unit gets one (market supervision: the county bureau). */
export function checkPortalUnit(procedure: TProcedure | undefined, orgUnit: string | undefined): void {
  if (procedure?.intake.unit?.choose === 'required' && !orgUnit)
    throw new DomainError('VALIDATION_FAILED', msg('reach.chooseUnitMatterGoes'), {
      issues: [{ path: 'orgUnit', message: 'required by this procedure' }],
    });
}

/** Where an action with `moves` sends the case. */
export async function moveTarget(
  ctx: AppContext,
  procedure: TProcedure,
  moves: 'intake' | 'parent' | 'top',
  current: { orgUnitId: string | null },
): Promise<UnitRef | null> {
  if (moves === 'intake') {
    // No intake unit set: the case stays where it is (plaint doctor reports the missing setting).
    const unit = await procedureIntakeUnit(ctx.store.db, procedure.id);
    return unit ? { id: unit.id, path: unit.path } : null;
  }
  if (moves === 'parent' && current.orgUnitId) {
    const unit = await findOrgUnit(ctx.store.db, current.orgUnitId);
    const above = unit?.parent_id ? await findOrgUnit(ctx.store.db, unit.parent_id) : undefined;
    if (above) return { id: above.id, path: above.path };
  }
  return rootRef(ctx.store.db);
}

type MatchedExclusion = { user_id: string | null; unit_path: string | null; reason: string; suggested: number };

/**
 * RTE-3 (issue 16): respondents matched against the staff directory at intake — by username,
 * staff number or display name; several matches all count. A named department matches a unit by
 * name (unless the procedure's `recusal.departments` is `handle`). With `recusal.scope: unit` the
 * matched person's units (not the root) are excluded too.
 */
export async function matchRespondents(
  db: Db,
  procedure: TProcedure,
  respondents: TRespondent[],
): Promise<MatchedExclusion[]> {
  const out: MatchedExclusion[] = [];
  for (const [i, r] of respondents.entries()) {
    const name = r.name.trim();
    if (!name) continue;
    if (r.type === 'person') {
      const users = await db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb.or([eb('username', '=', name), eb('staff_no', '=', name), eb('display_name', '=', name)]))
        .execute();
      for (const u of users) {
        out.push({ user_id: u.id, unit_path: null, reason: `respondent ${i} (matched)`, suggested: 1 });
        if (procedure.recusal.scope === 'unit') {
          for (const g of await grantsOf(db, u.id))
            if (g.unit_path && g.unit_path.split('/').length > 3)
              out.push({ user_id: null, unit_path: g.unit_path, reason: `respondent ${i} (unit)`, suggested: 1 });
        }
      }
    } else if (r.type === 'department' && procedure.recusal.departments !== 'handle') {
      const units = await db.selectFrom('org_units').select('path').where('name', '=', name).execute();
      for (const u of units)
        if (u.path.split('/').length > 3)
          out.push({ user_id: null, unit_path: u.path, reason: `respondent ${i} (matched)`, suggested: 1 });
    }
  }
  const seen = new Set<string>();
  return out.filter((x) => {
    const key = `${x.user_id}|${x.unit_path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A case landing in a unit its exclusions cover goes up to the first unit above them all. */
export async function unitClearOf(db: Db, unit: UnitRef | null, exclusions: Exclusion[]): Promise<UnitRef | null> {
  let current = unit;
  while (current && exclusions.some((x) => x.unitPath && current!.path.startsWith(x.unitPath))) {
    const row = await findOrgUnit(db, current.id);
    const above = row?.parent_id ? await findOrgUnit(db, row.parent_id) : undefined;
    current = above ? { id: above.id, path: above.path } : null;
  }
  return current;
}

/**
 * When someone becomes recused, their unread in-app notices and undelivered notices about the
 * case are withdrawn (RTE-3, issue 16).
 */
export async function withdrawNotices(db: Db, caseId: string, exclusions: Exclusion[]): Promise<number> {
  const userIds = new Set(exclusions.flatMap((x) => (x.userId ? [x.userId] : [])));
  for (const x of exclusions) {
    if (!x.unitPath) continue;
    const members = await db
      .selectFrom('role_grants')
      .innerJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
      .select('role_grants.user_id')
      .where('org_units.path', 'like', `${x.unitPath}%`)
      .execute();
    for (const m of members) userIds.add(m.user_id);
  }
  if (userIds.size === 0) return 0;
  const ids = [...userIds];
  const removed = await db
    .deleteFrom('staff_notifications')
    .where('case_id', '=', caseId)
    .where('user_id', 'in', ids)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('deliveries')
    .set({ status: 'withdrawn', last_error: 'recused / 已回避' })
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .where(
      'target',
      'in',
      ids.map((id) => `user:${id}`),
    )
    .execute();
  return Number(removed.numDeletedRows ?? 0);
}

/** The staff member as the policy sees them (their grants with unit paths). */
export async function actorOfUser(
  db: Db,
  user: { id: string; username: string; display_name: string; is_admin: number },
): Promise<Actor & { kind: 'user' }> {
  const grants = await grantsOf(db, user.id);
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin === 1,
    grants: grants.map((g) => ({ role: g.role, unitId: g.org_unit_id, unitPath: g.unit_path })),
  };
}

/** The roles a `user` input asks for: declared on the field, or every role that takes an action. */
function rolesForField(procedure: TProcedure, field: TField): string[] {
  if (field.roles) return field.roles;
  return [...new Set(procedure.actions.flatMap((a) => a.roles).filter((r) => r !== SUBMITTER_ROLE))];
}

/** Whether this person may be named in the field: sees the case where it will be, holds the role, not recused. */
function eligibleFor(
  person: Actor & { kind: 'user' },
  procedure: TProcedure,
  field: TField,
  c: Pick<CaseState, 'id' | 'orgUnitPath' | 'exclusions'>,
): { ok: true } | { ok: false; why: string } {
  if (!canSeeCase({ ...person, isAdmin: false }, procedure, c))
    return { ok: false, why: 'cannot see the case where it is (另一单位或已回避)' };
  const held = rolesFor(person, c.orgUnitPath);
  if (!rolesForField(procedure, field).some((r) => held.includes(r)))
    return { ok: false, why: `holds none of the roles ${rolesForField(procedure, field).join(', ')} for this unit` };
  return { ok: true };
}

/** The `user` fields of an action, with their input path (list items included). */
function userFields(fields: TField[], input: Record<string, unknown>, path = 'input') {
  const out: { field: TField; path: string; value: string }[] = [];
  for (const f of fields) {
    const value = input[f.name];
    if (f.type === 'user' && typeof value === 'string') out.push({ field: f, path: `${path}.${f.name}`, value });
    if (f.type === 'list' && Array.isArray(value))
      value.forEach((item, i) => {
        if (item && typeof item === 'object')
          for (const sub of f.items)
            if (sub.type === 'user' && typeof (item as Record<string, unknown>)[sub.name] === 'string')
              out.push({
                field: sub,
                path: `${path}.${f.name}.${i}.${sub.name}`,
                value: (item as Record<string, string>)[sub.name],
              });
      });
  }
  return out;
}

/**
 * Issue 16: every person named in a `user` input must be able to act — see the case at the unit
 * it will be in after the action, hold the role for that input, not be recused. Else 400 naming the field.
 */
export async function checkEligibleInputs(
  ctx: AppContext,
  procedure: TProcedure,
  fields: TField[],
  input: Record<string, unknown>,
  c: Pick<CaseState, 'id' | 'orgUnitPath' | 'exclusions'>,
): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  for (const named of userFields(fields, input)) {
    const user = await ctx.store.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'is_admin', 'disabled'])
      .where((eb) => eb.or([eb('id', '=', named.value), eb('username', '=', named.value)]))
      .executeTakeFirst();
    if (!user) continue; // the engine answers "unknown user"
    if (user.disabled) {
      issues.push({ path: named.path, message: 'the account is disabled' });
      continue;
    }
    const verdict = eligibleFor(await actorOfUser(ctx.store.db, user), procedure, named.field, c);
    if (!verdict.ok) issues.push({ path: named.path, message: verdict.why });
  }
  if (issues.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      msg('reach.personNamedCannotActOn', { fields: issues.map((i) => i.path).join('、') }),
      { issues },
    );
}

/**
 * GET /api/v1/cases/{id}/eligible-users?action=&field= — who may be named in a `user` input of an
 * action, for the workbench picker. Units: the case's, or (for a dispatch) the one given.
 */
async function eligibleUsers(
  ctx: AppContext,
  c: Pick<CaseState, 'id' | 'orgUnitPath' | 'exclusions'>,
  procedure: TProcedure,
  actionId: string,
  fieldName: string,
  unitId?: string,
) {
  const action = findAction(procedure, actionId);
  const field = action?.input
    .flatMap((f) => (f.type === 'list' ? f.items.map((i) => i as TField) : [f]))
    .find((f) => f.name === fieldName && f.type === 'user');
  if (!action || !field)
    throw new DomainError('VALIDATION_FAILED', msg('reach.noSuchUserField'), {
      issues: [{ path: field ? 'action' : 'field', message: 'unknown action or not a user field' }],
    });
  let at = c;
  if (unitId) {
    const unit = await findOrgUnit(ctx.store.db, unitId);
    if (!unit || (c.orgUnitPath && !unit.path.startsWith(c.orgUnitPath)))
      throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit'), {
        issues: [{ path: 'unit', message: "not within the case's unit" }],
      });
    at = { ...c, orgUnitPath: unit.path };
  }
  if (action.invites?.field === fieldName) return inviteCandidates(ctx, c);
  const roles = rolesForField(procedure, field);
  const candidates = await ctx.store.db
    .selectFrom('users')
    .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.is_admin'])
    .distinct()
    .where('role_grants.role', 'in', roles)
    .where('users.disabled', '=', 0)
    .execute();
  const units = new Map(
    (await ctx.store.db.selectFrom('org_units').select(['id', 'name', 'path']).execute()).map((u) => [u.id, u]),
  );
  const users = [];
  for (const u of candidates) {
    const person = await actorOfUser(ctx.store.db, u);
    if (!eligibleFor(person, procedure, field, at).ok) continue;
    // The unit shown: the deepest unit where one of the roles reaches the case.
    const grant = person.grants
      .filter((g) => roles.includes(g.role) && (g.unitPath === null || (at.orgUnitPath ?? '').startsWith(g.unitPath)))
      .sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
    const unit = grant?.unitId ? units.get(grant.unitId) : undefined;
    users.push({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
    });
  }
  users.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.id.localeCompare(b.id));
  return { users };
}

/**
 * S3 二.3 (issue 17): anyone may be invited to read the case (a manager of another department),
 * except disabled accounts and the people recused from it.
 */
async function inviteCandidates(ctx: AppContext, c: Pick<CaseState, 'exclusions'>) {
  const rows = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'is_admin'])
    .where('disabled', '=', 0)
    .execute();
  const users = [];
  for (const u of rows) {
    if (isExcluded(await actorOfUser(ctx.store.db, u), c.exclusions)) continue;
    users.push({ id: u.id, username: u.username, displayName: u.display_name, unitId: null, unitName: null });
  }
  users.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.id.localeCompare(b.id));
  return { users };
}

/** The picker's question, for a case the caller may see (else 404). */
export async function eligibleUsersFor(
  ctx: AppContext,
  caseId: string,
  actor: Actor,
  query: { action: string; field: string; unit?: string | undefined },
) {
  const { state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  return eligibleUsers(ctx, state, procedure, query.action, query.field, query.unit);
}
