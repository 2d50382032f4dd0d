import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCaseFromInbox, shot, signIn, startWeb, submitOnPortal, type WebEnv } from './support.ts';

/**
 * Issue 6, scenario 3 (ACC-3 recusal): a handler who is the respondent of a complaint finds it
 * neither in the inbox nor by search nor by its address, while still seeing other cases.
 */
describe('a handler who is a respondent cannot find the case', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let desk: Page;
  let wangDesk: Page;
  let about: { trackingNo: string };
  let other: { trackingNo: string };
  let aboutId: string;

  beforeAll(async () => {
    web = await startWeb();
    const li = await web.staff('cs-zhang', ['customer-service']);
    const wang = await web.staff('cs-wang', ['customer-service']);
    desk = (await web.open(1440)).page;
    wangDesk = (await web.open(1440)).page;
    await signIn(desk, web.base, li);
    await signIn(wangDesk, web.base, wang);
    const phone = (await web.open(375)).page;
    about = await submitOnPortal(phone, web.base, {
      procedureName: '顾客投诉处理',
      subject: '客服态度恶劣',
      description: '客服王经理在电话里对我大声呵斥。',
      anonymous: false,
      name: '李四',
      phone: '13900001111',
      requestedOutcome: '道歉',
      respondent: '王经理',
    });
    other = await submitOnPortal(phone, web.base, {
      procedureName: '顾客投诉处理',
      subject: '客服态度冷淡',
      description: '门店客服不理睬顾客。',
      anonymous: false,
      name: '赵六',
      phone: '13900002222',
      requestedOutcome: '改进服务',
    });
  }, 300_000);
  afterAll(async () => web?.close());

  it('before the link the colleague sees both cases', async () => {
    await wangDesk.goto(`${web.base}/staff`);
    await wangDesk.getByRole('link', { name: about.trackingNo }).waitFor();
    await wangDesk.getByRole('link', { name: other.trackingNo }).waitFor();
  });

  it("customer service links the respondent to the colleague's account", async () => {
    await openCaseFromInbox(desk, web.base, about.trackingNo);
    aboutId = new URL(desk.url()).pathname.split('/').pop()!;
    await desk.getByRole('button', { name: '关联工作人员（回避）' }).click();
    await desk.locator('form#link-respondent-0').getByLabel('用户名').fill('cs-wang');
    await desk.locator('form#link-respondent-0').getByRole('button', { name: '关联工作人员（回避）' }).click();
    await desk.getByText('已回避').waitFor();
  });

  it('the respondent finds it neither in the inbox, nor by search, nor by its address', async () => {
    await wangDesk.goto(`${web.base}/staff`);
    await wangDesk.getByRole('link', { name: other.trackingNo }).waitFor();
    expect(await wangDesk.getByRole('link', { name: about.trackingNo }).count()).toBe(0);

    const search = wangDesk.getByLabel('搜索标题、内容或编号').first();
    await search.fill(about.trackingNo);
    await search.press('Enter');
    await wangDesk.getByRole('cell', { name: '没有符合条件的案件' }).waitFor();
    await search.fill('客服态度');
    await search.press('Enter');
    await wangDesk.getByRole('link', { name: other.trackingNo }).waitFor();
    expect(await wangDesk.getByRole('link', { name: about.trackingNo }).count()).toBe(0);
    await shot(wangDesk, 'workbench-recused-search');

    await wangDesk.goto(`${web.base}/staff/cases/${aboutId}`);
    await wangDesk.getByRole('alert').waitFor();
    expect(await wangDesk.getByTestId('case-subject').count()).toBe(0);
    // The colleague who linked it still has it.
    await openCaseFromInbox(desk, web.base, about.trackingNo);
    expect(await desk.getByTestId('case-subject').textContent()).toBe('客服态度恶劣');
  });
});
