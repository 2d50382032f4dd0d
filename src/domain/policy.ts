import type { Permission, TAction, TProcedure } from './procedure.schema.ts';
import { SUBMITTER_ROLE } from './procedure.schema.ts';
import type { Actor, CaseState, Exclusion, Grant, PendingApproval } from './case.ts';
import { extensionApprovers } from './clocks.ts';
import { type Message, msg } from './messages.ts';

/**
 * The access policy, in one place: every read and every action asks it. A role held in an org
 * unit applies to the cases of that unit and the units below it; a role held in the whole
 * organisation applies everywhere. What a role allows comes from the case's procedure.
 */

/** Whether a grant reaches a case owned by the unit at `casePath` (null: the organisation). */
export function grantCovers(grant: Grant, casePath: string | null): boolean {
  if (grant.unitPath === null) return true;
  return casePath?.startsWith(grant.unitPath) === true;
}

/** The roles the actor holds for a case in this unit. */
export function rolesFor(actor: Actor, casePath: string | null): string[] {
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.grants.filter((g) => grantCovers(g, casePath)).map((g) => g.role))];
}

/** Whether one of the actor's roles for the unit carries the permission in this procedure. */
export function hasPermission(
  actor: Actor,
  procedure: TProcedure,
  casePath: string | null,
  permission: Permission,
): boolean {
  if (actor.kind === 'user' && actor.isAdmin) return true;
  const roles = rolesFor(actor, casePath);
  return procedure.roles.some((r) => roles.includes(r.id) && r.permissions.includes(permission));
}

/**
 * RTE-3: whether the actor is recused from the case — named as a respondent, or a member of a
 * unit the case excludes (a unit's grant holders, including its head). Admins are not exempt.
 */
export function isExcluded(actor: Actor, exclusions: Exclusion[]): boolean {
  if (actor.kind !== 'user') return false;
  return exclusions.some(
    (x) =>
      (x.userId !== null && x.userId === actor.id) ||
      (x.unitPath !== null && actor.grants.some((g) => g.unitPath?.startsWith(x.unitPath!) === true)),
  );
}

/**
 * The people invited to read a case now (S3 二.3, issue 17): loaded with the case, only the
 * invitations not expired while the case is open — time is the loader's business, not the policy's.
 */
export type Invited = { invitees?: string[] };

/** Whether the actor may know that the case exists. */
export function canSeeCase(
  actor: Actor,
  procedure: TProcedure,
  c: Pick<CaseState, 'id' | 'orgUnitPath' | 'exclusions'> & Invited,
): boolean {
  switch (actor.kind) {
    case 'user':
      // A recusal beats an invitation: someone recused can never read the case (RTE-3).
      if (isExcluded(actor, c.exclusions)) return false;
      return hasPermission(actor, procedure, c.orgUnitPath, 'read') || isInvited(actor, c);
    case 'submitter':
      return actor.caseId === c.id;
    case 'system':
      return true;
  }
}

/** S3 二.3 (issue 17): read only, for this case, while the invitation runs. */
export function isInvited(actor: Actor, c: Invited): boolean {
  return actor.kind === 'user' && (c.invitees ?? []).includes(actor.id);
}

/**
 * Issue 17 (APL-1): the unit through which the actor takes an action with these roles on a case
 * in `casePath` — the deepest unit where they hold one of them over the case. Null when no unit
 * grant covers it (an admin, the system, the submitter).
 */
export function actingUnit(actor: Actor, roles: string[], casePath: string | null): string | null {
  if (actor.kind !== 'user') return null;
  const grant = actor.grants
    .filter((g) => g.unitId && roles.includes(g.role) && grantCovers(g, casePath))
    .sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
  return grant?.unitId ?? null;
}

/** Whether the actor's roles for this case allow the action (state is the engine's business). */
export function holdsActionRole(
  actor: Actor,
  action: TAction,
  c: Pick<CaseState, 'orgUnitPath'>,
  recordingBy?: TProcedure['recordingBy'],
): boolean {
  switch (actor.kind) {
    case 'user': {
      if (actor.isAdmin) return true;
      // S8 一(四) 谁办理、谁录入: only grants held in the case's own unit record its steps.
      const ownUnitOnly = recordingBy?.scope === 'handling-unit' && !recordingBy.except.includes(action.id);
      const roles = ownUnitOnly
        ? actor.grants.filter((g) => g.unitPath !== null && g.unitPath === c.orgUnitPath).map((g) => g.role)
        : rolesFor(actor, c.orgUnitPath);
      return action.roles.some((r) => r !== SUBMITTER_ROLE && roles.includes(r));
    }
    case 'submitter':
      return action.roles.includes(SUBMITTER_ROLE);
    case 'system':
      return true;
  }
}

/** Issue 17: an action with `kinds` is for cases of those kinds only (a suggestion's adoption). */
export function appliesToKind(action: TAction, c: Pick<CaseState, 'kind'>): boolean {
  return !action.kinds || action.kinds.includes(c.kind);
}

/** Whether the actor may take the action on this case now. */
export function can(actor: Actor, procedure: TProcedure, action: TAction, c: CaseState): boolean {
  return (
    canSeeCase(actor, procedure, c) &&
    holdsActionRole(actor, action, c, procedure.recordingBy) &&
    action.from.includes(c.status) &&
    appliesToKind(action, c) &&
    procedure.id === c.procedureId &&
    approvalAllows(actor, action, c) &&
    extensionDecisionAllows(actor, procedure, action, c)
  );
}

/**
 * SLA-3 (issue 16): an open extension request is decided only by the approvers for the case's
 * severity (S9: 重要 by the general manager), so the action is not offered to the others.
 */
function extensionDecisionAllows(
  actor: Actor,
  procedure: TProcedure,
  action: TAction,
  c: Pick<CaseState, 'data' | 'severity' | 'orgUnitPath'>,
): boolean {
  if (action.extension !== 'decide') return true;
  const request = c.data.extensionRequest as { clock?: string } | undefined;
  const def = procedure.clocks.find((x) => x.id === request?.clock);
  if (!def) return true; // no open request: the engine answers that
  return holdsAnyRole(actor, extensionApprovers(def, c.severity), c);
}

/**
 * RES-3: while an action waits for approval the case does not move on — only the approval
 * decision (by a holder of the named roles) and steps that leave the state as it is.
 */
export function approvalAllows(actor: Actor, action: TAction, c: Pick<CaseState, 'data' | 'orgUnitPath'>): boolean {
  const pending = c.data.pendingApproval as PendingApproval | undefined;
  if (action.decidesApproval) return Boolean(pending) && holdsAnyRole(actor, pending!.roles, c);
  return !pending || !action.to;
}

/** Whether the actor holds one of these roles where the case is (admins and the system always). */
export function holdsAnyRole(actor: Actor, roles: string[], c: Pick<CaseState, 'orgUnitPath'>): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.isAdmin) return true;
  const held = rolesFor(actor, c.orgUnitPath);
  return roles.some((r) => held.includes(r));
}

/** The actions this actor may take on the case now: what a UI shows as buttons. */
export function allowedActions(actor: Actor, procedure: TProcedure, c: CaseState): TAction[] {
  return procedure.actions.filter((a) => can(actor, procedure, a, c));
}

/**
 * SLA-6: whether the actor supervises (督办) a case: a role with `supervise` held in a unit above
 * the case's (level by level, S8 一(七)), or in the whole organisation for any case owned by a unit.
 * `ownUnit` (issue 16): the case's own unit counts too — the board shows it, and at the root, where
 * no unit is above, the GM urges and takes over there.
 */
export function supervises(
  actor: Actor,
  procedure: TProcedure,
  casePath: string | null,
  options: { ownUnit?: boolean } = {},
): Grant | undefined {
  if (actor.kind !== 'user' || casePath === null) return undefined;
  const supervisors = new Set(procedure.roles.filter((r) => r.permissions.includes('supervise')).map((r) => r.id));
  const covering = actor.grants.filter(
    (g) =>
      supervisors.has(g.role) &&
      (g.unitPath === null ||
        (casePath.startsWith(g.unitPath) && (casePath !== g.unitPath || options.ownUnit === true))),
  );
  // The nearest level above the case: the deepest covering grant.
  return covering.sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
}

/** AUD-1: whether the actor may read and verify the audit record (a role with `audit`, organisation-wide). */
export function canAudit(actor: Actor, procedures: TProcedure[]): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.isAdmin) return true;
  const auditors = new Set(
    procedures.flatMap((p) => p.roles.filter((r) => r.permissions.includes('audit')).map((r) => r.id)),
  );
  return actor.grants.some((g) => isOrganisationWide(g.unitPath) && auditors.has(g.role));
}

/** A grant for the whole organisation: no unit, or the root unit (a top-level path `/ID/`). */
export function isOrganisationWide(unitPath: string | null): boolean {
  return unitPath === null || unitPath.split('/').length === 3;
}

/**
 * Issue 16: a grant that cannot work — a role whose only power is `audit`, held below the root
 * (the audit record is the organisation's; AUD-1). Returns why, or null.
 */
export function grantProblem(role: string, unitPath: string | null, procedures: TProcedure[]): Message | null {
  const defs = procedures.flatMap((p) => p.roles.filter((r) => r.id === role));
  const auditOnly = defs.length > 0 && defs.every((r) => r.permissions.every((x) => x === 'audit'));
  if (auditOnly && !isOrganisationWide(unitPath)) return msg('policy.auditRoleOnlyWholeOrganisation');
  return null;
}

/**
 * The list filter for an actor (`scope`): per procedure, the unit paths under which the actor
 * may read cases; `all` when a grant covers the whole organisation. The store turns it into SQL.
 */
export type Scope = {
  everything: boolean;
  byProcedure: { procedureId: string; all: boolean; unitPaths: string[] }[];
  /** Recusal: cases excluding this user, or a unit above any of these paths, are left out. */
  recused: { userId: string; memberPaths: string[] } | null;
  /** S3 二.3 (issue 17): open cases the reader is invited to now (the inbox only, never statistics). */
  invitedCaseIds?: string[];
};

export function scope(actor: Actor, procedures: TProcedure[]): Scope {
  if (actor.kind === 'system') return { everything: true, byProcedure: [], recused: null };
  if (actor.kind !== 'user') return { everything: false, byProcedure: [], recused: null };
  const recused = {
    userId: actor.id,
    memberPaths: [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))],
  };
  if (actor.isAdmin) return { everything: true, byProcedure: [], recused };
  const byProcedure = procedures
    .map((p) => {
      const readers = new Set(p.roles.filter((r) => r.permissions.includes('read')).map((r) => r.id));
      const grants = actor.grants.filter((g) => readers.has(g.role));
      return {
        procedureId: p.id,
        all: grants.some((g) => g.unitPath === null),
        unitPaths: [...new Set(grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))],
      };
    })
    .filter((s) => s.all || s.unitPaths.length > 0);
  return { everything: false, byProcedure, recused };
}

/**
 * STA-1: the cases counted in an actor's statistics. Statistics are a manager's view: a role
 * that reads the procedure's cases and also holds `supervise` or `records` there (客服主管,
 * 高级管理层, 上级部门负责人 …), over the units where that role is held; admins count everything.
 * Recusal applies as everywhere: a case the actor is recused from is not counted.
 * Null when the actor holds no such role (the API answers 403).
 */
export function statsScope(actor: Actor, procedures: TProcedure[]): Scope | null {
  if (actor.kind === 'system') return scope(actor, procedures);
  if (actor.kind !== 'user') return null;
  if (actor.isAdmin) return scope(actor, procedures);
  const managers = (p: TProcedure) =>
    new Set(
      p.roles
        .filter(
          (r) =>
            r.permissions.includes('read') &&
            (r.permissions.includes('supervise') || r.permissions.includes('records')),
        )
        .map((r) => r.id),
    );
  const byProcedure = procedures
    .map((p) => {
      const roles = managers(p);
      const grants = actor.grants.filter((g) => roles.has(g.role));
      return {
        procedureId: p.id,
        all: grants.some((g) => g.unitPath === null),
        unitPaths: [...new Set(grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))],
      };
    })
    .filter((s) => s.all || s.unitPaths.length > 0);
  if (byProcedure.length === 0) return null;
  const recused = {
    userId: actor.id,
    memberPaths: [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))],
  };
  return { everything: false, byProcedure, recused };
}
