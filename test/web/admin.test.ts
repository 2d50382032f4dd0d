import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, buttonName, choose, overflowX, shot, signIn, startWeb, type WebEnv } from './support.ts';
import { demoProcedureYaml } from '../support/demo-procedure.ts';

/** A procedure only this scenario uploads: the other browser scenarios' procedures never change. */
const DEMO = demoProcedureYaml('web-admin-demo', 1, { zh: '管理测试流程', en: 'Admin demo' });

/**
 * Issue 6, admin pages: a procedure version with an error is refused with the problem shown next
 * to the text at its line; fixed, it is uploaded and listed; a category added makes the next
 * version; an API token is shown once, works against the API, and after revoking answers 401.
 */
describe('admin: procedures, categories, users and API tokens', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;

  beforeAll(async () => {
    web = await startWeb();
    await web.staff('tok-reporter', ['customer-service']);
    page = (await web.open(1440)).page;
    await signIn(page, web.base, { username: 'admin', password: ADMIN_PASSWORD });
  }, 300_000);
  afterAll(async () => web?.close());

  const yamlBox = () => page.getByLabel('流程定义（YAML）');

  it('a definition with an error is refused; the problem is listed with its line and path, and the line is marked', async () => {
    await page.goto(`${web.base}/staff/admin?tab=procedures`);
    await page.getByTestId('latest-customer-complaint').waitFor();
    const broken = DEMO.replace('to: done', 'to: nowhere');
    const badLine = broken.split('\n').findIndex((l) => l.includes('to: nowhere')) + 1;
    await yamlBox().fill(broken);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/admin/procedures') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: buttonName('上传') }).click();
    expect((await posted).status()).toBe(400);
    const issue = page.getByTestId('upload-issue');
    await issue.first().waitFor();
    expect(await issue.count()).toBe(1);
    const text = (await issue.textContent())!;
    expect(text).toContain(`第 ${badLine} 行`);
    expect(text).toContain('actions[0](finish).to');
    expect(text).toContain('unknown state "nowhere"');
    expect(text).toContain('to: nowhere'); // the offending line, quoted beside the list
    // The gutter marks the line; choosing the problem selects that line in the text.
    expect(await page.locator('.yaml-gutter-error').textContent()).toBe(String(badLine));
    await issue.getByRole('button', { name: `第 ${badLine} 行` }).click();
    const selected = await yamlBox().evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected.trim()).toBe('to: nowhere');
    await shot(page, 'admin-procedures-error');
    // Nothing was stored.
    expect(await page.getByTestId('latest-web-admin-demo').count()).toBe(0);
  });

  it('fixed, it validates, uploads, and is listed with its definition viewable', async () => {
    await yamlBox().fill(DEMO);
    await page.getByRole('button', { name: buttonName('校验') }).click();
    await page.getByTestId('upload-valid').waitFor();
    expect(await page.getByTestId('upload-issue').count()).toBe(0);
    expect(await page.getByTestId('latest-web-admin-demo').count()).toBe(0);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/admin/procedures') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: buttonName('上传') }).click();
    expect((await posted).status()).toBe(201);
    await page.getByTestId('latest-web-admin-demo').waitFor();
    expect(await page.getByTestId('latest-web-admin-demo').textContent()).toBe('v1');
    // The same number again is refused with a clear message.
    await page.getByRole('button', { name: buttonName('上传') }).click();
    await page.getByRole('alert').filter({ hasText: '版本号须大于当前最新版本 1' }).waitFor();
    const row = page.getByTestId('procedure-list').locator('tr').filter({ hasText: 'web-admin-demo' });
    await row.getByRole('button', { name: 'v1' }).click();
    const definition = page.getByTestId('definition');
    await definition.waitFor();
    expect(await definition.textContent()).toContain('管理测试流程');
    await shot(page, 'admin-procedure-definition');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: buttonName('关闭') })
      .click();
    await shot(page, 'admin-procedures');
  });

  it('#18 canned replies: one for the uploaded procedure is added, listed, changed and deleted', async () => {
    await page.goto(`${web.base}/staff/admin?tab=canned`);
    const form = page.locator('form#canned-reply');
    await form.waitFor();
    await choose(page, form, '适用流程', '管理测试流程');
    await form.getByLabel('标题').fill('受理告知');
    await form.getByLabel('内容').fill('{{submitterName}}您好，您的投诉 {{trackingNo}} 已受理。');
    const call = (method: string) =>
      page.waitForResponse((r) => r.url().includes('/admin/canned-replies') && r.request().method() === method);
    const added = call('POST');
    await form.getByRole('button', { name: buttonName('添加') }).click();
    expect((await added).status()).toBe(201);
    const row = page.locator('tr').filter({ hasText: '受理告知' });
    await row.waitFor();
    expect(await row.textContent()).toContain('管理测试流程');
    expect(await row.textContent()).toContain('全公司');
    await row.getByRole('button', { name: buttonName('编辑') }).click();
    await expect.poll(() => form.getByLabel('内容').inputValue()).toContain('{{trackingNo}}');
    await form.getByLabel('标题').fill('受理告知（新）');
    const changed = call('PUT');
    await form.getByRole('button', { name: buttonName('保存') }).click();
    expect((await changed).status()).toBe(200);
    const renamed = page.locator('tr').filter({ hasText: '受理告知（新）' });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: buttonName('删除') }).click();
    const removed = call('DELETE');
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: buttonName('删除') })
      .click();
    expect((await removed).status()).toBe(204);
    await renamed.waitFor({ state: 'detached' });
    const left = (await (await web.adminApi('GET', '/admin/canned-replies')).json()).items;
    expect(left.filter((c: { procedureId: string }) => c.procedureId === 'web-admin-demo')).toEqual([]);
  });

  it('#18 canned replies: deleting one leaves the reply being written alone (the form was cleared by any change)', async () => {
    const made = await web.adminApi('POST', '/admin/canned-replies', { title: '待删除的回复', body: '您好。' });
    expect(made.status).toBe(201);
    await page.goto(`${web.base}/staff/admin?tab=canned`);
    const form = page.locator('form#canned-reply');
    await form.getByLabel('标题').fill('正在写的回复');
    const doomed = page.locator('tr').filter({ hasText: '待删除的回复' });
    await doomed.getByRole('button', { name: buttonName('删除') }).click();
    const removed = page.waitForResponse(
      (r) => r.url().includes('/admin/canned-replies') && r.request().method() === 'DELETE',
    );
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: buttonName('删除') })
      .click();
    expect((await removed).status()).toBe(204);
    await doomed.waitFor({ state: 'detached' });
    expect(await form.getByLabel('标题').inputValue()).toBe('正在写的回复');
  });

  it('adding a category makes version 2, offered on the portal', async () => {
    await page.goto(`${web.base}/staff/admin?tab=categories`);
    await choose(page, page, '流程', '管理测试流程 (v1)');
    await page.getByTestId('category-list').getByText('噪音').waitFor();
    const form = page.locator('form#category');
    await form.getByLabel('分类编号').fill('smell');
    await form.getByLabel('中文名称').fill('异味');
    await form.getByLabel('英文名称').fill('Smell');
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/admin/procedures/web-admin-demo/categories') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: buttonName('添加') }).click();
    expect((await posted).status()).toBe(201);
    await page.getByTestId('category-list').getByText('异味').waitFor();
    expect(await page.getByTestId('category-version').textContent()).toBe('v2');
    await shot(page, 'admin-categories');
    const portal = (await (await fetch(`${web.base}/api/v1/public/procedures`)).json()) as {
      items: { id: string; categories: { label: { 'zh-CN': string } }[] }[];
    };
    expect(portal.items.find((p) => p.id === 'web-admin-demo')!.categories.map((c) => c.label['zh-CN'])).toEqual([
      '噪音',
      '异味',
    ]);
  });

  it('lists users with their grants', async () => {
    await page.goto(`${web.base}/staff/admin?tab=users`);
    const user = page.getByTestId('user-list').locator('tr').filter({ hasText: 'tok-reporter' });
    await user.waitFor();
    expect(await user.textContent()).toContain('customer-service @ 全机构');
    await shot(page, 'admin-users');
  });

  it('an API token is shown once, works with fetch, and answers 401 once revoked', async () => {
    await page.goto(`${web.base}/staff/admin?tab=tokens`);
    const form = page.locator('form#token');
    await choose(page, form, '用户', 'tok-reporter');
    await form.getByLabel('用途说明').fill('月度报表系统');
    await form.getByLabel('只读').check();
    await form.getByRole('button', { name: buttonName('创建') }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    const token = (await secret.textContent())!.trim();
    expect(token).toMatch(/^plt_/);
    expect(await page.getByTestId('new-token').textContent()).toContain('仅显示这一次');
    await shot(page, 'admin-tokens-created');

    const read = await fetch(`${web.base}/api/v1/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const write = await fetch(`${web.base}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(403);

    // Shown once: after a reload the list has it, the secret is gone.
    await page.reload();
    const row = page.getByTestId('token-list').locator('tr').filter({ hasText: '月度报表系统' });
    await row.waitFor();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    expect(await row.textContent()).toContain('只读');
    await row.getByRole('button', { name: buttonName('撤销') }).click();
    const revoked = page.waitForResponse(
      (r) => /\/admin\/tokens\/[0-9A-Z]{26}$/.test(r.url()) && r.request().method() === 'DELETE',
    );
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: buttonName('撤销') })
      .click();
    expect((await revoked).status()).toBe(204);
    await row.getByTestId('token-revoked').waitFor();
    expect((await fetch(`${web.base}/api/v1/cases`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
    await shot(page, 'admin-tokens');
  });

  it('the health check tab lists what plaint doctor finds, as the API reports it (issue 16)', async () => {
    await page.goto(`${web.base}/staff/admin?tab=doctor`);
    const verdict = page.getByTestId('doctor-verdict');
    await verdict.waitFor();
    const report = (await page.evaluate(() => fetch('/api/v1/admin/doctor').then((r) => r.json()))) as {
      ok: boolean;
      findings: { message: string }[];
    };
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(report.findings.length);
    for (const f of report.findings.slice(0, 3)) await page.getByText(f.message, { exact: true }).first().waitFor();
    expect(await verdict.textContent()).toMatch(report.ok ? /未发现问题|留意/ : /无人可办/);
    await shot(page, 'admin-doctor');
  });

  it('every admin tab fits 375 px and 1440 px without a horizontal scroll bar', async () => {
    const narrow = (await web.open(375)).page;
    await signIn(narrow, web.base, { username: 'admin', password: ADMIN_PASSWORD });
    for (const tab of ['org', 'users', 'procedures', 'categories', 'tokens', 'directory', 'calendar', 'doctor']) {
      for (const p of [narrow, page]) {
        await p.goto(`${web.base}/staff/admin?tab=${tab}`);
        await p.getByRole('tabpanel').first().waitFor();
        await p.waitForLoadState('networkidle');
        expect(await overflowX(p), `${tab} at ${p === narrow ? 375 : 1440}`).toBeLessThanOrEqual(0);
      }
    }
    await narrow.goto(`${web.base}/staff/admin?tab=procedures`);
    await narrow.getByTestId('latest-web-admin-demo').waitFor();
    await shot(narrow, 'admin-procedures-375');
  });
});
