import type { Actor, ActorRef, Notification, TimelineEvent } from '../domain/case.ts';
import { findCaseById, updateCaseIfVersion, type CaseChanges, type CaseRow } from '../store/cases.repository.ts';
import type { Trx } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { recordChange } from './case-writes.ts';
import { notFound } from './perform.ts';
import { isVersionConflict, VersionConflict } from './version-conflict.ts';

/** A change that is not a procedure action: a message, a recusal, a flag. */
export type CaseNote = {
  action: string;
  visibility: 'public' | 'internal';
  actor: ActorRef;
  input: Record<string, unknown>;
  notify?: Notification[];
  changes?: CaseChanges;
  /** More writes in the same transaction (exclusions, a linked case's row). */
  alsoWrite?: (trx: Trx, row: CaseRow) => Promise<void>;
};

/**
 * Records a note on a case through the same write path as every action: version + 1, a timeline
 * event, an audit record and outbox rows, in one transaction; retried if a person changed the
 * case at the same moment.
 */
export async function addCaseNote(ctx: AppContext, caseId: string, note: CaseNote): Promise<{ version: number; trackingNo: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.store.transact(async (trx) => {
        const row = await findCaseById(trx, caseId);
        if (!row) throw notFound();
        const at = ctx.now().toISOString();
        const version = Number(row.version);
        if (!(await updateCaseIfVersion(trx, row.id, version, note.changes ?? {}, at))) throw new VersionConflict();
        await note.alsoWrite?.(trx, row);
        const event: TimelineEvent = {
          type: 'action', action: note.action, visibility: note.visibility, fromStatus: row.status, toStatus: row.status,
          actor: note.actor, at, input: note.input, publicText: null, clocks: [],
        };
        await recordChange(ctx, trx, { id: row.id, trackingNo: row.tracking_no, version: version + 1, submitterReachable: row.submitter_enc !== null }, event, note.notify ?? []);
        return { version: version + 1, trackingNo: row.tracking_no };
      });
    } catch (err) {
      if (isVersionConflict(err) && attempt < 3) continue;
      throw err;
    }
  }
}

export function refOf(actor: Actor): ActorRef {
  if (actor.kind === 'user') return { kind: 'user', id: actor.id, name: actor.displayName };
  if (actor.kind === 'submitter') return { kind: 'submitter', id: null, name: '投诉人 / submitter' };
  return { kind: 'system', id: null, name: actor.name };
}
