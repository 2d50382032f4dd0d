import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { csrfToken, secondFactorRequired, SESSION_TTL_MS, sessionUser, tokenUser, userActor } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { msg } from '../domain/messages.ts';

export const SESSION_COOKIE = 'plaint_session';
/** Set at sign-in, sent only to /api/v1/auth: marks a browser the owner signed in from (issue 28). */
export const DEVICE_COOKIE = 'plaint_device';

/**
 * Hands the browser its session, after a password or a directory sign-in alike: HttpOnly, Strict (no other
 * site's page can send it), Secure behind HTTPS, for the session's lifetime.
 */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, sessionId: string): void {
  void reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/**
 * The staff actor behind a request: an `Authorization: Bearer` API token or the session cookie.
 * Without either, UNAUTHENTICATED (401).
 */
export async function staffActor(ctx: AppContext, request: FastifyRequest): Promise<Actor & { kind: 'user' }> {
  const writing = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await tokenUser(ctx, match[1]) : undefined;
    if (!user) throw new DomainError('UNAUTHENTICATED', msg('authenticate.invalidOrRevokedToken'));
    if (writing && !(JSON.parse(user.token_scopes) as string[]).includes('write')) {
      throw new DomainError('FORBIDDEN', msg('authenticate.tokenReadOnly'), { scope: 'write' });
    }
    return userActor(ctx, user);
  }
  const session = request.cookies[SESSION_COOKIE];
  const user = session ? await sessionUser(ctx, session) : undefined;
  if (!user) throw new DomainError('UNAUTHENTICATED', msg('authenticate.pleaseSignIn'));
  // A cookie is sent by the browser on its own; a write must also prove it came from our page.
  if (writing && request.headers['x-csrf-token'] !== csrfToken(ctx, session!)) {
    throw new DomainError('FORBIDDEN', msg('authenticate.missingOrWrongXCsrf'), { reason: 'csrf' });
  }
  const actor = await userActor(ctx, user);
  // Issue 28: a session that must first set its own password, or enrol the second factor its role
  // requires, reaches only the routes that do that (and who-am-I, sign-out).
  const route = request.routeOptions.url ?? '';
  if (!SETUP_ROUTES.has(route) && !route.startsWith('/api/v1/account/totp')) {
    if (user.must_change_password === 1)
      throw new DomainError('FORBIDDEN', msg('authenticate.changeYourPasswordFirst'), { reason: 'password-change' });
    if (!user.totp_enabled_at && secondFactorRequired(ctx, actor))
      throw new DomainError('FORBIDDEN', msg('authenticate.setUpYourSecondFactor'), {
        reason: 'second-factor-setup',
      });
  }
  return actor;
}

/** What a session that still has to change its password or enrol a second factor may call. */
const SETUP_ROUTES = new Set(['/api/v1/me', '/api/v1/auth/logout', '/api/v1/account/password']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireStaff` on staff routes. */
    staff?: Actor & { kind: 'user' };
  }
}

/** An onRequest hook: authentication comes before validation, so a stranger learns nothing from 400s. */
export function requireStaff(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    request.staff = await staffActor(ctx, request);
  };
}

/** The staff actor set by `requireStaff`. */
export function staffOf(request: FastifyRequest): Actor & { kind: 'user' } {
  if (!request.staff) throw new Error('requireStaff hook missing on this route');
  return request.staff;
}

/** A preHandler for admin-only routes (after `requireStaff`). */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!staffOf(request).isAdmin) throw new DomainError('FORBIDDEN', msg('common.adminsOnly'));
}
