import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import {
  act,
  buttonName,
  openCaseFromInbox,
  openTracking,
  shot,
  signIn,
  startWeb,
  submitOnPortal,
  type WebEnv,
} from './support.ts';

/**
 * Issue 6, scenario 2: an anonymous report (INT-2) submitted on the portal, a message exchanged
 * both ways between the handler and the reporter who has only the receipt, and an appeal filed
 * against the answer (APL-1).
 */
describe('an anonymous report with messages both ways and an appeal', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let phone: Page;
  let desk: Page;
  let access: { trackingNo: string; receipt: string };
  let second: { username: string; password: string };

  beforeAll(async () => {
    web = await startWeb();
    const handler = await web.staff('jb-zhao', ['handler']);
    second = await web.staff('jb-qian', ['handler']);
    phone = (await web.open(375)).page;
    desk = (await web.open(1440)).page;
    await signIn(desk, web.base, handler);
  }, 300_000);
  afterAll(async () => web?.close());

  it('INT-2: the report is submitted anonymously; the workbench shows no identity', async () => {
    access = await submitOnPortal(phone, web.base, {
      procedureName: '网页测试举报',
      subject: '采购部经理收受回扣',
      description: '采购部经理在供应商招标中收受回扣，金额较大。',
      anonymous: true,
      extra: async (page) => page.locator('form#intake').getByLabel('涉及部门').fill('采购部'),
    });
    expect(access.trackingNo).toMatch(/^JB-/);
    await openCaseFromInbox(desk, web.base, access.trackingNo);
    expect(await desk.getByText('匿名', { exact: true }).count()).toBeGreaterThan(0);
    expect(await desk.getByRole('button', { name: '显示身份' }).count()).toBe(0);
  });

  it('CON-2: the handler writes to the reporter, who reads it and answers with the receipt', async () => {
    // #18 canned replies: the message starts from a template, filled in from the case (an
    // anonymous reporter is 投诉人); what is sent is the rendered text. Removed at once, so the
    // other files' pages of this procedure offer none.
    const made = await web.adminApi('POST', '/admin/canned-replies', {
      procedureId: 'web-report',
      title: '询问细节',
      body: '{{submitterName}}您好，关于 {{trackingNo}}：请问回扣是现金还是转账？',
    });
    expect(made.status).toBe(201);
    await desk.reload();
    const form = desk.locator('form#staff-message');
    await form.getByLabel('常用回复').click();
    await desk
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '询问细节' })
      .first()
      .click();
    await expect
      .poll(() => form.getByLabel('留言内容').inputValue())
      .toBe(`投诉人您好，关于 ${access.trackingNo}：请问回扣是现金还是转账？`);
    expect((await web.adminApi('DELETE', `/admin/canned-replies/${(await made.json()).id}`)).status).toBe(204);
    const sent = desk.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await desk.locator('form#staff-message').getByRole('button', { name: '发送给投诉人' }).click();
    expect((await sent).status()).toBe(201);

    await openTracking(phone, web.base, access);
    await expect
      .poll(() => phone.getByTestId('message').allTextContents(), { timeout: 60_000 })
      .toEqual([expect.stringContaining('请问回扣是现金还是转账？')]);
    await phone.locator('form#message').getByLabel('给处理人员留言').fill('是银行转账，我有转账截图。');
    const answered = phone.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await phone
      .locator('form#message')
      .getByRole('button', { name: buttonName('发送') })
      .click();
    expect((await answered).status()).toBe(201);
    await expect.poll(() => phone.getByTestId('message').count(), { timeout: 60_000 }).toBe(2);
    await shot(phone, 'portal-messages-375');

    await desk.reload();
    await desk.getByText('是银行转账，我有转账截图。').first().waitFor();
  });

  it('APL-1: after the answer the reporter appeals from the tracking page', async () => {
    await act(desk, '答复举报人', 'answer', async (form) =>
      form.getByLabel('答复内容').fill('经调查，未发现收受回扣的证据。'),
    );
    // 已答复 ends this procedure's case: the handler is back in the queue (#18), and the state is
    // read where the reporter reads it (reading the case page raced that return).
    await desk.waitForURL(/\/staff(\?|$)/);

    await openTracking(phone, web.base, access);
    expect(await phone.getByTestId('status').textContent()).toBe('已答复');
    await phone.getByText('经调查，未发现收受回扣的证据。').first().waitFor();
    await phone.locator('.ant-collapse-header').filter({ hasText: '申诉' }).click();
    // The reasons must be in the field when 提交 is pressed: a full run once timed out here waiting
    // for the POST (seen once, not reproduced alone), which an empty field refused by the form's own
    // rule would explain. What the form says is printed if the POST still does not come.
    const reasons = phone.locator('form#appeal').getByLabel('申诉理由');
    const text = '调查没有询问财务部门，转账记录可以证明。';
    await expect
      .poll(async () => {
        if ((await reasons.inputValue()) !== text) await reasons.fill(text);
        return reasons.inputValue();
      })
      .toBe(text);
    // Once in a clean-clone CI run (session 22) a click sent nothing for 60 s although the field
    // held the reason; the cause was not found (a form mounted again after the fill would submit an
    // empty reason, which the page refuses before sending). So, as the reporter would, fill again
    // and click again when no request has gone out within 10 s: never twice once one has gone out.
    const submitButton = phone.locator('form#appeal').getByRole('button', { name: buttonName('提交') });
    let res: Response | null = null;
    for (let attempt = 0; attempt < 4 && !res; attempt++) {
      if ((await reasons.inputValue()) !== text) await reasons.fill(text);
      const sent = phone
        .waitForRequest((r) => r.url().endsWith('/appeal') && r.method() === 'POST', { timeout: 10_000 })
        .catch(() => null);
      await submitButton.click();
      res = (await (await sent)?.response()) ?? null;
    }
    if (!res) {
      const form = await phone
        .locator('form#appeal')
        .textContent()
        .catch(() => '(no form#appeal)');
      throw new Error(
        `no POST …/appeal went out after four clicks; the form reads: ${form}; the field holds: ${await reasons.inputValue().catch(() => '?')}`,
      );
    }
    expect(res.status()).toBe(201);
    const appealNo = (await res.json()).trackingNo as string;
    expect(appealNo).toMatch(/^SS-/);
    await phone.getByText('申诉已提交').waitFor();
    await shot(phone, 'portal-appeal-375');

    // The appeal is a case of its own, for a handler who did not decide the original (APL-4).
    const other = (await web.open(1440)).page;
    await signIn(other, web.base, second);
    await openCaseFromInbox(other, web.base, appealNo);
    expect(await other.getByTestId('case-subject').textContent()).toBe('申诉：采购部经理收受回扣');
    await other.getByText('调查没有询问财务部门，转账记录可以证明。').first().waitFor();
  });
});
