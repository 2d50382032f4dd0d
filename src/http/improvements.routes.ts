import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import {
  createImprovement,
  improvementFor,
  listImprovementsFor,
  updateImprovement,
  ZImprovementCreate,
  ZImprovementQuery,
  ZImprovementUpdate,
} from '../app/improvements.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZImprovement } from './followup.views.ts';

const ZId = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters') });

/** STA-2, STA-3: corrective actions and training items of the caller's units. */
export function improvementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.get(
      '/api/v1/improvements',
      {
        schema: {
          tags: ['improvement'],
          summary: '改进措施（本单位及下级）/ improvement actions of your units',
          querystring: ZImprovementQuery,
          response: { 200: ok('the improvement actions', z.object({ items: z.array(ZImprovement) })) },
        },
      },
      async (request) => ({ items: await listImprovementsFor(ctx, staffOf(request), request.query) }),
    );
    app.post(
      '/api/v1/improvements',
      {
        schema: {
          tags: ['improvement'],
          summary: '新建纠正措施或培训 / create a corrective action or training item',
          body: ZImprovementCreate,
          response: { 201: ok('created', ZImprovement) },
        },
      },
      async (request, reply) => reply.status(201).send(await createImprovement(ctx, request.body, staffOf(request))),
    );
    app.get(
      '/api/v1/improvements/:id',
      {
        schema: {
          tags: ['improvement'],
          summary: '改进措施 / one improvement action',
          params: ZId,
          response: { 200: ok('the improvement action', ZImprovement) },
        },
      },
      async (request) => improvementFor(ctx, request.params.id, staffOf(request)),
    );
    app.patch(
      '/api/v1/improvements/:id',
      {
        schema: {
          tags: ['improvement'],
          summary: '更新改进措施（状态、负责人、期限、关联案件）/ update',
          params: ZId,
          body: ZImprovementUpdate,
          response: { 200: ok('updated', ZImprovement) },
        },
      },
      async (request) => updateImprovement(ctx, request.params.id, request.body, staffOf(request)),
    );
  };
}
