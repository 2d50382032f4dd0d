import type { Db } from './cases.repository.ts';

/** An in-app notice for one member of staff; title and body as stored (JSON labels, or sealed under the case key). */
export type StaffNotice = {
  id: string;
  userId: string;
  caseId: string | null;
  event: string;
  title: string;
  body: string;
  at: string;
};

/**
 * Writes in-app notices (the bell). The one insert for the deliveries of the outbox, the hotspot
 * pass and the sign-in guard; an id already written is left alone, so a retried delivery shows once.
 */
export async function insertStaffNotices(db: Db, notices: StaffNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto('staff_notifications')
    .values(
      notices.map((n) => ({
        id: n.id,
        user_id: n.userId,
        case_id: n.caseId,
        event: n.event,
        title: n.title,
        body: n.body,
        created_at: n.at,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
