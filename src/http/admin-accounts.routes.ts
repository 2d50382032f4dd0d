import { userById } from '../app/auth.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { disableUser, enableUser, resetPassword } from '../app/account-lifecycle.ts';
import type { AppContext } from '../app/context.ts';
import { clearLoginThrottles, listLoginThrottles } from '../app/throttle.ts';
import { removeTotp } from '../app/totp.ts';
import { DomainError } from '../domain/errors.ts';
import { requireAdmin, requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { NO_CONTENT, ok } from './contract.ts';
import { ZAccountState, ZThrottle } from './admin.views.ts';

const ZId = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');
const params = z.object({ id: ZId });

/** Administrators over staff accounts (issue 28): disable, enable, reset, second factor, sign-in throttles. */
export function adminAccountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', requireAdmin);

    app.post(
      '/api/v1/admin/users/:id/disable',
      {
        schema: {
          tags: ['admin'],
          summary: '停用账号 / disable an account',
          params,
          body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
          response: { 200: ok('disabled: its sessions and tokens end at once', ZAccountState) },
        },
      },
      async (request) => disableUser(ctx, staffOf(request), request.params.id, request.body.reason),
    );

    app.post(
      '/api/v1/admin/users/:id/enable',
      {
        schema: {
          tags: ['admin'],
          summary: '重新启用账号 / re-enable an account',
          params,
          response: { 200: ok('enabled', ZAccountState) },
        },
      },
      async (request) => enableUser(ctx, staffOf(request), request.params.id),
    );

    app.post(
      '/api/v1/admin/users/:id/reset-password',
      {
        schema: {
          tags: ['admin'],
          summary: '重置密码（一次性）/ reset to a one-time password',
          params,
          response: {
            200: ok(
              'the one-time password, shown once; it must be changed at the next sign-in',
              z.object({ password: z.string() }),
            ),
          },
        },
      },
      async (request) => ({ password: await resetPassword(ctx, staffOf(request), request.params.id) }),
    );

    app.post(
      '/api/v1/admin/users/:id/reset-second-factor',
      {
        schema: {
          tags: ['admin'],
          summary: '解除用户的动态验证码 / remove a user’s second factor',
          params,
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        if (!(await userById(ctx, request.params.id))) throw new DomainError('NOT_FOUND', msg('common.noSuchUser'));
        await removeTotp(ctx, request.params.id, `user:${staffOf(request).id}`);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/admin/throttles',
      {
        schema: {
          tags: ['admin'],
          summary: '登录限制 / sign-in throttles',
          response: { 200: ok('the throttles in force', z.object({ items: z.array(ZThrottle) })) },
        },
      },
      async () => ({
        items: await listLoginThrottles(ctx),
      }),
    );

    app.post(
      '/api/v1/admin/throttles/clear',
      {
        schema: {
          tags: ['admin'],
          summary: '清除登录限制 / clear sign-in throttles',
          body: z
            .object({ key: z.string().min(1).max(400).optional(), username: z.string().min(1).max(100).optional() })
            .strict(),
          response: { 200: ok('how many were cleared', z.object({ cleared: z.number().int() })) },
        },
      },
      async (request) => {
        const cleared = await clearLoginThrottles(ctx, request.body, `user:${staffOf(request).id}`);
        return { cleared };
      },
    );
  };
}
