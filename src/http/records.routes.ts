import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { openWithReceipt } from '../app/public-access.ts';
import {
  answerDataRequest,
  holdMatching,
  listDataRequests,
  requestData,
  setHold,
  submitterDataRequests,
  ZBulkHold,
  ZDataAnswer,
  ZDataRequest,
  ZHold,
} from '../app/records.ts';
import { loadVisibleCase } from '../app/perform.ts';
import { heavyRead } from '../app/read-tasks.ts';
import { clientKey } from '../app/throttle.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZNoteAdded } from './views.ts';
import { ZDataRequested, ZDataRequestsToAnswer, ZOwnDataRequests } from './records.views.ts';

const ZCaseParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters') });
const ZTrackingParams = z.object({ trackingNo: z.string().min(1).max(40) });
const ZReceiptHeaders = z.object({ 'x-receipt': z.string().max(100).optional() });
const ZDate = z.iso.date();

/** Records (ARC-1, CON-4): case files, legal hold, personal-data requests (PIPL Art 44–51). */
export function recordsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The submitter's side, with tracking number and receipt.
    app.post(
      '/api/v1/public/cases/:trackingNo/data-requests',
      {
        schema: {
          tags: ['public'],
          summary: '查阅、更正或删除个人信息 / ask to see, correct or delete your personal data',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          body: ZDataRequest,
          response: { 201: ok('asked: the answer is owed by dueAt', ZDataRequested) },
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        return reply.status(201).send(await requestData(ctx, row, request.body, { kind: 'submitter', caseId: row.id }));
      },
    );
    app.get(
      '/api/v1/public/cases/:trackingNo/data-requests',
      {
        schema: {
          tags: ['public'],
          summary: '个人信息请求及答复 / your personal-data requests and their answers',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          response: { 200: ok('your requests', ZOwnDataRequests) },
        },
      },
      async (request) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        return submitterDataRequests(ctx, row);
      },
    );

    await app.register(async (staff) => {
      staff.addHook('onRequest', requireStaff(ctx));
      const routes = staff.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();

      routes.post(
        '/api/v1/cases/:id/hold',
        {
          schema: {
            tags: ['records'],
            summary: '诉讼保全 / put on legal hold',
            params: ZCaseParams,
            body: ZHold,
            response: { 200: ok('held', ZNoteAdded) },
          },
        },
        async (request) => setHold(ctx, request.params.id, request.body.reason, staffOf(request), true),
      );
      routes.post(
        '/api/v1/cases/:id/release',
        {
          schema: {
            tags: ['records'],
            summary: '解除保全 / release the hold',
            params: ZCaseParams,
            body: ZHold,
            response: { 200: ok('released', ZNoteAdded) },
          },
        },
        async (request) => setHold(ctx, request.params.id, request.body.reason, staffOf(request), false),
      );
      routes.post(
        '/api/v1/holds',
        {
          schema: {
            tags: ['records'],
            summary: '按条件批量保全 / hold every matching case',
            body: ZBulkHold,
            response: {
              200: ok(
                'how many were held, and skipped (held already or not visible)',
                z.object({ held: z.number().int(), skipped: z.number().int() }),
              ),
            },
          },
        },
        async (request) => holdMatching(ctx, request.body, staffOf(request)),
      );

      routes.post(
        '/api/v1/cases/:id/data-requests',
        {
          schema: {
            tags: ['records'],
            summary: "代为提出个人信息请求 / a personal-data request on the submitter's behalf",
            params: ZCaseParams,
            body: ZDataRequest,
            response: { 201: ok('asked: the answer is owed by dueAt', ZDataRequested) },
          },
        },
        async (request, reply) => {
          const actor = staffOf(request);
          const { row } = await loadVisibleCase(ctx, request.params.id, actor);
          return reply.status(201).send(await requestData(ctx, row, request.body, actor));
        },
      );
      routes.get(
        '/api/v1/data-requests',
        {
          schema: {
            tags: ['records'],
            summary: '个人信息请求 / personal-data requests to answer',
            querystring: z.object({ status: z.enum(['open', 'fulfilled', 'refused']).optional() }).strict(),
            response: { 200: ok('the requests the caller may answer', ZDataRequestsToAnswer) },
          },
        },
        async (request) => ({ items: await listDataRequests(ctx, staffOf(request), request.query.status) }),
      );
      routes.post(
        '/api/v1/data-requests/:id/answer',
        {
          schema: {
            tags: ['records'],
            summary: '答复个人信息请求 / answer a request',
            params: ZCaseParams,
            body: ZDataAnswer,
            response: { 200: ok('answered', z.object({ id: z.string(), status: z.string() })) },
          },
        },
        async (request) => answerDataRequest(ctx, request.params.id, request.body, staffOf(request)),
      );

      routes.get(
        '/api/v1/cases/:id/archive',
        { schema: { tags: ['records'], summary: '案件归档材料（ZIP）/ the case file', params: ZCaseParams } },
        async (request, reply) => {
          const file = await heavyRead(ctx, 'caseFile', { caseId: request.params.id, actor: staffOf(request) });
          return reply
            .type('application/zip')
            .header('content-disposition', `attachment; filename="${file.trackingNo}.zip"`)
            .send(Buffer.from(file.zip));
        },
      );
      routes.get(
        '/api/v1/archive',
        {
          schema: {
            tags: ['records'],
            summary: '按期间或单位导出归档材料 / case files of a period or unit',
            querystring: z
              .object({
                from: ZDate,
                to: ZDate,
                unit: z
                  .string()
                  .regex(/^[0-9A-Z]{26}$/)
                  .optional(),
              })
              .strict(),
          },
        },
        async (request, reply) => {
          const bundle = await heavyRead(ctx, 'archiveBundle', {
            filter: {
              from: `${request.query.from}T00:00:00.000Z`,
              to: `${request.query.to}T00:00:00.000Z`,
              ...(request.query.unit ? { unit: request.query.unit } : {}),
            },
            actor: staffOf(request),
          });
          return reply
            .type('application/zip')
            .header('x-case-count', String(bundle.count))
            .header(
              'content-disposition',
              `attachment; filename="archive-${request.query.from}-${request.query.to}.zip"`,
            )
            .send(Buffer.from(bundle.zip));
        },
      );
    });
  };
}
