import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import {
  answerSurvey,
  createSurvey,
  listSurveys,
  publicSurvey,
  surveyResults,
  ZSurveyAnswer,
  ZSurveyCreate,
} from '../app/surveys.ts';
import { clientKey } from '../app/throttle.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZPublicSurvey, ZSurvey, ZSurveyResults } from './followup.views.ts';

const ZId = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters') });

/** EVA-3: anonymous employee surveys — HR defines them, employees answer with one-time codes. */
export function surveyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/public/surveys/:id',
      {
        schema: {
          tags: ['public'],
          summary: '匿名问卷 / an anonymous survey',
          params: ZId,
          response: { 200: ok('the questions, and whether it is open', ZPublicSurvey) },
        },
      },
      async (request) => publicSurvey(ctx, request.params.id),
    );
    app.post(
      '/api/v1/public/surveys/:id/responses',
      {
        schema: {
          tags: ['public'],
          summary: '匿名作答（一次性答卷码）/ answer anonymously with a one-time code',
          params: ZId,
          body: ZSurveyAnswer,
          response: { 201: ok('recorded, without who answered', z.object({ accepted: z.literal(true) })) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await answerSurvey(ctx, request.params.id, request.body, clientKey(ctx, request.ip))),
    );

    await app.register(async (staff) => {
      staff.addHook('onRequest', requireStaff(ctx));
      const routes = staff.withTypeProvider<ZodTypeProvider>();
      routes.get(
        '/api/v1/surveys',
        {
          schema: {
            tags: ['surveys'],
            summary: '员工满意度问卷 / surveys of your units',
            response: { 200: ok('the surveys', z.object({ items: z.array(ZSurvey) })) },
          },
        },
        async (request) => ({ items: await listSurveys(ctx, staffOf(request)) }),
      );
      routes.post(
        '/api/v1/surveys',
        {
          schema: {
            tags: ['surveys'],
            summary: '发起匿名问卷（返回一次性答卷码）/ create a survey and its one-time codes',
            body: ZSurveyCreate,
            response: {
              201: ok(
                'created, with its one-time codes (shown once: hand them out)',
                ZSurvey.extend({ codes: z.array(z.string()) }),
              ),
            },
          },
        },
        async (request, reply) => reply.status(201).send(await createSurvey(ctx, request.body, staffOf(request))),
      );
      routes.get(
        '/api/v1/surveys/:id/results',
        {
          schema: {
            tags: ['surveys'],
            summary: '问卷结果 / results',
            params: ZId,
            response: { 200: ok('the results (withheld below the minimum)', ZSurveyResults) },
          },
        },
        async (request) => surveyResults(ctx, request.params.id, staffOf(request)),
      );
    });
  };
}
