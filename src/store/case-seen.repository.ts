import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Records that the user has seen the case at this version (never moving back to an older one). */
export async function markSeen(db: Db, userId: string, caseId: string, version: number, at: string): Promise<void> {
  await db
    .insertInto('case_seen')
    .values({ user_id: userId, case_id: caseId, seen_version: version, seen_at: at })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'case_id'])
        .doUpdateSet({ seen_version: version, seen_at: at })
        .where('case_seen.seen_version', '<', version),
    )
    .execute();
}

/**
 * Of these cases, those with an event from the submitter (message, material, rating, withdrawal)
 * after the version the user last opened — after the submission itself when they never did.
 */
export async function casesWithNewFromSubmitter(db: Db, userId: string, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_events as e')
    .leftJoin('case_seen as s', (j) => j.onRef('s.case_id', '=', 'e.case_id').on('s.user_id', '=', userId))
    .select('e.case_id')
    .distinct()
    .where('e.case_id', 'in', caseIds)
    .where('e.actor_kind', '=', 'submitter')
    .where((eb) => eb('e.seq', '>', eb.fn.coalesce('s.seen_version', eb.lit(1))))
    .execute();
  return new Set(rows.map((r) => r.case_id));
}
