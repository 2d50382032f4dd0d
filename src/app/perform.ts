import type { Actor, CaseState } from '../domain/case.ts';
import { decide, type UnitDirectory, type UserDirectory } from '../domain/engine.ts';
import { DomainError } from '../domain/errors.ts';
import { findAction, type TProcedure } from '../domain/procedure.schema.ts';
import { unitRefs, userRefs } from '../domain/input.ts';
import type { Intake } from '../domain/intake.ts';
import type { CaseKind, Channel } from '../domain/procedure.schema.ts';
import type { TRespondent, TSubmitter } from '../domain/submission.ts';
import { insertLinks } from '../store/links.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import { writeNewCase } from './submit.ts';
import { actingUnit, canSeeCase, hasPermission, isExcluded, isInvited } from '../domain/policy.ts';
import { activeInvitees, insertInvitation } from '../store/invitations.repository.ts';
import { toCaseChanges, toCaseState } from '../store/case.mapper.ts';
import { caseExclusions, findCaseById, updateCaseIfVersion, type CaseRow } from '../store/cases.repository.ts';
import { findUsersByRefs } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { recordChange } from './case-writes.ts';
import { VersionConflict } from './version-conflict.ts';
import { caseClocks } from '../store/clocks.repository.ts';
import { toClockState } from '../store/clock.mapper.ts';
import { procedureVersion } from './procedure-admin.ts';
import { actorOfUser, checkEligibleInputs, moveTarget } from './reach.ts';
import { msg } from '../domain/messages.ts';
import { recordImprovementFromAction } from './improvements.ts';
import { markTrainingStale } from './triage-model.ts';

export type PerformResult = {
  id: string;
  trackingNo: string;
  status: string;
  version: number;
  opened?: { id: string; trackingNo: string };
};

export function notFound(): DomainError {
  return new DomainError('NOT_FOUND', msg('perform.noSuchCase'));
}

/** Loads a case the actor may see, with the procedure version it runs under; else NOT_FOUND. */
export async function loadVisibleCase(
  ctx: AppContext,
  caseId: string,
  actor: Actor,
): Promise<{ row: CaseRow; state: CaseState; procedure: TProcedure }> {
  const row = await findCaseById(ctx.store.db, caseId);
  if (!row) throw notFound();
  const state = {
    ...toCaseState(row),
    exclusions: await caseExclusions(ctx.store.db, row.id),
    invitees: await activeInvitees(ctx.store.db, row, ctx.now().toISOString()),
  };
  const procedure = await procedureVersion(ctx, state.procedureId, state.procedureVersion);
  if (!procedure)
    throw new Error(`procedure ${state.procedureId}@${state.procedureVersion} of case ${state.id} is not loaded`);
  if (!canSeeCase(actor, procedure, state)) throw notFound();
  return { row, state, procedure };
}

/**
 * S3 二.3 (issue 17): whether the actor reads this case only by invitation — such reads are
 * audited one by one, as the invitation is an exception to the unit-scoped policy.
 */
export function readsByInvitation(actor: Actor, procedure: TProcedure, state: CaseState): boolean {
  return (
    actor.kind === 'user' &&
    !actor.isAdmin &&
    isInvited(actor, state) &&
    !hasPermission(actor, procedure, state.orgUnitPath, 'read')
  );
}

/**
 * The only way an existing case changes. Checks visibility, asks the engine, then writes the case
 * (version + 1, only if still at `expectedVersion`), its timeline event, the audit record and the
 * outbox rows in one transaction: all or nothing.
 */
export async function perform(
  ctx: AppContext,
  caseId: string,
  actionId: string,
  input: unknown,
  actor: Actor,
  expectedVersion?: number,
): Promise<PerformResult> {
  const { row, state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  const version = expectedVersion ?? state.version;
  if (version !== state.version) throw new VersionConflict(state.version);
  const action = findAction(procedure, actionId);
  const users = action ? await resolveUsers(ctx, userRefs(action.input, input)) : new Map();
  const units = action ? await resolveUnits(ctx, unitRefs(action.input, input)) : new Map();
  const now = ctx.now();
  const clocks = (await caseClocks(ctx.store.db, state.id)).map(toClockState);
  const decision = decide({
    procedure,
    current: state,
    actionId,
    input,
    actor,
    now,
    users,
    clocks: { calendar: ctx.calendar, clocks },
    units,
  });
  const pendingNow = Boolean(decision.event.input.awaitingApproval);
  // Issue 17 (APL-1): the unit the actor acted through, so an appeal can go above the decider.
  if (action) decision.event = { ...decision.event, actorUnitId: actingUnit(actor, action.roles, state.orgUnitPath) };
  // Issue 16: an action that sends the case elsewhere (转交) moves it to a real unit, on the timeline.
  if (action?.moves && !pendingNow) {
    const target = await moveTarget(ctx, procedure, action.moves, state);
    if (target && target.id !== state.orgUnitId) {
      decision.patch.orgUnitId = target.id;
      decision.patch.orgUnitPath = target.path;
      if (decision.patch.assigneeId === undefined) decision.patch.assigneeId = null;
      decision.event = { ...decision.event, input: { ...decision.event.input, movedTo: target.id } };
    }
  }
  // S3 二.3 (issue 17): the invitee needs no role here, but must not be recused.
  if (decision.invitation) await checkInvitee(ctx, decision.invitation.userId, state, action?.invites?.field ?? '');
  // Issue 16: everyone named in a `user` input can act on the case where it will be (an invitee only reads).
  if (action && !action.decidesApproval && input && typeof input === 'object')
    await checkEligibleInputs(
      ctx,
      procedure,
      action.input.filter((f) => f.name !== action.invites?.field),
      input as Record<string, unknown>,
      {
        ...state,
        orgUnitPath: decision.patch.orgUnitPath !== undefined ? decision.patch.orgUnitPath : state.orgUnitPath,
      },
    );
  const opensIn = decision.opens ? ctx.procedures.latest(decision.opens.procedure) : undefined;
  if (decision.opens && !opensIn)
    throw new Error(`action ${actionId} opens a case of procedure ${decision.opens.procedure}, which is not loaded`);
  const next = version + 1;
  let opened: { id: string; trackingNo: string } | undefined;
  await ctx.store.transact(async (trx) => {
    const updated = await updateCaseIfVersion(trx, state.id, version, toCaseChanges(decision.patch), now.toISOString());
    if (!updated) throw new VersionConflict();
    let event = decision.event;
    if (decision.opens && opensIn) {
      opened = await writeNewCase(
        ctx,
        trx,
        opensIn,
        linkedIntake(row, decision.opens.kind, opensIn),
        actor,
        now,
        unitOf(row),
      );
      await insertLinks(trx, [
        {
          from_case_id: state.id,
          to_case_id: opened.id,
          kind: decision.opens.link,
          note: null,
          created_at: now.toISOString(),
        },
      ]);
      event = { ...event, input: { ...event.input, opened: opened.trackingNo } };
    }
    if (decision.invitation)
      await insertInvitation(trx, {
        case_id: state.id,
        user_id: decision.invitation.userId,
        invited_by: actor.kind === 'user' ? actor.id : actor.kind,
        invited_at: now.toISOString(),
        expires_at: decision.invitation.expiresAt,
        seq: next,
      });
    if (action?.improvement && !pendingNow) {
      const improvement = await recordImprovementFromAction(ctx, trx, action, state, decision.event.input, actor, now);
      if (improvement) event = { ...event, input: { ...event.input, improvement } };
    }
    await recordChange(
      ctx,
      trx,
      { id: state.id, trackingNo: state.trackingNo, version: next, submitterReachable: row.submitter_enc !== null },
      event,
      decision.notifications,
      decision.clockChanges,
    );
  });
  // Issue 21: triage learns from closed cases; a closing or reopening changes what it learned.
  if (decision.patch.closedAt !== undefined) markTrainingStale(ctx, state.procedureId);
  return {
    id: state.id,
    trackingNo: state.trackingNo,
    status: decision.event.toStatus,
    version: next,
    ...(opened ? { opened: { id: opened.id, trackingNo: opened.trackingNo } } : {}),
  };
}

/** RTE-3: someone recused (or a disabled account) can never be invited to read the case. */
async function checkInvitee(ctx: AppContext, userId: string, state: CaseState, field: string): Promise<void> {
  const user = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'is_admin', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  const why = !user
    ? 'unknown user'
    : user.disabled
      ? 'the account is disabled'
      : isExcluded(await actorOfUser(ctx.store.db, user), state.exclusions)
        ? 'recused from this case (已回避)'
        : null;
  if (why)
    throw new DomainError('VALIDATION_FAILED', msg('perform.personCannotBeInvited', { why }), {
      issues: [{ path: `input.${field}`, message: why }],
    });
}

function unitOf(row: CaseRow): { id: string; path: string } | null {
  return row.org_unit_id && row.org_unit_path ? { id: row.org_unit_id, path: row.org_unit_path } : null;
}

/** ENF-1: the new case carries the matter, the parties and the unit of the case it came from. */
function linkedIntake(row: CaseRow, kind: CaseKind, target: TProcedure): Intake {
  const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : undefined;
  const channel = target.intake.channels.includes(row.channel as Channel)
    ? (row.channel as Channel)
    : target.intake.channels[0];
  return {
    procedure: target.id,
    kind,
    subject: row.subject,
    description: row.description,
    anonymous: row.anonymous === 1,
    ...(submitter ? { submitter } : {}),
    respondents: JSON.parse(row.respondents) as TRespondent[],
    affirmTruthful: true,
    channel,
    fields: {},
    ...(target.intake.require.includes('requestedOutcome')
      ? { requestedOutcome: `转自 ${row.tracking_no} / from ${row.tracking_no}` }
      : {}),
  };
}

async function resolveUnits(ctx: AppContext, ids: string[]): Promise<UnitDirectory> {
  const directory = new Map<string, { id: string; path: string }>();
  for (const id of new Set(ids)) {
    const unit = await findOrgUnit(ctx.store.db, id);
    if (unit) directory.set(unit.id, { id: unit.id, path: unit.path });
  }
  return directory;
}

async function resolveUsers(ctx: AppContext, refs: string[]): Promise<UserDirectory> {
  const rows = await findUsersByRefs(ctx.store.db, [...new Set(refs)]);
  const directory = new Map<string, { id: string; displayName: string }>();
  for (const row of rows) {
    directory.set(row.username, { id: row.id, displayName: row.display_name });
    directory.set(row.id, { id: row.id, displayName: row.display_name });
  }
  return directory;
}
