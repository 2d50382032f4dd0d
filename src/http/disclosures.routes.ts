import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import {
  DISCLOSURE_STATUSES,
  editDisclosure,
  listPublicDisclosures,
  notifyRespondent,
  proposeDisclosure,
  publishDisclosure,
  staffDisclosure,
  staffDisclosures,
  unpublishDisclosure,
  ZDisclosureEdit,
  ZDisclosureNotify,
  ZDisclosureStep,
  ZDisclosureUnpublish,
  ZPublicDisclosureQuery,
} from '../app/disclosure.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZDisclosureDetail, ZDisclosureView, ZPublishedPage } from './disclosure.views.ts';

const ZId = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters') });

/** DIS-1, MS-15: the public list of published complaints and the staff steps that lead to it. */
export function disclosureRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/public/disclosures',
      {
        schema: {
          tags: ['public'],
          summary: '投诉信息公示 / published complaints (search by business and category)',
          querystring: ZPublicDisclosureQuery,
          response: { 200: ok('a page of published complaints', ZPublishedPage) },
        },
      },
      async (request) => listPublicDisclosures(ctx, request.query),
    );

    await app.register(async (staff) => {
      staff.addHook('onRequest', requireStaff(ctx));
      const routes = staff.withTypeProvider<ZodTypeProvider>();
      routes.post(
        '/api/v1/cases/:id/disclosure',
        {
          schema: {
            tags: ['disclosure'],
            summary: '提出公示（自动去除个人信息）/ propose publishing a handled case',
            params: ZId,
            response: { 201: ok('proposed, redacted: review it before it is published', ZDisclosureView) },
          },
        },
        async (request, reply) =>
          reply.status(201).send(await proposeDisclosure(ctx, request.params.id, staffOf(request))),
      );
      routes.get(
        '/api/v1/disclosures',
        {
          schema: {
            tags: ['disclosure'],
            summary: '公示审核列表 / disclosures of the cases you see',
            querystring: z
              .object({
                status: z.enum(DISCLOSURE_STATUSES).optional(),
                case: z
                  .string()
                  .regex(/^[0-9A-Z]{26}$/)
                  .optional(),
              })
              .strict(),
            response: { 200: ok('the disclosures', z.object({ items: z.array(ZDisclosureView) })) },
          },
        },
        async (request) => ({
          items: await staffDisclosures(ctx, staffOf(request), {
            ...(request.query.status ? { status: request.query.status } : {}),
            ...(request.query.case ? { caseId: request.query.case } : {}),
          }),
        }),
      );
      routes.get(
        '/api/v1/disclosures/:id',
        {
          schema: {
            tags: ['disclosure'],
            summary: '公示详情 / one disclosure',
            params: ZId,
            response: { 200: ok('the disclosure', ZDisclosureDetail) },
          },
        },
        async (request) => staffDisclosure(ctx, request.params.id, staffOf(request)),
      );
      routes.post(
        '/api/v1/disclosures/:id/notify',
        {
          schema: {
            tags: ['disclosure'],
            summary: '告知被投诉经营者 / tell the business first',
            params: ZId,
            body: ZDisclosureNotify.extend({ expectedVersion: z.number().int().positive() }).strict(),
            response: { 200: ok('told: publishable after the waiting period', ZDisclosureView) },
          },
        },
        async (request) => notifyRespondent(ctx, request.params.id, request.body, staffOf(request)),
      );
      routes.patch(
        '/api/v1/disclosures/:id',
        {
          schema: {
            tags: ['disclosure'],
            summary: '审核修改公示内容 / review and edit the redacted text',
            params: ZId,
            body: ZDisclosureEdit,
            response: { 200: ok('edited', ZDisclosureView) },
          },
        },
        async (request) => editDisclosure(ctx, request.params.id, request.body, staffOf(request)),
      );
      routes.post(
        '/api/v1/disclosures/:id/publish',
        {
          schema: {
            tags: ['disclosure'],
            summary: '发布公示 / publish',
            params: ZId,
            body: ZDisclosureStep,
            response: { 200: ok('published', ZDisclosureView) },
          },
        },
        async (request) => publishDisclosure(ctx, request.params.id, request.body.expectedVersion, staffOf(request)),
      );
      routes.post(
        '/api/v1/disclosures/:id/unpublish',
        {
          schema: {
            tags: ['disclosure'],
            summary: '撤下公示 / take down, with a reason',
            params: ZId,
            body: ZDisclosureUnpublish,
            response: { 200: ok('taken down', ZDisclosureView) },
          },
        },
        async (request) => unpublishDisclosure(ctx, request.params.id, request.body, staffOf(request)),
      );
    });
  };
}
