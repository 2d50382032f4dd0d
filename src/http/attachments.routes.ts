import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from '../app/attachments.ts';
import { loadVisibleCase } from '../app/perform.ts';
import { openWithReceipt } from '../app/public-access.ts';
import { clientKey } from '../app/throttle.ts';
import { DomainError } from '../domain/errors.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { ok } from './contract.ts';
import { ZAttachmentView } from './case.views.ts';

const ZId = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');
const ZTracking = z.string().min(1).max(40);

/** The one file of a multipart upload, read whole (it is at most 10 MB). */
async function uploadedFile(request: FastifyRequest): Promise<{ name?: string; bytes: Buffer; visibility?: string }> {
  if (!request.isMultipart())
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('attachmentsRoutes.uploadAsMultipartFormData'));
  try {
    const file = await request.file();
    if (!file)
      throw new DomainError('VALIDATION_FAILED', msg('attachmentsRoutes.noFile'), {
        issues: [{ path: 'file', message: 'required' }],
      });
    const bytes = await file.toBuffer();
    const visibility = (file.fields.visibility as { value?: string } | undefined)?.value;
    return { name: file.filename, bytes, visibility };
  } catch (err) {
    // The multipart parser's own limits carry a status (413 …); anything else it throws — no
    // boundary, a body cut short — is the client's malformed request, not a server error.
    if (err instanceof DomainError || (err as { statusCode?: number }).statusCode) throw err;
    throw new DomainError('VALIDATION_FAILED', msg('attachmentsRoutes.multipartBodyMalformedOrIncomplete'), {
      reason: (err as Error).message,
    });
  }
}

function send(reply: FastifyReply, file: { name: string; mediaType: string; content: Buffer }) {
  return reply
    .header('content-type', file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

/** Evidence and material as files, for staff and for the submitter with the receipt. */
export function attachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 2 },
      throwFileSizeLimit: true,
    });

    app.post(
      '/api/v1/cases/:id/attachments',
      {
        schema: {
          tags: ['cases'],
          summary: '上传附件 / attach a file (field "visibility": internal|public)',
          params: z.object({ id: ZId }),
          response: {
            201: ok('attached', ZAttachmentView.omit({ addedBy: true, addedAt: true }).extend({ sha256: z.string() })),
          },
        },
        onRequest: requireStaff(ctx),
      },
      async (request, reply) => {
        const actor = staffOf(request);
        const file = await uploadedFile(request);
        const visibility = file.visibility === 'public' ? 'public' : 'internal';
        return reply.status(201).send(await addAttachment(ctx, request.params.id, file, actor, visibility));
      },
    );

    app.get(
      '/api/v1/cases/:id/attachments/:attachment',
      {
        schema: {
          tags: ['cases'],
          summary: '下载附件 / download an attachment',
          params: z.object({ id: ZId, attachment: ZId }),
        },
        onRequest: requireStaff(ctx),
      },
      async (request, reply) => {
        const actor = staffOf(request);
        await loadVisibleCase(ctx, request.params.id, actor);
        return send(reply, await readAttachment(ctx, request.params.id, request.params.attachment, false));
      },
    );

    app.post(
      '/api/v1/public/cases/:trackingNo/attachments',
      {
        schema: {
          tags: ['public'],
          summary: '补充证据材料（文件）/ add evidence',
          params: z.object({ trackingNo: ZTracking }),
          headers: z.object({ 'x-receipt': z.string().max(100).optional() }),
          response: { 201: ok('attached', ZAttachmentView.omit({ addedBy: true, addedAt: true })) },
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        const file = await uploadedFile(request);
        const added = await addAttachment(ctx, row.id, file, { kind: 'submitter', caseId: row.id }, 'public');
        const { sha256: _hash, ...shown } = added;
        return reply.status(201).send(shown);
      },
    );

    app.get(
      '/api/v1/public/cases/:trackingNo/attachments/:attachment',
      {
        schema: {
          tags: ['public'],
          summary: '下载附件 / download an attachment',
          params: z.object({ trackingNo: ZTracking, attachment: ZId }),
          headers: z.object({ 'x-receipt': z.string().max(100).optional() }),
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        return send(reply, await readAttachment(ctx, row.id, request.params.attachment, true));
      },
    );
  };
}
