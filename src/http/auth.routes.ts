import { userById } from '../app/auth.ts';
import { z } from 'zod';
import { statsScope } from '../domain/policy.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csrfToken, login, logout, revokeToken, secondFactorRequired, userActor } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { clientKey } from '../app/throttle.ts';
import { DEVICE_COOKIE, SESSION_COOKIE, setSessionCookie, staffActor } from './authenticate.ts';
import { NO_CONTENT, ok } from './contract.ts';
import { providerSignOut } from './sso.routes.ts';
import { ZMe, ZSignedIn } from './views.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录 / sign in',
          response: { 200: ok('signed in: the session cookie is set', ZSignedIn) },
          body: z
            .object({
              username: z.string().min(1).max(100),
              password: z.string().min(1).max(200),
              // Issue 28: the authenticator code or a recovery code, for accounts with a second factor.
              code: z.string().min(1).max(40).optional(),
            })
            .strict(),
        },
      },
      async (request, reply) => {
        const { sessionId, user, expiresAt, device } = await login(
          ctx,
          request.body.username,
          request.body.password,
          clientKey(ctx, request.ip),
          {
            code: request.body.code,
            device: request.cookies[DEVICE_COOKIE],
            userAgent: request.headers['user-agent'],
          },
        );
        const actor = await userActor(ctx, user);
        setSessionCookie(reply, request, sessionId);
        // The "known device" cookie: this browser is not held back by the account-wide delay (throttle.ts).
        void reply.setCookie(DEVICE_COOKIE, device, {
          path: '/api/v1/auth',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: 365 * 24 * 3600,
        });
        return {
          user: { id: user.id, username: user.username, displayName: user.display_name },
          expiresAt,
          mustChangePassword: user.must_change_password === 1,
          secondFactorSetupRequired: !user.totp_enabled_at && secondFactorRequired(ctx, actor),
          csrfToken: csrfToken(ctx, sessionId),
        };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: '退出 / sign out',
          description:
            'Ends the session. After an OpenID Connect sign-in whose provider offers end-session, answers 200 with the ' +
            'provider’s address to send the browser to (RP-initiated logout); otherwise 204.',
          response: {
            200: ok(
              'signed out here; now sign out at the identity provider',
              z.object({
                endSessionUrl: z.string().describe('the provider’s end_session_endpoint, with id_token_hint'),
              }),
            ),
            204: NO_CONTENT,
          },
        },
      },
      async (request, reply) => {
        const actor = await staffActor(ctx, request);
        const session = request.cookies[SESSION_COOKIE];
        if (session) await logout(ctx, session, actor);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        const endSessionUrl = await providerSignOut(ctx, request, reply);
        if (endSessionUrl) return reply.status(200).send({ endSessionUrl });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/me',
      { schema: { tags: ['auth'], summary: '当前用户 / who am I', response: { 200: ok('the caller', ZMe) } } },
      async (request) => {
        const actor = await staffActor(ctx, request);
        const session = request.cookies[SESSION_COOKIE];
        const row = await userById(ctx, actor.id);
        return {
          id: actor.id,
          username: actor.username,
          displayName: actor.displayName,
          grants: actor.grants,
          isAdmin: actor.isAdmin,
          // STA-1: whether statistics and monthly reports are open to them (the menu shows them only then).
          canSeeStats: statsScope(actor, ctx.procedures.latestAll()) !== null,
          // #18: whether the inbox offers bulk 催办 (a role with `supervise` in some procedure, SLA-6).
          canSupervise: actor.grants.some((g) =>
            ctx.procedures
              .latestAll()
              .some((p) => p.roles.some((r) => r.id === g.role && r.permissions.includes('supervise'))),
          ),
          // Issue 28: what the account still has to do before it can work.
          mustChangePassword: row?.must_change_password === 1,
          secondFactor: {
            enabled: !!row?.totp_enabled_at,
            required: secondFactorRequired(ctx, actor),
          },
          ...(session && !request.headers.authorization ? { csrfToken: csrfToken(ctx, session) } : {}),
        };
      },
    );

    app.delete(
      '/api/v1/auth/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: '撤销 API 令牌 / revoke an API token',
          params: z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/) }),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await revokeToken(ctx, request.params.id, await staffActor(ctx, request));
        return reply.status(204).send(null);
      },
    );
  };
}
