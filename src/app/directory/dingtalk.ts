import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';
import { fetchJson } from './http.ts';
import { PlatformError, type Sleep, TokenedApi } from './platform.ts';
import type { DirectoryDepartment, DirectoryPerson, DirectorySnapshot } from './sync.ts';

/**
 * 钉钉 (DingTalk) contacts and web sign-in, per its server API (open.dingtalk.com): the contacts through the
 * `oapi.dingtalk.com` API with an app access token, the sign-in through the OAuth 2 flow on `login.dingtalk.com`
 * and `api.dingtalk.com`.
 */
export type DingtalkConfig = {
  /** The app's AppKey (Client ID) and AppSecret (Client Secret). */
  appKey: string;
  appSecret: string;
  /** When set, a sign-in from another organisation (a different corpId) is refused. */
  corpId?: string;
  /** https://oapi.dingtalk.com, https://api.dingtalk.com and https://login.dingtalk.com unless a test says otherwise. */
  baseUrl?: string;
  apiBaseUrl?: string;
  loginUrl?: string;
  sleep?: Sleep;
};

/** 40001/40014 invalid access_token, 42001 access_token expired: a new token, one retry. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** -1 busy; 88 and 90002/90005/90006/90018 the frequency limits (per second, per minute, per app): back off. */
const BUSY_ERRORS = new Set([-1, 88, 90002, 90005, 90006, 90018]);
/** The root department of every DingTalk organisation. */
const ROOT = 1;
const PAGE = 100;

type Dept = { dept_id: number; name: string; parent_id?: number };
type User = { userid: string; name: string; dept_id_list?: number[]; job_number?: string; active?: boolean };

export class DingtalkClient {
  private readonly base: string;
  private readonly api: string;
  private readonly login: string;
  private readonly tokened: TokenedApi;
  constructor(private readonly config: DingtalkConfig) {
    this.base = (config.baseUrl ?? 'https://oapi.dingtalk.com').replace(/\/$/, '');
    this.api = (config.apiBaseUrl ?? 'https://api.dingtalk.com').replace(/\/$/, '');
    this.login = (config.loginUrl ?? 'https://login.dingtalk.com').replace(/\/$/, '');
    this.tokened = new TokenedApi({
      platform: '钉钉',
      fetchToken: () => this.fetchToken(),
      tokenErrors: TOKEN_ERRORS,
      busyErrors: BUSY_ERRORS,
      ...(config.sleep ? { sleep: config.sleep } : {}),
    });
  }

  private async fetchToken(): Promise<string> {
    const q = new URLSearchParams({ appkey: this.config.appKey, appsecret: this.config.appSecret });
    const body = await fetchJson(`${this.base}/gettoken?${q}`);
    if (body.errcode !== 0 || typeof body.access_token !== 'string')
      throw new PlatformError('钉钉', 'gettoken', Number(body.errcode), body.errmsg);
    return body.access_token;
  }

  /** POST a `topapi` call with the app token; the answer's `result`. */
  async call<T>(path: string, payload: Record<string, unknown>): Promise<T> {
    return this.tokened.call(path, async (token) => {
      const body = await fetchJson(`${this.base}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: payload,
      });
      return { code: Number(body.errcode ?? 0), message: body.errmsg, body: body.result as T };
    });
  }

  /** The whole department tree (walked from the root with listsub) and every member, as the sync reads it. */
  async snapshot(): Promise<DirectorySnapshot> {
    const root = await this.call<Dept>('/topapi/v2/department/get', { dept_id: ROOT, language: 'zh_CN' });
    const departments: DirectoryDepartment[] = [{ externalId: String(ROOT), parentExternalId: null, name: root.name }];
    const queue = [ROOT];
    while (queue.length) {
      const parent = queue.shift() as number;
      for (const d of await this.call<Dept[]>('/topapi/v2/department/listsub', {
        dept_id: parent,
        language: 'zh_CN',
      })) {
        departments.push({ externalId: String(d.dept_id), parentExternalId: String(parent), name: d.name });
        queue.push(d.dept_id);
      }
    }
    const people = new Map<string, DirectoryPerson>();
    for (const d of departments) {
      for (let cursor = 0; ; ) {
        const page = await this.call<{ has_more: boolean; next_cursor?: number; list: User[] }>(
          '/topapi/v2/user/list',
          { dept_id: Number(d.externalId), cursor, size: PAGE, language: 'zh_CN' },
        );
        for (const u of page.list) {
          if (people.has(u.userid)) continue;
          people.set(u.userid, {
            externalId: u.userid,
            username: u.userid,
            displayName: u.name,
            departmentIds: (u.dept_id_list ?? [Number(d.externalId)]).map(String),
            groups: [],
            // DingTalk lists only members: someone who left is no longer listed (and is deactivated for that).
            active: true,
            ...(u.job_number ? { staffNo: u.job_number } : {}),
          });
        }
        if (!page.has_more || page.next_cursor === undefined) break;
        cursor = page.next_cursor;
      }
    }
    return { departments, people: [...people.values()] };
  }

  /** Where the browser goes to sign in (DingTalk's OAuth 2 authorize page). */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      redirect_uri: redirectUri,
      response_type: 'code',
      client_id: this.config.appKey,
      scope: 'openid',
      state,
      prompt: 'consent',
    });
    return `${this.login}/oauth2/auth?${q}`;
  }

  /**
   * The code from the redirect → the member's userid: the code buys a user access token
   * (/v1.0/oauth2/userAccessToken), which names the person (/v1.0/contact/users/me → unionId), whose userid in
   * this organisation is looked up with the app token (/topapi/user/getbyunionid).
   */
  async userIdFromCode(code: string): Promise<string> {
    const grant = await fetchJson(`${this.api}/v1.0/oauth2/userAccessToken`, {
      method: 'POST',
      body: {
        clientId: this.config.appKey,
        clientSecret: this.config.appSecret,
        code,
        grantType: 'authorization_code',
      },
    });
    if (typeof grant.accessToken !== 'string')
      throw new DomainError(
        'INVALID_CREDENTIALS',
        msg('platform.signInRefused', { platform: '钉钉', code: grant.code }),
      );
    if (this.config.corpId && grant.corpId !== this.config.corpId)
      throw new DomainError('INVALID_CREDENTIALS', msg('platform.notMember', { platform: '钉钉' }));
    const me = await fetchJson(`${this.api}/v1.0/contact/users/me`, {
      headers: { 'x-acs-dingtalk-access-token': grant.accessToken },
    });
    if (typeof me.unionId !== 'string')
      throw new DomainError('INVALID_CREDENTIALS', msg('platform.signInRefused', { platform: '钉钉', code: me.code }));
    type Found = { userid?: string; contact_type?: number };
    const found = await this.call<Found>('/topapi/user/getbyunionid', { unionid: me.unionId }).catch(
      (err: unknown): Found => {
        // 60121: no such member — someone with a DingTalk account who is not in this organisation.
        if (err instanceof PlatformError && err.platformCode === 60121) return {};
        throw err;
      },
    );
    // contact_type 1 is an external contact, not a member.
    if (!found.userid || found.contact_type === 1)
      throw new DomainError('INVALID_CREDENTIALS', msg('platform.notMember', { platform: '钉钉' }));
    return found.userid;
  }
}
