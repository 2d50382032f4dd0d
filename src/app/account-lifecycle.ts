import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { AppContext } from './context.ts';

/**
 * Deactivation (issue 20, shared with the account work): a disabled user keeps their name on every case and audit
 * entry but cannot sign in; their sessions end and their API tokens are revoked in the same transaction.
 */
export async function disableUser(ctx: AppContext, actor: string, userId: string, reason: string): Promise<void> {
  await ctx.store.transact((trx) => disableUserIn(trx, ctx.now().toISOString(), actor, userId, reason));
}

/** The same inside a caller's transaction (a directory sync deactivates many people at once). */
export async function disableUserIn(
  db: Transaction<Database>,
  at: string,
  actor: string,
  userId: string,
  reason: string,
): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', '用户不存在 / no such user');
  if (user.disabled === 1) return;
  await db.updateTable('users').set({ disabled: 1, disabled_at: at }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await appendAudit(db, {
    at,
    actor,
    action: 'user.disable',
    entityType: 'user',
    entityId: userId,
    payload: { reason },
  });
}

/** Re-activates a user; revoked tokens stay revoked (they must create new ones). */
export async function enableUser(ctx: AppContext, actor: string, userId: string): Promise<void> {
  await ctx.store.transact((trx) => enableUserIn(trx, ctx.now().toISOString(), actor, userId));
}

export async function enableUserIn(
  db: Transaction<Database>,
  at: string,
  actor: string,
  userId: string,
): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', '用户不存在 / no such user');
  if (user.disabled === 0) return;
  await db.updateTable('users').set({ disabled: 0, disabled_at: null }).where('id', '=', userId).execute();
  await appendAudit(db, { at, actor, action: 'user.enable', entityType: 'user', entityId: userId, payload: {} });
}
