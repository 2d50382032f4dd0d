import type { Actor, CaseState } from '../domain/case.ts';
import { decide, type UserDirectory } from '../domain/engine.ts';
import { DomainError } from '../domain/errors.ts';
import { findAction, type TProcedure } from '../domain/procedure.schema.ts';
import { userRefs } from '../domain/input.ts';
import { canSeeCase } from '../domain/policy.ts';
import { toCaseChanges, toCaseState } from '../store/case.mapper.ts';
import { caseExclusions, findCaseById, updateCaseIfVersion, type CaseRow } from '../store/cases.repository.ts';
import { findUsersByRefs } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { recordChange } from './case-writes.ts';
import { VersionConflict } from './version-conflict.ts';
import { caseClocks } from '../store/clocks.repository.ts';
import { toClockState } from '../store/clock.mapper.ts';

export type PerformResult = { id: string; trackingNo: string; status: string; version: number };

export function notFound(): DomainError {
  return new DomainError('NOT_FOUND', '案件不存在 / no such case');
}

/** Loads a case the actor may see, with the procedure version it runs under; else NOT_FOUND. */
export async function loadVisibleCase(ctx: AppContext, caseId: string, actor: Actor): Promise<{ row: CaseRow; state: CaseState; procedure: TProcedure }> {
  const row = await findCaseById(ctx.store.db, caseId);
  if (!row) throw notFound();
  const state = { ...toCaseState(row), exclusions: await caseExclusions(ctx.store.db, row.id) };
  const procedure = ctx.procedures.get(state.procedureId, state.procedureVersion);
  if (!procedure) throw new Error(`procedure ${state.procedureId}@${state.procedureVersion} of case ${state.id} is not loaded`);
  if (!canSeeCase(actor, procedure, state)) throw notFound();
  return { row, state, procedure };
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
  const now = ctx.now();
  const clocks = (await caseClocks(ctx.store.db, state.id)).map(toClockState);
  const decision = decide(procedure, state, actionId, input, actor, now, users, { calendar: ctx.calendar, clocks });
  const next = version + 1;
  await ctx.store.transact(async (trx) => {
    const updated = await updateCaseIfVersion(trx, state.id, version, toCaseChanges(decision.patch), now.toISOString());
    if (!updated) throw new VersionConflict();
    await recordChange(ctx, trx, { id: state.id, trackingNo: state.trackingNo, version: next, submitterReachable: row.submitter_enc !== null }, decision.event, decision.notifications, decision.clockChanges);
  });
  return { id: state.id, trackingNo: state.trackingNo, status: decision.event.toStatus, version: next };
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
