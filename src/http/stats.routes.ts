import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { statsFor } from '../app/stats.ts';
import { ZStatsQuery } from '../domain/stats.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { BINARY } from './contract.ts';
import { ZStats } from './stats.views.ts';

/** STA-1: statistics over a period, as JSON or an Excel workbook. */
export function statsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.get(
      '/api/v1/stats',
      {
        schema: {
          tags: ['stats'],
          summary: '统计分析 / statistics',
          querystring: ZStatsQuery,
          response: {
            200: {
              description: 'the statistics (JSON), or the same as an Excel workbook (format=xlsx)',
              content: {
                'application/json': { schema: ZStats },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: BINARY },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const stats = await statsFor(ctx, staffOf(request), {
          from: q.from,
          to: q.to,
          unitId: q.unit,
          procedureId: q.procedure,
        });
        if (q.format !== 'xlsx') return stats;
        const { statsWorkbook } = await import('../app/stats-export.ts');
        return (
          reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="stats-${q.from}-${q.to}.xlsx"`)
            // The workbook's bytes: the schema's BINARY (a string in the document) cannot say Buffer.
            .send((await statsWorkbook(stats)) as unknown as string)
        );
      },
    );
  };
}
