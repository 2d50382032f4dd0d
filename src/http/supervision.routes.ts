import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { supervise, supervisionBoard } from '../app/supervision.ts';
import { requireStaff, staffOf } from './authenticate.ts';

const ZCaseParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters') });
const ZNote = z.object({ note: z.string().trim().min(1).max(2000) }).strict();

/** SLA-6 督办: the board of overdue and at-risk cases below the caller, urge and take over. */
export function supervisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get(
      '/api/v1/supervision',
      {
        schema: {
          tags: ['supervision'],
          summary: '督办：下级单位的超期和临期案件 / overdue and at-risk cases below you',
        },
      },
      async (request) => supervisionBoard(ctx, staffOf(request)),
    );

    app.post(
      '/api/v1/supervision/cases/:id/urge',
      {
        schema: { tags: ['supervision'], summary: '催办 / urge', params: ZCaseParams, body: ZNote },
      },
      async (request) => supervise(ctx, staffOf(request), request.params.id, { kind: 'urge', note: request.body.note }),
    );

    app.post(
      '/api/v1/supervision/cases/:id/take-over',
      {
        schema: { tags: ['supervision'], summary: '接管 / take over', params: ZCaseParams, body: ZNote },
      },
      async (request) =>
        supervise(ctx, staffOf(request), request.params.id, { kind: 'take-over', note: request.body.note }),
    );
  };
}
