import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';
import { fetchJson } from './http.ts';
import { PlatformError, type Sleep, TokenedApi } from './platform.ts';
import type { DirectoryDepartment, DirectoryPerson, DirectorySnapshot } from './sync.ts';

/**
 * 飞书 (Feishu; Lark abroad) contacts and web sign-in, per its open platform (open.feishu.cn): contact v3 with a
 * tenant access token, sign-in by OAuth 2 (authen v1 authorize, v2 token, v1 user_info). People are identified by
 * their open_id, which every answer carries without extra permissions.
 */
export type FeishuConfig = {
  appId: string;
  appSecret: string;
  /** https://open.feishu.cn (Lark: https://open.larksuite.com) and https://accounts.feishu.cn unless set. */
  baseUrl?: string;
  accountsUrl?: string;
  /** The company unit's name; without it, the tenant's name (/tenant/v2/tenant/query, tenant:tenant:readonly). */
  companyName?: string;
  sleep?: Sleep;
};

/** 99991661 token missing, 99991663 tenant token invalid, 99991668/99991677 token expired: new token, one retry. */
const TOKEN_ERRORS = new Set([99991661, 99991663, 99991668, 99991677]);
/** 99991400 request frequency limit (answered with HTTP 429), 99991401/99991672 busy-ish limits: back off. */
const BUSY_ERRORS = new Set([99991400, 99991401]);
/** The root department's id in every tenant. */
const ROOT = '0';
const PAGE = '50';

type Page<T> = { has_more?: boolean; page_token?: string; items?: T[] };
type Dept = {
  name: string;
  open_department_id: string;
  parent_department_id: string;
  status?: { is_deleted?: boolean };
};
type User = {
  open_id: string;
  user_id?: string;
  name: string;
  department_ids?: string[];
  employee_no?: string;
  status?: { is_frozen?: boolean; is_resigned?: boolean; is_exited?: boolean };
};

export class FeishuClient {
  private readonly base: string;
  private readonly accounts: string;
  private readonly tokened: TokenedApi;
  constructor(private readonly config: FeishuConfig) {
    this.base = (config.baseUrl ?? 'https://open.feishu.cn').replace(/\/$/, '');
    this.accounts = (config.accountsUrl ?? 'https://accounts.feishu.cn').replace(/\/$/, '');
    this.tokened = new TokenedApi({
      platform: '飞书',
      fetchToken: () => this.fetchToken(),
      tokenErrors: TOKEN_ERRORS,
      busyErrors: BUSY_ERRORS,
      ...(config.sleep ? { sleep: config.sleep } : {}),
    });
  }

  private async fetchToken(): Promise<string> {
    const body = await fetchJson(`${this.base}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      body: { app_id: this.config.appId, app_secret: this.config.appSecret },
    });
    if (body.code !== 0 || typeof body.tenant_access_token !== 'string')
      throw new PlatformError('飞书', 'tenant_access_token', Number(body.code), body.msg);
    return body.tenant_access_token;
  }

  /** GET an open-apis path with the tenant token; the answer's `data`. */
  async call<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.tokened.call(path, async (token) => {
      const q = new URLSearchParams(query);
      const body = await fetchJson(`${this.base}${path}${q.size ? `?${q}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { code: Number(body.code ?? 0), message: body.msg, body: body.data as T };
    });
  }

  private async all<T>(path: string, query: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    for (let token = ''; ; ) {
      const page = await this.call<Page<T>>(path, {
        ...query,
        page_size: PAGE,
        ...(token ? { page_token: token } : {}),
      });
      items.push(...(page.items ?? []));
      if (!page.has_more || !page.page_token) return items;
      token = page.page_token;
    }
  }

  /** Every department below the root (one paged call with fetch_child) and every member, as the sync reads them. */
  async snapshot(): Promise<DirectorySnapshot> {
    const company =
      this.config.companyName ??
      (await this.call<{ tenant?: { name?: string } }>('/open-apis/tenant/v2/tenant/query')).tenant?.name ??
      '飞书';
    const departments: DirectoryDepartment[] = [{ externalId: ROOT, parentExternalId: null, name: company }];
    const depts = await this.all<Dept>(`/open-apis/contact/v3/departments/${ROOT}/children`, {
      department_id_type: 'open_department_id',
      fetch_child: 'true',
    });
    for (const d of depts) {
      if (d.status?.is_deleted) continue;
      departments.push({
        externalId: d.open_department_id,
        parentExternalId: d.parent_department_id || ROOT,
        name: d.name,
      });
    }
    const people = new Map<string, DirectoryPerson>();
    for (const d of departments) {
      const users = await this.all<User>('/open-apis/contact/v3/users/find_by_department', {
        department_id: d.externalId,
        department_id_type: 'open_department_id',
        user_id_type: 'open_id',
      });
      for (const u of users) {
        if (people.has(u.open_id)) continue;
        people.set(u.open_id, {
          externalId: u.open_id,
          // user_id is the tenant's own id for the person (when the app may read it); open_id otherwise.
          username: u.user_id || u.open_id,
          displayName: u.name,
          departmentIds: u.department_ids?.length ? u.department_ids : [d.externalId],
          groups: [],
          active: !(u.status?.is_frozen || u.status?.is_resigned || u.status?.is_exited),
          ...(u.employee_no ? { staffNo: u.employee_no } : {}),
        });
      }
    }
    return { departments, people: [...people.values()] };
  }

  /** Where the browser goes to sign in (Feishu's OAuth 2 authorize page). */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      client_id: this.config.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      state,
    });
    return `${this.accounts}/open-apis/authen/v1/authorize?${q}`;
  }

  /** The code from the redirect → the person's open_id: the code buys a user access token, which names them. */
  async userIdFromCode(code: string, redirectUri: string): Promise<string> {
    const grant = await fetchJson(`${this.base}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      body: {
        grant_type: 'authorization_code',
        client_id: this.config.appId,
        client_secret: this.config.appSecret,
        code,
        redirect_uri: redirectUri,
      },
    });
    if (grant.code !== 0 || typeof grant.access_token !== 'string')
      throw new DomainError(
        'INVALID_CREDENTIALS',
        msg('platform.signInRefused', { platform: '飞书', code: grant.code }),
      );
    const info = await fetchJson(`${this.base}/open-apis/authen/v1/user_info`, {
      headers: { authorization: `Bearer ${grant.access_token}` },
    });
    const openId = (info.data as { open_id?: unknown } | undefined)?.open_id;
    if (info.code !== 0 || typeof openId !== 'string')
      throw new DomainError(
        'INVALID_CREDENTIALS',
        msg('platform.signInRefused', { platform: '飞书', code: info.code }),
      );
    return openId;
  }
}
