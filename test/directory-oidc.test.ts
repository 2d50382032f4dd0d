import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, addOrgUnit } from '../src/app/org.ts';
import { directorySourcesFromEnv } from '../src/app/directory/sources.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { type OidcIdp, startOidcProvider } from './support/oidc-provider.ts';

/** A browser's cookies, by name (every cookie here is sent back to the host that set it). */
class Jar {
  private readonly byHost = new Map<string, Map<string, string>>();
  header(url: URL): string {
    return [...(this.byHost.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(url: URL, res: Response): void {
    const mine = this.byHost.get(url.host) ?? new Map<string, string>();
    this.byHost.set(url.host, mine);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair as string).indexOf('=');
      const name = (pair as string).slice(0, eq).trim();
      const value = (pair as string).slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) mine.delete(name);
      else mine.set(name, value);
    }
  }
  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name);
  }
  set(host: string, name: string, value: string): void {
    const mine = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, mine);
    mine.set(name, value);
  }
}

/**
 * Issue 20: OpenID Connect sign-in against a real provider (oidc-provider, in process), followed redirect by redirect
 * with fetch and a cookie jar, as a browser would: the first sign-in creates the user with the grant their group
 * maps to; a group change moves the grant at the next sign-in (a hand-made grant stays); a tampered ID token, an
 * expired one, a wrong state and a replayed code are refused and audited; sign-out ends the session and points at the
 * provider's end-session. Both databases.
 */
describe.each(BACKENDS)('OpenID Connect sign-in (#20) on $name', (backend) => {
  // Plaint's clock starts at the real time (the provider's); the expired-token case moves it on.
  const clock = new TestClock(new Date().toISOString());
  let h: Harness;
  let idp: OidcIdp;
  let base: string;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    await h.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.http.server.address() as AddressInfo).port}`;
    idp = await startOidcProvider({
      clientId: 'plaint',
      clientSecret: 'plaint-client-secret',
      redirectUris: [`${base}/api/v1/auth/sso/corp/callback`],
      postLogoutRedirectUris: [`${base}/staff/login`],
    });
    const company = await addOrgUnit(h.ctx, { name: '东方家电有限公司' }, 'system:test');
    units.service = (await addOrgUnit(h.ctx, { name: '客户服务部', parent: company.id }, 'system:test')).id;
    units.quality = (await addOrgUnit(h.ctx, { name: '质量部', parent: company.id }, 'system:test')).id;
    h.ctx.config.directory = {
      ...h.ctx.config.directory,
      sources: directorySourcesFromEnv({
        PLAINT_DIRECTORY_SOURCES: JSON.stringify([
          {
            name: 'corp',
            kind: 'oidc',
            issuer: idp.issuer,
            clientId: 'plaint',
            clientSecret: 'plaint-client-secret',
            scopes: 'openid profile groups',
            label: '东方家电统一登录',
            rules: [
              { group: '客服', role: 'customer-service', unit: units.service },
              { group: '质检', role: 'customer-service', unit: units.quality },
            ],
          },
        ]),
      }),
    };
    idp.people.set('zhaolei', { name: '赵磊', groups: ['客服'] });
    idp.people.set('qianli', { name: '钱立', groups: ['客服'] });
  }, 60_000);
  afterAll(async () => {
    await idp?.close();
    await h?.close();
  });

  /**
   * start → the provider's login page (posted as `login`) → back to the callback. `beforeCallback` may change the
   * callback URL (a forged state). Returns the callback's answer and the jar.
   */
  async function signIn(login: string, opts: { beforeCallback?: (url: URL) => URL; jar?: Jar } = {}) {
    const jar = opts.jar ?? new Jar();
    let url = new URL(`${base}/api/v1/auth/sso/corp/start`);
    let method = 'GET';
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.pathname.endsWith('/callback') && opts.beforeCallback) url = opts.beforeCallback(url);
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { cookie: jar.header(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body } : {}),
      });
      jar.take(url, res);
      if (url.pathname.endsWith('/callback')) return { res, jar, callbackUrl: url };
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      // The provider's login page: post the login as a person would.
      const page = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      expect(action, page).toBeDefined();
      url = new URL(action as string, url);
      method = 'POST';
      body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
    }
    throw new Error('too many redirects');
  }

  const me = async (jar: Jar) => {
    const res = await fetch(`${base}/api/v1/me`, { headers: { cookie: jar.header(new URL(base)) } });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null };
  };
  const grantsOf = (username: string) =>
    h.ctx.store.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .select(['role_grants.role', 'role_grants.org_unit_id', 'role_grants.granted_by'])
      .where('users.username', '=', username)
      .orderBy('role_grants.org_unit_id')
      .execute();
  const refusals = async () =>
    (
      await h.ctx.store.db
        .selectFrom('audit_log')
        .select(['payload'])
        .where('action', '=', 'auth.sso.refused')
        .orderBy('seq')
        .execute()
    ).map((r) => String(r.payload));

  it('lists the provider with its label for the login page', async () => {
    const res = await fetch(`${base}/api/v1/auth/sso`);
    expect(await res.json()).toEqual({ items: [{ name: 'corp', kind: 'oidc', label: '东方家电统一登录' }] });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const res = await fetch(`${base}/api/v1/auth/sso/corp/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') as string);
    expect(to.origin).toBe(idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'plaint',
      response_type: 'code',
      scope: 'openid profile groups',
      code_challenge_method: 'S256',
      redirect_uri: `${base}/api/v1/auth/sso/corp/callback`,
    });
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[0-9a-f]{43}$/);
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  });

  it('the first sign-in creates the user with the grant their group maps to', async () => {
    const { res, jar } = await signIn('zhaolei');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('url=/');
    const who = await me(jar);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ username: 'zhaolei', displayName: '赵磊' });
    expect(await grantsOf('zhaolei')).toEqual([
      { role: 'customer-service', org_unit_id: units.service, granted_by: 'system:directory:corp' },
    ]);
    const login = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['payload'])
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(login.payload))).toMatchObject({ via: 'corp', kind: 'oidc', sub: 'zhaolei' });
  });

  it('a group change moves the grant at the next sign-in; a hand-made grant stays', async () => {
    await grantRole(h.ctx, 'zhaolei', 'customer-service-manager', units.service, 'system:test');
    idp.people.set('zhaolei', { name: '赵磊', groups: ['质检'] });
    const { res } = await signIn('zhaolei');
    expect(res.status).toBe(200);
    const grants = await grantsOf('zhaolei');
    expect(grants).toHaveLength(2);
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: 'customer-service', org_unit_id: units.quality, granted_by: 'system:directory:corp' },
        { role: 'customer-service-manager', org_unit_id: units.service, granted_by: 'system:test' },
      ]),
    );
    const users = await h.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'zhaolei').execute();
    expect(users).toHaveLength(1);
  });

  it('a tampered ID token is refused, audited, and changes nothing', async () => {
    idp.tamper.groups = ['客服', '质检'];
    try {
      const { res, jar } = await signIn('qianli');
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('INVALID_CREDENTIALS');
      expect((await me(jar)).status).toBe(401);
    } finally {
      delete idp.tamper.groups;
    }
    expect(await grantsOf('qianli')).toEqual([]);
    expect((await refusals()).at(-1)).toMatch(/signature verification failed/);
  });

  it('an expired ID token is refused', async () => {
    clock.advance(2 * 3600_000);
    try {
      const { res } = await signIn('qianli');
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('INVALID_CREDENTIALS');
    } finally {
      clock.set(new Date().toISOString());
    }
    expect((await refusals()).at(-1)).toMatch(/TIMESTAMP/);
  });

  it('a wrong state is refused (400), and a browser is told so on a zh-CN page', async () => {
    const forged = (url: URL) => {
      url.searchParams.set('state', 'forged-state-forged-state-forged1');
      return url;
    };
    const { res } = await signIn('qianli', { beforeCallback: forged });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('VALIDATION_FAILED');
    expect((await refusals()).at(-1)).toContain('state mismatch');

    const page = await fetch(forged(new URL(`${base}/api/v1/auth/sso/corp/callback?code=some-code`)), {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('登录未成功');
    expect(html).toContain('登录请求已过期或不是从本站发起');
  });

  it('a replayed code is refused by the provider and audited', async () => {
    const { res, callbackUrl, jar } = await signIn('qianli');
    expect(res.status).toBe(200);
    // The same code again, with a state cookie as it was before the first callback.
    const again = await fetch(callbackUrl, {
      headers: { cookie: `plaint_sso=corp.${callbackUrl.searchParams.get('state')}` },
    });
    expect(again.status).toBe(401);
    expect((await refusals()).at(-1)).toMatch(/invalid_grant/);
    expect((await me(jar)).status).toBe(200);
  });

  it('a deactivated user is refused', async () => {
    await h.ctx.store.db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'qianli').execute();
    const { res } = await signIn('qianli');
    expect(res.status).toBe(401);
    expect((await refusals()).at(-1)).toContain('deactivated');
    await h.ctx.store.db.updateTable('users').set({ disabled: 0 }).where('username', '=', 'qianli').execute();
  });

  it('the local admin is never taken over by a provider account of the same name', async () => {
    await h.staff('chief', [], { isAdmin: true });
    idp.people.set('chief', { name: '冒名', groups: ['客服'] });
    const { res } = await signIn('chief');
    expect(res.status).toBe(401);
    expect((await refusals()).at(-1)).toContain('chief');
  });

  it('a rule for an OpenID provider names its unit, and an existing one', async () => {
    const admin = await h.staff('root', [], { isAdmin: true });
    const add = (body: Record<string, unknown>) =>
      h.call('POST', '/api/v1/admin/directory/rules', { token: admin.token, body: { source: 'corp', ...body } });
    expect((await add({ group: '客服', role: 'customer-service' })).statusCode).toBe(422);
    expect((await add({ group: '客服', role: 'customer-service', unit: 'no-such-unit' })).json().error.code).toBe(
      'UNKNOWN_ORG_UNIT',
    );
    expect((await add({ group: '客服组长', role: 'customer-service-manager', unit: units.service })).statusCode).toBe(
      201,
    );
  });

  it('sign-out ends the session and points at the provider’s end-session', async () => {
    const { jar } = await signIn('zhaolei');
    const session = jar.get(new URL(base).host, 'plaint_session');
    const csrf = String((await me(jar)).body?.csrfToken);
    const out = await fetch(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: jar.header(new URL(base)), 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    const end = new URL(endSessionUrl);
    expect(`${end.origin}${end.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/staff/login`);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    jar.take(new URL(base), out);
    expect(jar.get(new URL(base).host, 'plaint_oidc')).toBeUndefined();
    const after = await fetch(`${base}/api/v1/me`, { headers: { cookie: `plaint_session=${session}` } });
    expect(after.status).toBe(401);
  });
});
