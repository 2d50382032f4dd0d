import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, shot, signIn, startWeb, userApi, type WebEnv } from './support.ts';

const FRIDGE = [
  ['冰箱不制冷', '上个月买的冰箱用了三周就不制冷了，冷藏室跟常温一样'],
  ['冰箱质量太差', '冰箱压缩机一直响，冷冻室也不冻了，才买的'],
  ['冰箱坏了', '冰箱不制冷，里面的菜都坏了，要求换货'],
  ['冷柜不冷', '新买的冷柜不制冷，压缩机不启动，质量有问题'],
  ['冰箱漏水', '冰箱冷藏室底下老是有水，也不太制冷，质量太差'],
];
const PARCEL = [
  ['快递一直不送', '订单显示已到站五天了一直没派送，快递电话也没人接'],
  ['送货不上楼', '送货的把东西放在楼下就走了，配送说好的送货上门'],
  ['快递签收了没收到', '物流显示已签收，我根本没收到快递'],
  ['配送超时', '下单写的当日达，三天了快递还没送到'],
  ['物流不更新', '物流信息一个礼拜没更新，快递一直显示运输中'],
];

/**
 * Issue 21 in the browser: a customer-service desk (its grant held in its own unit) has closed
 * complaints about fridges and about parcels. A phone complaint registered at the desk is a fridge
 * one from a customer whose complaint is already open: the case page suggests 产品质量 with the words
 * that drove it, and names the open complaint as a possible duplicate. Each takes one click.
 */
describe('triage suggestions and a possible duplicate on the case page (issue 21)', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;
  let original: { id: string; trackingNo: string };
  const clerk = { username: 'triage-kf', password: 'triage-kf-pass-1234' };
  const phone = '13800005678';

  beforeAll(async () => {
    web = await startWeb();
    const company = await web.unit('分诊测试公司');
    const desk = await web.unit('分诊测试公司客服部', company);
    await web.staff(clerk.username, ['customer-service'], desk);
    const api = await userApi(web.base, clerk);
    const register = async (subject: string, description: string, extra: Record<string, unknown> = {}) => {
      const res = await api('POST', '/cases', {
        procedure: 'customer-complaint',
        kind: 'complaint',
        channel: 'phone',
        subject,
        description,
        anonymous: false,
        submitter: { name: '顾客', phone: '13900000000' },
        requestedOutcome: '尽快处理',
        affirmTruthful: true,
        fields: { orderNo: 'SO-TRIAGE', productName: '商品', store: '门店' },
        ...extra,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string; trackingNo: string };
    };
    // What the desk learns from: five of each, ended in their category (closed as not accepted).
    const anchor = await register('其他问题', '咨询发票开具');
    const learned = [
      ...(await Promise.all(FRIDGE.map(([s, d]) => register(s!, d!, { category: 'product-quality' })))),
      ...(await Promise.all(PARCEL.map(([s, d]) => register(s!, d!, { category: 'delivery' })))),
    ];
    const closed = await api('POST', '/cases/bulk', {
      op: 'close-duplicate',
      caseIds: learned.map((c) => c.id),
      of: anchor.trackingNo,
      note: '重复投诉，已合并处理。',
    });
    expect(closed.status, await closed.clone().text()).toBe(200);
    // The customer's complaint that is still open.
    original = await register('买的冰箱不制冷', '冰箱买了不到一个月就不制冷了，要求换一台', {
      submitter: { name: '周先生', phone },
    });
    page = (await web.open(1440)).page;
    await signIn(page, web.base, clerk);
  }, 300_000);
  afterAll(async () => web?.close());

  it('registers the repeat call; the case page suggests 产品质量 and one click fills it', async () => {
    await page.goto(`${web.base}/staff/intake`);
    await choose(page, page, '流程', '顾客投诉处理');
    const form = page.locator('form#staff-intake');
    await form.waitFor();
    await choose(page, form, '来源渠道', '电话');
    await form.getByLabel('标题').fill('冰箱又不制冷了');
    await form.getByLabel('具体情况').fill('上次反映的冰箱还是不制冷，买了不到一个月，要求换一台');
    await form.getByLabel('诉求').fill('换货');
    await form.getByLabel('姓名').fill('周先生');
    await form.getByLabel('联系电话').fill(phone);
    await form.getByLabel(/本人承诺/).check();
    await form.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByTestId('case-subject').waitFor();

    // The desk's model is small: the closings above count at once, not after a background rebuild.
    const suggestion = page.getByTestId('next-step').getByTestId('suggestion-category');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('产品质量');
    expect(await suggestion.textContent()).toMatch(/冰箱|制冷/);
    await suggestion.getByRole('button', { name: '采用' }).click();
    expect(
      await page
        .getByTestId('next-step')
        .locator('.ant-select-content, .ant-select-selection-item')
        .first()
        .textContent(),
    ).toContain('产品质量');
    await shot(page, 'workbench-triage-suggestion');
  });

  it('names the open complaint of the same customer; one click merges this one into it (MS-12)', async () => {
    const row = page.getByTestId('similar-cases').getByTestId('similar-case').filter({ hasText: original.trackingNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('同一投诉人');
    await shot(page, 'workbench-triage-similar');
    const merged = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/cases/bulk') && r.request().method() === 'POST',
    );
    await row.getByRole('button', { name: '合并为重复投诉' }).click();
    expect((await merged).status()).toBe(200);
    await page.getByTestId('status').filter({ hasText: '不予受理' }).waitFor();
    expect(await page.locator('.linked-cases').textContent()).toContain(original.trackingNo);
  });
});
