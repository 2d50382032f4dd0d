import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  act,
  buttonName,
  choose,
  openCaseFromInbox,
  openTracking,
  overflowX,
  shot,
  signIn,
  startWeb,
  submitOnPortal,
  type WebEnv,
} from './support.ts';

/**
 * Issue 6, scenario 1: a named customer complaint submitted on the portal at 375 px, handled in
 * the workbench through to the written reply (RES-1, REP-1), rated on the portal (EVA-1), closed.
 */
describe('a named customer complaint in the browser, portal to workbench and back', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let phone: Page;
  let desk: Page;
  let access: { trackingNo: string; receipt: string };
  let service: { username: string; password: string };
  let warehouse: { username: string; password: string };

  beforeAll(async () => {
    web = await startWeb();
    service = await web.staff('cs-li', ['customer-service']);
    warehouse = await web.staff('warehouse-wang', ['department-handler']);
    phone = (await web.open(375)).page;
    desk = (await web.open(1440)).page;
  }, 300_000);
  afterAll(async () => web?.close());

  it('INT-1, INT-4, INT-5: the portal at 375 px generates the form from the procedure, and shows the receipt once', async () => {
    await phone.goto(web.base);
    await phone.getByRole('link', { name: '开始填写 顾客投诉处理' }).waitFor();
    expect(await overflowX(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'portal-home-375');
    // English on request, Chinese by default and back again.
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('heading', { name: 'Raise a matter' }).waitFor();
    await phone.getByRole('link', { name: 'Start Customer complaints' }).waitFor();
    await phone.getByRole('button', { name: buttonName('中文') }).click();
    await phone.getByRole('heading', { name: '我要反映' }).waitFor();
    access = await submitOnPortal(phone, web.base, {
      procedureName: '顾客投诉处理',
      subject: '新买的冰箱不制冷',
      description: '11月20日在人民路门店购买的冰箱，送货到家后第二天就不制冷了。',
      anonymous: false,
      name: '张三',
      phone: '13812345678',
      requestedOutcome: '更换一台新冰箱',
      respondent: '人民路门店',
      // The procedure's own intake fields (orderNo, productName, store) are generated from its YAML.
      extra: async (page) => {
        await page.locator('form#intake').getByLabel('订单号').fill('SO-20261120-0042');
        expect(await overflowX(page)).toBeLessThanOrEqual(0);
      },
      shotName: 'portal-submit-375',
    });
    expect(access.trackingNo).toMatch(/^TS-\d{8}-/);
    expect(access.receipt.length).toBeGreaterThan(10);
    await expect(phone.getByText('查询码只显示这一次，丢失后无法找回')).toBeTruthy();
    expect(await phone.getByRole('alert').filter({ hasText: '无法找回' }).count()).toBe(1);
    expect(await phone.getByRole('button', { name: buttonName('复制') }).count()).toBe(1);
    // #18: each code has its own copy button, is monospace and never wraps inside a group at 375 px.
    expect(await phone.getByRole('button', { name: '复制查询编号' }).count()).toBe(1);
    expect(await phone.getByRole('button', { name: '复制查询码' }).count()).toBe(1);
    for (const id of ['tracking-no', 'receipt']) {
      const box = phone.getByTestId(id);
      expect(await box.evaluate((e) => getComputedStyle(e).fontFamily)).toContain('monospace');
      for (const group of await box.locator('.code-group').all()) {
        const lines = await group.evaluate((e) => e.getClientRects().length);
        expect(lines, `${id} group wraps`).toBe(1);
      }
    }
    // #18: the customer is owed no deadline before acceptance; the internal 24-hour forwarding is not shown.
    expect(await phone.getByTestId('owed-none').count()).toBe(1);
    expect(await phone.getByText('转交客服部门').count()).toBe(0);
    expect(await phone.getByRole('button', { name: buttonName('打印') }).count()).toBe(1);
    await shot(phone, 'portal-receipt-375');
    // Shown once: a reload has no receipt to show.
    await phone.reload();
    await phone.getByText('此页面已不能再显示').waitFor();
    expect(await phone.getByTestId('receipt').count()).toBe(0);
  });

  it('the handler finds it in the inbox and takes it through acceptance, investigation, decision and the written reply', async () => {
    await signIn(desk, web.base, service);
    await desk.getByRole('link', { name: access.trackingNo }).waitFor();
    await shot(desk, 'workbench-inbox');
    await openCaseFromInbox(desk, web.base, access.trackingNo);
    // Parties masked until shown with a reason (CON-1), which the server audits.
    await expect
      .poll(() => desk.getByTestId('submitter').textContent(), { timeout: 60_000 })
      .not.toContain('13812345678');
    await shot(desk, 'workbench-case');
    await act(desk, '受理', 'accept', async (form) => choose(desk, form, '投诉类别', '产品质量'));
    await expect.poll(() => desk.getByTestId('status').textContent(), { timeout: 60_000 }).toBe('已受理');
    await act(desk, '指定责任人', 'assign', async (form) => {
      // Issue 16: a handler assigns by picking a name from the people who can act on the case.
      await choose(desk, form, '责任人', warehouse.username);
      // #18: antd's date picker in zh-CN (no browser "mm/dd/yyyy"): typed, then leaving the box takes it.
      await form.getByLabel('要求完成日期').fill('2026-12-20');
      await form.getByLabel('要求完成日期').press('Tab');
    });
    // #18: the assignee by name, at the top and in the timeline, never as an id.
    await expect
      .poll(() => desk.getByTestId('case-assignee').textContent(), { timeout: 60_000 })
      .toBe('warehouse-wang');
    const assigned = (await desk.getByTestId('timeline-entry').filter({ hasText: '指定责任人' }).textContent())!;
    expect(assigned).toContain('warehouse-wang');
    expect(assigned).not.toMatch(/[0-9A-Z]{26}/);
    await act(desk, '开始调查', 'start-investigation');
    await act(desk, '制定处理方案', 'decide', async (form) => {
      await form.getByLabel('原因分析').fill('压缩机故障');
      await choose(desk, form, '核实结论', '属实');
      await form.getByLabel('处理方案').fill('上门更换新冰箱');
    });
    await act(desk, '处理完毕', 'resolve', async (form) => form.getByLabel('处理结果').fill('已为顾客更换新冰箱'));
    // #18 canned replies: the written reply starts from a template filled in from the case (cs-li
    // may see identities: the customer's name); the handler edits it, and the edited text is stored.
    // Removed at once, so the other files' customer complaints offer none.
    const made = await web.adminApi('POST', '/admin/canned-replies', {
      procedureId: 'customer-complaint',
      title: '网页测试答复',
      body: '{{submitterName}}您好：关于 {{trackingNo}}，',
    });
    expect(made.status).toBe(201);
    await desk.reload();
    await act(desk, '书面答复', 'reply', async (form) => {
      await form.getByLabel('常用回复').click();
      await desk
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: '网页测试答复' })
        .first()
        .click();
      const box = form.getByLabel('答复内容');
      await expect.poll(() => box.inputValue()).toBe(`张三您好：关于 ${access.trackingNo}，`);
      await box.fill(`${await box.inputValue()}经核实冰箱压缩机故障，已为您更换新机。`);
      await choose(desk, form, '答复方式', '网上答复');
    });
    expect((await web.adminApi('DELETE', `/admin/canned-replies/${(await made.json()).id}`)).status).toBe(204);
    await expect.poll(() => desk.getByTestId('status').textContent(), { timeout: 60_000 }).toBe('已答复');
    // The timeline names each step by the procedure's label, not its id.
    const steps = await desk.getByTestId('timeline-action').allTextContents();
    expect(steps).toEqual(expect.arrayContaining(['提交登记', '受理', '指定责任人', '书面答复']));
    expect(steps).not.toContain('reply');
    // The case's data is named as the procedure names it, choices by their label, not by keys and ids.
    const data = (await desk.getByTestId('case-data').textContent()) ?? '';
    for (const shown of [
      '订单号',
      'SO-20261120-0042',
      '诉求',
      '更换一台新冰箱',
      '原因分析',
      '压缩机故障',
      '答复方式',
      '网上答复',
      '承诺属实时间',
    ])
      expect(data).toContain(shown);
    expect(data).not.toMatch(/orderNo|requestedOutcome|affirmedTruthfulAt|replyMethod|portal|\{"/);
    await desk.getByRole('button', { name: '显示身份' }).click();
    // The dialog opens with an animation: under load a value typed too early can be lost (the form
    // then refuses an empty reason), so check it holds the reason before submitting.
    const reason = desk.locator('form#reveal').getByLabel('查看理由（记入审计）');
    await expect
      .poll(
        async () => {
          if ((await reason.inputValue()) !== '电话回访') await reason.fill('电话回访');
          return reason.inputValue();
        },
        { timeout: 60_000 },
      )
      .toBe('电话回访');
    await desk.locator('form#reveal').getByRole('button', { name: '显示身份' }).click();
    await expect.poll(() => desk.getByTestId('submitter').textContent(), { timeout: 60_000 }).toContain('13812345678');
  });

  it('EVA-1: the customer reads the reply on the tracking page and rates it; the handler closes the case', async () => {
    await openTracking(phone, web.base, access);
    expect(await phone.getByTestId('status').textContent()).toBe('已答复');
    await phone.getByText('已为您更换新机').first().waitFor();
    // Public steps by their labels; internal ones (assignment, investigation) are not on the public timeline.
    const publicSteps = await phone.getByTestId('timeline-action').allTextContents();
    // #18: the timeline speaks to the citizen.
    expect(publicSteps).toEqual(expect.arrayContaining(['您提交了投诉', '受理', '书面答复']));
    expect(publicSteps).not.toContain('提交登记');
    expect(publicSteps).not.toContain('指定责任人');
    // A choice shows its label: the reply channel reads 网上答复, not its id.
    const replied = phone.getByTestId('timeline-entry').filter({ hasText: '书面答复' });
    expect(await replied.textContent()).toContain('网上答复');
    // #18: what was stored is the rendered template as the handler edited it.
    expect(await replied.textContent()).toContain(`张三您好：关于 ${access.trackingNo}，经核实冰箱压缩机故障`);
    expect(await replied.textContent()).not.toContain('portal');
    expect(await overflowX(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'portal-tracking-375');
    await act(phone, '满意度评价', 'rate', async (form) => {
      await form.locator('.ant-rate-star').nth(4).click();
      await form.getByLabel('意见').fill('处理及时，满意');
    });
    await phone.getByText('已收到满意度评价').first().waitFor();
    // #18: the rating's panel closes (no empty form left open) and the timeline shows five stars, labelled.
    await expect.poll(() => phone.locator('form#action-rate').isVisible(), { timeout: 60_000 }).toBe(false);
    const rated = phone.getByTestId('detail-satisfaction');
    expect(await rated.textContent()).toContain('满意度');
    expect(await rated.locator('.ant-rate-star-full').count()).toBe(5);
    // #18: once rated, 满意度评价 is no longer offered.
    await expect
      .poll(() => phone.locator('.ant-collapse-header').filter({ hasText: '满意度评价' }).count(), { timeout: 30_000 })
      .toBe(0);
    await shot(phone, 'portal-rated-375');

    await desk.reload();
    await desk.getByTestId('case-subject').waitFor();
    await act(desk, '办结归档', 'close');
    // #18: a closed case sends the handler back to the queue. Reading the case page's status here
    // raced that return (it failed whenever the page left first); the tracking page shows the state.
    await desk.waitForURL(/\/staff(\?|$)/);
    await openTracking(phone, web.base, access);
    expect(await phone.getByTestId('status').textContent()).toBe('已办结');
  });
});
