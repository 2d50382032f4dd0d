import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { lightRead } from '../app/read-tasks.ts';
import { recordSuggestionDecision, suggestionAcceptance, suggestionsFor } from '../app/triage.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ZSuggestions } from './views.ts';

const ZCaseParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters') });
const ZField = z.enum(['category', 'severity', 'unit']);
const ZSimilar = z.object({
  id: z.string(),
  trackingNo: z.string(),
  subject: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  open: z.boolean(),
  score: z.number().describe('text similarity plus the same-party bonus, at most 1'),
  text: z.number().describe('Jaccard index of the two texts’ words and character bigrams'),
  sameSubmitter: z.boolean(),
  sameRespondent: z.boolean(),
});

/** Issue 21: triage suggestions and possible duplicates for staff who may see the case, and the acceptance rate. */
export function triageRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.get(
      '/api/v1/cases/:id/suggestions',
      {
        schema: {
          tags: ['cases'],
          operationId: 'getCaseSuggestions',
          summary: '分类、严重程度、承办单位建议 / suggested category, severity and unit',
          params: ZCaseParams,
          response: { 200: ZSuggestions },
        },
      },
      async (request) => suggestionsFor(ctx, request.params.id, staffOf(request)),
    );
    app.post(
      '/api/v1/cases/:id/suggestions/:field',
      {
        schema: {
          tags: ['cases'],
          operationId: 'decideSuggestion',
          summary: '采纳或改选建议 / record taking or setting aside a suggestion',
          description:
            'Records what staff chose for the field against what is suggested now (accepted when equal), for the acceptance rate; audited. The change itself is made by the procedure’s action.',
          params: ZCaseParams.extend({ field: ZField }),
          body: z.object({ chosen: z.string().min(1).max(100) }).strict(),
          response: {
            200: z.object({
              field: ZField,
              suggested: z.string().nullable(),
              chosen: z.string(),
              accepted: z.boolean(),
            }),
          },
        },
      },
      async (request) =>
        recordSuggestionDecision(ctx, request.params.id, request.params.field, request.body.chosen, staffOf(request)),
    );
    app.get(
      '/api/v1/cases/:id/similar',
      {
        schema: {
          tags: ['cases'],
          operationId: 'listSimilarCases',
          summary: '可能重复的投诉 / possible duplicates',
          params: ZCaseParams,
          response: {
            200: z.object({
              closeAsDuplicate: z
                .object({ action: z.string(), groundField: z.string(), textField: z.string() })
                .nullable()
                .describe('the action that closes this case as a duplicate (ground: duplicate), when allowed now'),
              similar: z.array(ZSimilar).describe('best first, at most 10'),
            }),
          },
        },
      },
      // A read of a few hundred candidates' index rows and ranking: 25-90 ms of CPU at 1M cases (#21),
      // taken by an idle read worker on SQLite rather than the request thread (#25).
      async (request) => lightRead(ctx, 'similar', { caseId: request.params.id, actor: staffOf(request) }),
    );
    app.get(
      '/api/v1/stats/suggestions',
      {
        schema: {
          tags: ['stats'],
          operationId: 'getSuggestionAcceptance',
          summary: '建议采纳率 / acceptance rate of suggestions',
          querystring: z.object({ since: z.iso.date().optional().describe('default: 90 days ago') }).strict(),
          response: {
            200: z.object({
              rates: z.array(
                z.object({
                  procedureId: z.string(),
                  field: ZField,
                  accepted: z.number().int(),
                  overridden: z.number().int(),
                  rate: z.number().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        rates: await suggestionAcceptance(
          ctx,
          staffOf(request),
          request.query.since ?? new Date(ctx.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10),
        ),
      }),
    );
  };
}
