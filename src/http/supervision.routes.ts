import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { supervise, supervisionBoard } from '../app/supervision.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZClockStatus, ZCaseStep } from './views.ts';
import { ZLabel } from '../domain/labels.ts';

const ZCaseParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters') });
const ZNote = z.object({ note: z.string().trim().min(1).max(2000) }).strict();

/** SLA-6 督办: the board of overdue and at-risk cases below the caller, urge and take over. */
const ZBoardCase = z.object({
  caseId: z.string(),
  trackingNo: z.string(),
  subject: z.string(),
  status: z.string(),
  severity: z.string().nullable(),
  assigneeId: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  version: z.number().int(),
  clock: z.object({ clock: z.string(), label: ZLabel.nullable(), dueAt: z.string(), status: ZClockStatus }),
});

const ZBoard = z.object({
  at: z.string(),
  totals: z.object({ overdue: z.number().int(), atRisk: z.number().int(), unreached: z.number().int() }),
  unreached: z
    .array(
      z.object({
        caseId: z.string(),
        trackingNo: z.string(),
        subject: z.string(),
        status: z.string(),
        unitId: z.string().nullable(),
        unitName: z.string().nullable(),
        role: z.string(),
        since: z.string(),
        label: ZLabel,
      }),
    )
    .describe('cases a notice to a role found nobody for (无人可办)'),
  levels: z.array(
    z.object({
      level: z.number().int(),
      units: z.array(
        z.object({
          unit: z.object({ id: z.string(), name: z.string(), level: z.number().int(), path: z.string() }),
          overdue: z.array(ZBoardCase),
          atRisk: z.array(ZBoardCase),
        }),
      ),
    }),
  ),
});

export function supervisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get(
      '/api/v1/supervision',
      {
        schema: {
          tags: ['supervision'],
          summary: '督办：下级单位的超期和临期案件 / overdue and at-risk cases below you',
          response: { 200: ok('the board', ZBoard) },
        },
      },
      async (request) => supervisionBoard(ctx, staffOf(request)),
    );

    app.post(
      '/api/v1/supervision/cases/:id/urge',
      {
        schema: {
          tags: ['supervision'],
          summary: '催办 / urge',
          params: ZCaseParams,
          body: ZNote,
          response: { 200: ok('urged', ZCaseStep) },
        },
      },
      async (request) => supervise(ctx, staffOf(request), request.params.id, { kind: 'urge', note: request.body.note }),
    );

    app.post(
      '/api/v1/supervision/cases/:id/take-over',
      {
        schema: {
          tags: ['supervision'],
          summary: '接管 / take over',
          params: ZCaseParams,
          body: ZNote,
          response: { 200: ok('taken over', ZCaseStep) },
        },
      },
      async (request) =>
        supervise(ctx, staffOf(request), request.params.id, { kind: 'take-over', note: request.body.note }),
    );
  };
}
