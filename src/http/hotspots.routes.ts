import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { hotspotsFor } from '../app/hotspots.ts';
import { requireStaff, staffOf } from './authenticate.ts';

const ZLabel = z.object({ 'zh-CN': z.string(), en: z.string().optional() });
const ZHotspot = z.object({
  procedureId: z.string(),
  procedureName: ZLabel,
  dimension: z.enum(['respondent', 'category', 'place']),
  value: z.string(),
  label: ZLabel,
  recent: z.number().int().describe('cases in the recent window'),
  expected: z.number().describe('cases expected in that window from the series’ own baseline'),
  ratio: z.number(),
  pValue: z.number(),
  caseIds: z.array(z.string()).describe('the recent cases behind it, newest first (at most 50)'),
  cases: z
    .array(z.object({ id: z.string(), trackingNo: z.string() }))
    .describe('the same cases with their tracking numbers, for links'),
});

/** 热点 (issue 21): rising series by business, category and place, for managers, from the cases they may see. */
export function hotspotsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.get(
      '/api/v1/hotspots',
      {
        schema: {
          tags: ['stats'],
          operationId: 'listHotspots',
          summary: '热点 / hotspots',
          querystring: z.object({
            procedure: z.string().max(100).optional().describe('only this procedure'),
          }),
          response: { 200: z.object({ hotspots: z.array(ZHotspot) }) },
        },
      },
      async (request) => ({
        hotspots: await hotspotsFor(ctx, staffOf(request), { procedureId: request.query.procedure }),
      }),
    );
  };
}
