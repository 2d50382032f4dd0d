import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { heavyRead } from '../app/read-tasks.ts';
import { ZStatsQuery } from '../domain/stats.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { BINARY, errors } from './contract.ts';
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
            // `unit` names a unit that does not exist (app/stats.ts).
            ...errors(404),
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        // Issue 25: on SQLite both run in a read worker (read-tasks.ts), the event loop stays free.
        const read = {
          actor: staffOf(request),
          period: { from: q.from, to: q.to, unitId: q.unit, procedureId: q.procedure },
        };
        if (q.format !== 'xlsx') return heavyRead(ctx, 'stats', read);
        const workbook = await heavyRead(ctx, 'statsWorkbook', read);
        return (
          reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="stats-${q.from}-${q.to}.xlsx"`)
            // The workbook's bytes: the schema's BINARY (a string in the document) cannot say Buffer.
            .send(Buffer.from(workbook.buffer, workbook.byteOffset, workbook.byteLength) as unknown as string)
        );
      },
    );
  };
}
