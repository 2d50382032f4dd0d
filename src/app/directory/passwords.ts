import type { AppContext } from '../context.ts';
import { directorySources } from './registry.ts';

/**
 * Issue 20: the password check of a user an LDAP directory provides — a bind to the directory as that person, so
 * the local password is never used for them. `undefined` for everyone else (their local password decides).
 */
export async function directoryPassword(
  ctx: AppContext,
  userId: string,
  username: string,
  password: string,
): Promise<boolean | undefined> {
  const links = await ctx.store.db
    .selectFrom('directory_links')
    .select('source')
    .where('kind', '=', 'user')
    .where('local_id', '=', userId)
    .execute();
  if (links.length === 0) return undefined;
  const ldap = (await directorySources(ctx)).find((s) => s.kind === 'ldap' && links.some((l) => l.source === s.name));
  if (ldap?.kind !== 'ldap') return undefined;
  // Loaded only when needed: every command imports sign-in, few organisations use LDAP.
  const { LdapDirectory } = await import('./ldap.ts');
  return new LdapDirectory(ldap).authenticate(username, password);
}
