import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directorySourcesFromEnv, syncSource } from '../src/app/directory/sources.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { type DingtalkState, type Fake, type FeishuState, fakeDingtalk, fakeFeishu } from './support/fake-platforms.ts';
import { fakeWecom } from './support/fake-wecom.ts';
import { type Harness, startHarness } from './support/harness.ts';

const cookie = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/**
 * Issue 20: web sign-in through 企业微信, 钉钉 and 飞书 over real HTTP routes, against the local platform servers.
 * `start` redirects to the platform's authorize page with a state; the callback checks the state, exchanges the code
 * and starts a session for the synced user. An unknown person, a deactivated one and a forged state are refused in the
 * API's error shape. Both databases.
 */
describe.each(BACKENDS)('directory sign-in routes (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let h: Harness;
  const wecom = fakeWecom();
  let dingtalk: Fake<DingtalkState>;
  let feishu: Fake<FeishuState & { redirectUri: string }>;
  const sleep = async () => {};

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    await new Promise<void>((r) => wecom.server.listen(0, '127.0.0.1', r));
    dingtalk = await fakeDingtalk();
    feishu = await fakeFeishu();
    const wecomUrl = `http://127.0.0.1:${(wecom.server.address() as AddressInfo).port}`;
    h.ctx.config.directory = {
      ...h.ctx.config.directory,
      sources: directorySourcesFromEnv({
        PLAINT_DIRECTORY_SOURCES: JSON.stringify([
          { name: 'wecom', kind: 'wecom', corpId: 'ww-test', secret: 's3cret', agentId: '1000002', baseUrl: wecomUrl },
          {
            name: 'dingtalk',
            kind: 'dingtalk',
            appKey: 'ding-key',
            appSecret: 'ding-secret',
            corpId: 'ding-corp',
            baseUrl: dingtalk.url,
            apiBaseUrl: dingtalk.url,
          },
          { name: 'feishu', kind: 'feishu', appId: 'cli_test', appSecret: 'feishu-secret', baseUrl: feishu.url },
        ]),
      }),
    };
    for (const source of h.ctx.config.directory.sources) await syncSource(h.ctx, source, { dryRun: false, sleep });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((r) => wecom.server.close(r));
    await dingtalk.close();
    await feishu.close();
  });

  /** start → (the platform) → callback with `code`, as the browser would go. */
  async function signIn(source: string, code: string, opts: { state?: string } = {}) {
    const start = await h.call('GET', `/api/v1/auth/sso/${source}/start`);
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    const state = location.searchParams.get('state') as string;
    const res = await h.http.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/${source}/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(opts.state ?? state)}`,
      headers: { cookie: `plaint_sso=${cookie(start, 'plaint_sso')}` },
    });
    return { start, location, res, session: cookie(res, 'plaint_session') };
  }

  it('lists the platforms people can sign in through, without secrets', async () => {
    const res = await h.call('GET', '/api/v1/auth/sso');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { name: 'wecom', kind: 'wecom' },
        { name: 'dingtalk', kind: 'dingtalk' },
        { name: 'feishu', kind: 'feishu' },
      ],
    });
  });

  // 张伟 is in all three directories: the 钉钉 and 飞书 syncs adopted the account the 企业微信 one made (ZhangWei).
  it.each([
    ['wecom', 'https://login.work.weixin.qq.com/wwlogin/sso/login', 'ZhangWei'],
    ['dingtalk', 'https://login.dingtalk.com/oauth2/auth', 'ZhangWei'],
    ['feishu', 'https://accounts.feishu.cn/open-apis/authen/v1/authorize', 'ZhangWei'],
  ])(
    '%s: redirects to the platform with a state, and the callback starts a session',
    async (source, page, username) => {
      const { location, res, session } = await signIn(source, 'good-code');
      expect(location.origin + location.pathname).toBe(page);
      expect(location.searchParams.get('redirect_uri')).toBe(`http://localhost:80/api/v1/auth/sso/${source}/callback`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(session).toBeTruthy();
      const me = await h.http.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `plaint_session=${session}` },
      });
      expect(me.json()).toMatchObject({ username });
      const audit = await h.ctx.store.db
        .selectFrom('audit_log')
        .select('payload')
        .where('action', '=', 'auth.login')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.payload)).toEqual({ via: source, kind: source });
    },
  );

  it.each(['wecom', 'dingtalk', 'feishu'])(
    '%s: a person not synced from that directory is refused (401, error shape)',
    async (source) => {
      const { res, session } = await signIn(source, 'outsider-code');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
      expect(session).toBeUndefined();
    },
  );

  it('a deactivated person is refused; a forged or missing state is refused; a bad code is refused', async () => {
    const lina = await h.ctx.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'LiNa')
      .executeTakeFirstOrThrow();
    await h.ctx.store.db
      .updateTable('users')
      .set({ disabled: 1, disabled_at: clock.now().toISOString() })
      .where('id', '=', lina.id)
      .execute();
    expect((await signIn('dingtalk', 'lina-code')).res.statusCode).toBe(401);
    expect((await signIn('feishu', 'lina-code')).res.statusCode).toBe(401);

    const forged = await signIn('feishu', 'good-code', { state: 'not-the-state' });
    expect(forged.res.statusCode).toBe(400);
    expect(forged.session).toBeUndefined();
    const noCookie = await h.call('GET', '/api/v1/auth/sso/feishu/callback?code=good-code&state=x');
    expect(noCookie.statusCode).toBe(400);
    expect((await signIn('wecom', 'forged-code')).res.statusCode).toBe(401);
    expect((await h.call('GET', '/api/v1/auth/sso/nope/start')).statusCode).toBe(404);
  });
});
