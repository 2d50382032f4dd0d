import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { grantProblem } from '../domain/policy.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  deleteGrant,
  findOrgUnit,
  grantsOf,
  insertGrant,
  insertOrgUnit,
  listOrgUnits,
  type OrgUnitRow,
} from '../store/org.repository.ts';
import { findUserById, findUserByUsername } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { msg, render } from '../domain/messages.ts';

export const ZOrgUnitInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    parent: z
      .string()
      .regex(/^[0-9A-Z]{26}$/)
      .optional(),
  })
  .strict();

/** Adds an org unit under `parent` (or as a top unit); audited. */
export async function addOrgUnit(
  ctx: AppContext,
  input: z.infer<typeof ZOrgUnitInput>,
  by: string,
): Promise<OrgUnitRow> {
  const parent = input.parent ? await findOrgUnit(ctx.store.db, input.parent) : undefined;
  if (input.parent && !parent)
    throw new DomainError('VALIDATION_FAILED', msg('org.noSuchParentUnit'), {
      issues: [{ path: 'parent', message: 'unknown org unit' }],
    });
  const id = timeOrderedId(ctx.now(), ctx.random(10));
  const row: OrgUnitRow = {
    id,
    parent_id: parent?.id ?? null,
    name: input.name,
    path: `${parent?.path ?? '/'}${id}/`,
    level: parent ? Number(parent.level) + 1 : 0,
    created_at: ctx.now().toISOString(),
  };
  await ctx.store.transact(async (trx) => {
    await insertOrgUnit(trx, row);
    await appendAudit(trx, {
      at: row.created_at,
      actor: by,
      action: 'org-unit.add',
      entityType: 'org_unit',
      entityId: id,
      payload: { name: row.name, parent: row.parent_id },
    });
  });
  return row;
}

export function orgUnits(ctx: AppContext): Promise<OrgUnitRow[]> {
  return listOrgUnits(ctx.store.db);
}

/** Grants a role to a user, in a unit or in the whole organisation; audited (CON, AUD-1). */
export async function grantRole(ctx: AppContext, user: string, role: string, unitId: string | null, by: string) {
  const row = (await findUserById(ctx.store.db, user)) ?? (await findUserByUsername(ctx.store.db, user));
  if (!row) throw new DomainError('NOT_FOUND', msg('common.noSuchUser'));
  if (!ctx.procedures.latestAll().some((p) => p.roles.some((r) => r.id === role))) {
    throw new DomainError('VALIDATION_FAILED', msg('org.noProcedureDeclaresRole', { role }), {
      issues: [{ path: 'role', message: 'unknown role' }],
    });
  }
  const unit = unitId ? await findOrgUnit(ctx.store.db, unitId) : undefined;
  if (unitId && !unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit2'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  const problem = grantProblem(role, unit?.path ?? null, ctx.procedures.latestAll());
  if (problem)
    throw new DomainError('VALIDATION_FAILED', problem, {
      issues: [{ path: 'orgUnit', message: render(problem, 'both') }],
    });
  const at = ctx.now().toISOString();
  const id = timeOrderedId(ctx.now(), ctx.random(10));
  await ctx.store.transact(async (trx) => {
    await insertGrant(trx, { id, user_id: row.id, role, org_unit_id: unitId, granted_by: by, granted_at: at });
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'role.grant',
      entityType: 'user',
      entityId: row.id,
      payload: { grant: id, role, orgUnit: unitId },
    });
  });
  return { id, userId: row.id, role, orgUnitId: unitId };
}

export async function revokeGrant(ctx: AppContext, grantId: string, by: string): Promise<void> {
  await ctx.store.transact(async (trx) => {
    const removed = await deleteGrant(trx, grantId);
    if (!removed) throw new DomainError('NOT_FOUND', msg('org.noSuchGrant'));
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: by,
      action: 'role.revoke',
      entityType: 'user',
      entityId: removed.user_id,
      payload: { grant: grantId, role: removed.role, orgUnit: removed.org_unit_id },
    });
  });
}

export async function userGrants(ctx: AppContext, userId: string) {
  return (await grantsOf(ctx.store.db, userId)).map((g) => ({
    id: g.id,
    role: g.role,
    orgUnitId: g.org_unit_id,
    orgUnitName: g.unit_name,
  }));
}
