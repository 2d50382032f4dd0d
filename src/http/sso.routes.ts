import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_TTL_MS } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { finishSignIn, signInProviders, signInUrl } from '../app/directory/sso.ts';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { errors } from './contract.ts';

/** Holds `source.state` between the redirect to the platform and its callback; sent only to these routes. */
const STATE_COOKIE = 'plaint_sso';
const STATE_PATH = '/api/v1/auth/sso';
const STATE_TTL_S = 600;

const params = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .describe('the directory source name (PLAINT_DIRECTORY_SOURCES)'),
});

/** Where the platform sends the browser back: the configured public address, else the one the request came to. */
function callbackUrl(ctx: AppContext, request: FastifyRequest, source: string): string {
  const base = ctx.config.channels.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/$/, '')}${STATE_PATH}/${source}/callback`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Issue 20: web sign-in through 企业微信, 钉钉 and 飞书. `start` sends the browser to the platform with a random
 * state (kept in a short-lived cookie); `callback` checks the state, exchanges the code for the person's id in that
 * directory and starts a session for the user synced from it. Unknown or deactivated people are refused (401).
 */
export function ssoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      STATE_PATH,
      {
        schema: {
          tags: ['auth'],
          operationId: 'listSignInProviders',
          summary: '单点登录方式 / the directories people can sign in through',
          response: {
            200: z.object({
              items: z.array(z.object({ name: z.string(), kind: z.enum(['wecom', 'dingtalk', 'feishu']) })),
            }),
          },
        },
      },
      async () => ({ items: await signInProviders(ctx) }),
    );

    app.get(
      `${STATE_PATH}/:source/start`,
      {
        schema: {
          tags: ['auth'],
          operationId: 'startDirectorySignIn',
          summary: '跳转到企业微信/钉钉/飞书登录 / go to the platform to sign in',
          params,
          response: { 302: z.null().describe('Location: the platform'), ...errors(404) },
        },
      },
      async (request, reply) => {
        const state = Buffer.from(ctx.random(24)).toString('base64url');
        const url = await signInUrl(
          ctx,
          request.params.source,
          callbackUrl(ctx, request, request.params.source),
          state,
        );
        // SameSite=Lax: the platform's redirect back is a top-level GET from another site, which Lax lets through.
        void reply.setCookie(STATE_COOKIE, `${request.params.source}.${state}`, {
          path: STATE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: STATE_TTL_S,
        });
        return reply.redirect(url, 302);
      },
    );

    app.get(
      `${STATE_PATH}/:source/callback`,
      {
        schema: {
          tags: ['auth'],
          operationId: 'finishDirectorySignIn',
          summary: '企业微信/钉钉/飞书登录回调 / the platform sends the browser back here',
          params,
          // 企业微信 and 钉钉 name the code `code`, 钉钉's newer flow `authCode`.
          querystring: z
            .object({
              code: z.string().min(1).max(512).optional().describe('the authorisation code (企业微信, 飞书)'),
              authCode: z.string().min(1).max(512).optional().describe('the authorisation code (钉钉)'),
              state: z.string().min(1).max(200).describe('the state sent with the redirect'),
              appid: z.string().max(200).optional().describe('the app id some platforms send back'),
            })
            .refine((q) => q.code !== undefined || q.authCode !== undefined, 'code expected'),
          response: {
            200: {
              description: 'a page that continues into the app',
              content: { 'text/html': { schema: z.string() } },
            },
            ...errors(400, 401, 404, 503),
          },
        },
      },
      async (request, reply) => {
        const { source } = request.params;
        const expected = request.cookies[STATE_COOKIE] ?? '';
        void reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
        if (!sameText(expected, `${source}.${request.query.state}`))
          throw new DomainError('VALIDATION_FAILED', msg('sso.stateMismatch'));
        const code = (request.query.code ?? request.query.authCode) as string;
        const { sessionId } = await finishSignIn(
          ctx,
          source,
          code,
          callbackUrl(ctx, request, source),
          request.headers['user-agent'],
        );
        void reply.setCookie(SESSION_COOKIE, sessionId, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: SESSION_TTL_MS / 1000,
        });
        // A page, not a redirect: a Strict session cookie is not sent on a redirect chain that began on the
        // platform's site; the page's own navigation to the app is same-site, so the new session is used.
        return reply
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">' +
              '<title>正在登录 / Signing in</title></head><body><a href="/">继续 / Continue</a></body></html>',
          );
      },
    );
  };
}
