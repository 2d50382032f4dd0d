import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { buttonName, overflowX, shot, signIn, startWeb, userApi, type WebEnv } from './support.ts';

/**
 * Issue 6, supervision board (督办, SLA-6): a phone complaint of a county bureau, received two days
 * ago, is past its 24-hour forwarding limit (SLA-5). The city bureau's supervisor sees it on the
 * board under level 1 and the county, urges, then takes the case over to the city.
 */
describe('a supervisor sees an overdue case of a unit below, urges and takes it over', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;
  let city: { id: string };
  let county: { id: string };
  let c: { id: string; trackingNo: string };

  beforeAll(async () => {
    web = await startWeb();
    const unit = async (name: string, parent?: string) =>
      (await (await web.adminApi('POST', '/admin/org-units', { name, ...(parent ? { parent } : {}) })).json()) as {
        id: string;
      };
    city = await unit('督办测试市局');
    county = await unit('督办测试县局', city.id);
    const clerk = await web.staff('sv-clerk', ['customer-service']);
    const supervisorRes = await web.adminApi('POST', '/admin/users', {
      username: 'sv-boss',
      displayName: '市局督办员',
      password: 'sv-boss-pass-1234',
      grants: [{ role: 'customer-service-manager', orgUnit: city.id }],
    });
    expect(supervisorRes.status).toBe(201);
    const asClerk = await userApi(web.base, clerk);
    const res = await asClerk('POST', '/cases', {
      procedure: 'customer-complaint',
      kind: 'complaint',
      channel: 'phone',
      orgUnit: county.id,
      receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      subject: '县城门店拒绝退货',
      description: '电话反映：县城门店以促销商品为由拒绝七天无理由退货。',
      anonymous: false,
      submitter: { name: '李四', phone: '13900000001' },
      requestedOutcome: '按规定退货',
      affirmTruthful: true,
      fields: { orderNo: 'SO-SV-1', productName: '电饭煲', store: '县城门店' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    c = await res.json();
    page = (await web.open(1440)).page;
    await signIn(page, web.base, { username: 'sv-boss', password: 'sv-boss-pass-1234' });
  }, 300_000);
  afterAll(async () => web?.close());

  const row = (): Locator =>
    page.locator('.ant-card').filter({ hasText: '督办测试县局' }).locator('tr').filter({ hasText: c.trackingNo });

  it('the board shows the case under level 1 and the county, overdue', async () => {
    await page.goto(`${web.base}/staff/supervision`);
    await page.getByRole('heading', { name: '第 1 级单位' }).waitFor();
    await row().waitFor();
    expect(await row().getByTestId('countdown').textContent()).toMatch(/超期/);
    expect(await row().textContent()).toContain('转交客服部门');
    await shot(page, 'workbench-supervision');
  });

  async function step(name: string, note: string, kind: string) {
    await row()
      .getByRole('button', { name: buttonName(name) })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('督办意见').fill(note);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith(`/supervision/cases/${c.id}/${kind}`) && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: buttonName('提交') }).click();
    expect((await posted).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
  }

  it('urges: the case stays on the board and its timeline says 督办催办', async () => {
    await step('催办', '请今天内转交客服部门并联系投诉人。', 'urge');
    await row().waitFor();
    await page.goto(`${web.base}/staff/cases/${c.id}`);
    const urged = page.getByTestId('timeline-entry').filter({ hasText: '督办催办' });
    await urged.waitFor();
    expect(await urged.textContent()).toContain('请今天内转交客服部门并联系投诉人。');
  });

  it('takes over: the case moves to the city, leaves the board, and the supervisor is responsible', async () => {
    await page.goto(`${web.base}/staff/supervision`);
    await row().waitFor();
    await step('接管', '超期未转交，由市局直接办理。', 'take-over');
    await expect.poll(() => row().count(), { timeout: 30_000 }).toBe(0);
    await page.goto(`${web.base}/staff/cases/${c.id}`);
    await page.getByTestId('timeline-entry').filter({ hasText: '督办接管' }).waitFor();
    await shot(page, 'workbench-case-taken-over');
    const narrow = await web.open(375);
    await signIn(narrow.page, web.base, { username: 'sv-boss', password: 'sv-boss-pass-1234' });
    await narrow.page.goto(`${web.base}/staff/supervision`);
    await narrow.page.getByRole('heading', { name: '督办' }).waitFor();
    expect(await overflowX(narrow.page)).toBeLessThanOrEqual(0);
  });
});
