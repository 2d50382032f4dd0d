import { openSession } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';
import type { DirectorySource } from './config.ts';
import { directorySources } from './registry.ts';
import { DingtalkClient } from './dingtalk.ts';
import { FeishuClient } from './feishu.ts';
import { oidcSignInUrl } from './oidc.ts';
import { WecomClient } from './wecom.ts';

/** A directory whose people sign in through the platform's web OAuth flow (企业微信, 钉钉, 飞书) or OpenID Connect. */
type SignInSource = Extract<DirectorySource, { kind: 'wecom' | 'dingtalk' | 'feishu' | 'oidc' }>;
type SsoSource = Exclude<SignInSource, { kind: 'oidc' }>;

function offersSignIn(s: DirectorySource): s is SignInSource {
  return (
    s.kind === 'dingtalk' || s.kind === 'feishu' || s.kind === 'oidc' || (s.kind === 'wecom' && s.agentId !== undefined)
  );
}

/** The sign-in buttons of the login page: name, kind and an OpenID provider's label; never a secret. */
export async function signInProviders(
  ctx: AppContext,
): Promise<{ name: string; kind: SignInSource['kind']; label?: string }[]> {
  const all: DirectorySource[] = await directorySources(ctx);
  return all
    .filter(offersSignIn)
    .map((s) => ({ name: s.name, kind: s.kind, ...(s.kind === 'oidc' && s.label ? { label: s.label } : {}) }));
}

/** A directory people sign in through, by name; 404 for any other. */
export async function signInSource(ctx: AppContext, name: string): Promise<SignInSource> {
  const source = (await directorySources(ctx)).find((s) => s.name === name);
  if (!source || !offersSignIn(source)) throw new DomainError('NOT_FOUND', msg('sso.noSuchProvider'));
  return source;
}

async function sourceNamed(ctx: AppContext, name: string): Promise<SsoSource> {
  const source = await signInSource(ctx, name);
  if (source.kind === 'oidc') throw new DomainError('NOT_FOUND', msg('sso.noSuchProvider'));
  return source;
}

/** The platform's authorize URL for this sign-in; `state` is what the callback must bring back. */
export async function signInUrl(ctx: AppContext, name: string, redirectUri: string, state: string): Promise<string> {
  const source = await signInSource(ctx, name);
  switch (source.kind) {
    case 'oidc':
      return oidcSignInUrl(ctx, source, redirectUri, state);
    case 'wecom':
      return new WecomClient(source).authorizeUrl(redirectUri, state);
    case 'dingtalk':
      return new DingtalkClient(source).authorizeUrl(redirectUri, state);
    case 'feishu':
      return new FeishuClient(source).authorizeUrl(redirectUri, state);
  }
}

/** The code from the platform → the person's id in that directory. */
function externalIdFromCode(source: SsoSource, code: string, redirectUri: string): Promise<string> {
  switch (source.kind) {
    case 'wecom':
      return new WecomClient(source).userIdFromCode(code);
    case 'dingtalk':
      return new DingtalkClient(source).userIdFromCode(code);
    case 'feishu':
      return new FeishuClient(source).userIdFromCode(code, redirectUri);
  }
}

/**
 * Issue 20: finishes a platform sign-in. The code is exchanged for the person's id in the directory; the person must
 * have been synced from that directory (their external id links a user) and not be deactivated. A session starts,
 * audited as a sign-in through that directory. Anyone else is refused, as a wrong password would be.
 */
export async function finishSignIn(
  ctx: AppContext,
  name: string,
  code: string,
  redirectUri: string,
  userAgent: string | undefined,
): Promise<{ sessionId: string; expiresAt: string; userId: string }> {
  const source = await sourceNamed(ctx, name);
  const externalId = await externalIdFromCode(source, code, redirectUri);
  const user = await ctx.store.db
    .selectFrom('directory_links')
    .innerJoin('users', 'users.id', 'directory_links.local_id')
    .select(['users.id', 'users.disabled', 'users.disabled_at'])
    .where('directory_links.source', '=', source.name)
    .where('directory_links.kind', '=', 'user')
    .where('directory_links.external_id', '=', externalId)
    .executeTakeFirst();
  if (!user || user.disabled === 1 || user.disabled_at !== null)
    throw new DomainError('INVALID_CREDENTIALS', msg('sso.noAccount'));
  const session = await openSession(ctx, user.id, userAgent, { via: source.name, kind: source.kind });
  return { ...session, userId: user.id };
}
