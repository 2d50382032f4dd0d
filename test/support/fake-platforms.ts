import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for 钉钉 and 飞书 (they cannot be reached from here), answering with the request and response shapes
 * of their published APIs, including the error codes for an expired token and for rate limiting. Each pages its
 * lists two items at a time, as a real server may, so paging is exercised.
 */
export type Fake<S> = { state: S; url: string; close(): Promise<void> };

async function listen<S>(state: S, handle: (req: IncomingMessage, res: ServerResponse, body: unknown) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      handle(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  } satisfies Fake<S>;
}

function send(res: ServerResponse, body: unknown, status = 200) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** Two items per page from `cursor` (a number as text), and the next cursor when more remain. */
function pageOf<T>(items: T[], cursor: number) {
  const list = items.slice(cursor, cursor + 2);
  const more = cursor + 2 < items.length;
  return { list, more, next: cursor + 2 };
}

export type DingtalkState = {
  tokens: number;
  expireNext: boolean;
  limitNext: boolean;
  limitAlways: boolean;
  departments: { dept_id: number; name: string; parent_id: number }[];
  users: { userid: string; unionid: string; name: string; dept_id_list: number[]; job_number: string }[];
  codes: Record<string, { unionId: string; corpId: string }>;
};

/** oapi.dingtalk.com (gettoken, topapi) and api.dingtalk.com (OAuth 2 user token, users/me) on one port. */
export function fakeDingtalk(): Promise<Fake<DingtalkState>> {
  const state: DingtalkState = {
    tokens: 0,
    expireNext: true,
    limitNext: true,
    limitAlways: false,
    departments: [
      { dept_id: 1, name: '华东电器有限公司', parent_id: 0 },
      { dept_id: 2, name: '客户服务部', parent_id: 1 },
      { dept_id: 3, name: '质量部', parent_id: 1 },
      { dept_id: 4, name: '售后一组', parent_id: 2 },
    ],
    users: [
      { userid: 'zhangwei', unionid: 'union-zw', name: '张伟', dept_id_list: [2], job_number: 'D1001' },
      { userid: 'lina', unionid: 'union-ln', name: '李娜', dept_id_list: [4], job_number: 'D1002' },
      { userid: 'zhaolei', unionid: 'union-zl', name: '赵磊', dept_id_list: [4], job_number: 'D1003' },
      { userid: 'sunli', unionid: 'union-sl', name: '孙丽', dept_id_list: [4], job_number: 'D1004' },
      { userid: 'wangfang', unionid: 'union-wf', name: '王芳', dept_id_list: [3], job_number: 'D1005' },
    ],
    codes: {
      'good-code': { unionId: 'union-zw', corpId: 'ding-corp' },
      'lina-code': { unionId: 'union-ln', corpId: 'ding-corp' },
      'outsider-code': { unionId: 'union-outsider', corpId: 'ding-corp' },
      'other-corp-code': { unionId: 'union-zw', corpId: 'ding-other' },
    },
  };
  const userTokens = new Map<string, string>();
  return listen(state, (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const b = (body ?? {}) as Record<string, unknown>;
    if (url.pathname === '/gettoken') {
      if (url.searchParams.get('appkey') !== 'ding-key' || url.searchParams.get('appsecret') !== 'ding-secret')
        return send(res, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
      state.tokens++;
      return send(res, { errcode: 0, errmsg: 'ok', access_token: `dt-${state.tokens}`, expires_in: 7200 });
    }
    if (url.pathname === '/v1.0/oauth2/userAccessToken') {
      const grant = state.codes[String(b.code)];
      if (req.method !== 'POST' || b.clientId !== 'ding-key' || b.clientSecret !== 'ding-secret' || !grant)
        return send(res, { code: 'InvalidAuthentication', message: '不合法的临时授权码', requestid: 'r1' }, 400);
      const token = `uat-${String(b.code)}`;
      userTokens.set(token, grant.unionId);
      return send(res, { accessToken: token, refreshToken: 'rt', expireIn: 7200, corpId: grant.corpId });
    }
    if (url.pathname === '/v1.0/contact/users/me') {
      const unionId = userTokens.get(String(req.headers['x-acs-dingtalk-access-token']));
      if (!unionId) return send(res, { code: 'InvalidAuthentication', message: '不合法的access_token' }, 401);
      return send(res, { nick: '某人', unionId, openId: `open-${unionId}`, stateCode: '86' });
    }
    if (req.method !== 'POST') return send(res, { errcode: 43002, errmsg: '需要POST请求' });
    if (url.searchParams.get('access_token') !== `dt-${state.tokens}`)
      return send(res, { errcode: 40014, errmsg: '不合法的access_token' });
    if (state.expireNext) {
      state.expireNext = false;
      return send(res, { errcode: 42001, errmsg: 'access_token超时' });
    }
    if (url.pathname === '/topapi/v2/department/get') {
      const d = state.departments.find((x) => x.dept_id === b.dept_id);
      if (!d) return send(res, { errcode: 60003, errmsg: '部门不存在' });
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        result: { dept_id: d.dept_id, name: d.name, parent_id: d.parent_id },
      });
    }
    if (url.pathname === '/topapi/v2/department/listsub') {
      const result = state.departments
        .filter((d) => d.parent_id === b.dept_id)
        .map((d) => ({ dept_id: d.dept_id, name: d.name, parent_id: d.parent_id, auto_add_user: true }));
      return send(res, { errcode: 0, errmsg: 'ok', result, request_id: 'r' });
    }
    if (url.pathname === '/topapi/v2/user/list') {
      if (state.limitNext || state.limitAlways) {
        state.limitNext = false;
        return send(res, { errcode: 90018, errmsg: '当前企业所有请求调用频率超过限制' });
      }
      const members = state.users.filter((u) => u.dept_id_list.includes(Number(b.dept_id)));
      const { list, more, next } = pageOf(members, Number(b.cursor ?? 0));
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        result: {
          has_more: more,
          ...(more ? { next_cursor: next } : {}),
          list: list.map((u) => ({ ...u, active: true })),
        },
      });
    }
    if (url.pathname === '/topapi/user/getbyunionid') {
      const u = state.users.find((x) => x.unionid === b.unionid);
      if (!u) return send(res, { errcode: 60121, errmsg: '找不到该用户' });
      return send(res, { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: u.userid } });
    }
    return send(res, { errcode: 404, errmsg: 'not found' });
  });
}

export type FeishuState = {
  tokens: number;
  expireNext: boolean;
  limitNext: boolean;
  departments: { name: string; open_department_id: string; parent_department_id: string }[];
  users: {
    open_id: string;
    user_id: string;
    name: string;
    department_ids: string[];
    employee_no: string;
    status: { is_frozen: boolean; is_resigned: boolean; is_activated: boolean; is_exited: boolean; is_unjoin: boolean };
  }[];
  codes: Record<string, string>;
};

const ACTIVE = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false };

/** open.feishu.cn: tenant token, tenant query, contact v3 departments and users, OAuth 2 token and user_info. */
export function fakeFeishu(redirectUri = ''): Promise<Fake<FeishuState & { redirectUri: string }>> {
  const state = {
    redirectUri,
    tokens: 0,
    expireNext: true,
    limitNext: true,
    departments: [
      { name: '客户服务部', open_department_id: 'od-kefu', parent_department_id: '0' },
      { name: '质量部', open_department_id: 'od-zhiliang', parent_department_id: '0' },
      { name: '售后一组', open_department_id: 'od-shouhou', parent_department_id: 'od-kefu' },
    ],
    users: [
      { open_id: 'ou_zw', user_id: 'zhangwei', name: '张伟', department_ids: ['od-kefu'], employee_no: 'F1001' },
      { open_id: 'ou_ln', user_id: 'lina', name: '李娜', department_ids: ['od-shouhou'], employee_no: 'F1002' },
      { open_id: 'ou_zl', user_id: 'zhaolei', name: '赵磊', department_ids: ['od-shouhou'], employee_no: 'F1003' },
      { open_id: 'ou_sl', user_id: 'sunli', name: '孙丽', department_ids: ['od-shouhou'], employee_no: 'F1004' },
      { open_id: 'ou_wf', user_id: 'wangfang', name: '王芳', department_ids: ['od-zhiliang'], employee_no: 'F1005' },
    ].map((u) => ({ ...u, status: { ...ACTIVE } })),
    codes: { 'good-code': 'ou_zw', 'lina-code': 'ou_ln', 'outsider-code': 'ou_outsider' } as Record<string, string>,
  };
  const userTokens = new Map<string, string>();
  return listen(state, (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const b = (body ?? {}) as Record<string, unknown>;
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (b.app_id !== 'cli_test' || b.app_secret !== 'feishu-secret')
        return send(res, { code: 10014, msg: 'app secret invalid' }, 400);
      state.tokens++;
      return send(res, { code: 0, msg: 'ok', tenant_access_token: `t-${state.tokens}`, expire: 7200 });
    }
    if (url.pathname === '/open-apis/authen/v2/oauth/token') {
      const openId = state.codes[String(b.code)];
      if (
        b.grant_type !== 'authorization_code' ||
        b.client_id !== 'cli_test' ||
        b.client_secret !== 'feishu-secret' ||
        (state.redirectUri && b.redirect_uri !== state.redirectUri) ||
        !openId
      )
        return send(res, { code: 20003, error: 'invalid_grant', error_description: 'The code is invalid' }, 400);
      const token = `u-${String(b.code)}`;
      userTokens.set(token, openId);
      return send(res, { code: 0, access_token: token, expires_in: 7200, token_type: 'Bearer', scope: '' });
    }
    const auth = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (url.pathname === '/open-apis/authen/v1/user_info') {
      const openId = userTokens.get(auth);
      if (!openId) return send(res, { code: 20005, msg: 'invalid access token' }, 401);
      const u = state.users.find((x) => x.open_id === openId);
      return send(res, {
        code: 0,
        msg: 'success',
        data: {
          open_id: openId,
          union_id: `on_${openId}`,
          name: u?.name ?? '外人',
          tenant_key: 'tk',
          user_id: u?.user_id,
        },
      });
    }
    if (auth !== `t-${state.tokens}`)
      return send(res, { code: 99991663, msg: 'Invalid access token for authorization' }, 400);
    if (state.expireNext) {
      state.expireNext = false;
      return send(res, { code: 99991663, msg: 'Invalid access token for authorization' }, 400);
    }
    if (url.pathname === '/open-apis/tenant/v2/tenant/query')
      return send(res, { code: 0, msg: 'success', data: { tenant: { name: '华东电器有限公司', tenant_key: 'tk' } } });
    const cursor = Number(url.searchParams.get('page_token') || 0);
    if (url.pathname === '/open-apis/contact/v3/departments/0/children') {
      if (url.searchParams.get('fetch_child') !== 'true') return send(res, { code: 400, msg: 'fetch_child expected' });
      const { list, more, next } = pageOf(state.departments, cursor);
      const items = list.map((d) => ({ ...d, department_id: d.open_department_id, status: { is_deleted: false } }));
      return send(res, {
        code: 0,
        msg: 'success',
        data: { has_more: more, ...(more ? { page_token: String(next) } : {}), items },
      });
    }
    if (url.pathname === '/open-apis/contact/v3/users/find_by_department') {
      if (state.limitNext) {
        state.limitNext = false;
        return send(res, { code: 99991400, msg: 'request trigger frequency limit' }, 429);
      }
      const dept = url.searchParams.get('department_id');
      const members = state.users.filter((u) => u.department_ids.includes(String(dept)));
      const { list, more, next } = pageOf(members, cursor);
      return send(res, {
        code: 0,
        msg: 'success',
        data: { has_more: more, ...(more ? { page_token: String(next) } : {}), items: list },
      });
    }
    return send(res, { code: 404, msg: 'not found' }, 404);
  });
}
