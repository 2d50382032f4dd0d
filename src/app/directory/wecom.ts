import { DomainError } from '../../domain/errors.ts';
import { fetchJson } from './http.ts';
import { PlatformError } from './platform.ts';
import type { DirectoryPerson, DirectorySnapshot } from './sync.ts';
import { msg } from '../../domain/messages.ts';

/** 企业微信 (WeCom) contacts and sign-in, per its server API (developer.work.weixin.qq.com/document/path/90664 ff.). */
export type WecomConfig = {
  corpId: string;
  secret: string;
  /** https://qyapi.weixin.qq.com unless a test or a private deployment says otherwise. */
  baseUrl?: string;
  /** The app's AgentId, for web sign-in; https://login.work.weixin.qq.com unless set. */
  agentId?: string;
  loginUrl?: string;
  /** Waits between retries when WeCom says "too many requests"; tests pass a recorder instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
};

/** access_token expired (42001) or invalid (40014, 40001): fetch a new one and retry once. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Frequency limits (45009, 45033) and "system busy" (-1): back off and retry. */
const BUSY_ERRORS = new Set([-1, 45009, 45033]);
const RETRIES = 5;

export class WecomClient {
  private token: string | undefined;
  private readonly base: string;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(private readonly config: WecomConfig) {
    this.base = (config.baseUrl ?? 'https://qyapi.weixin.qq.com').replace(/\/$/, '');
    this.sleep = config.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const url = `${this.base}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.config.corpId)}&corpsecret=${encodeURIComponent(this.config.secret)}`;
    const body = await fetchJson(url);
    if (body.errcode !== 0 || typeof body.access_token !== 'string')
      throw new PlatformError('企业微信', 'gettoken', Number(body.errcode), body.errmsg);
    this.token = body.access_token;
    return this.token;
  }

  /** GET `path` with the access token; refreshes an expired token and backs off when rate limited. */
  async call(path: string, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const params = new URLSearchParams({ access_token: await this.accessToken(), ...query });
      const body = await fetchJson(`${this.base}${path}?${params}`);
      const code = Number(body.errcode ?? 0);
      if (code === 0) return body;
      if (TOKEN_ERRORS.has(code) && !refreshed) {
        this.token = undefined;
        refreshed = true;
        continue;
      }
      if (BUSY_ERRORS.has(code) && attempt < RETRIES) {
        await this.sleep(1000 * 2 ** attempt);
        continue;
      }
      throw new PlatformError('企业微信', path, code, body.errmsg);
    }
  }

  /** The whole department tree and every member, as the sync reads it. */
  async snapshot(): Promise<DirectorySnapshot> {
    const depts = (await this.call('/cgi-bin/department/list')).department as {
      id: number;
      name: string;
      parentid: number;
    }[];
    const known = new Set(depts.map((d) => d.id));
    const departments = depts.map((d) => ({
      externalId: String(d.id),
      parentExternalId: d.parentid && known.has(d.parentid) ? String(d.parentid) : null,
      name: d.name,
    }));
    const people = new Map<string, DirectoryPerson>();
    for (const d of depts) {
      const list = (await this.call('/cgi-bin/user/list', { department_id: String(d.id) })).userlist as {
        userid: string;
        name: string;
        department: number[];
        status: number;
      }[];
      for (const u of list) {
        if (people.has(u.userid)) continue;
        people.set(u.userid, {
          externalId: u.userid,
          username: u.userid,
          displayName: u.name,
          departmentIds: u.department.map(String),
          groups: [],
          // 1 active, 2 disabled, 4 not yet activated, 5 left the company.
          active: u.status === 1 || u.status === 4,
        });
      }
    }
    return { departments, people: [...people.values()] };
  }

  /** Where the browser goes to sign in (企业微信 web login for a self-built app, login_type=CorpApp). */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      login_type: 'CorpApp',
      appid: this.config.corpId,
      agentid: this.config.agentId ?? '',
      redirect_uri: redirectUri,
      state,
    });
    return `${(this.config.loginUrl ?? 'https://login.work.weixin.qq.com').replace(/\/$/, '')}/wwlogin/sso/login?${q}`;
  }

  /** OAuth web sign-in: the code from the redirect → the member's userid (/cgi-bin/auth/getuserinfo). */
  async userIdFromCode(code: string): Promise<string> {
    const body = await this.call('/cgi-bin/auth/getuserinfo', { code }).catch((err: unknown) => {
      // 40029: the code is invalid (forged, used, or older than five minutes) — a refused sign-in, not an outage.
      if (err instanceof PlatformError && err.platformCode === 40029)
        throw new DomainError(
          'INVALID_CREDENTIALS',
          msg('platform.signInRefused', { platform: '企业微信', code: 40029 }),
        );
      throw err;
    });
    if (typeof body.userid !== 'string' || !body.userid)
      throw new DomainError('INVALID_CREDENTIALS', msg('wecom.notMemberCompany'));
    return body.userid;
  }
}
