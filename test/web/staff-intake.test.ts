import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, overflowX, shot, signIn, startWeb, type WebEnv } from './support.ts';

/** The local wall-clock time in Asia/Shanghai (the app's zone) as a datetime-local value and as "YYYY-MM-DD HH:mm". */
function shanghai(ms: number): { input: string; shown: string } {
  const local = new Date(ms + 8 * 3600_000).toISOString();
  const shown = `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  return { input: shown, shown };
}

/**
 * Issue 6, staff intake (INT-1, INT-3, SLA-5): a store's service desk registers a phone complaint
 * taken earlier today with the real time it was received; the 24-hour limit to forward it to
 * customer service runs from that time, not from when it was typed in. The agent's grant is held
 * in the store (a unit outside any intake unit another file sets for customer complaints), as a
 * company sets it up: a complaint registered in 客服部 itself has nothing to forward (issue 17).
 */
describe('staff intake of a phone case with the real received time', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;

  beforeAll(async () => {
    web = await startWeb();
    const store = await web.unit('客服测试公司门店', await web.unit('客服测试公司'));
    const agent = await web.staff('hotline-wang', ['customer-service'], store);
    page = (await web.open(1440)).page;
    await signIn(page, web.base, agent);
  }, 300_000);
  afterAll(async () => web?.close());

  it('registers the case; its deadline counts from the received time', async () => {
    // Earlier today in Shanghai: two hours ago, or one minute after local midnight if that is later.
    const now = Date.now();
    const midnight = Date.parse(`${shanghai(now).input.slice(0, 10)}T00:00:00+08:00`);
    const received = Math.floor(Math.max(now - 2 * 3600_000, midnight + 60_000) / 60_000) * 60_000;
    expect(now - received).toBeGreaterThan(0);

    await page.goto(`${web.base}/staff/intake`);
    await choose(page, page, '流程', '顾客投诉处理');
    const form = page.locator('form#staff-intake');
    await form.waitFor();
    await choose(page, form, '来源渠道', '电话');
    // #18: antd's date-and-time picker in Chinese, not the browser's "mm/dd/yyyy, --:--".
    const receivedAt = form.getByLabel('实际收到时间');
    expect(await receivedAt.getAttribute('type')).not.toBe('datetime-local');
    await receivedAt.click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').getByText('此刻').waitFor();
    await receivedAt.fill(shanghai(received).input);
    await page.keyboard.press('Enter');
    expect(await receivedAt.inputValue()).toBe(shanghai(received).input);
    await form.getByLabel('标题').fill('热线：空调安装后漏水');
    await form.getByLabel('具体情况').fill('来电人称上周安装的空调今天早上开始漏水，地板已泡坏。');
    await form.getByLabel('诉求').fill('上门维修并赔偿地板');
    await form.getByLabel('姓名').fill('赵六');
    await form.getByLabel('联系电话').fill('13700000002');
    await form.getByLabel(/本人承诺/).check();
    await shot(page, 'workbench-intake');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST');
    await form.getByRole('button', { name: /登\s*记/ }).click();
    const res = await posted;
    expect(res.status(), await res.text()).toBe(201);

    await page.getByTestId('case-subject').waitFor();
    expect(await page.getByText(shanghai(received).shown).count()).toBeGreaterThan(0);
    const due = page.getByTestId('deadline-forwarding').getByTestId('due-at');
    expect(await due.textContent()).toContain(shanghai(received + 24 * 3600_000).shown);
    // Counted from now it would be later by the time between receiving and typing.
    if (now - received >= 120_000) expect(await due.textContent()).not.toContain(shanghai(now + 24 * 3600_000).shown);
    expect(await page.getByTestId('timeline-action').first().textContent()).toBe('提交登记');
    await shot(page, 'workbench-case-phone');
  });

  it('the intake form fits a phone screen', async () => {
    const narrow = await web.open(375);
    await signIn(narrow.page, web.base, { username: 'hotline-wang', password: 'hotline-wang-pass-1234' });
    await narrow.page.goto(`${web.base}/staff/intake`);
    await narrow.page.getByLabel('流程').waitFor();
    expect(await overflowX(narrow.page)).toBeLessThanOrEqual(0);
  });
});
