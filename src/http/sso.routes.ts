import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_TTL_MS } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { auditRefusal, finishOidcSignIn, oidcEndSessionUrl } from '../app/directory/oidc.ts';
import { finishSignIn, signInProviders, signInSource, signInUrl } from '../app/directory/sso.ts';
import { DomainError } from '../domain/errors.ts';
import { msg, render } from '../domain/messages.ts';
import { setSessionCookie } from './authenticate.ts';
import { errors } from './contract.ts';
import { STATUS } from './errors.ts';

/** Holds `source.state` between the redirect to the platform and its callback; sent only to these routes. */
const STATE_COOKIE = 'plaint_sso';
const STATE_PATH = '/api/v1/auth/sso';
const STATE_TTL_S = 600;
/**
 * After an OpenID Connect sign-in: the provider's name and the ID token, for RP-initiated logout at sign-out
 * (the token is the provider's `id_token_hint`). HttpOnly, sent only to the sign-out route.
 */
const OIDC_COOKIE = 'plaint_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/logout';

/** The address the request came to (or PLAINT_PUBLIC_URL). */
function baseUrl(ctx: AppContext, request: FastifyRequest): string {
  return (ctx.config.channels.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
}

const params = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .describe('the directory source name (PLAINT_DIRECTORY_SOURCES)'),
});

/** Where the platform sends the browser back: the configured public address, else the one the request came to. */
function callbackUrl(ctx: AppContext, request: FastifyRequest, source: string): string {
  return `${baseUrl(ctx, request)}${STATE_PATH}/${source}/callback`;
}

/**
 * Sign-out's part for a session that began at an OpenID provider: the provider's end-session address to send the
 * browser to (coming back to the login page), or undefined. The cookie that held the ID token is cleared.
 */
export async function providerSignOut(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  const held = request.cookies[OIDC_COOKIE];
  if (!held) return undefined;
  void reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
  const dot = held.indexOf('.');
  const source = await signInSource(ctx, held.slice(0, dot)).catch(() => undefined);
  if (source?.kind !== 'oidc') return undefined;
  return oidcEndSessionUrl(ctx, source, held.slice(dot + 1), `${baseUrl(ctx, request)}/staff/login`);
}

/** Error answers of the callback: the error shape, or for a browser a page saying what happened in zh-CN (and English). */
function errorsOrPage(...statuses: number[]) {
  const json = errors(...statuses);
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        ...json[s],
        content: { ...json[s]?.content, 'text/html': { schema: z.string().describe('a page for a browser') } },
      },
    ]),
  );
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function refusalPage(err: DomainError): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    '<title>登录未成功 / Sign-in failed</title></head><body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em">' +
    `<h1>登录未成功</h1><p data-testid="sso-error">${escapeHtml(render(err.said, 'zh-CN'))}</p>` +
    `<p lang="en">Sign-in failed: ${escapeHtml(render(err.said, 'en'))}</p>` +
    '<p><a href="/staff/login">返回登录页 / Back to sign-in</a></p></body></html>'
  );
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
              items: z.array(
                z.object({
                  name: z.string(),
                  kind: z.enum(['wecom', 'dingtalk', 'feishu', 'oidc']),
                  label: z.string().optional().describe('an OpenID provider’s button text'),
                }),
              ),
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
          summary:
            '跳转到企业微信/钉钉/飞书或 OpenID 身份提供方登录 / go to the platform or identity provider to sign in',
          params,
          response: { 302: z.null().describe('Location: the platform'), ...errors(404, 503) },
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
          // 企业微信 and 钉钉 name the code `code`, 钉钉's newer flow `authCode`; an OpenID provider may send an error.
          querystring: z
            .object({
              code: z.string().min(1).max(2048).optional().describe('the authorisation code (企业微信, 飞书, OpenID)'),
              authCode: z.string().min(1).max(512).optional().describe('the authorisation code (钉钉)'),
              state: z.string().min(1).max(200).describe('the state sent with the redirect'),
              appid: z.string().max(200).optional().describe('the app id some platforms send back'),
              iss: z.string().max(500).optional().describe('the issuer (OpenID, RFC 9207)'),
              session_state: z.string().max(500).optional().describe('OpenID session management'),
              error: z.string().max(200).optional().describe('an OpenID provider’s error'),
              error_description: z.string().max(1000).optional().describe('the provider’s words about its error'),
            })
            .refine((q) => q.code !== undefined || q.authCode !== undefined || q.error !== undefined, 'code expected'),
          response: {
            200: {
              description: 'a page that continues into the app',
              content: { 'text/html': { schema: z.string() } },
            },
            ...errorsOrPage(400, 401, 404, 503),
          },
        },
      },
      async (request, reply) => {
        try {
          return await callback(request, reply);
        } catch (err) {
          // A browser that came back from the provider gets a page; an API client the error shape.
          if (!(err instanceof DomainError) || !request.headers.accept?.includes('text/html')) throw err;
          return (reply as FastifyReply)
            .status(STATUS[err.code])
            .type('text/html; charset=utf-8')
            .send(refusalPage(err));
        }
      },
    );

    async function callback(request: FastifyRequest, reply: FastifyReply) {
      const { source } = request.params as { source: string };
      const query = request.query as Record<string, string | undefined>;
      const expected = request.cookies[STATE_COOKIE] ?? '';
      void reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
      const provider = await signInSource(ctx, source);
      if (!sameText(expected, `${source}.${query.state}`)) {
        await auditRefusal(ctx, source, 'state mismatch');
        throw new DomainError('VALIDATION_FAILED', msg('sso.stateMismatch'));
      }
      let sessionId: string;
      if (provider.kind === 'oidc') {
        // The address the provider sent the browser back to, with what it sent (openid-client checks each part).
        const current = new URL(callbackUrl(ctx, request, source));
        for (const key of ['code', 'state', 'iss', 'session_state', 'error', 'error_description'])
          if (query[key] !== undefined) current.searchParams.set(key, query[key] as string);
        const done = await finishOidcSignIn(
          ctx,
          provider,
          current,
          query.state as string,
          request.headers['user-agent'],
        );
        sessionId = done.sessionId;
        void reply.setCookie(OIDC_COOKIE, `${source}.${done.idToken}`, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: SESSION_TTL_MS / 1000,
        });
      } else {
        const code = query.code ?? query.authCode;
        if (code === undefined) {
          await auditRefusal(ctx, source, `no code: ${query.error ?? ''}`);
          throw new DomainError(
            'INVALID_CREDENTIALS',
            msg('platform.signInRefused', { platform: source, code: query.error ?? '' }),
          );
        }
        ({ sessionId } = await finishSignIn(
          ctx,
          source,
          code,
          callbackUrl(ctx, request, source),
          request.headers['user-agent'],
        ));
      }
      setSessionCookie(reply, request, sessionId);
      // A page, not a redirect: a Strict session cookie is not sent on a redirect chain that began on the
      // platform's site; the page's own navigation to the app is same-site, so the new session is used.
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/staff">' +
            '<title>正在登录 / Signing in</title></head><body><a href="/staff">继续 / Continue</a></body></html>',
        );
    }
  };
}
