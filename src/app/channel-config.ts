/**
 * Notification and mail settings (issue 7), read from the environment like the rest of Config.
 * Every variable is listed in README.md ("Notifications and e-mail").
 */
export type HookKind = 'webhook' | 'wecom' | 'dingtalk' | 'feishu';
export type Hook = { name: string; kind: HookKind; url: string; secret?: string };

export type ChannelConfig = {
  /** Outgoing SMTP, e.g. smtp://user:pass@mail.example.com:587; unset: no e-mail is sent. */
  smtpUrl?: string;
  mailFrom: string;
  /** Public address of the tracking page, put into mails (`{{trackUrl}}`). */
  publicUrl?: string;
  hooks: Hook[];
  /** Extra template folders (`<dir>/<template>.yaml`, `<dir>/<procedure>/<template>.yaml`). */
  templateDirs: string[];
  dispatchIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  mailIn?: MailInConfig;
};

export type MailInConfig = {
  port: number;
  host: string;
  procedure: string;
  kind: 'complaint' | 'suggestion' | 'report';
  maxBytes: number;
  /** Open SMTP connections at once; one more is answered 421 and closed (issue 19). */
  maxClients: number;
  /**
   * Mails accepted per window from one envelope sender and from one client address, counted in
   * the database so every instance shares them; past either, 451 4.7.1 and the sender's server
   * retries later (issue 19).
   */
  perSender: number;
  perClient: number;
  limitWindowMs: number;
  /**
   * INT-2 (issue 16): the unit a mail's case lands in, by the address it was sent to
   * (PLAINT_MAIL_IN_UNITS `kefu@corp.cn=UNITID,…`; lower case). Unlisted addresses: the
   * procedure's intake unit, else the root.
   */
  units: Record<string, string>;
  /** `user:password` required from senders when set (AUTH PLAIN/LOGIN). */
  auth?: { user: string; password: string };
  /** PEM files: with both, the listener offers STARTTLS. */
  tlsKeyFile?: string;
  tlsCertFile?: string;
};

/** `kefu@corp.cn=UNITID,jubao@corp.cn=UNITID` → address (lower case) → unit id; nonsense stops the start. */
function mailUnits(raw: string): Record<string, string> {
  const units: Record<string, string> = {};
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^\s@=,]+@[^\s@=,]+)=([0-9A-Z]{26})$/.exec(entry);
    if (!m) throw new Error(`PLAINT_MAIL_IN_UNITS: "${entry}" is not address=UNITID`);
    units[m[1].toLowerCase()] = m[2];
  }
  return units;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not "${raw}"`);
  return n;
}

export function channelConfigFromEnv(env: NodeJS.ProcessEnv): ChannelConfig {
  const hooks: Hook[] = [];
  const hook = (kind: HookKind, urlVar: string, secretVar: string) => {
    const url = env[urlVar];
    if (!url) return;
    if (!/^https?:\/\//.test(url)) throw new Error(`${urlVar} must be an http(s) URL`);
    hooks.push({ name: kind, kind, url, ...(env[secretVar] ? { secret: env[secretVar] } : {}) });
  };
  hook('webhook', 'PLAINT_WEBHOOK_URL', 'PLAINT_WEBHOOK_SECRET');
  hook('wecom', 'PLAINT_WECOM_WEBHOOK', 'PLAINT_WECOM_SECRET');
  hook('dingtalk', 'PLAINT_DINGTALK_WEBHOOK', 'PLAINT_DINGTALK_SECRET');
  hook('feishu', 'PLAINT_FEISHU_WEBHOOK', 'PLAINT_FEISHU_SECRET');
  let mailIn: MailInConfig | undefined;
  if (env.PLAINT_MAIL_IN_PORT !== undefined && env.PLAINT_MAIL_IN_PORT !== '') {
    const [user, ...rest] = (env.PLAINT_MAIL_IN_AUTH ?? '').split(':');
    const kind = env.PLAINT_MAIL_IN_KIND ?? 'complaint';
    if (!['complaint', 'suggestion', 'report'].includes(kind))
      throw new Error('PLAINT_MAIL_IN_KIND must be complaint, suggestion or report');
    mailIn = {
      port: int(env, 'PLAINT_MAIL_IN_PORT', 2525),
      host: env.PLAINT_MAIL_IN_HOST ?? '0.0.0.0',
      procedure: env.PLAINT_MAIL_IN_PROCEDURE ?? 'customer-complaint',
      kind: kind as MailInConfig['kind'],
      maxBytes: int(env, 'PLAINT_MAIL_IN_MAX_BYTES', 25 * 1024 * 1024, 1024),
      maxClients: int(env, 'PLAINT_MAIL_IN_MAX_CLIENTS', 20, 1),
      perSender: int(env, 'PLAINT_MAIL_IN_PER_SENDER', 20, 1),
      perClient: int(env, 'PLAINT_MAIL_IN_PER_CLIENT', 60, 1),
      limitWindowMs: int(env, 'PLAINT_MAIL_IN_LIMIT_WINDOW_S', 3600, 1) * 1000,
      units: mailUnits(env.PLAINT_MAIL_IN_UNITS ?? ''),
      ...(user && rest.length ? { auth: { user, password: rest.join(':') } } : {}),
      ...(env.PLAINT_MAIL_IN_TLS_KEY && env.PLAINT_MAIL_IN_TLS_CERT
        ? { tlsKeyFile: env.PLAINT_MAIL_IN_TLS_KEY, tlsCertFile: env.PLAINT_MAIL_IN_TLS_CERT }
        : {}),
    };
  }
  return {
    smtpUrl: env.PLAINT_SMTP_URL || undefined,
    mailFrom: env.PLAINT_MAIL_FROM ?? 'Plaint <noreply@localhost>',
    publicUrl: env.PLAINT_PUBLIC_URL || undefined,
    hooks,
    templateDirs: (env.PLAINT_TEMPLATES_DIR ?? '').split(':').filter(Boolean),
    dispatchIntervalMs: int(env, 'PLAINT_DISPATCH_INTERVAL_MS', 5_000),
    retryBaseMs: int(env, 'PLAINT_RETRY_BASE_MS', 30_000, 1),
    retryMaxMs: int(env, 'PLAINT_RETRY_MAX_MS', 6 * 3600_000, 1),
    maxAttempts: int(env, 'PLAINT_MAX_ATTEMPTS', 10, 1),
    ...(mailIn ? { mailIn } : {}),
  };
}
