import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { reportFor, reportsFor } from '../app/monthly-report.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZReport, ZReportSummary } from './stats.views.ts';

/** STA-1: the stored monthly reports a manager may read. */
export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.get(
      '/api/v1/reports',
      {
        schema: {
          tags: ['stats'],
          summary: '月度统计报告 / monthly reports',
          querystring: z
            .object({
              month: z
                .string()
                .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
                .optional(),
            })
            .strict(),
          response: { 200: ok('the reports the caller may read', z.object({ items: z.array(ZReportSummary) })) },
        },
      },
      async (request) => ({ items: await reportsFor(ctx, staffOf(request), request.query.month) }),
    );
    app.get(
      '/api/v1/reports/:id',
      {
        schema: {
          tags: ['stats'],
          summary: '一份月度报告 / a monthly report',
          params: z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a report id has 26 characters') }),
          response: { 200: ok('the report', ZReport) },
        },
      },
      async (request) => reportFor(ctx, staffOf(request), request.params.id),
    );
  };
}
