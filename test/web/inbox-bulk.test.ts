import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint } from '../support/harness.ts';
import { customerServiceDesk, overflowX, shot, signIn, userApi, type Desk } from './support.ts';

/**
 * #18 the inbox's bulk steps (RTE-2 assign, SLA-6 urge, MS-12 duplicates) at 1440 and 375 px: rows
 * ticked, one step for all, each case done or refused on its own with the reason shown.
 */
describe('bulk steps in the inbox (#18)', { timeout: 300_000 }, () => {
  let desk: Desk;
  let page: Page;
  const cases: Record<string, { id: string; trackingNo: string; receipt: string }> = {};

  const row = (trackingNo: string) => page.locator('tr.inbox-row').filter({ hasText: trackingNo });
  const tick = async (trackingNo: string) => row(trackingNo).getByRole('checkbox').check();
  const search = async (text: string) => {
    await page.goto(`${desk.web.base}/staff?q=${encodeURIComponent(text)}`);
    await page.locator('tr.inbox-row').first().waitFor();
  };

  beforeAll(async () => {
    desk = await customerServiceDesk('bulk');
    for (const key of ['a', 'b', 'c', 'first', 'dup1', 'dup2', 'news'])
      cases[key] = await desk.submit(complaint({ subject: `批量测试${key}：冰箱漏水` }));
    const handler = await userApi(desk.web.base, desk.handler);
    for (const key of ['a', 'b']) {
      const view = await (await handler('GET', `/cases/${cases[key].id}`)).json();
      const res = await handler('POST', `/cases/${cases[key].id}/actions/accept`, {
        input: { category: 'product-quality' },
        expectedVersion: view.version,
      });
      expect(res.status, await res.text()).toBe(200);
    }
    page = (await desk.web.open(1440)).page;
    await signIn(page, desk.web.base, desk.handler);
  }, 120_000);
  afterAll(async () => desk?.web.close());

  it('1440 px: names a colleague responsible for the ticked cases; one not yet accepted is refused alone', async () => {
    await search('批量测试');
    expect(await page.getByRole('button', { name: '批量催办' }).count()).toBe(0);
    for (const key of ['a', 'b', 'c']) await tick(cases[key].trackingNo);
    await page.getByTestId('bulk-bar').getByText('已选 3 件').waitFor();
    await page.getByRole('button', { name: '批量指定责任人' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('责任人').click();
    await page.locator('.ant-select-item-option').filter({ hasText: desk.colleague.username }).first().click();
    await shot(page, 'inbox-bulk-assign-1440');
    await dialog.getByRole('button', { name: '对 3 件执行' }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    expect(await results.textContent()).toContain('已完成 2 件，未完成 1 件');
    expect(await results.textContent()).toContain(cases.c.trackingNo);
    await shot(page, 'inbox-bulk-results-1440');
    await expect.poll(() => row(cases.a.trackingNo).textContent()).toContain(desk.colleague.username);
    expect(await row(cases.b.trackingNo).textContent()).toContain('已分办');
  });

  it('1440 px: closes two as duplicates of an earlier case, each linked to it (MS-12)', async () => {
    await search('批量测试');
    await tick(cases.dup1.trackingNo);
    await tick(cases.dup2.trackingNo);
    await page.getByRole('button', { name: '按重复投诉办结' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('重复的原案件编号').fill(cases.first.trackingNo);
    await dialog.getByLabel('说明（投诉人可见）').fill('与先前投诉为同一事项，已合并处理。');
    await dialog.getByRole('button', { name: '对 2 件执行' }).click();
    await page.getByTestId('bulk-results').getByText('已完成 2 件，未完成 0 件').waitFor();
    const handler = await userApi(desk.web.base, desk.handler);
    const dup = await (await handler('GET', `/cases/${cases.dup1.id}`)).json();
    expect(dup.status).toBe('rejected');
    const linked = dup.timeline.find((e: { action: string }) => e.action === 'linked');
    expect(linked.input).toMatchObject({ kind: 'duplicate', with: cases.first.trackingNo });
  });

  it('375 px: a supervisor of the company urges the ticked cases; the bar fits the phone', async () => {
    const phone = (await desk.web.open(375)).page;
    await signIn(phone, desk.web.base, desk.supervisor);
    await phone.goto(`${desk.web.base}/staff?q=${encodeURIComponent('批量测试')}`);
    const r = (no: string) => phone.locator('tr.inbox-row').filter({ hasText: no });
    await r(cases.a.trackingNo).waitFor();
    await r(cases.a.trackingNo).getByRole('checkbox').check();
    await r(cases.b.trackingNo).getByRole('checkbox').check();
    await phone.getByRole('button', { name: '批量催办' }).click();
    await phone.getByRole('dialog').getByLabel('督办意见').fill('请本周内办结');
    await shot(phone, 'inbox-bulk-urge-375');
    await phone.getByRole('dialog').getByRole('button', { name: '对 2 件执行' }).click();
    await phone.getByTestId('bulk-results').getByText('已完成 2 件，未完成 0 件').waitFor();
    expect(await overflowX(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'inbox-bulk-375');
  });

  it('1440 and 375 px: a case with a message from the submitter is bold with a dot (有新消息) until opened', async () => {
    const res = await fetch(`${desk.web.base}/api/v1/public/cases/${cases.news.trackingNo}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-receipt': cases.news.receipt },
      body: JSON.stringify({ text: '补充：冰箱背面有磕碰痕迹。', kind: 'material' }),
    });
    expect(res.status, await res.text()).toBe(201);
    await search('批量测试');
    const marked = row(cases.news.trackingNo);
    await marked.getByRole('img', { name: '有新消息' }).waitFor();
    expect(await marked.getAttribute('class')).toContain('inbox-row-unread');
    expect(await page.locator('tr.inbox-row-unread').count()).toBe(1);
    expect(await page.getByTestId('unread-count').textContent()).toBe('本页 1 件有新消息');
    await shot(page, 'inbox-unread-1440');
    const phone = (await desk.web.open(375)).page;
    await signIn(phone, desk.web.base, desk.colleague);
    await phone.goto(`${desk.web.base}/staff?q=${encodeURIComponent('批量测试')}`);
    await phone.locator('tr.inbox-row-unread').filter({ hasText: cases.news.trackingNo }).waitFor();
    await shot(phone, 'inbox-unread-375');
    const seen = page.waitForResponse((r) => r.url().endsWith(`/cases/${cases.news.id}/seen`));
    await marked.getByRole('link', { name: cases.news.trackingNo }).click();
    await page.getByTestId('case-subject').waitFor();
    expect((await seen).status()).toBe(200);
    await page.goBack();
    await row(cases.news.trackingNo).waitFor();
    await expect.poll(() => page.locator('tr.inbox-row-unread').count()).toBe(0);
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    // Opened by the handler, still new to the colleague.
    await phone.reload();
    await phone.locator('tr.inbox-row-unread').filter({ hasText: cases.news.trackingNo }).waitFor();
  });
});
