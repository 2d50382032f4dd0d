import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buttonName, openTracking, startWeb, type WebEnv } from './support.ts';

/**
 * Issue 27: the portal's submit form and tracking question are plain HTML (no antd) and keep what
 * antd's form did — the same messages in both languages, each error tied to its field, the focus
 * on the first field in error, the required marks, one case per filled-in form, attachments sent
 * with the case — and the tracking question checks its fields the same way.
 */
describe('the portal form in plain HTML (#27)', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;

  beforeAll(async () => {
    web = await startWeb();
    page = (await web.open(375)).page;
  }, 300_000);
  afterAll(async () => web?.close());

  /** The error shown for the control labelled `label`, found through its aria-describedby. */
  async function errorOf(label: string | RegExp): Promise<string | null> {
    const control = page.locator('form#intake').getByLabel(label).first();
    if ((await control.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const id = ids.find((i) => i.endsWith('_error'));
    return id ? page.locator(`#${id}`).textContent() : null;
  }

  it('an empty form is refused with antd’s messages, tied to their fields; the focus goes to the first', async () => {
    await page.goto(`${web.base}/submit/customer-complaint`);
    const form = page.locator('form#intake');
    await form.waitFor();
    expect(await page.locator('[class*="ant-"]').count()).toBe(0);
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/public/cases')) posted.push(r.url());
    });
    await form.getByRole('button', { name: buttonName('提交') }).click();
    expect(await errorOf('标题')).toBe('请填写标题');
    expect(await errorOf('具体情况')).toBe('请填写具体情况');
    expect(await errorOf('诉求')).toBe('请填写诉求'); // the procedure requires it (INT-5)
    expect(await errorOf('姓名')).toBe('请填写姓名'); // named by default
    expect(await errorOf(/本人承诺/)).toBe('请确认此项');
    expect(await errorOf('地点')).toBeNull(); // not required here
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake_subject');
    // The required mark is seen, not read: the control says aria-required.
    expect(await form.getByLabel('标题', { exact: true }).getAttribute('aria-required')).toBe('true');
    // A row of respondents must be named; white space is no name.
    await form.getByRole('button', { name: '添加被投诉对象' }).click();
    await form.getByLabel('被投诉对象名称').fill('   ');
    // Anonymous: no name asked for, so no error for it.
    await form.getByLabel('匿名').check();
    await form.getByLabel('标题').fill('测试标题');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    expect(await errorOf('被投诉对象名称')).toBe('请填写被投诉对象名称');
    expect(await form.getByLabel('姓名').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake_description');
    expect(posted).toEqual([]);
  });

  it('in English, the same checks say it in English', async () => {
    await page.evaluate(() => localStorage.setItem('plaint.lang', 'en'));
    await page.goto(`${web.base}/submit/customer-complaint`);
    const form = page.locator('form#intake');
    await form.getByRole('button', { name: 'Submit' }).click();
    expect(await errorOf('Subject')).toBe('Subject is required');
    expect(await errorOf(/I affirm/)).toBe('Please confirm');
    await page.evaluate(() => localStorage.setItem('plaint.lang', 'zh-CN'));
  });

  it('INT-5: a filled-in form with two attachments files one case; both files reach it', async () => {
    await page.goto(`${web.base}/submit/customer-complaint`);
    const form = page.locator('form#intake');
    await form.getByLabel('标题').fill('附件测试：收据和照片');
    await form.getByLabel('具体情况').fill('附上购物收据和商品照片。');
    await form.getByLabel('诉求').fill('退货');
    await form.getByLabel('建议').check(); // the kind, a radio
    await form.getByLabel('发生时间').fill('2026-11-20T10:30');
    await form.getByLabel('姓名').fill('李四');
    await form.getByLabel('联系电话').fill('13900001111');
    await form.getByLabel(/本人承诺/).check();
    await form.getByLabel(/附件/).setInputFiles([
      { name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('收据 2026-11-20') },
      { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from('照片') },
    ]);
    expect(await form.locator('.file-list li').count()).toBe(2);
    await form.getByRole('button', { name: '删除 photo.txt' }).click();
    await form
      .getByLabel(/附件/)
      .setInputFiles([{ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from('照片') }]);
    const cases: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith('/public/cases')) cases.push(r.status());
    });
    // A double click: the button is disabled while the first is sent, and the key is the form's.
    await form.getByRole('button', { name: buttonName('提交') }).dblclick();
    await page.getByTestId('tracking-no').waitFor();
    expect(cases.filter((s) => s === 201)).toHaveLength(1);
    const access = {
      trackingNo: (await page.getByTestId('tracking-no').textContent())!.trim(),
      receipt: (await page.getByTestId('receipt').textContent())!.trim(),
    };
    await openTracking(page, web.base, access);
    await page.getByText('receipt.txt').waitFor();
    await page.getByText('photo.txt').waitFor();
    expect(await page.getByTestId('timeline-action').first().textContent()).toBe('您提交了建议');
  });

  it('the tracking question checks its fields, shows the receipt on request, and says when nothing matches', async () => {
    await page.goto(`${web.base}/track`);
    const form = page.locator('form#track');
    await form.getByRole('button', { name: buttonName('查询') }).click();
    const trackingNo = form.getByLabel('查询编号');
    expect(await trackingNo.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#track_trackingNo_error').textContent()).toBe('请填写查询编号');
    expect(await page.locator('#track_receipt_error').textContent()).toBe('请填写查询码');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('track_trackingNo');
    const receipt = form.getByLabel('查询码', { exact: true });
    expect(await receipt.getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: '显示查询码' }).click();
    expect(await receipt.getAttribute('type')).toBe('text');
    await trackingNo.fill('TS-20260101-NOPE');
    await receipt.fill('not-a-receipt');
    await form.getByRole('button', { name: buttonName('查询') }).click();
    await page.getByRole('alert').filter({ hasText: '请核对后重新输入' }).waitFor();
  });
});
