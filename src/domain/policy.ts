import type { TAction, TProcedure } from './procedure.schema.ts';
import { SUBMITTER_ROLE } from './procedure.schema.ts';
import type { Actor, CaseState } from './case.ts';

/**
 * Access policy. This first version knows roles held anywhere; org-unit scope and recusal
 * (issue 4) are added here, in this one place, and nowhere else.
 */

/** Whether the actor may know that the case exists. */
export function canSeeCase(actor: Actor, c: Pick<CaseState, 'id'>): boolean {
  switch (actor.kind) {
    case 'user': return true;
    case 'submitter': return actor.caseId === c.id;
    case 'system': return true;
  }
}

/** Whether the actor's roles allow the action (state is the engine's business). */
export function holdsActionRole(actor: Actor, action: TAction): boolean {
  switch (actor.kind) {
    case 'user': return actor.isAdmin || action.roles.some((r) => r !== SUBMITTER_ROLE && actor.roles.includes(r));
    case 'submitter': return action.roles.includes(SUBMITTER_ROLE);
    case 'system': return true;
  }
}

/** Whether the actor may take the action on this case now. */
export function can(actor: Actor, procedure: TProcedure, action: TAction, c: CaseState): boolean {
  return canSeeCase(actor, c) && holdsActionRole(actor, action) && action.from.includes(c.status) && procedure.id === c.procedureId;
}

/** The actions this actor may take on the case now: what a UI shows as buttons. */
export function allowedActions(actor: Actor, procedure: TProcedure, c: CaseState): TAction[] {
  return procedure.actions.filter((a) => can(actor, procedure, a, c));
}
