import type { Actor } from '../../domain/case.ts';
import { canSeeCase, grantProblem } from '../../domain/policy.ts';
import { SUBMITTER_ROLE } from '../../domain/procedure.schema.ts';
import { toCaseState } from '../../store/case.mapper.ts';
import { caseExclusions } from '../../store/cases.repository.ts';
import type { AppContext } from '../context.ts';
import { actorOfUser, procedureIntakeUnit, rootUnit } from '../reach.ts';
import { looseFileModes } from './file-modes.ts';
import { postgresHygiene } from './pg-hygiene.ts';
import { msg, render } from '../../domain/messages.ts';

/**
 * `plaint doctor` (issue 16): a health check of the organisation. Each check is a function that
 * returns findings; the list below is what runs. Add a check by adding a function to `CHECKS`.
 */
export type DoctorFinding = { check: string; severity: 'error' | 'warning'; message: string; details?: unknown };
export type DoctorCheck = (ctx: AppContext) => Promise<DoctorFinding[]>;

const OPEN_CASES_LIMIT = 5000;

/** Staff with their grants (disabled accounts left out): who could act on anything. */
async function staffActors(ctx: AppContext): Promise<(Actor & { kind: 'user' })[]> {
  const rows = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'is_admin'])
    .where('disabled', '=', 0)
    .execute();
  return Promise.all(rows.map((r) => actorOfUser(ctx.store.db, r)));
}

/** Open cases nobody non-recused can act on: no enabled person (admins aside) who sees it and holds a role of a next step. */
export const unreachableCases: DoctorCheck = async (ctx) => {
  const staff = (await staffActors(ctx)).filter((a) => a.grants.length > 0);
  const rows = await ctx.store.db
    .selectFrom('cases')
    .selectAll()
    .where('closed_at', 'is', null)
    .orderBy('id')
    .limit(OPEN_CASES_LIMIT)
    .execute();
  const findings: DoctorFinding[] = [];
  for (const row of rows) {
    const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
    if (!procedure) continue;
    const state = { ...toCaseState(row), exclusions: await caseExclusions(ctx.store.db, row.id) };
    const stepRoles = new Set(
      procedure.actions
        .filter((a) => a.from.includes(state.status))
        .flatMap((a) => a.roles.filter((r) => r !== SUBMITTER_ROLE)),
    );
    const reachable = staff.some(
      (a) =>
        canSeeCase({ ...a, isAdmin: false }, procedure, state) &&
        a.grants.some(
          (g) => stepRoles.has(g.role) && (g.unitPath === null || state.orgUnitPath?.startsWith(g.unitPath)),
        ),
    );
    if (!reachable)
      findings.push({
        check: 'unreachable-cases',
        severity: 'error',
        message: `无人可办：${row.tracking_no}（${procedure.name['zh-CN']}，状态 ${row.status}）/ nobody can act on ${row.tracking_no}`,
        details: { caseId: row.id, trackingNo: row.tracking_no, orgUnitId: row.org_unit_id, status: row.status },
      });
  }
  return findings;
};

/** Procedures whose roles nobody holds where cases arrive (the intake unit, or the root). */
export const unheldRoles: DoctorCheck = async (ctx) => {
  const root = await rootUnit(ctx.store.db);
  const staff = await staffActors(ctx);
  const findings: DoctorFinding[] = [];
  if (!root)
    findings.push({
      check: 'org-root',
      severity: 'warning',
      message: '没有组织单元：请先建立根单位（整个组织）/ no org units: add the root unit (the organisation)',
    });
  for (const procedure of ctx.procedures.latestAll()) {
    const intake = await procedureIntakeUnit(ctx.store.db, procedure.id);
    const receiving = intake ?? root;
    const path = receiving?.path ?? null;
    const roles = [...new Set(procedure.actions.flatMap((a) => a.roles).filter((r) => r !== SUBMITTER_ROLE))];
    const missing = roles.filter(
      (role) =>
        !staff.some((a) =>
          a.grants.some((g) => g.role === role && (g.unitPath === null || path?.startsWith(g.unitPath))),
        ),
    );
    // Roles held only below the receiving unit still work once a case moves there: a warning.
    if (missing.length > 0)
      findings.push({
        check: 'unheld-roles',
        severity: 'warning',
        message: `流程“${procedure.name['zh-CN']}”的角色在受理单位无人担任：${missing.join('、')} / roles nobody holds where ${procedure.id} cases arrive`,
        details: { procedure: procedure.id, unitId: receiving?.id ?? null, roles: missing },
      });
    if (procedure.actions.some((a) => a.moves === 'intake') && !intake)
      findings.push({
        check: 'intake-unit',
        severity: 'warning',
        message: `流程“${procedure.name['zh-CN']}”未设置受理单位，转交不会移动案件 / ${procedure.id} has no intake unit: forwarding does not move cases`,
        details: { procedure: procedure.id },
      });
  }
  return findings;
};

/** Grants that cannot work, such as an audit role held in a unit below the root. */
export const brokenGrants: DoctorCheck = async (ctx) => {
  const rows = await ctx.store.db
    .selectFrom('role_grants')
    .leftJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['role_grants.id', 'role_grants.role', 'org_units.path as unit_path', 'users.username'])
    .execute();
  const known = new Set(ctx.procedures.latestAll().flatMap((p) => p.roles.map((r) => r.id)));
  const findings: DoctorFinding[] = [];
  for (const g of rows) {
    const problem = known.has(g.role)
      ? grantProblem(g.role, g.unit_path, ctx.procedures.latestAll())
      : msg('org.noProcedureDeclaresRole', { role: g.role });
    if (problem)
      findings.push({
        check: 'broken-grants',
        severity: 'warning',
        message: `${g.username} 的授权“${g.role}”不起作用：${render(problem, 'both')}`,
        details: { grant: g.id, role: g.role, user: g.username },
      });
  }
  return findings;
};

/** The checks `plaint doctor` runs, in order. */
export const CHECKS: DoctorCheck[] = [unreachableCases, unheldRoles, brokenGrants, looseFileModes, postgresHygiene];

export async function runDoctor(ctx: AppContext): Promise<{ ok: boolean; findings: DoctorFinding[] }> {
  const findings = (await Promise.all(CHECKS.map((check) => check(ctx)))).flat();
  return { ok: !findings.some((f) => f.severity === 'error'), findings };
}
