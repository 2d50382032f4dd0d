import { createHash } from 'node:crypto';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { safeFileName, sniffMediaType } from '../domain/file-type.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { caseAttachmentFiles, insertCaseAttachment } from '../store/attachments.repository.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase, notFound } from './perform.ts';
import { msg } from '../domain/messages.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Adds a file to a case: checked by its content (images, PDF, plain text), stored once by its
 * SHA-256, and recorded on the timeline. What the submitter adds is public on the tracking page.
 */
export async function addAttachment(
  ctx: AppContext,
  caseId: string,
  file: { name?: string; bytes: Buffer },
  actor: Actor,
  visibility: 'public' | 'internal',
) {
  if (actor.kind === 'user') await loadVisibleCase(ctx, caseId, actor);
  if (file.bytes.length === 0)
    throw new DomainError('VALIDATION_FAILED', msg('attachments.fileEmpty'), {
      issues: [{ path: 'file', message: 'empty' }],
    });
  if (file.bytes.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', msg('attachments.fileLargerThan10Mb'), {
      limitBytes: MAX_ATTACHMENT_BYTES,
    });
  const mediaType = sniffMediaType(file.bytes);
  if (!mediaType) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('attachments.imagesPdfAndPlainText'), {
      accepted: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
    });
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const name = safeFileName(file.name);
  const id = timeOrderedId(ctx.now(), ctx.random(10));
  const at = ctx.now().toISOString();
  await addCaseNote(ctx, caseId, {
    action: 'attachment-added',
    visibility,
    actor: refOf(actor),
    input: { attachment: id, name, sha256, size: file.bytes.length, mediaType },
    notify:
      actor.kind === 'submitter' ? [{ to: 'assignee', template: 'submitter-material', event: 'attachment-added' }] : [],
    prepare: async (_trx, row) => {
      // ARC-1: a closed case is archived: its file is complete and stays as it was.
      if (row.closed_at)
        throw new DomainError('ACTION_NOT_ALLOWED', msg('attachments.caseClosedAndArchived'), {
          status: row.status,
          allowedActions: [],
        });
      return {};
    },
    alsoWrite: async (trx) => {
      await insertCaseAttachment(trx, {
        id,
        caseId,
        sha256,
        name,
        mediaType,
        bytes: file.bytes,
        visibility,
        addedByKind: actor.kind,
        addedById: actor.kind === 'user' ? actor.id : null,
        at,
      });
    },
  });
  return { id, name, sha256, size: file.bytes.length, mediaType, visibility };
}

/** The attachments of a case, all for staff, the public ones for the submitter. */
export async function listAttachments(ctx: AppContext, caseId: string, onlyPublic: boolean) {
  let query = ctx.store.db
    .selectFrom('case_attachments')
    .innerJoin('attachments', 'attachments.sha256', 'case_attachments.sha256')
    .select([
      'case_attachments.id',
      'case_attachments.file_name',
      'case_attachments.visibility',
      'case_attachments.added_by_kind',
      'case_attachments.added_at',
      'attachments.size',
      'attachments.media_type',
      'attachments.sha256',
    ])
    .where('case_attachments.case_id', '=', caseId);
  if (onlyPublic) query = query.where('case_attachments.visibility', '=', 'public');
  return (await query.orderBy('case_attachments.added_at').orderBy('case_attachments.id').execute()).map((a) => ({
    id: a.id,
    name: a.file_name,
    visibility: a.visibility,
    addedBy: a.added_by_kind === 'submitter' ? 'submitter' : 'staff',
    addedAt: a.added_at,
    size: Number(a.size),
    mediaType: a.media_type,
    sha256: a.sha256,
  }));
}

/** One attachment's bytes, if it belongs to the case (and is public, for the submitter). */
export async function readAttachment(ctx: AppContext, caseId: string, attachmentId: string, onlyPublic: boolean) {
  const [file] = await caseAttachmentFiles(ctx.store.db, caseId, { id: attachmentId, onlyPublic });
  if (!file?.content) throw notFound();
  return { name: file.fileName, mediaType: file.mediaType, content: file.content };
}
