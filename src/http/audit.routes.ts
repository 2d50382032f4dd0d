import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { auditPage, verifyAudit } from '../app/audit.ts';
import { canAudit } from '../domain/policy.ts';
import { DomainError } from '../domain/errors.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { ok } from './contract.ts';

const ZQuery = z
  .object({
    entity: z.string().max(40).optional(),
    actor: z.string().max(60).optional(),
    action: z.string().max(60).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    // `seq` is a 32-bit integer on PostgreSQL: a larger cursor was a 500 there (found by the fuzz test).
    before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** AUD-1: the audit record, for roles with the `audit` permission (and admins). */
const ZAuditRecord = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().describe('user:<id>, submitter, system:<job> …'),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  payload: z.unknown().describe('what was done, by action (no personal data in clear)'),
  chain: z.string().describe('the hash chain the record belongs to (issue 22)'),
  chainSeq: z.number().int().describe('its number within that chain: 1, 2, 3 … without gaps'),
  hash: z.string().describe('SHA-256 over the previous hash of its chain and this record'),
});

const ZVerdict = z.union([
  z.object({
    ok: z.literal(true),
    records: z.number().int(),
    chains: z.number().int().describe('chains verified, the anchor chain included'),
    head: z.string().describe("SHA-256 over every chain's head: one value to note down outside the database"),
  }),
  z.object({
    ok: z.literal(false),
    records: z.number().int(),
    chain: z.string().describe('the chain where verification fails'),
    seq: z.number().int().describe("the record's number within its chain"),
    problem: z.string(),
  }),
]);

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', async (request) => {
      if (!canAudit(staffOf(request), ctx.procedures.latestAll()))
        throw new DomainError('FORBIDDEN', msg('auditRoutes.auditRoleOnly'));
    });

    app.get(
      '/api/v1/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '审计记录 / the audit record',
          querystring: ZQuery,
          response: {
            200: ok(
              'newest first',
              z.object({
                items: z.array(ZAuditRecord),
                nextBefore: z.number().int().nullable().describe('pass as `before` for the next page'),
              }),
            ),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await auditPage(ctx, {
          entityId: q.entity,
          actor: q.actor,
          action: q.action,
          beforeSeq: q.before,
          limit: q.limit,
          from: q.from ? new Date(q.from).toISOString() : undefined,
          to: q.to ? new Date(q.to).toISOString() : undefined,
        });
        return {
          items: rows.map((r) => ({
            seq: Number(r.seq),
            at: r.at,
            actor: r.actor,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            payload: JSON.parse(r.payload),
            chain: r.chain,
            chainSeq: Number(r.chain_seq),
            hash: r.hash,
          })),
          nextBefore: rows.length === q.limit ? Number(rows[rows.length - 1].seq) : null,
        };
      },
    );

    app.get(
      '/api/v1/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: '校验审计链 / verify the chain end to end',
          response: { 200: ok('the chain holds, or the first record where it breaks', ZVerdict) },
        },
      },
      async () => verifyAudit(ctx),
    );
  };
}
