import type { AppContext } from '../context.ts';
import { decrypt } from '../secrets.ts';
import { type DirectorySource, ZSource } from './config.ts';

/** Where a directory's settings come from: the environment (read-only here) or the admin page. */
export type SourceOrigin = 'env' | 'admin';

/**
 * Issue 20: every directory the organisation has — those in PLAINT_DIRECTORY_SOURCES and those an admin configured
 * (stored encrypted) — each with its rules: the ones in its settings followed by the ones an admin added. The sync,
 * the schedule, the sign-in routes and LDAP password checks all read this, so a source saved on the admin page works
 * at once, on every instance, without a restart.
 */
export async function directorySources(ctx: AppContext): Promise<(DirectorySource & { origin: SourceOrigin })[]> {
  const stored = await ctx.store.db.selectFrom('directory_sources').select(['name', 'settings_enc']).execute();
  const rules = await ctx.store.db
    .selectFrom('directory_rules')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const fromEnv = ctx.config.directory.sources.map((s) => ({ ...s, origin: 'env' as const }));
  const envNames = new Set(fromEnv.map((s) => s.name));
  const fromAdmin = stored
    // An env source of the same name wins: the admin API refuses that name, so this only follows a later env change.
    .filter((row) => !envNames.has(row.name))
    .map((row) => ({ ...ZSource.parse(JSON.parse(decrypt(ctx.secrets, row.settings_enc))), origin: 'admin' as const }));
  return [...fromEnv, ...fromAdmin].map((s) => ({
    ...s,
    rules: [
      ...s.rules,
      ...rules
        .filter((r) => r.source === s.name)
        .map((r) => ({
          ...(r.group_name !== null ? { group: r.group_name } : {}),
          ...(r.department !== null ? { department: r.department } : {}),
          role: r.role,
          ...(r.unit !== null ? { unit: r.unit } : {}),
        })),
    ],
  }));
}

/** One directory by name, or undefined. */
export async function directorySource(
  ctx: AppContext,
  name: string,
): Promise<(DirectorySource & { origin: SourceOrigin }) | undefined> {
  return (await directorySources(ctx)).find((s) => s.name === name);
}
