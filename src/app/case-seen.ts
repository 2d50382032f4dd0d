import type { Actor } from '../domain/case.ts';
import { markSeen } from '../store/case-seen.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';

/**
 * #18: the handler opened the case at this version; the inbox stops marking it as having news
 * from the submitter. Only a person has an inbox: for an API token there is nothing to record.
 */
export async function caseOpened(ctx: AppContext, caseId: string, actor: Actor, version: number) {
  const { state } = await loadVisibleCase(ctx, caseId, actor);
  if (actor.kind === 'user')
    await markSeen(ctx.store.db, actor.id, state.id, Math.min(version, state.version), ctx.now().toISOString());
  return { seenVersion: Math.min(version, state.version) };
}
