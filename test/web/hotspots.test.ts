import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overflowX, shot, signIn, startWeb, userApi, type WebEnv } from './support.ts';

/**
 * Issue 21, 热点: seven complaints about one shop in a day, where there were none before, are a
 * hotspot. A manager of the company sees it on the supervision board and the statistics screen,
 * and the cases behind it are one click away. Grants are held in units, as a company sets them up:
 * the desk in a store, the manager in the company above it.
 */
describe('a hotspot on the supervision board and the statistics screen', { timeout: 600_000 }, () => {
  let web: WebEnv;
  const shop = '热点测试好邻居便利店';
  const tracking: string[] = [];
  const manager = { username: 'hot-manager', password: 'hot-manager-pass-1234' };

  beforeAll(async () => {
    web = await startWeb();
    const company = await web.unit('热点测试公司');
    const store = await web.unit('热点测试公司门店', company);
    const clerk = await web.staff('hot-clerk', ['customer-service'], store);
    await web.staff(manager.username, ['customer-service-manager'], company);
    const asClerk = await userApi(web.base, clerk);
    for (let i = 0; i < 7; i++) {
      const res = await asClerk('POST', '/cases', {
        procedure: 'customer-complaint',
        kind: 'complaint',
        channel: 'phone',
        subject: `便利店过期食品 ${i + 1}`,
        description: '来电反映在好邻居便利店买到过期的牛奶，店员不肯退。',
        anonymous: false,
        submitter: { name: `顾客${i + 1}`, phone: `1390000${String(1000 + i)}` },
        respondents: [{ name: shop, type: 'business' }],
        requestedOutcome: '退款',
        affirmTruthful: true,
        fields: { orderNo: `SO-HOT-${i}`, productName: '牛奶', store: '好邻居' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      tracking.push((await res.json()).trackingNo);
    }
  }, 300_000);
  afterAll(async () => web?.close());

  it('1440 px: the board names the shop with its count; a row opens its cases, one of them opens', async () => {
    const { page } = await web.open(1440);
    await signIn(page, web.base, manager);
    await page.goto(`${web.base}/staff/supervision`);
    const card = page.getByTestId('hotspots');
    const row = card.locator('tr').filter({ hasText: shop });
    await row.waitFor();
    expect(await row.textContent()).toContain('被投诉方');
    expect(await row.textContent()).toMatch(/7 件/);
    await row.click();
    const cases = card.getByTestId('hotspot-cases');
    await cases.getByRole('link', { name: tracking[6] }).waitFor();
    await shot(page, 'workbench-hotspots');
    await cases.getByRole('link', { name: tracking[6] }).click();
    expect(await page.getByTestId('case-subject').textContent()).toBe('便利店过期食品 7');
  });

  it('375 px: the statistics screen shows it too and fits the phone', async () => {
    const { page } = await web.open(375);
    await signIn(page, web.base, manager);
    await page.goto(`${web.base}/staff/stats`);
    await page.getByTestId('hotspots').locator('tr').filter({ hasText: shop }).waitFor();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });

  it('a handler without a manager role sees no hotspots card', async () => {
    const { page } = await web.open(1440);
    await signIn(page, web.base, { username: 'hot-clerk', password: 'hot-clerk-pass-1234' });
    await page.goto(`${web.base}/staff/supervision`);
    await page.getByRole('heading', { name: '督办' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('hotspots').count()).toBe(0);
  });
});
