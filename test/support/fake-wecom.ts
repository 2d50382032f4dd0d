import { createServer, type Server } from 'node:http';

/**
 * A local 企业微信 server answering with the documented shapes (gettoken, department/list, user/list,
 * auth/getuserinfo) and error codes: 42001 when the access token has expired, 45009 when rate limited.
 */
export function fakeWecom() {
  const state = {
    tokens: 0,
    expireNext: true,
    limitNext: true,
    calls: [] as string[],
    departments: [
      { id: 1, name: '华东电器有限公司', parentid: 0, order: 1 },
      { id: 2, name: '客户服务部', parentid: 1, order: 1 },
      { id: 3, name: '质量部', parentid: 1, order: 2 },
    ],
    users: [
      { userid: 'ZhangWei', name: '张伟', department: [2], status: 1 },
      { userid: 'LiNa', name: '李娜', department: [2], status: 1 },
      { userid: 'WangFang', name: '王芳', department: [3], status: 1 },
    ],
    /** OAuth codes the sign-in page would hand out, and whose they are. */
    codes: { 'good-code': 'ZhangWei', 'lina-code': 'LiNa', 'outsider-code': 'Outsider' } as Record<string, string>,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.calls.push(url.pathname);
    const send = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/gettoken') {
      if (url.searchParams.get('corpid') !== 'ww-test' || url.searchParams.get('corpsecret') !== 's3cret')
        return send({ errcode: 40013, errmsg: 'invalid corpid' });
      state.tokens++;
      return send({ errcode: 0, errmsg: 'ok', access_token: `tok-${state.tokens}`, expires_in: 7200 });
    }
    const token = url.searchParams.get('access_token');
    if (token !== `tok-${state.tokens}`) return send({ errcode: 40014, errmsg: 'invalid access_token' });
    if (state.expireNext) {
      state.expireNext = false;
      return send({ errcode: 42001, errmsg: 'access_token expired' });
    }
    if (url.pathname === '/cgi-bin/department/list')
      return send({ errcode: 0, errmsg: 'ok', department: state.departments });
    if (url.pathname === '/cgi-bin/user/list') {
      if (state.limitNext) {
        state.limitNext = false;
        return send({ errcode: 45009, errmsg: 'api freq out of limit' });
      }
      const dept = Number(url.searchParams.get('department_id'));
      return send({ errcode: 0, errmsg: 'ok', userlist: state.users.filter((u) => u.department[0] === dept) });
    }
    if (url.pathname === '/cgi-bin/auth/getuserinfo') {
      const userid = state.codes[url.searchParams.get('code') ?? ''];
      if (userid) return send({ errcode: 0, errmsg: 'ok', userid });
      return send({ errcode: 40029, errmsg: 'invalid code' });
    }
    if (url.pathname === '/redirect') {
      res.statusCode = 302;
      res.setHeader('location', 'http://169.254.169.254/');
      return res.end();
    }
    return send({ errcode: 404, errmsg: 'not found' });
  });
  return { state, server };
}
