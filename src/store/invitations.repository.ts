import type { Db } from './cases.repository.ts';

/**
 * Issue 17, S3 二.3: the users invited to read a case whose invitation runs at `now`. A closed
 * case has none — the caller passes its `closed_at` so no invitation outlives the case.
 */
export async function activeInvitees(
  db: Db,
  c: { id: string; closed_at: string | null },
  now: string,
): Promise<string[]> {
  if (c.closed_at) return [];
  const rows = await db
    .selectFrom('case_invitations')
    .select('user_id')
    .distinct()
    .where('case_id', '=', c.id)
    .where('expires_at', '>', now)
    .execute();
  return rows.map((r) => r.user_id).sort();
}

/** The cases a user's invitations reach now (their closing is checked by the list's scope). */
export async function invitedCaseIds(db: Db, userId: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_invitations')
    .select('case_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .limit(1000)
    .execute();
  return rows.map((r) => r.case_id);
}

export async function insertInvitation(
  db: Db,
  row: { case_id: string; user_id: string; invited_by: string; invited_at: string; expires_at: string; seq: number },
): Promise<void> {
  await db.insertInto('case_invitations').values(row).execute();
}
