import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchFresh, startWeb, submitOnPortal, userApi, type WebEnv } from './support.ts';

/**
 * Issue 16 (INT-2, S8 一(二)): a consumer's complaint to the market regulator chooses its county
 * bureau on the portal, and lands in that bureau's inbox — not in nobody's.
 */
describe('a portal complaint to market supervision chooses its county bureau', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;
  const county = { id: '' };

  beforeAll(async () => {
    web = await startWeb();
    const unit = async (name: string, parent?: string) =>
      (await (await web.adminApi('POST', '/admin/org-units', { name, ...(parent ? { parent } : {}) })).json()) as {
        id: string;
      };
    const city = await unit('触达测试市局');
    county.id = (await unit('触达测试甲县局', city.id)).id;
    await unit('触达测试乙县局', city.id);
    const res = await web.adminApi('POST', '/admin/users', {
      username: 'reach-registrar',
      displayName: '甲县局登记员',
      password: 'reach-registrar-pass-1234',
      grants: [{ role: 'bureau-registrar', orgUnit: county.id }],
    });
    expect(res.status).toBe(201);
    page = (await web.open(1280)).page;
  }, 300_000);
  afterAll(async () => web?.close());

  it('the unit chooser offers the bureaus; the case reaches the chosen bureau’s inbox', async () => {
    const { trackingNo } = await submitOnPortal(page, web.base, {
      procedureName: '市场监管投诉处理',
      subject: '超市出售过期酸奶',
      description: '在某超市购买的酸奶已过保质期三天，要求退款并赔偿。',
      anonymous: false,
      name: '赵六',
      phone: '13900000016',
      requestedOutcome: '退款并赔偿',
      respondent: '某超市',
      extra: async (p) => {
        const form = p.locator('form#intake');
        // #27: one native select per level of the unit tree (the cascader was antd's).
        await form.getByLabel('受理单位', { exact: true }).selectOption({ label: '触达测试市局' });
        await form.getByLabel('受理单位（第 2 级）').selectOption({ label: '触达测试甲县局' });
        await form.getByLabel(/是否同意公示/).check();
      },
    });
    const asRegistrar = await userApi(web.base, { username: 'reach-registrar', password: 'reach-registrar-pass-1234' });
    const list = await searchFresh(asRegistrar, trackingNo);
    expect(list.items.map((i: { trackingNo: string }) => i.trackingNo)).toEqual([trackingNo]);
    const detail = await (await asRegistrar('GET', `/cases/${list.items[0].id}`)).json();
    expect(detail.orgUnitId).toBe(county.id);
  });
});
