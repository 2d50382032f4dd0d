import type { Insertable, Selectable } from 'kysely';
import type { ApiTokenTable, SessionTable, UserTable } from './schema.ts';
import type { Db } from './cases.repository.ts';

export type UserRow = Selectable<UserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Users named by username or id, for resolving `user` fields of an action input. */
export async function findUsersByRefs(db: Db, refs: string[]): Promise<UserRow[]> {
  if (refs.length === 0) return [];
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', 'in', refs), eb('id', 'in', refs)]))
    .where('disabled', '=', 0)
    .execute();
}

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session and its user; expired or idle sessions and disabled users find nothing. */
export async function findSessionUser(
  db: Db,
  idHash: string,
  now: string,
  idleCutoff: string,
): Promise<(UserRow & { session_last_seen_at: string }) | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.last_seen_at as s_last_seen', 'sessions.created_at as s_created'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { s_last_seen, s_created, ...user } = row;
  const lastSeen = s_last_seen ?? s_created;
  if (lastSeen <= idleCutoff) return undefined;
  return { ...user, session_last_seen_at: lastSeen };
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<(UserRow & { token_id: string; token_scopes: string; token_last_used_at: string | null }) | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scopes as token_scopes',
      'api_tokens.last_used_at as token_last_used_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', 0)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** How many administrators exist (other users, e.g. added from the CLI first, do not count). */
export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('is_admin', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markTokenUsed(db: Db, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

/** Every user without the password hash, in the order they were added. */
export async function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'is_admin',
      'disabled',
      'created_at',
      'disabled_at',
      'must_change_password',
      'totp_enabled_at',
      'staff_no',
    ])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every API token (never its hash) with its user's name, newest first. */
export async function listApiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'users.username',
      'api_tokens.name',
      'api_tokens.scopes',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.id', 'desc')
    .execute();
}
