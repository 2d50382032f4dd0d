import type { Actor, ActorRef, Notification, TimelineEvent } from '../domain/case.ts';
import { findCaseById, updateCaseIfVersion, type CaseChanges, type CaseRow } from '../store/cases.repository.ts';
import type { Trx } from '../store/transaction.ts';
import type { ClockNote } from '../domain/clocks.ts';
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
  /** Deadlines the note concerns, explained on the timeline. */
  clocks?: ClockNote[];
  /** More writes in the same transaction (exclusions, a clock, a linked case's row). */
  alsoWrite?: (trx: Trx, row: CaseRow) => Promise<void>;
  /**
   * Runs first inside the transaction, on the case as it is now: returns what to add to the note,
   * or false to write nothing (someone did it already).
   */
  prepare?: (
    trx: Trx,
    row: CaseRow,
  ) => Promise<false | Partial<Pick<CaseNote, 'input' | 'changes' | 'clocks' | 'notify'>>>;
};

/**
 * Records a note on a case through the same write path as every action: version + 1, a timeline
 * event, an audit record and outbox rows, in one transaction; retried if a person changed the
 * case at the same moment.
 */
export async function addCaseNote(
  ctx: AppContext,
  caseId: string,
  note: CaseNote,
): Promise<{ version: number; trackingNo: string } | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.store.transact(async (trx) => {
        // PostgreSQL: notes on one case wait for each other instead of failing. Without the row
        // lock, two instances writing notes to the same case read the same version, one loses,
        // and after a few retries under load a message nobody conflicted with was refused (409).
        // (SQLite has one writer: units never interleave.)
        if (ctx.store.dialect === 'postgres')
          await trx.selectFrom('cases').select('id').where('id', '=', caseId).forUpdate().execute();
        const row = await findCaseById(trx, caseId);
        if (!row) throw notFound();
        const prepared = note.prepare ? await note.prepare(trx, row) : {};
        if (prepared === false) return null;
        const full = { ...note, ...prepared };
        const at = ctx.now().toISOString();
        const version = Number(row.version);
        if (!(await updateCaseIfVersion(trx, row.id, version, full.changes ?? {}, at))) throw new VersionConflict();
        await full.alsoWrite?.(trx, row);
        const event: TimelineEvent = {
          type: 'action',
          action: full.action,
          visibility: full.visibility,
          fromStatus: row.status,
          toStatus: row.status,
          actor: full.actor,
          at,
          input: full.input,
          publicText: null,
          clocks: full.clocks ?? [],
        };
        await recordChange(
          ctx,
          trx,
          {
            id: row.id,
            trackingNo: row.tracking_no,
            version: version + 1,
            submitterReachable: row.submitter_enc !== null,
          },
          event,
          full.notify ?? [],
        );
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
