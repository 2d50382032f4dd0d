import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, openCaseFromInbox, shot, signIn, startWeb, submitOnPortal, type WebEnv } from './support.ts';

/**
 * Issue 6, scenario 4 (SLA-1): a 40-working-day deadline that reaches into 2027 is provisional
 * while the calendar does not cover 2027; an admin adds the year's days off in the admin pages,
 * and the deadline moves and is no longer provisional.
 */
describe('an admin adds a year of holidays and a provisional deadline changes', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let desk: Page;
  let admin: Page;
  let trackingNo: string;
  let dueBefore: string;

  beforeAll(async () => {
    web = await startWeb();
    const handler = await web.staff('jb-sun', ['handler']);
    desk = (await web.open(1440)).page;
    admin = (await web.open(1440)).page;
    await signIn(desk, web.base, handler);
    await signIn(admin, web.base, { username: 'admin', password: ADMIN_PASSWORD });
    const phone = (await web.open(375)).page;
    ({ trackingNo } = await submitOnPortal(phone, web.base, {
      procedureName: '网页测试举报',
      subject: '仓库账实不符',
      description: '仓库盘点账实不符，疑有人私自出货。',
      anonymous: true,
    }));
  }, 300_000);
  afterAll(async () => web?.close());

  it('the deadline in the uncovered year is shown as provisional', async () => {
    await admin.goto(`${web.base}/staff/admin`);
    await admin.getByRole('tab', { name: '工作日历' }).click();
    await admin.getByTestId('years-covered').waitFor();

    await openCaseFromInbox(desk, web.base, trackingNo);
    const deadline = desk.getByTestId('deadline-answer');
    expect(await deadline.getByTestId('provisional').count()).toBe(1);
    dueBefore = (await deadline.getByTestId('due-at').textContent())!;
    // 40 working days from today reach a year the built-in calendar (through 2026) does not cover.
    expect(Number(/(\d{4})-\d{2}-\d{2}/.exec(dueBefore)![1])).toBeGreaterThanOrEqual(2027);
  });

  it('the admin imports the year with a week of days off before the deadline; it moves later and is final', async () => {
    // The seven days before the provisional due date become days off, so it must move.
    const due = /(\d{4}-\d{2}-\d{2})/.exec(dueBefore)![1];
    const year = due.slice(0, 4);
    const daysOff = [1, 2, 3, 4, 5, 6, 7]
      .map((n) => new Date(Date.parse(`${due}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10))
      .filter((d) => d.startsWith(year));
    expect(await admin.getByTestId('years-covered').textContent()).not.toContain(year);
    const form = admin.locator('form#calendar');
    await form.getByLabel('依据').fill(`国务院办公厅关于${year}年部分节假日安排的通知（测试）`);
    await form.getByLabel('完整覆盖的年份').fill(year);
    await form.getByLabel('日期', { exact: true }).fill(daysOff.map((d) => `${d},off,测试假期`).join('\n'));
    await shot(admin, 'admin-calendar');
    const posted = admin.waitForResponse((r) => r.url().endsWith('/admin/calendar') && r.request().method() === 'POST');
    await form.getByRole('button', { name: /导\s*入/ }).click();
    expect((await posted).status()).toBe(200);
    await expect.poll(() => admin.getByTestId('years-covered').textContent(), { timeout: 60_000 }).toContain(year);

    await desk.reload();
    const deadline = desk.getByTestId('deadline-answer');
    await deadline.waitFor();
    const dueAfter = (await deadline.getByTestId('due-at').textContent())!;
    expect(dueAfter).not.toBe(dueBefore);
    expect(dueAfter.replace(/\D/g, '') > dueBefore.replace(/\D/g, '')).toBe(true);
    expect(await deadline.getByTestId('provisional').count()).toBe(0);
    await shot(desk, 'workbench-case-recomputed');
  });
});
