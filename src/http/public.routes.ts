import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { publicCaseView } from '../app/case-views.ts';
import { perform } from '../app/perform.ts';
import { openWithReceipt } from '../app/public-access.ts';
import { clientKey } from '../app/throttle.ts';
import { messageFromSubmitter, ZMessage } from '../app/contact.ts';
import { flagRetaliation, ZRetaliation } from '../app/recusal.ts';
import { appeal, ZAppeal } from '../app/appeal.ts';
import { submitCase } from '../app/submit.ts';
import { orgUnits } from '../app/org.ts';
import { ZPublicSubmission } from '../domain/submission.ts';
import { DomainError } from '../domain/errors.ts';
import { ZActionParam, ZIdempotencyKey, ZPublicActionBody } from './schemas.ts';
import { latestProcedure } from '../app/procedure-admin.ts';
import { checkPortalUnit } from '../app/reach.ts';
import { msg } from '../domain/messages.ts';
import { ok } from './contract.ts';
import { ZNoteAdded, ZOpened, ZSubmitted } from './views.ts';
import { ZPublicCase } from './case.views.ts';
import { ZOption, ZProcedure, ZScalarField, ZState } from '../domain/procedure.schema.ts';
import { ZLabel } from '../domain/labels.ts';

const ZTrackingParams = z.object({ trackingNo: z.string().min(1).max(40) });
const ZReceiptHeaders = z.object({ 'x-receipt': z.string().max(100).optional() });

const intake = ZProcedure.shape.intake.shape;

/** A procedure open for submission: what the portal's form needs. */
const ZPublicProcedure = z.object({
  id: z.string(),
  version: z.number().int(),
  name: ZLabel,
  description: ZLabel.nullable(),
  kinds: intake.kinds,
  categories: z.array(ZOption),
  severities: z.array(ZOption),
  requireTruthAffirmation: z.boolean(),
  require: intake.require,
  requireByKind: intake.requireByKind,
  fields: z.array(ZScalarField),
  unit: intake.unit.unwrap().nullable().describe('whether the submitter chooses the unit (listPublicOrgUnits)'),
  channels: intake.channels,
  states: z.array(ZState.pick({ id: true, label: true })),
});

/**
 * The procedures open for submission as GET /api/v1/public/procedures answers them; also written
 * into the web app's page (web.routes.ts, #27) so the portal's home shows them without a round trip.
 */
export function publicProcedures(ctx: AppContext) {
  return {
    items: ctx.procedures
      .latestAll()
      .filter((p) => p.intake.public)
      .map((p) => ({
        id: p.id,
        version: p.version,
        name: p.name,
        description: p.description ?? null,
        kinds: p.intake.kinds,
        categories: p.categories,
        severities: p.severities,
        requireTruthAffirmation: p.intake.requireTruthAffirmation,
        require: p.intake.require,
        requireByKind: p.intake.requireByKind,
        fields: p.intake.fields,
        // Issue 16: whether the submitter chooses the unit (a cascader over /public/org-units).
        unit: p.intake.unit ?? null,
        // For the web app's staff intake and inbox filters (issue 6): channels and state names.
        channels: p.intake.channels,
        states: p.states.map((s) => ({ id: s.id, label: s.label })),
      })),
  };
}

/** What a citizen, customer or employee uses without an account (INT-2, INT-4). */
export function publicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/public/procedures',
      {
        schema: {
          tags: ['public'],
          summary: '可提交的流程 / procedures open for submission',
          response: { 200: ok('the procedures', z.object({ items: z.array(ZPublicProcedure) })) },
        },
      },
      async () => publicProcedures(ctx),
    );

    // S8: the submitter chooses the bureau (org unit) the matter goes to; names are public anyway.
    app.get(
      '/api/v1/public/org-units',
      {
        schema: {
          tags: ['public'],
          summary: '可选择的受理单位 / units a matter can be addressed to',
          response: {
            200: ok(
              'every unit',
              z.object({
                items: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string(),
                    parentId: z.string().nullable(),
                    level: z.number().int(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async () => ({
        items: (await orgUnits(ctx)).map((u) => ({
          id: u.id,
          name: u.name,
          parentId: u.parent_id,
          level: Number(u.level),
        })),
      }),
    );

    app.post(
      '/api/v1/public/cases',
      {
        schema: {
          tags: ['public'],
          summary: '提交投诉、建议或举报 / submit a case',
          response: { 201: ok('submitted: keep the receipt, it is shown once', ZSubmitted) },
          body: ZPublicSubmission,
          headers: z.object({ 'idempotency-key': ZIdempotencyKey }),
        },
      },
      async (request, reply) => {
        const target = await latestProcedure(ctx, request.body.procedure);
        checkPortalUnit(target, request.body.orgUnit);
        if (target?.intake.public === false) {
          throw new DomainError('UNKNOWN_PROCEDURE', msg('publicRoutes.procedureDoesNotTakeSubmissions'), {
            procedure: request.body.procedure,
          });
        }
        const result = await submitCase(
          ctx,
          { ...request.body, channel: 'web' },
          { kind: 'system', name: 'portal' },
          request.headers['idempotency-key'],
        );
        const { id: _internalId, version: _version, deadlines: _all, owed, ...shown } = result;
        // Issue 18: the submitter sees the limits owed to them, not the internal ones.
        return reply.status(201).send({ ...shown, deadlines: owed });
      },
    );

    app.get(
      '/api/v1/public/cases/:trackingNo',
      {
        schema: {
          tags: ['public'],
          summary: '查询办理进度 / status and public timeline',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          response: { 200: ok('the case as its submitter sees it', ZPublicCase) },
        },
      },
      async (request) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        return publicCaseView(ctx, row);
      },
    );

    app.post(
      '/api/v1/public/cases/:trackingNo/messages',
      {
        schema: {
          tags: ['public'],
          summary: '给处理人员留言或补充材料 / write to the handler or add material',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          body: ZMessage,
          response: { 201: ok('added to the case', ZNoteAdded) },
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        const result = await messageFromSubmitter(ctx, row.id, request.body);
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/v1/public/cases/:trackingNo/retaliation',
      {
        schema: {
          tags: ['public'],
          summary: '反映遭受打击报复 / flag retaliation (CON-3)',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          body: ZRetaliation,
          response: { 201: ok('a new case, linked to this one; keep its receipt', ZOpened) },
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        const opened = await flagRetaliation(ctx, row, request.body);
        const { id: _id, ...shown } = opened;
        return reply.status(201).send(shown);
      },
    );

    app.post(
      '/api/v1/public/cases/:trackingNo/appeal',
      {
        schema: {
          tags: ['public'],
          summary: '申诉 / appeal with reasons (APL-1)',
          params: ZTrackingParams,
          headers: ZReceiptHeaders,
          body: ZAppeal,
          response: { 201: ok('the appeal, a new case; keep its receipt', ZOpened) },
        },
      },
      async (request, reply) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        const { id: _id, ...shown } = await appeal(ctx, row, request.body.reasons);
        return reply.status(201).send(shown);
      },
    );

    app.post(
      '/api/v1/public/cases/:trackingNo/actions/:action',
      {
        schema: {
          tags: ['public'],
          summary: '提交人操作（评价、撤回等）/ the submitter acts',
          params: ZTrackingParams.extend({ action: ZActionParam }),
          headers: ZReceiptHeaders,
          body: ZPublicActionBody,
          response: {
            200: ok(
              'done: the case now',
              z.object({ trackingNo: z.string(), status: z.string(), version: z.number().int() }),
            ),
          },
        },
      },
      async (request) => {
        const row = await openWithReceipt(
          ctx,
          request.params.trackingNo,
          request.headers['x-receipt'],
          clientKey(ctx, request.ip),
        );
        const result = await perform(
          ctx,
          row.id,
          request.params.action,
          request.body.input,
          { kind: 'submitter', caseId: row.id },
          request.body.expectedVersion,
        );
        return { trackingNo: result.trackingNo, status: result.status, version: result.version };
      },
    );
  };
}
