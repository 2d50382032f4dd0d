import type { Db } from './cases.repository.ts';
import { caseKey, openBytes, sealBytes } from './sealing.ts';

/**
 * A case's files (issue 24): the bytes are sealed under the case key in `case_attachments.content`,
 * so erasing the case's key erases them wherever a copy lies; `attachments` keeps the file's size
 * and type under its SHA-256 (and the bytes of files stored before sealing existed).
 */
export async function insertCaseAttachment(
  db: Db,
  file: {
    id: string;
    caseId: string;
    sha256: string;
    name: string;
    mediaType: string;
    bytes: Buffer;
    visibility: string;
    addedByKind: string;
    addedById: string | null;
    at: string;
  },
): Promise<void> {
  const known = await db
    .selectFrom('attachments')
    .select('sha256')
    .where('sha256', '=', file.sha256)
    .executeTakeFirst();
  if (!known)
    await db
      .insertInto('attachments')
      .values({
        sha256: file.sha256,
        size: file.bytes.length,
        media_type: file.mediaType,
        content: Buffer.alloc(0),
        created_at: file.at,
      })
      .execute();
  const key = await caseKey(db, file.caseId, true);
  await db
    .insertInto('case_attachments')
    .values({
      id: file.id,
      case_id: file.caseId,
      sha256: file.sha256,
      file_name: file.name,
      visibility: file.visibility,
      added_by_kind: file.addedByKind,
      added_by_id: file.addedById,
      added_at: file.at,
      content: sealBytes(key, file.bytes),
    })
    .execute();
}

/** The files of a case with their bytes opened; one whose key was erased has none. */
export async function caseAttachmentFiles(
  db: Db,
  caseId: string,
  filter: { id?: string; onlyPublic?: boolean } = {},
): Promise<{ id: string; fileName: string; mediaType: string; content: Buffer | undefined }[]> {
  let query = db
    .selectFrom('case_attachments as a')
    .innerJoin('attachments as b', 'b.sha256', 'a.sha256')
    .select(['a.id', 'a.file_name', 'b.media_type', 'a.content as sealed', 'b.content as legacy'])
    .where('a.case_id', '=', caseId);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  if (filter.onlyPublic) query = query.where('a.visibility', '=', 'public');
  const rows = await query.orderBy('a.added_at').orderBy('a.id').execute();
  const key = rows.length ? await caseKey(db, caseId) : undefined;
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    content: r.sealed ? openBytes(key, Buffer.from(r.sealed)) : Buffer.from(r.legacy),
  }));
}
