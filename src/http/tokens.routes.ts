import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createToken, listTokens, revokeToken, ZUsername } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { requireAdmin, requireStaff, staffOf } from './authenticate.ts';
import { NO_CONTENT, ok } from './contract.ts';

const ZId = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');

/** API tokens for integrations (DESIGN "API tokens"): list, create for a user (the secret shown once), revoke. Admins only; audited. */
const ZToken = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  label: z.string(),
  scopes: z.array(z.enum(['read', 'write'])),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function tokenRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', requireAdmin);

    app.get(
      '/api/v1/admin/tokens',
      {
        schema: {
          tags: ['admin'],
          summary: 'API 令牌 / API tokens',
          response: {
            200: ok('every token, revoked ones too (never the secret)', z.object({ items: z.array(ZToken) })),
          },
        },
      },
      async () => ({ items: await listTokens(ctx) }),
    );

    app.post(
      '/api/v1/admin/tokens',
      {
        schema: {
          tags: ['admin'],
          summary: '创建 API 令牌（仅显示一次）/ create an API token (shown once)',
          body: z
            .object({
              username: ZUsername,
              label: z.string().trim().min(1).max(100),
              /** `read`: GET only; `write`: GET and changes. */
              scope: z.enum(['read', 'write']),
            })
            .strict(),
          response: {
            201: ok(
              'the token: its secret is shown this once',
              ZToken.extend({ token: z.string().describe('send it as Authorization: Bearer …') }),
            ),
          },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const scopes = b.scope === 'write' ? (['read', 'write'] as const) : (['read'] as const);
        const { id, token } = await createToken(ctx, b.username, b.label, `user:${staffOf(request).id}`, [...scopes]);
        const shown = (await listTokens(ctx)).find((t) => t.id === id)!;
        return reply.status(201).send({ ...shown, token });
      },
    );

    app.delete(
      '/api/v1/admin/tokens/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '撤销 API 令牌 / revoke an API token',
          params: z.object({ id: ZId }),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await revokeToken(ctx, request.params.id, staffOf(request));
        return reply.status(204).send(null);
      },
    );
  };
}
