import { insertStaffNotices } from '../store/staff-notifications.repository.ts';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  countAdmins,
  deleteSession,
  findSessionUser,
  findTokenUser,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertSession,
  insertUser,
  listApiTokens,
  listUsers,
  markTokenUsed,
  touchSession,
  type UserRow,
} from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { isUniqueViolation } from './db-errors.ts';
import { allGrants, findOrgUnit, insertGrant } from '../store/org.repository.ts';
import { actorOfUser } from './reach.ts';
import { grantProblem } from '../domain/policy.ts';
import { sameHash, secretHash } from './secrets.ts';
import { assertLoginAllowed, LOGIN_LIMITS, loginKeys, recordLoginFailure } from './throttle.ts';
import { verifySecondFactor } from './totp.ts';
import { directoryPassword } from './directory/passwords.ts';
import { msg, render } from '../domain/messages.ts';

export const SESSION_TTL_MS = 12 * 3600_000;
const SESSION_PURPOSE = 'session';
const TOKEN_PURPOSE = 'api-token';

export const ZUsername = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,39}$/,
    '用户名为 2–40 位小写字母、数字、点、下划线或连字符 / 2–40 lower-case letters, digits, . _ -',
  );
export const ZPassword = z.string().min(10, '密码至少 10 位 / at least 10 characters').max(200);

/** A staff actor from a user row, with the roles they hold and where. */
export function userActor(ctx: AppContext, row: UserRow): Promise<Actor & { kind: 'user' }> {
  return actorOfUser(ctx.store.db, row);
}

function randomSecret(ctx: AppContext, bytes: number): string {
  return Buffer.from(ctx.random(bytes)).toString('base64url');
}

/** A new user and the roles they hold: in an org unit (`role@unitId`) or in the whole organisation. */
export type NewUser = {
  username: string;
  displayName?: string;
  password: string;
  roles: (string | { role: string; unitId: string | null })[];
  isAdmin: boolean;
  /** Issue 16: the staff number respondents are matched by at intake. */
  staffNo?: string;
};

/** Creates a user (CLI `plaint user add`, first start's admin); audited. */
export async function addUser(ctx: AppContext, user: NewUser, by: string): Promise<UserRow> {
  ZUsername.parse(user.username);
  ZPassword.parse(user.password);
  const now = ctx.now().toISOString();
  const row: UserRow = {
    id: timeOrderedId(ctx.now(), ctx.random(10)),
    username: user.username,
    display_name: user.displayName ?? user.username,
    password_hash: await argonHash(user.password),
    is_admin: user.isAdmin ? 1 : 0,
    disabled: 0,
    created_at: now,
    staff_no: user.staffNo ?? null,
    disabled_at: null,
    must_change_password: 0,
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
  };
  try {
    await ctx.store.transact(async (trx) => {
      await insertUser(trx, row);
      const grants = user.roles.map((r) => (typeof r === 'string' ? { role: r, unitId: null } : r));
      for (const g of grants) {
        const unit = g.unitId ? await findOrgUnit(trx, g.unitId) : undefined;
        if (g.unitId && !unit)
          throw new DomainError('VALIDATION_FAILED', msg('auth.unknownOrgUnit', { unitId: g.unitId }));
        const problem = grantProblem(g.role, unit?.path ?? null, ctx.procedures.latestAll());
        if (problem)
          throw new DomainError('VALIDATION_FAILED', problem, {
            issues: [{ path: 'grants', message: render(problem, 'both') }],
          });
        await insertGrant(trx, {
          id: timeOrderedId(ctx.now(), ctx.random(10)),
          user_id: row.id,
          role: g.role,
          org_unit_id: g.unitId,
          granted_by: by,
          granted_at: now,
        });
      }
      await appendAudit(trx, {
        at: now,
        actor: by,
        action: 'user.add',
        entityType: 'user',
        entityId: row.id,
        payload: { username: row.username, grants, isAdmin: user.isAdmin },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'username'))
      throw new DomainError('CONFLICT', msg('auth.usernameTaken', { username: user.username }));
    throw err;
  }
  return row;
}

export function countAdministrators(ctx: AppContext): Promise<number> {
  return countAdmins(ctx.store.db);
}

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

/**
 * The CSRF token of a session: derived from the session secret, so it needs no storage and
 * means nothing without the cookie. Cookie-authenticated writes must echo it in X-CSRF-Token.
 */
export function csrfToken(ctx: AppContext, sessionId: string): string {
  return secretHash(ctx.secrets, 'csrf', sessionId).slice(0, 32);
}

/** What a sign-in may bring beyond username and password (issue 28). */
export type LoginExtras = {
  /** A TOTP code or a recovery code, for accounts with a second factor. */
  code?: string;
  /** The "known device" cookie this browser got at an earlier sign-in. */
  device?: string;
  userAgent?: string;
};

const DEVICE_PURPOSE = 'known-device';

/** A browser the owner signed in from: lets it past the account-wide delay (not the per-address ones). */
export function deviceToken(ctx: AppContext, userId: string): string {
  const nonce = randomSecret(ctx, 12);
  return `${nonce}.${secretHash(ctx.secrets, DEVICE_PURPOSE, `${userId}\0${nonce}`).slice(0, 32)}`;
}

function isKnownDevice(ctx: AppContext, userId: string, token: string | undefined): boolean {
  const [nonce, mac] = (token ?? '').split('.');
  if (!nonce || !mac) return false;
  return sameHash(secretHash(ctx.secrets, DEVICE_PURPOSE, `${userId}\0${nonce}`).slice(0, 32), mac);
}

/** Whether this account must have a second factor (PLAINT_2FA_REQUIRED): all staff, administrators, or by role. */
export function secondFactorRequired(ctx: AppContext, actor: Actor & { kind: 'user' }): boolean {
  const rule = ctx.config.accounts.secondFactor;
  return rule.all || (rule.admins && actor.isAdmin) || actor.grants.some((g) => rule.roles.includes(g.role));
}

/** Tells the owner in the app that their account is being guessed at (at the notice threshold and the ceiling). */
async function tellOwnerOfFailures(ctx: AppContext, user: UserRow, failures: number): Promise<void> {
  if (failures !== LOGIN_LIMITS.noticeAt && failures !== LOGIN_LIMITS.perAccount.free) return;
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await insertStaffNotices(trx, [
      {
        id: timeOrderedId(ctx.now(), ctx.random(10)),
        userId: user.id,
        caseId: null,
        event: 'auth.failures',
        title: JSON.stringify({ 'zh-CN': '您的账号多次登录失败', en: 'Repeated failed sign-ins to your account' }),
        body: JSON.stringify({
          'zh-CN': `15 分钟内有 ${failures} 次使用您的用户名登录失败。如果不是您本人，请告知管理员；您仍可正常登录。`,
          en: `${failures} failed sign-ins with your username within 15 minutes. If this was not you, tell an administrator; you can still sign in.`,
        }),
        at,
      },
    ]);
    await appendAudit(trx, {
      at,
      actor: 'system',
      action: 'auth.failures.notice',
      entityType: 'user',
      entityId: user.id,
      payload: { failures },
    });
  });
}

/**
 * Checks a password (and the second factor, if the account has one) and opens a session; returns
 * the session secret for the cookie. Failures cost the guesser growing delays (throttle.ts), never
 * lock the owner out; the owner is told when they pile up.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  client: string,
  extras: LoginExtras = {},
): Promise<{ sessionId: string; user: UserRow; expiresAt: string; device: string }> {
  const keys = loginKeys(username, client);
  const user = await findUserByUsername(ctx.store.db, username);
  await assertLoginAllowed(ctx, keys, !!user && isKnownDevice(ctx, user.id, extras.device));
  dummyHash ??= argonHash('not a real password');
  // Issue 20: a person whose account comes from an LDAP directory signs in with the directory's password.
  const byDirectory = user ? await directoryPassword(ctx, user.id, user.username, password) : undefined;
  // Issue 20: with local passwords off, only the break-glass accounts use one; the rest sign in through a directory.
  const directory = ctx.config.directory;
  if (
    byDirectory === undefined &&
    directory.localPasswords === 'break-glass' &&
    !directory.breakGlassUsers.includes(username)
  )
    throw new DomainError('INVALID_CREDENTIALS', msg('auth.localPasswordsOff'));
  const ok = byDirectory ?? (await argonVerify(user?.password_hash ?? (await dummyHash), password));
  if (!user || !ok || user.disabled === 1 || user.disabled_at !== null) {
    const failures = await recordLoginFailure(ctx, keys);
    if (user) await tellOwnerOfFailures(ctx, user, failures);
    throw new DomainError('INVALID_CREDENTIALS', msg('auth.wrongUsernameOrPassword'));
  }
  if (user.totp_secret) {
    if (!extras.code)
      throw new DomainError('UNAUTHENTICATED', msg('auth.enterCodeFromYourAuthenticator'), {
        secondFactor: 'required',
      });
    if (!(await verifySecondFactor(ctx, user, extras.code))) {
      const failures = await recordLoginFailure(ctx, keys);
      await tellOwnerOfFailures(ctx, user, failures);
      throw new DomainError('INVALID_CREDENTIALS', msg('auth.wrongAuthenticatorCode'), {
        secondFactor: 'wrong',
      });
    }
  }
  const { sessionId, expiresAt } = await openSession(
    ctx,
    user.id,
    extras.userAgent,
    { secondFactor: !!user.totp_secret },
    // The owner got in from here: this address starts again for this account.
    (trx) => trx.deleteFrom('throttle').where('key', '=', keys.userClient).execute(),
  );
  return { sessionId, user, expiresAt, device: deviceToken(ctx, user.id) };
}

/** A new session for a user who has proved who they are (a password, or a directory's sign-in); audited. */
export async function openSession(
  ctx: AppContext,
  userId: string,
  userAgent: string | undefined,
  audit: Record<string, unknown>,
  also?: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<{ sessionId: string; expiresAt: string }> {
  const sessionId = randomSecret(ctx, 32);
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await ctx.store.transact(async (trx) => {
    await insertSession(trx, {
      id_hash: secretHash(ctx.secrets, SESSION_PURPOSE, sessionId),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      user_agent: userAgent?.slice(0, 200) ?? null,
    });
    await also?.(trx);
    await appendAudit(trx, {
      at: now.toISOString(),
      actor: `user:${userId}`,
      action: 'auth.login',
      entityType: 'user',
      entityId: userId,
      payload: audit,
    });
  });
  return { sessionId, expiresAt };
}

export async function logout(ctx: AppContext, sessionId: string, actor: Actor): Promise<void> {
  await ctx.store.transact(async (trx) => {
    await deleteSession(trx, secretHash(ctx.secrets, SESSION_PURPOSE, sessionId));
    if (actor.kind === 'user') {
      await appendAudit(trx, {
        at: ctx.now().toISOString(),
        actor: `user:${actor.id}`,
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.id,
        payload: {},
      });
    }
  });
}

/** The stored hash of a session secret (the cookie). */
export function sessionHash(ctx: AppContext, sessionId: string): string {
  return secretHash(ctx.secrets, SESSION_PURPOSE, sessionId);
}

/** How often a session's "last seen" is written: at most once per this interval. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The user of a live session: not past its absolute lifetime, not idle longer than
 * PLAINT_SESSION_IDLE_MINUTES, and its user not disabled. Marks the session seen.
 */
export async function sessionUser(ctx: AppContext, sessionId: string): Promise<UserRow | undefined> {
  const idHash = secretHash(ctx.secrets, SESSION_PURPOSE, sessionId);
  const now = ctx.now();
  const found = await findSessionUser(
    ctx.store.db,
    idHash,
    now.toISOString(),
    new Date(now.getTime() - ctx.config.accounts.idleMs).toISOString(),
  );
  if (found && now.getTime() - Date.parse(found.session_last_seen_at) >= SESSION_TOUCH_MS)
    await touchSession(ctx.store.db, idHash, now.toISOString());
  return found;
}

/** How stale a token's "last used" may be: it is written at most once per this interval, not on every request. */
export const TOKEN_USE_GRANULARITY_MS = 60_000;

export async function tokenUser(ctx: AppContext, token: string) {
  const user = await findTokenUser(ctx.store.db, secretHash(ctx.secrets, TOKEN_PURPOSE, token));
  const now = ctx.now();
  if (
    user &&
    (!user.token_last_used_at ||
      Math.abs(now.getTime() - Date.parse(user.token_last_used_at)) >= TOKEN_USE_GRANULARITY_MS)
  ) {
    await markTokenUsed(ctx.store.db, user.token_id, now.toISOString());
  }
  return user;
}

/** Every API token for the admin page: who, label, scopes, when created and last used, whether revoked. Never the secret. */
export async function listTokens(ctx: AppContext) {
  return (await listApiTokens(ctx.store.db)).map((t) => ({
    id: t.id,
    userId: t.user_id,
    username: t.username,
    label: t.name,
    scopes: JSON.parse(t.scopes) as TokenScope[],
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

/** Every user with the roles they hold and where; never a password hash. */
export async function listUsersWithGrants(ctx: AppContext) {
  const grants = new Map<
    string,
    { id: string; role: string; orgUnitId: string | null; orgUnitName: string | null }[]
  >();
  for (const g of await allGrants(ctx.store.db)) {
    grants.set(g.user_id, [
      ...(grants.get(g.user_id) ?? []),
      { id: g.id, role: g.role, orgUnitId: g.org_unit_id, orgUnitName: g.unit_name },
    ]);
  }
  return (await listUsers(ctx.store.db)).map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    isAdmin: u.is_admin === 1,
    disabled: u.disabled === 1 || u.disabled_at !== null,
    disabledAt: u.disabled_at,
    mustChangePassword: u.must_change_password === 1,
    secondFactor: u.totp_enabled_at !== null,
    createdAt: u.created_at,
    grants: grants.get(u.id) ?? [],
  }));
}

/** Revokes a token: its owner or an admin may; audited. */
export async function revokeToken(ctx: AppContext, tokenId: string, actor: Actor & { kind: 'user' }): Promise<void> {
  const row = await ctx.store.db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  if (!row || (row.user_id !== actor.id && !actor.isAdmin)) throw new DomainError('NOT_FOUND', msg('auth.noSuchToken'));
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .execute();
    await appendAudit(trx, {
      at,
      actor: `user:${actor.id}`,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
      payload: { userId: row.user_id },
    });
  });
}

/** Creates an API token for a user (`plaint token create --user NAME`); the token is shown once. */
export type TokenScope = 'read' | 'write';

export async function createToken(
  ctx: AppContext,
  username: string,
  name: string,
  by: string,
  scopes: TokenScope[] = ['read', 'write'],
): Promise<{ token: string; id: string }> {
  const user = await findUserByUsername(ctx.store.db, username);
  if (!user) throw new DomainError('NOT_FOUND', msg('common.noSuchUser2', { username }));
  const token = `plt_${randomSecret(ctx, 32)}`;
  const now = ctx.now().toISOString();
  const id = timeOrderedId(ctx.now(), ctx.random(10));
  await ctx.store.transact(async (trx) => {
    await insertApiToken(trx, {
      id,
      user_id: user.id,
      name,
      token_hash: secretHash(ctx.secrets, TOKEN_PURPOSE, token),
      created_at: now,
      revoked_at: null,
      last_used_at: null,
      scopes: JSON.stringify(scopes),
    });
    await appendAudit(trx, {
      at: now,
      actor: by,
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      payload: { userId: user.id, name, scopes },
    });
  });
  return { token, id };
}

/** A user row by id, for routes (they do not read repositories themselves). */
export function userById(ctx: AppContext, id: string): Promise<UserRow | undefined> {
  return findUserById(ctx.store.db, id);
}
