import { bulkAct, bulkAssignees, ZBulkBody, ZBulkResult } from '../app/bulk.ts';
import { caseOpened } from '../app/case-seen.ts';
import { linkCases, ZLinkInput } from '../app/links.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { inboxSort, staffCaseView } from '../app/case-views.ts';
import { lightRead } from '../app/read-tasks.ts';
import { perform } from '../app/perform.ts';
import { submitCase } from '../app/submit.ts';
import { suggestionsFor } from '../app/triage.ts';
import { revealIdentity, sameSubmitterCases, ZUnmask } from '../app/identity.ts';
import { messageToSubmitter } from '../app/contact.ts';
import { decideRecusalMatch, linkRespondent, recusalMatches, ZRecusalMatch, ZRespondentLink } from '../app/recusal.ts';
import { eligibleUsersFor } from '../app/reach.ts';
import { CASE_KINDS, CHANNELS } from '../domain/procedure.schema.ts';
import { ZStaffSubmission } from '../domain/submission.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { ZActionBody, ZActionParam, ZIdempotencyKey } from './schemas.ts';
import { ok } from './contract.ts';
import { ZNoteAdded, ZRegistered } from './views.ts';
import { ZCasePage, ZPerformed, ZRevealed, ZStaffCase } from './case.views.ts';
import { ZLabel } from '../domain/labels.ts';

const ZCaseParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters') });

const ZListQuery = z
  .object({
    procedure: z.string().max(100).optional(),
    status: z.string().max(500).optional().describe('comma-separated states'),
    kind: z.enum(CASE_KINDS).optional(),
    category: z.string().max(100).optional(),
    severity: z.string().max(100).optional(),
    channel: z.enum(CHANNELS).optional(),
    assignee: z.string().max(40).optional().describe('"me", "none" or a user id'),
    unit: z.literal('mine').optional().describe('"mine": cases of the units where you hold a role (and below)'),
    due: z
      .enum(['soon', 'overdue'])
      .optional()
      .describe('cases with a running clock warned but not yet due (soon) or past due (overdue)'),
    orgUnit: z
      .string()
      .regex(/^[0-9A-Z]{26}$/)
      .optional()
      .describe('cases of this org unit and the units below it'),
    from: z.iso.date().optional().describe('received on or after this local day'),
    to: z.iso.date().optional().describe('received on or before this local day'),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    sort: z
      .enum(['due', 'received', 'severity'])
      .optional()
      .describe('due: nearest deadline first; received: newest first (default); severity: most severe first'),
    cursor: z
      .string()
      .regex(/^([0-9A-Za-z:.-]{1,40}\|)?[0-9A-Z]{26}$/)
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .strict();

const ZPerson = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});

const ZRecusal = z.object({
  userId: z.string().nullable(),
  displayName: z.string().nullable(),
  unitPath: z.string().nullable(),
  unitName: z.string().nullable(),
  reason: z.string(),
  suggested: z.boolean().describe('matched automatically at intake, not yet confirmed'),
});

/** The units where the caller holds a role; a grant over the whole organisation has no unit. */
function myUnitPaths(actor: ReturnType<typeof staffOf>): string[] {
  return actor.kind === 'user' ? [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))] : [];
}

/** The staff side of cases: intake on someone's behalf, the inbox, the case, its actions. */
export function caseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.post(
      '/api/v1/cases',
      {
        schema: {
          tags: ['cases'],
          summary: '代为登记（电话、来访、信件、第三方）/ staff intake',
          response: { 201: ok('registered: give the submitter the receipt, it is shown once', ZRegistered) },
          body: ZStaffSubmission,
          headers: z.object({ 'idempotency-key': ZIdempotencyKey }),
        },
      },
      async (request, reply) => {
        const actor = staffOf(request);
        const result = await submitCase(ctx, request.body, actor, request.headers['idempotency-key']);
        // Issue 21: the desk sees at once what triage suggests; a suggestion is help, never a failure.
        const suggestions = await suggestionsFor(ctx, result.id, actor).catch(() => undefined);
        return reply.status(201).send(suggestions ? { ...result, suggestions } : result);
      },
    );

    app.get(
      '/api/v1/cases',
      {
        schema: {
          tags: ['cases'],
          summary: '案件列表 / the inbox',
          querystring: ZListQuery,
          response: { 200: ok('a page of cases the caller may see', ZCasePage) },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        const q = request.query;
        const assigneeId = q.assignee === 'me' ? actor.id : q.assignee === 'none' ? null : q.assignee;
        return lightRead(ctx, 'caseList', {
          actor,
          query: {
            procedureId: q.procedure,
            status: q.status?.split(',').filter(Boolean),
            kind: q.kind,
            category: q.category,
            severity: q.severity,
            channel: q.channel,
            assigneeId,
            text: q.q,
            ...inboxSort(q.sort, q.cursor),
            limit: q.limit,
            unitPaths: q.unit === 'mine' ? myUnitPaths(actor) : undefined,
            orgUnitId: q.orgUnit,
            receivedFrom: q.from,
            receivedTo: q.to,
            due: q.due ? { kind: q.due, now: ctx.now().toISOString() } : undefined,
          },
        });
      },
    );

    // #18: bulk actions of the inbox; each case on its own (a refused one fails alone), audited per case.
    app.post(
      '/api/v1/cases/bulk',
      {
        schema: {
          tags: ['cases'],
          operationId: 'bulkCaseAction',
          summary: '批量操作（指定责任人、催办、按重复投诉办结）/ one step on many cases',
          body: ZBulkBody,
          response: { 200: ZBulkResult },
        },
      },
      async (request) => bulkAct(ctx, staffOf(request), request.body),
    );
    app.get(
      '/api/v1/cases/bulk/assignees',
      {
        schema: {
          tags: ['cases'],
          operationId: 'bulkAssignees',
          summary: '可指定为所有所选案件责任人的人员 / who may be responsible for all these cases',
          querystring: z
            .object({
              ids: z
                .string()
                .regex(/^[0-9A-Z]{26}(,[0-9A-Z]{26}){0,99}$/)
                .describe('comma-separated case ids'),
            })
            .strict(),
          response: {
            200: z.object({
              users: z.array(
                z.object({
                  id: z.string(),
                  username: z.string(),
                  displayName: z.string(),
                  unitName: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => bulkAssignees(ctx, staffOf(request), request.query.ids.split(',')),
    );

    app.get(
      '/api/v1/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: '案件详情 / a case',
          params: ZCaseParams,
          response: { 200: ok('the case, the submitter masked', ZStaffCase) },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        return staffCaseView(ctx, request.params.id, actor);
      },
    );

    // #18: the case page says it was opened at this version (the inbox's "new from the submitter" marker).
    app.post(
      '/api/v1/cases/:id/seen',
      {
        schema: {
          tags: ['cases'],
          operationId: 'markCaseSeen',
          summary: '标记已查看 / the caller has seen the case at this version',
          params: ZCaseParams,
          body: z.object({ version: z.number().int().positive() }).strict(),
          response: { 200: z.object({ seenVersion: z.number() }) },
        },
      },
      async (request) => caseOpened(ctx, request.params.id, staffOf(request), request.body.version),
    );

    app.post(
      '/api/v1/cases/:id/identity',
      {
        schema: {
          tags: ['cases'],
          summary: '查看投诉人身份（记入审计）/ reveal the submitter (audited)',
          params: ZCaseParams,
          body: ZUnmask,
          response: { 200: ok('the submitter (audited)', ZRevealed) },
        },
      },
      async (request) => revealIdentity(ctx, request.params.id, staffOf(request), request.body.reason),
    );

    app.get(
      '/api/v1/cases/:id/same-submitter',
      {
        schema: {
          tags: ['cases'],
          summary: '同一投诉人的其他案件 / other cases of the same submitter',
          params: ZCaseParams,
          response: {
            200: ok(
              'the other cases the caller may see',
              z.object({
                items: z.array(
                  z.object({
                    id: z.string(),
                    trackingNo: z.string(),
                    subject: z.string(),
                    status: z.string(),
                    statusLabel: ZLabel.nullable(),
                    receivedAt: z.string(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => ({ items: await sameSubmitterCases(ctx, request.params.id, staffOf(request)) }),
    );

    app.post(
      '/api/v1/cases/:id/messages',
      {
        schema: {
          tags: ['cases'],
          summary: '给投诉人留言（投诉人可见）/ write to the submitter',
          params: ZCaseParams,
          body: z.object({ text: z.string().trim().min(1).max(5000) }).strict(),
          response: { 201: ok('added: the submitter is told', ZNoteAdded) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await messageToSubmitter(ctx, request.params.id, staffOf(request), request.body.text)),
    );

    app.post(
      '/api/v1/cases/:id/respondents/:index/link',
      {
        schema: {
          tags: ['cases'],
          summary: '关联被投诉人（回避）/ link a respondent to a user or unit (recusal)',
          params: ZCaseParams.extend({ index: z.coerce.number().int().min(0).max(19) }),
          body: ZRespondentLink,
          response: { 200: ok('linked', ZNoteAdded) },
        },
      },
      async (request) => linkRespondent(ctx, request.params.id, request.params.index, request.body, staffOf(request)),
    );

    // Issue 16: who may be named in a `user` input of an action (the workbench picker).
    app.get(
      '/api/v1/cases/:id/eligible-users',
      {
        schema: {
          tags: ['cases'],
          summary: '可指定的人员 / people who may be named in an action input',
          params: ZCaseParams,
          querystring: z
            .object({
              action: z.string().regex(/^[a-z][a-z0-9-]*$/),
              field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
              unit: z
                .string()
                .regex(/^[0-9A-Z]{26}$/)
                .optional()
                .describe('the unit the action moves the case to, when it does (a dispatch)'),
            })
            .strict(),
          response: { 200: ok('who may be named', z.object({ users: z.array(ZPerson) })) },
        },
      },
      async (request) => eligibleUsersFor(ctx, request.params.id, staffOf(request), request.query),
    );

    // Issue 16, RTE-3: recusals suggested by matching respondents against the staff directory at intake.
    app.get(
      '/api/v1/cases/:id/recusal-matches',
      {
        schema: {
          tags: ['cases'],
          summary: '回避（含自动匹配）/ recusals of a case',
          params: ZCaseParams,
          response: { 200: ok('the recusals', z.object({ items: z.array(ZRecusal) })) },
        },
      },
      async (request) => recusalMatches(ctx, request.params.id, staffOf(request)),
    );
    app.post(
      '/api/v1/cases/:id/recusal-matches',
      {
        schema: {
          tags: ['cases'],
          summary: '确认或撤销自动匹配的回避 / confirm or clear a suggested recusal',
          params: ZCaseParams,
          body: ZRecusalMatch,
          response: { 200: ok('decided', ZNoteAdded) },
        },
      },
      async (request) => decideRecusalMatch(ctx, request.params.id, request.body, staffOf(request)),
    );

    app.post(
      '/api/v1/cases/:id/links',
      {
        schema: {
          tags: ['cases'],
          summary: '关联案件（重复、重复投诉、相关）/ link to an earlier case',
          params: ZCaseParams,
          body: ZLinkInput,
          response: { 200: ok('linked', ZNoteAdded) },
        },
      },
      async (request) => linkCases(ctx, request.params.id, request.body, staffOf(request)),
    );

    app.post(
      '/api/v1/cases/:id/actions/:action',
      {
        schema: {
          tags: ['cases'],
          summary: '办理操作 / take an action',
          params: ZCaseParams.extend({ action: ZActionParam }),
          body: ZActionBody,
          response: { 200: ok('done: the case at its new version', ZPerformed) },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        return perform(
          ctx,
          request.params.id,
          request.params.action,
          request.body.input,
          actor,
          request.body.expectedVersion,
        );
      },
    );
  };
}
