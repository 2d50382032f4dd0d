import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addCannedReply,
  allCannedReplies,
  cannedRepliesForCase,
  changeCannedReply,
  removeCannedReply,
  ZCannedReply,
  ZCannedReplyInput,
} from '../app/canned-replies.ts';
import type { AppContext } from '../app/context.ts';
import { requireAdmin, requireStaff, staffOf } from './authenticate.ts';
import { errors, NO_CONTENT } from './contract.ts';

const ZId = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters') });
const refusals = errors(400, 401, 403, 404);

/** #18 canned replies: admins manage the templates (audited); handlers get them rendered for a case. */
export function cannedReplyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const by = (request: { staff?: { id: string } }) => `user:${request.staff!.id}`;

    app.get(
      '/api/v1/admin/canned-replies',
      {
        preHandler: requireAdmin,
        schema: {
          tags: ['admin'],
          operationId: 'listCannedReplies',
          summary: '常用回复模板 / canned reply templates',
          response: { 200: z.object({ items: z.array(ZCannedReply) }), ...refusals },
        },
      },
      async () => ({ items: await allCannedReplies(ctx) }),
    );

    app.post(
      '/api/v1/admin/canned-replies',
      {
        preHandler: requireAdmin,
        schema: {
          tags: ['admin'],
          operationId: 'addCannedReply',
          summary: '添加常用回复 / add a canned reply',
          body: ZCannedReplyInput,
          response: { 201: ZCannedReply, ...refusals },
        },
      },
      async (request, reply) => reply.status(201).send(await addCannedReply(ctx, request.body, by(request))),
    );

    app.put(
      '/api/v1/admin/canned-replies/:id',
      {
        preHandler: requireAdmin,
        schema: {
          tags: ['admin'],
          operationId: 'changeCannedReply',
          summary: '修改常用回复 / change a canned reply',
          params: ZId,
          body: ZCannedReplyInput,
          response: { 200: ZCannedReply, ...refusals },
        },
      },
      async (request) => changeCannedReply(ctx, request.params.id, request.body, by(request)),
    );

    app.delete(
      '/api/v1/admin/canned-replies/:id',
      {
        preHandler: requireAdmin,
        schema: {
          tags: ['admin'],
          operationId: 'removeCannedReply',
          summary: '删除常用回复 / delete a canned reply',
          params: ZId,
          response: { ...refusals, 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await removeCannedReply(ctx, request.params.id, by(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/cases/:id/canned-replies',
      {
        schema: {
          tags: ['cases'],
          operationId: 'caseCannedReplies',
          summary: '本案可用的常用回复（已填入案件信息）/ canned replies for this case, filled in',
          params: ZId,
          response: { 200: z.object({ items: z.array(ZCannedReply.extend({ rendered: z.string() })) }), ...refusals },
        },
      },
      async (request) => ({ items: await cannedRepliesForCase(ctx, request.params.id, staffOf(request)) }),
    );
  };
}
