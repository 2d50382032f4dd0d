import { z } from 'zod';

/**
 * Issue 20: the directories the organisation's staff come from (PLAINT_DIRECTORY_SOURCES, a JSON list; see
 * docs/sso.md).
 */
export const ZRule = z
  .object({
    group: z.string().min(1).max(200).optional(),
    department: z.string().min(1).max(200).optional(),
    role: z.string().min(1).max(100),
    unit: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine(
    (r) => r.group !== undefined || r.department !== undefined,
    '规则需要 group 或 department / needs group or department',
  );

const name = z.string().regex(/^[a-z0-9-]{1,40}$/);
const rules = z.array(ZRule).max(500).default([]);

const ZWecom = z
  .object({
    name,
    kind: z.literal('wecom'),
    corpId: z.string().min(1),
    secret: z.string().min(1),
    /** The self-built app's AgentId: web sign-in (企业微信扫码/网页登录) is offered when it is set. */
    agentId: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    loginUrl: z.url().optional(),
    rules,
  })
  .strict();

const ZLdap = z
  .object({
    name,
    kind: z.literal('ldap'),
    url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'ldap:// or ldaps://'),
    bindDn: z.string().min(1),
    bindPassword: z.string().min(1),
    baseDn: z.string().min(1),
    flavor: z.enum(['openldap', 'ad']).optional(),
    startTls: z.boolean().optional(),
    caFile: z.string().min(1).optional(),
    userBase: z.string().min(1).optional(),
    userFilter: z.string().min(1).optional(),
    usernameAttribute: z.string().min(1).optional(),
    displayNameAttribute: z.string().min(1).optional(),
    idAttribute: z.string().min(1).optional(),
    staffNoAttribute: z.string().min(1).optional(),
    disabledFilter: z.string().min(1).optional(),
    departmentBase: z.string().min(1).optional(),
    departmentFilter: z.string().min(1).optional(),
    groupBase: z.string().min(1).optional(),
    groupFilter: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    rules,
  })
  .strict();

const ZDingtalk = z
  .object({
    name,
    kind: z.literal('dingtalk'),
    appKey: z.string().min(1),
    appSecret: z.string().min(1),
    corpId: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    apiBaseUrl: z.url().optional(),
    loginUrl: z.url().optional(),
    rules,
  })
  .strict();

const ZFeishu = z
  .object({
    name,
    kind: z.literal('feishu'),
    appId: z.string().min(1),
    appSecret: z.string().min(1),
    companyName: z.string().min(1).max(200).optional(),
    baseUrl: z.url().optional(),
    accountsUrl: z.url().optional(),
    rules,
  })
  .strict();

const claim = z.string().min(1).max(100);

/**
 * An OpenID Connect provider (Keycloak, Authing, Azure AD / Entra ID, …): sign-in only (authorization code + PKCE);
 * people are created at their first sign-in and their groups map to grants by the rules at every sign-in.
 */
const ZOidc = z
  .object({
    name,
    kind: z.literal('oidc'),
    /** The issuer; its `/.well-known/openid-configuration` is read at each sign-in. */
    issuer: z.url(),
    clientId: z.string().min(1).max(500),
    /** Absent: a public client (PKCE only, no client authentication). */
    clientSecret: z.string().min(1).max(2000).optional(),
    scopes: z.string().min(1).max(500).default('openid profile email'),
    usernameClaim: claim.default('preferred_username'),
    groupsClaim: claim.default('groups'),
    displayNameClaim: claim.default('name'),
    /** The login page's button: 「使用 {label} 登录」; the name when absent. */
    label: z.string().min(1).max(60).optional(),
    rules,
  })
  .strict();

export const ZSource = z.discriminatedUnion('kind', [ZWecom, ZLdap, ZDingtalk, ZFeishu, ZOidc]);

export type DirectorySource = z.infer<typeof ZSource>;

export type DirectoryConfig = {
  sources: DirectorySource[];
  /**
   * PLAINT_LOCAL_PASSWORDS: `on` (default) or `break-glass` — then only the accounts in PLAINT_BREAK_GLASS_USERS
   * (default `admin`) sign in with a local password; everyone else signs in through a directory.
   */
  localPasswords: 'on' | 'break-glass';
  breakGlassUsers: string[];
};

/** Reads the directory settings; a wrong value stops the start (and says which). */
export function directoryConfigFromEnv(env: NodeJS.ProcessEnv): DirectoryConfig {
  const raw = env.PLAINT_DIRECTORY_SOURCES;
  let sources: DirectorySource[] = [];
  if (raw) {
    const parsed = z.array(ZSource).safeParse(JSON.parse(raw));
    if (!parsed.success)
      throw new Error(
        `PLAINT_DIRECTORY_SOURCES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    sources = parsed.data;
    const names = new Set<string>();
    for (const s of sources) {
      if (names.has(s.name)) throw new Error(`PLAINT_DIRECTORY_SOURCES: the name "${s.name}" is used twice`);
      names.add(s.name);
    }
  }
  const localPasswords = env.PLAINT_LOCAL_PASSWORDS ?? 'on';
  if (localPasswords !== 'on' && localPasswords !== 'break-glass')
    throw new Error(`PLAINT_LOCAL_PASSWORDS must be "on" or "break-glass", not "${localPasswords}"`);
  const breakGlassUsers = (env.PLAINT_BREAK_GLASS_USERS ?? 'admin')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (localPasswords === 'break-glass' && breakGlassUsers.length === 0)
    throw new Error('PLAINT_LOCAL_PASSWORDS=break-glass needs at least one account in PLAINT_BREAK_GLASS_USERS');
  return { sources, localPasswords, breakGlassUsers };
}
