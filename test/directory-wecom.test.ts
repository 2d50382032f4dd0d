import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { directorySourcesFromEnv, syncSource } from '../src/app/directory/sources.ts';
import { WecomClient } from '../src/app/directory/wecom.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';

/**
 * A local 企业微信 server answering with the documented shapes (gettoken, department/list, user/list,
 * auth/getuserinfo) and error codes: 42001 when the access token has expired, 45009 when rate limited.
 */
function fakeWecom() {
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
      if (url.searchParams.get('code') === 'good-code') return send({ errcode: 0, errmsg: 'ok', userid: 'ZhangWei' });
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

describe.each(BACKENDS)('企业微信 directory (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  const fake = fakeWecom();
  let baseUrl = '';
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend, clock));
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await cleanup();
    await new Promise((r) => fake.server.close(r));
  });

  const source = () =>
    directorySourcesFromEnv({
      PLAINT_DIRECTORY_SOURCES: JSON.stringify([
        {
          name: 'wecom',
          kind: 'wecom',
          corpId: 'ww-test',
          secret: 's3cret',
          baseUrl,
          rules: [{ department: '2', role: 'customer-service' }],
        },
      ]),
    })[0];

  it('syncs departments and members, refreshing an expired token and backing off when rate limited', async () => {
    const report = await syncSource(ctx, source(), { dryRun: false, sleep });
    expect(report.counts).toMatchObject({ unitsCreated: 3, usersCreated: 3, grantsAdded: 2 });
    expect(fake.state.tokens).toBe(2); // the expired token was replaced once
    expect(waits).toEqual([1000]); // one back-off after 45009
    const units = await ctx.store.db
      .selectFrom('org_units')
      .select(['name', 'parent_id', 'level'])
      .orderBy('level')
      .execute();
    expect(units[0]).toMatchObject({ name: '华东电器有限公司', parent_id: null });
  });

  it('a member who left (status 5) is deactivated; a renamed department keeps its unit', async () => {
    fake.state.users[1].status = 5;
    fake.state.departments[2].name = '质量管理部';
    const dry = await syncSource(ctx, source(), { dryRun: true, sleep });
    expect(dry.counts).toMatchObject({ usersDeactivated: 1, unitsRenamed: 1, unitsCreated: 0 });
    const report = await syncSource(ctx, source(), { dryRun: false, sleep });
    expect(report.counts).toMatchObject({ usersDeactivated: 1, unitsRenamed: 1, unitsCreated: 0, usersCreated: 0 });
    const lina = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'LiNa')
      .executeTakeFirstOrThrow();
    expect(lina.disabled).toBe(1);
    expect(await ctx.store.db.selectFrom('org_units').selectAll().execute()).toHaveLength(3);
  });

  it('OAuth sign-in: a code becomes the member id; a bad code is refused; redirects are not followed', async () => {
    const client = new WecomClient({ corpId: 'ww-test', secret: 's3cret', baseUrl, sleep });
    expect(await client.userIdFromCode('good-code')).toBe('ZhangWei');
    await expect(client.userIdFromCode('forged')).rejects.toThrow(/40029/);
    await expect(client.call('/redirect')).rejects.toThrow(/重定向/);
  });
});
