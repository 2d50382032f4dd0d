import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';
import type { AppContext } from '../context.ts';
import { type DirectorySource, directoryConfigFromEnv } from './config.ts';
import { DingtalkClient } from './dingtalk.ts';
import { FeishuClient } from './feishu.ts';
import { LdapDirectory } from './ldap.ts';
import { type DirectorySnapshot, type SyncReport, syncDirectory } from './sync.ts';
import { WecomClient } from './wecom.ts';

export type { DirectorySource } from './config.ts';

/** The directories configured in PLAINT_DIRECTORY_SOURCES (a JSON list; see docs/sso.md). */
export function directorySourcesFromEnv(env: NodeJS.ProcessEnv = process.env): DirectorySource[] {
  return directoryConfigFromEnv(env).sources;
}

type Options = { sleep?: (ms: number) => Promise<void> };

/** Reads a directory's departments, people and groups through the client of its kind. */
function readDirectory(source: DirectorySource, opts: Options): Promise<DirectorySnapshot> {
  switch (source.kind) {
    case 'wecom':
      return new WecomClient({ ...source, ...(opts.sleep ? { sleep: opts.sleep } : {}) }).snapshot();
    case 'ldap':
      return new LdapDirectory(source).snapshot();
    case 'dingtalk':
      return new DingtalkClient({ ...source, ...(opts.sleep ? { sleep: opts.sleep } : {}) }).snapshot();
    case 'feishu':
      return new FeishuClient({ ...source, ...(opts.sleep ? { sleep: opts.sleep } : {}) }).snapshot();
    case 'oidc':
      // An OpenID provider lists no one: its people are created and given their grants when they sign in.
      throw new DomainError('VALIDATION_FAILED', msg('sso.notSignIn', { name: source.name }));
  }
}

/** The external ids of the departments a directory lists now (to check a rule's unit when it is saved). */
export async function directoryDepartmentIds(source: DirectorySource): Promise<Set<string>> {
  return new Set((await readDirectory(source, {})).departments.map((d) => d.externalId));
}

/** `plaint directory sync --source NAME [--dry-run]`: reads the directory and applies (or only reports) it. */
export async function syncSource(
  ctx: AppContext,
  source: DirectorySource,
  opts: { dryRun: boolean; actor?: string } & Options,
): Promise<SyncReport> {
  const snapshot = await readDirectory(source, opts);
  return syncDirectory(ctx, source.name, snapshot, source.rules, {
    dryRun: opts.dryRun,
    ...(opts.actor ? { actor: opts.actor } : {}),
  });
}
