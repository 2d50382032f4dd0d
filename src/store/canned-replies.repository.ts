import type { Kysely, Transaction } from 'kysely';
import type { CannedReplyRow, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function listCannedReplies(db: Db): Promise<CannedReplyRow[]> {
  return db.selectFrom('canned_replies').selectAll().orderBy('title').orderBy('id').execute();
}

export async function findCannedReply(db: Db, id: string): Promise<CannedReplyRow | undefined> {
  return db.selectFrom('canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The templates for a case: its procedure's or every procedure's, for one of the given units or the whole organisation. */
export async function cannedRepliesFor(db: Db, procedureId: string, unitIds: string[]): Promise<CannedReplyRow[]> {
  return db
    .selectFrom('canned_replies')
    .selectAll()
    .where((eb) => eb.or([eb('procedure_id', '=', procedureId), eb('procedure_id', 'is', null)]))
    .where((eb) =>
      eb.or([eb('org_unit_id', 'is', null), ...(unitIds.length > 0 ? [eb('org_unit_id', 'in', unitIds)] : [])]),
    )
    .orderBy('title')
    .orderBy('id')
    .execute();
}

export async function insertCannedReply(db: Db, row: CannedReplyRow): Promise<void> {
  await db.insertInto('canned_replies').values(row).execute();
}

export async function updateCannedReply(
  db: Db,
  id: string,
  set: Pick<CannedReplyRow, 'procedure_id' | 'org_unit_id' | 'title' | 'body' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('canned_replies').set(set).where('id', '=', id).execute();
}

export async function deleteCannedReply(db: Db, id: string): Promise<void> {
  await db.deleteFrom('canned_replies').where('id', '=', id).execute();
}
