import { hash as argonHash } from '@node-rs/argon2';
import * as client from 'openid-client';
import { DomainError } from '../../domain/errors.ts';
import { timeOrderedId } from '../../domain/ids.ts';
import { msg } from '../../domain/messages.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { openSession } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { secretHash } from '../secrets.ts';
import type { DirectorySource } from './config.ts';

/** A directory of kind `oidc`: an OpenID Connect provider people sign in through (docs/sso.md). */
export type OidcSource = Extract<DirectorySource, { kind: 'oidc' }>;

/** Who grants and revokes what a directory's rules give: the same actor as a sync's. */
export const directoryActor = (source: string) => `system:directory:${source}`;

const TIMEOUT_S = 15;

/**
 * The provider's configuration, read from its discovery document at each use (a provider's keys and endpoints may
 * change; sign-ins are few). Every ID token's signature is checked against the provider's keys, also over plain HTTP
 * (`enableNonRepudiationChecks`). Token times are checked against Plaint's clock.
 */
async function providerConfig(ctx: AppContext, source: OidcSource): Promise<client.Configuration> {
  const insecure = new URL(source.issuer).protocol === 'http:';
  try {
    const config = await client.discovery(
      new URL(source.issuer),
      source.clientId,
      { [client.clockSkew]: Math.round((ctx.now().getTime() - Date.now()) / 1000) },
      source.clientSecret ? client.ClientSecretBasic(source.clientSecret) : client.None(),
      { timeout: TIMEOUT_S, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    );
    client.enableNonRepudiationChecks(config);
    return config;
  } catch (err) {
    throw new DomainError('UNAVAILABLE', msg('sso.oidcUnavailable', { reason: reasonOf(err) }));
  }
}

/** PKCE verifier and nonce follow from the state by the instance key: nothing to store, nothing guessable. */
function checksFor(ctx: AppContext, state: string) {
  return {
    verifier: secretHash(ctx.secrets, 'oidc-pkce', state),
    nonce: secretHash(ctx.secrets, 'oidc-nonce', state).slice(0, 43),
  };
}

/** The provider's authorize URL: code flow with PKCE (S256), state and nonce. */
export async function oidcSignInUrl(
  ctx: AppContext,
  source: OidcSource,
  redirectUri: string,
  state: string,
): Promise<string> {
  const config = await providerConfig(ctx, source);
  const { verifier, nonce } = checksFor(ctx, state);
  return client
    .buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: source.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    .toString();
}

function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; error?: unknown; cause?: { message?: unknown } };
  const code = typeof e.error === 'string' ? e.error : typeof e.code === 'string' ? e.code : 'error';
  const cause = e.cause && typeof e.cause.message === 'string' ? ` (${e.cause.message})` : '';
  return `${code}: ${String(e.message ?? '')}${cause}`.slice(0, 300);
}

/** A refused sign-in, audited (who tried is not known: the provider's answer did not pass). */
export async function auditRefusal(ctx: AppContext, source: string, reason: string): Promise<void> {
  await ctx.store.transact((trx) =>
    appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: 'anonymous',
      action: 'auth.sso.refused',
      entityType: 'directory_source',
      entityId: source,
      payload: { reason: reason.slice(0, 300) },
    }),
  );
}

function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function claimList(claims: Record<string, unknown>, name: string): string[] | undefined {
  const v = claims[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

export type OidcSignIn = { sessionId: string; expiresAt: string; userId: string; idToken: string };

/**
 * Issue 20: finishes an OpenID Connect sign-in. The code is exchanged with the PKCE verifier; the ID token must be
 * signed by the provider's key, for this client (audience), from this issuer, with this sign-in's nonce, and not
 * expired. The person (`sub`) is linked to a user, created at the first sign-in; a deactivated user is refused. The
 * grants the directory's rules give for the person's groups are applied: missing ones added, ones this directory gave
 * for a group the person left removed; grants made by hand are never touched. Every refusal is audited.
 */
export async function finishOidcSignIn(
  ctx: AppContext,
  source: OidcSource,
  currentUrl: URL,
  state: string,
  userAgent: string | undefined,
): Promise<OidcSignIn> {
  const config = await providerConfig(ctx, source);
  const { verifier, nonce } = checksFor(ctx, state);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    const reason = reasonOf(err);
    await auditRefusal(ctx, source.name, reason);
    throw new DomainError('INVALID_CREDENTIALS', msg('sso.oidcRefused', { reason }));
  }
  const idToken = tokens.id_token as string;
  let claims: Record<string, unknown> = { ...(tokens.claims() as Record<string, unknown>) };
  const sub = claims.sub as string;
  // Claims the ID token does not carry may be in the UserInfo answer (Keycloak and Authing put groups in either).
  if (
    (claimText(claims, source.usernameClaim) === undefined || claims[source.groupsClaim] === undefined) &&
    config.serverMetadata().userinfo_endpoint
  ) {
    try {
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, sub)), ...claims };
    } catch (err) {
      await auditRefusal(ctx, source.name, `userinfo ${reasonOf(err)}`);
      throw new DomainError('INVALID_CREDENTIALS', msg('sso.oidcRefused', { reason: reasonOf(err) }));
    }
  }
  const username = claimText(claims, source.usernameClaim)?.slice(0, 100);
  if (!username) {
    await auditRefusal(ctx, source.name, `claim ${source.usernameClaim} missing for ${sub}`);
    throw new DomainError('INVALID_CREDENTIALS', msg('sso.claimMissing', { claim: source.usernameClaim }));
  }
  const displayName = (claimText(claims, source.displayNameClaim) ?? username).slice(0, 200);
  const groups = claimList(claims, source.groupsClaim) ?? [];
  const userId = await applyPerson(ctx, source, { sub, username, displayName, groups });
  const session = await openSession(ctx, userId, userAgent, { via: source.name, kind: 'oidc', sub });
  return { ...session, userId, idToken };
}

/**
 * The user for this person (linked by `sub`; else a user of the same username who is neither an administrator nor
 * linked to another directory is adopted; else created), their display name, and their rule grants. One transaction.
 */
async function applyPerson(
  ctx: AppContext,
  source: OidcSource,
  person: { sub: string; username: string; displayName: string; groups: string[] },
): Promise<string> {
  const now = ctx.now().toISOString();
  const actor = directoryActor(source.name);
  const unusable = await argonHash(Buffer.from(ctx.random(32)).toString('base64url'));
  const result = await ctx.store.transact(async (trx) => {
    const linked = await trx
      .selectFrom('directory_links')
      .innerJoin('users', 'users.id', 'directory_links.local_id')
      .select(['users.id', 'users.display_name', 'users.disabled', 'users.disabled_at'])
      .where('directory_links.source', '=', source.name)
      .where('directory_links.kind', '=', 'user')
      .where('directory_links.external_id', '=', person.sub)
      .executeTakeFirst();
    let user = linked;
    if (!user) {
      const same = await trx
        .selectFrom('users')
        .select(['id', 'display_name', 'disabled', 'disabled_at', 'is_admin', 'username'])
        .execute()
        .then((rows) => rows.find((u) => u.username.toLowerCase() === person.username.toLowerCase()));
      if (same) {
        const elsewhere = await trx
          .selectFrom('directory_links')
          .select('source')
          .where('kind', '=', 'user')
          .where('local_id', '=', same.id)
          .executeTakeFirst();
        if (same.is_admin === 1 || elsewhere || ctx.config.directory.breakGlassUsers.includes(same.username))
          return { refused: 'taken' as const, why: `${person.username} is an account this provider may not take` };
        user = same;
      } else {
        user = {
          id: timeOrderedId(ctx.now(), ctx.random(10)),
          display_name: person.displayName,
          disabled: 0,
          disabled_at: null,
        };
        await trx
          .insertInto('users')
          .values({
            id: user.id,
            username: person.username,
            display_name: person.displayName,
            password_hash: unusable,
            is_admin: 0,
            disabled: 0,
            disabled_at: null,
            created_at: now,
            staff_no: null,
          })
          .execute();
        await appendAudit(trx, {
          at: now,
          actor,
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          payload: { username: person.username, via: source.name, sub: person.sub },
        });
      }
      await trx
        .insertInto('directory_links')
        .values({ source: source.name, kind: 'user', external_id: person.sub, local_id: user.id, created_at: now })
        .execute();
    }
    if (user.disabled === 1 || user.disabled_at !== null)
      return { refused: 'deactivated' as const, why: `user ${user.id} is deactivated` };
    if (user.display_name !== person.displayName)
      await trx.updateTable('users').set({ display_name: person.displayName }).where('id', '=', user.id).execute();
    // The grants the rules give for the person's groups now.
    const wanted = new Map<string, { role: string; unit: string }>();
    const unknownUnits: string[] = [];
    for (const rule of source.rules) {
      if (rule.group === undefined || !person.groups.includes(rule.group) || rule.unit === undefined) continue;
      const unit = await resolveUnit(trx, source.name, rule.unit);
      if (!unit) {
        unknownUnits.push(rule.unit);
        continue;
      }
      wanted.set(`${rule.role}|${unit}`, { role: rule.role, unit });
    }
    const held = await trx.selectFrom('role_grants').selectAll().where('user_id', '=', user.id).execute();
    const heldKeys = new Set(held.map((g) => `${g.role}|${g.org_unit_id}`));
    const added: string[] = [];
    const removed: string[] = [];
    for (const g of held) {
      if (g.granted_by !== actor || wanted.has(`${g.role}|${g.org_unit_id}`)) continue;
      await trx.deleteFrom('role_grants').where('id', '=', g.id).execute();
      removed.push(`${g.role}@${g.org_unit_id}`);
    }
    for (const [key, w] of wanted) {
      if (heldKeys.has(key)) continue;
      await trx
        .insertInto('role_grants')
        .values({
          id: timeOrderedId(ctx.now(), ctx.random(10)),
          user_id: user.id,
          role: w.role,
          org_unit_id: w.unit,
          granted_by: actor,
          granted_at: now,
        })
        .execute();
      added.push(`${w.role}@${w.unit}`);
    }
    if (added.length || removed.length || unknownUnits.length)
      await appendAudit(trx, {
        at: now,
        actor,
        action: 'directory.grants',
        entityType: 'user',
        entityId: user.id,
        payload: { source: source.name, groups: person.groups.slice(0, 100), added, removed, unknownUnits },
      });
    return { userId: user.id };
  });
  if ('refused' in result) {
    await auditRefusal(ctx, source.name, `${result.why} (sub ${person.sub})`);
    throw new DomainError(
      'INVALID_CREDENTIALS',
      result.refused === 'deactivated' ? msg('sso.noAccount') : msg('sso.accountTaken', { username: person.username }),
    );
  }
  return result.userId;
}

/**
 * The org unit a rule's `unit` names: a department this directory linked (by its external id), else an org unit's
 * own id. Undefined when neither exists.
 */
export async function resolveUnit(
  db: Pick<AppContext['store']['db'], 'selectFrom'>,
  source: string,
  unit: string,
): Promise<string | undefined> {
  const linked = await db
    .selectFrom('directory_links')
    .select('local_id')
    .where('source', '=', source)
    .where('kind', '=', 'unit')
    .where('external_id', '=', unit)
    .executeTakeFirst();
  if (linked) return linked.local_id;
  const own = await db.selectFrom('org_units').select('id').where('id', '=', unit).executeTakeFirst();
  return own?.id;
}

/**
 * RP-initiated logout: the provider's end-session address (with the ID token as hint and where to come back), or
 * undefined when the provider has none or cannot be reached (the local session has ended either way).
 */
export async function oidcEndSessionUrl(
  ctx: AppContext,
  source: OidcSource,
  idToken: string,
  postLogoutRedirectUri: string,
): Promise<string | undefined> {
  try {
    const config = await providerConfig(ctx, source);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client
      .buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri })
      .toString();
  } catch {
    return undefined;
  }
}
