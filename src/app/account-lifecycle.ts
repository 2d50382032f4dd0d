import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/cases.repository.ts';
import type { Database } from '../store/schema.ts';
import type { Transaction } from 'kysely';
import { findUserById } from '../store/users.repository.ts';
import { ZPassword } from './auth.ts';
import type { AppContext } from './context.ts';
import { secretHash } from './secrets.ts';
import { msg } from '../domain/messages.ts';

/**
 * The staff account lifecycle (issue 28): disable and re-enable, change one's own password, an
 * administrator's reset, one's own sessions. Disabling is `users.disabled_at` (ISO time, null while
 * active; the older `disabled` flag is kept in step): a disabled user's sessions and API tokens stop
 * answering at once, because every lookup of either joins the user and checks it.
 */

/** Who does it: a signed-in staff member, or a system actor such as `system:cli`. */
export type LifecycleActor = (Actor & { kind: 'user' }) | string;

function actorRef(actor: LifecycleActor): string {
  return typeof actor === 'string' ? actor : `user:${actor.id}`;
}

function assertAdmin(actor: LifecycleActor): void {
  if (typeof actor !== 'string' && !actor.isAdmin) throw new DomainError('FORBIDDEN', msg('common.adminsOnly'));
}

async function userOrNotFound(ctx: AppContext, userId: string) {
  const user = await findUserById(ctx.store.db, userId);
  if (!user) throw new DomainError('NOT_FOUND', msg('common.noSuchUser'));
  return user;
}

/** Ends every session of a user (but `keep`) and revokes their API tokens. */
async function endCredentials(db: Db, userId: string, at: string, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id_hash', '!=', keep);
  await q.execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Disables an account: no sign-in, and its sessions and tokens answer 401 at once. Audited. */
export async function disableUser(ctx: AppContext, actor: LifecycleActor, userId: string, reason: string) {
  assertAdmin(actor);
  if (typeof actor !== 'string' && actor.id === userId)
    throw new DomainError('CONFLICT', msg('accountLifecycle.youCannotDisableYourOwn'));
  const user = await userOrNotFound(ctx, userId);
  const at = ctx.now().toISOString();
  await ctx.store.transact((trx) => disableUserIn(trx, at, actorRef(actor), userId, user.username, reason));
  return { id: userId, disabledAt: at };
}

/** Re-enables an account; it signs in again with its password (and second factor). Audited. */
export async function enableUser(ctx: AppContext, actor: LifecycleActor, userId: string) {
  assertAdmin(actor);
  const user = await userOrNotFound(ctx, userId);
  const at = ctx.now().toISOString();
  await ctx.store.transact((trx) => enableUserIn(trx, at, actorRef(actor), userId, user.username));
  return { id: userId, disabledAt: null };
}

/**
 * Disabling inside a caller's transaction (a directory sync deactivates many people at once, issue
 * 20): the flag and the time, the sessions ended, one audit record. API tokens stop answering by
 * the join on the user, so re-enabling restores them.
 */
export async function disableUserIn(
  db: Transaction<Database>,
  at: string,
  actor: string,
  userId: string,
  username: string,
  reason: string,
): Promise<void> {
  await db.updateTable('users').set({ disabled: 1, disabled_at: at }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await appendAudit(db, {
    at,
    actor,
    action: 'user.disable',
    entityType: 'user',
    entityId: userId,
    payload: { username, reason },
  });
}

/** Re-enabling inside a caller's transaction. */
export async function enableUserIn(
  db: Transaction<Database>,
  at: string,
  actor: string,
  userId: string,
  username: string,
) {
  await db.updateTable('users').set({ disabled: 0, disabled_at: null }).where('id', '=', userId).execute();
  await appendAudit(db, {
    at,
    actor,
    action: 'user.enable',
    entityType: 'user',
    entityId: userId,
    payload: { username },
  });
}

/**
 * Changes one's own password: the old one is required; every other session and every API token
 * of the user is ended. `currentSessionHash` is the session that stays (none for the CLI).
 */
export async function changeOwnPassword(
  ctx: AppContext,
  userId: string,
  oldPassword: string,
  newPassword: string,
  currentSessionHash?: string,
): Promise<void> {
  const user = await userOrNotFound(ctx, userId);
  if (!(await argonVerify(user.password_hash, oldPassword)))
    throw new DomainError('VALIDATION_FAILED', msg('accountLifecycle.currentPasswordWrong'), {
      field: 'oldPassword',
    });
  ZPassword.parse(newPassword);
  if (newPassword === oldPassword)
    throw new DomainError('VALIDATION_FAILED', msg('accountLifecycle.chooseNewPassword'), {
      field: 'newPassword',
    });
  const hash = await argonHash(newPassword);
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0 })
      .where('id', '=', userId)
      .execute();
    await endCredentials(trx, userId, at, currentSessionHash);
    await appendAudit(trx, {
      at,
      actor: `user:${userId}`,
      action: 'user.password.change',
      entityType: 'user',
      entityId: userId,
      payload: {},
    });
  });
}

/**
 * An administrator's reset: a one-time password, shown once, that must be changed at the next
 * sign-in; every session and API token of the user ends. Audited (never the password).
 */
export async function resetPassword(ctx: AppContext, actor: LifecycleActor, userId: string): Promise<string> {
  assertAdmin(actor);
  const user = await userOrNotFound(ctx, userId);
  const password = Buffer.from(ctx.random(12)).toString('base64url');
  const hash = await argonHash(password);
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 1 })
      .where('id', '=', userId)
      .execute();
    await endCredentials(trx, userId, at);
    await appendAudit(trx, {
      at,
      actor: actorRef(actor),
      action: 'user.password.reset',
      entityType: 'user',
      entityId: userId,
      payload: { username: user.username },
    });
  });
  return password;
}

/** A session's public id: derived from its stored hash, so it names the session but opens nothing. */
export function sessionPublicId(ctx: AppContext, idHash: string): string {
  return secretHash(ctx.secrets, 'session-public-id', idHash).slice(0, 24);
}

/** One's own live sessions, newest first; `current` marks the one asking. */
export async function listOwnSessions(ctx: AppContext, userId: string, currentSessionHash?: string) {
  const now = ctx.now();
  const idleCutoff = new Date(now.getTime() - ctx.config.accounts.idleMs).toISOString();
  const rows = await ctx.store.db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows
    .filter((r) => (r.last_seen_at ?? r.created_at) > idleCutoff)
    .map((r) => ({
      id: sessionPublicId(ctx, r.id_hash),
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at ?? r.created_at,
      expiresAt: r.expires_at,
      userAgent: r.user_agent,
      current: r.id_hash === currentSessionHash,
    }));
}

/** Ends one of one's own sessions by its public id; someone else's is "not found". Audited. */
export async function revokeOwnSession(ctx: AppContext, userId: string, publicId: string): Promise<void> {
  const rows = await ctx.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
  const row = rows.find((r) => sessionPublicId(ctx, r.id_hash) === publicId);
  if (!row) throw new DomainError('NOT_FOUND', msg('accountLifecycle.noSuchSession'));
  await ctx.store.transact(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: `user:${userId}`,
      action: 'auth.session.revoke',
      entityType: 'user',
      entityId: userId,
      payload: { session: publicId },
    });
  });
}
