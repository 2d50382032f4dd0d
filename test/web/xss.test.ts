import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCaseFromInbox, openTracking, shot, signIn, startWeb, submitOnPortal, type WebEnv } from './support.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned = 1; alert(2)</script>';

/**
 * Issue 6, scenario 5: free text holding markup is shown as text everywhere — portal tracking
 * page, inbox, case page, messages — and never runs (no dialog, no injected element).
 */
describe('free text with markup renders as text', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let phone: Page;
  let desk: Page;
  let access: { trackingNo: string; receipt: string };
  const dialogs: string[] = [];

  async function assertInert(page: Page) {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('script')].some((s) => s.textContent?.includes('__pwned')),
      ),
    ).toBe(false);
    expect(dialogs).toEqual([]);
  }

  beforeAll(async () => {
    web = await startWeb();
    const handler = await web.staff('jb-zhou', ['handler']);
    phone = (await web.open(375)).page;
    desk = (await web.open(1440)).page;
    for (const page of [phone, desk])
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    await signIn(desk, web.base, handler);
  }, 300_000);
  afterAll(async () => web?.close());

  it('the portal shows the submitted markup as text on the tracking page', async () => {
    access = await submitOnPortal(phone, web.base, {
      procedureName: '网页测试举报',
      subject: IMG,
      description: `${SCRIPT} 以及 ${IMG}`,
      anonymous: true,
      extra: async (page) => page.locator('form#intake').getByLabel('涉及部门').fill(SCRIPT),
    });
    await openTracking(phone, web.base, access);
    await phone.getByText(IMG, { exact: true }).first().waitFor();
    await assertInert(phone);
  });

  it('the inbox and the case page show it as text, and so does a message both ways', async () => {
    await desk.goto(`${web.base}/staff`);
    await desk.getByText(IMG, { exact: true }).first().waitFor();
    await assertInert(desk);
    await openCaseFromInbox(desk, web.base, access.trackingNo);
    expect(await desk.getByTestId('case-subject').textContent()).toBe(IMG);
    expect(await desk.getByTestId('case-description').textContent()).toBe(`${SCRIPT} 以及 ${IMG}`);
    await desk.locator('form#staff-message').getByLabel('留言内容').fill(SCRIPT);
    await desk.locator('form#staff-message').getByRole('button', { name: '发送给投诉人' }).click();
    await desk.getByTestId('timeline-entry').filter({ hasText: '__pwned' }).first().waitFor();
    await shot(desk, 'workbench-case-markup');
    await assertInert(desk);

    await openTracking(phone, web.base, access);
    await expect
      .poll(() => phone.getByTestId('message').allTextContents(), { timeout: 60_000 })
      .toEqual([expect.stringContaining(SCRIPT)]);
    await assertInert(phone);
  });
});
