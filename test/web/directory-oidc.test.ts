import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcIdp, startOidcProvider } from '../support/oidc-provider.ts';
import {
  BREAK_GLASS,
  type NewOrganisation,
  shot,
  startNewOrganisation,
  startWeb,
  submitPublic,
  userApi,
  type WebEnv,
} from './support.ts';

/**
 * Issue 20 in Chromium: a fresh `plaint serve` with local passwords off (break-glass) and its own company; the admin
 * configures an OpenID provider (a real oidc-provider) and the rule 客服 → customer-service in 客户服务部 through the
 * API. A handler clicks the provider's button on the login page, signs in on the provider's own login page, lands in
 * the workbench holding the grant from his group (he sees a complaint sent to 客户服务部), and signs out at both ends.
 */
describe('OpenID Connect sign-in in the browser (#20)', { timeout: 120_000 }, () => {
  let web: WebEnv;
  let idp: OidcIdp;
  let organisation: NewOrganisation;
  let base: string;
  let trackingNo: string;

  beforeAll(async () => {
    organisation = await startNewOrganisation('oidc');
    base = organisation.base;
    idp = await startOidcProvider({
      clientId: 'plaint-web',
      clientSecret: 'plaint-web-secret',
      redirectUris: [`${base}/api/v1/auth/sso/dongfang/callback`],
      postLogoutRedirectUris: [`${base}/staff/login`],
    });
    idp.people.set('sunhao', { name: '孙浩', groups: ['客服', '全体员工'] });

    const admin = await userApi(base, BREAK_GLASS);
    const unit = async (name: string, parent?: string) => {
      const res = await admin('POST', '/admin/org-units', { name, ...(parent ? { parent } : {}) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const company = await unit('东方电器有限公司');
    const service = await unit('客户服务部', company);
    const saved = await admin('PUT', '/admin/directory/sources/dongfang', {
      kind: 'oidc',
      issuer: idp.issuer,
      clientId: 'plaint-web',
      clientSecret: 'plaint-web-secret',
      scopes: 'openid profile groups',
      label: '东方电器统一身份认证',
    });
    expect(saved.status).toBe(200);
    const rule = await admin('POST', '/admin/directory/rules', {
      source: 'dongfang',
      group: '客服',
      role: 'customer-service',
      unit: service,
    });
    expect(rule.status).toBe(201);
    expect((await admin('PUT', '/admin/procedures/customer-complaint/intake-unit', { orgUnit: service })).status).toBe(
      200,
    );
    ({ trackingNo } = await submitPublic(base, {
      procedure: 'customer-complaint',
      kind: 'complaint',
      subject: '洗衣机脱水时噪音很大',
      description: '11月20日购买的滚筒洗衣机，脱水时噪音很大，机身晃动。',
      anonymous: false,
      submitter: { name: '周敏', phone: '13900002222' },
      respondents: [{ name: '东方电器', type: 'business' }],
      requestedOutcome: '上门检修或换货',
      fields: { orderNo: 'SO-20261120-0031', productName: '滚筒洗衣机', store: '中山路门店' },
      affirmTruthful: true,
    }));
    web = await startWeb();
  }, 90_000);
  afterAll(async () => {
    await web?.close();
    await organisation?.close();
    await idp?.close();
  });

  it('a handler signs in through the provider, works with the grant from his group, and signs out', async () => {
    const { page } = await web.open(1280);
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/staff/login`);
    await page.getByRole('link', { name: '使用 东方电器统一身份认证 登录' }).click();

    // The provider's own login page.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill('sunhao');
    await page.locator('input[name="password"]').fill('provider-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    // Back in Plaint: the workbench, as 孙浩, with the complaint sent to 客户服务部 in his inbox.
    await page.getByTestId('me').waitFor();
    expect(await page.getByTestId('me').textContent()).toBe('孙浩');
    expect(new URL(page.url()).pathname).toMatch(/^\/staff/);
    await page.getByText(trackingNo).first().waitFor();
    await shot(page, 'directory-oidc-workbench');

    const admin = await userApi(base, BREAK_GLASS);
    const users = (await (await admin('GET', '/admin/users')).json()) as {
      items: { username: string; grants?: { role: string; orgUnitName: string | null }[] }[];
    };
    const sunhao = users.items.find((u) => u.username === 'sunhao');
    expect(sunhao?.grants?.map((g) => `${g.role}@${g.orgUnitName}`)).toEqual(['customer-service@客户服务部']);

    // Sign-out: the session ends here, then at the provider (its confirmation), which sends the browser back.
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${base}/staff/login`);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });
});
