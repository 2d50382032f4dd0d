import { userById } from '../app/auth.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { verify as argonVerify } from '@node-rs/argon2';
import { changeOwnPassword, listOwnSessions, revokeOwnSession } from '../app/account-lifecycle.ts';
import { secondFactorRequired, sessionHash } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment, unusedRecoveryCodes } from '../app/totp.ts';
import { DomainError } from '../domain/errors.ts';
import { requireStaff, SESSION_COOKIE, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { NO_CONTENT, ok } from './contract.ts';

const ZSession = z.object({
  id: z.string().describe('24 hex characters: end it with endSession'),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean().describe('the session of this request'),
});

/** One's own account (issue 28): password, sessions, second factor. Every route acts on the caller only. */
export function accountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const current = (request: { cookies: Record<string, string | undefined> }) => {
      const session = request.cookies[SESSION_COOKIE];
      return session ? sessionHash(ctx, session) : undefined;
    };

    app.post(
      '/api/v1/account/password',
      {
        schema: {
          tags: ['account'],
          summary: '修改自己的密码 / change your own password',
          body: z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).strict(),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(
          ctx,
          staffOf(request).id,
          request.body.oldPassword,
          request.body.newPassword,
          current(request),
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/account/sessions',
      {
        schema: {
          tags: ['account'],
          summary: '我的会话 / my sessions',
          response: { 200: ok('the sessions of the caller', z.object({ items: z.array(ZSession) })) },
        },
      },
      async (request) => ({
        items: await listOwnSessions(ctx, staffOf(request).id, current(request)),
      }),
    );

    app.delete(
      '/api/v1/account/sessions/:id',
      {
        schema: {
          tags: ['account'],
          summary: '结束我的一个会话 / end one of my sessions',
          params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await revokeOwnSession(ctx, staffOf(request).id, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/account/totp',
      {
        schema: {
          tags: ['account'],
          summary: '动态验证码状态 / second factor status',
          response: {
            200: ok(
              'the caller’s second factor',
              z.object({
                enabled: z.boolean(),
                enabledAt: z.string().nullable(),
                required: z.boolean().describe('a role of the caller requires it (PLAINT_2FA_REQUIRED)'),
                recoveryCodesLeft: z.number().int(),
              }),
            ),
          },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        const user = await userById(ctx, actor.id);
        return {
          enabled: !!user?.totp_enabled_at,
          enabledAt: user?.totp_enabled_at ?? null,
          required: secondFactorRequired(ctx, actor),
          recoveryCodesLeft: user?.totp_enabled_at ? await unusedRecoveryCodes(ctx, actor.id) : 0,
        };
      },
    );

    app.post(
      '/api/v1/account/totp/setup',
      {
        schema: {
          tags: ['account'],
          summary: '开始绑定动态验证码 / start second-factor enrolment',
          response: {
            200: ok(
              'the secret to scan; confirm it with a first code',
              z.object({
                secret: z.string().describe('base32'),
                otpauthUrl: z.string(),
                qrSvg: z.string().describe('the otpauth URL as an SVG QR code'),
              }),
            ),
          },
        },
      },
      async (request) => {
        const user = await userById(ctx, staffOf(request).id);
        if (user?.totp_enabled_at) throw new DomainError('CONFLICT', msg('accountRoutes.secondFactorAlreadySetUp'));
        return startTotpEnrolment(ctx, staffOf(request).id);
      },
    );

    app.post(
      '/api/v1/account/totp/confirm',
      {
        schema: {
          tags: ['account'],
          summary: '确认绑定 / confirm enrolment with a first code',
          body: z.object({ code: z.string().regex(/^\d{6}$/, '6 位数字 / 6 digits') }).strict(),
          response: {
            200: ok('enrolled: the recovery codes, shown once', z.object({ recoveryCodes: z.array(z.string()) })),
          },
        },
      },
      async (request) => ({ recoveryCodes: await confirmTotpEnrolment(ctx, staffOf(request).id, request.body.code) }),
    );

    app.post(
      '/api/v1/account/totp/remove',
      {
        schema: {
          tags: ['account'],
          summary: '解除动态验证码 / remove your second factor',
          body: z.object({ password: z.string().min(1).max(200) }).strict(),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        const actor = staffOf(request);
        const user = await userById(ctx, actor.id);
        if (!user || !(await argonVerify(user.password_hash, request.body.password)))
          throw new DomainError('VALIDATION_FAILED', msg('accountRoutes.wrongPassword'), { field: 'password' });
        if (secondFactorRequired(ctx, actor))
          throw new DomainError('FORBIDDEN', msg('accountRoutes.yourRoleRequiresSecondFactor'));
        await removeTotp(ctx, actor.id, `user:${actor.id}`);
        return reply.status(204).send(null);
      },
    );
  };
}
