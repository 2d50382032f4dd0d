import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { importCalendar, ZCalendarImport } from '../app/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { ok } from './contract.ts';

/** The working-day calendar: what it covers (staff), and adding days to it (admin) — SLA-1. */
export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get(
      '/api/v1/calendar',
      {
        schema: {
          tags: ['calendar'],
          summary: '工作日历 / the calendar in force',
          response: {
            200: ok(
              'the calendar in force',
              z.object({
                version: z.string(),
                source: z.string(),
                timeZone: z.string(),
                yearsCovered: z.array(z.number().int()),
              }),
            ),
          },
        },
      },
      async () => ({
        version: ctx.calendar.version,
        source: ctx.calendar.data.source,
        timeZone: ctx.calendar.timeZone,
        yearsCovered: ctx.calendar.coveredYears(),
      }),
    );

    app.post(
      '/api/v1/admin/calendar',
      {
        schema: {
          tags: ['calendar', 'admin'],
          summary: '导入节假日安排 / add days off, make-up days and covered years',
          body: ZCalendarImport,
          response: {
            200: ok(
              'the new calendar version; running deadlines recomputed',
              z.object({ calendarVersion: z.string(), recomputed: z.number().int() }),
            ),
          },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        if (!actor.isAdmin) throw new DomainError('FORBIDDEN', msg('calendarRoutes.onlyAdminsChangeCalendar'));
        return importCalendar(ctx, request.body, `user:${actor.id}`);
      },
    );
  };
}
