import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEPARTMENT_FILTER,
  SERVICE_DN,
  SERVICE_PASSWORD,
  SUFFIX,
  UUID,
  COMPANY_LDIF,
  PASSWORDS,
} from '../support/huadong.ts';
import { type Slapd, startSlapd } from '../support/slapd.ts';
import {
  act,
  BREAK_GLASS,
  type NewOrganisation,
  buttonName,
  choose,
  openCaseFromInbox,
  overflowX,
  shot,
  signIn,
  startNewOrganisation,
  startWeb,
  submitPublic,
  userApi,
  type WebEnv,
} from './support.ts';

/**
 * Issue 20, shown end to end: a new organisation set up entirely from the LDIF of a small Chinese company (a real
 * slapd). Its own `plaint serve` on a fresh database with local passwords off (`break-glass`): the only hand-made
 * account is the break-glass admin, who configures the directory and its group → grant rules on the admin page,
 * looks at the dry run and syncs. A synced person then signs in with the directory's password in Chromium, finds a
 * complaint in their department's inbox (a unit-scoped grant from the mapping) and accepts it.
 */
describe('a new organisation from an LDIF: directory, mapping, sync, a synced handler at work', {
  timeout: 600_000,
}, () => {
  let web: WebEnv;
  let slapd: Slapd;
  let organisation: NewOrganisation;
  let base: string;
  let desk: Page;

  beforeAll(async () => {
    slapd = await startSlapd(SUFFIX, COMPANY_LDIF);
    organisation = await startNewOrganisation('ldif');
    base = organisation.base;
    web = await startWeb();
    desk = (await web.open(1440)).page;
  }, 300_000);
  afterAll(async () => {
    await web?.close();
    await organisation?.close();
    await slapd?.stop();
  });

  it('the break-glass admin configures the directory and its rules, sees the dry run, and syncs', async () => {
    await signIn(desk, base, BREAK_GLASS);
    await desk.goto(`${base}/staff/admin?tab=directory`);
    await desk.getByText('尚未配置组织目录').waitFor();
    const source = desk.locator('form#directory-source');
    await source.getByLabel('目录名称').fill('huadong');
    await source.getByLabel('设置（JSON 格式）').fill(
      JSON.stringify({
        kind: 'ldap',
        url: slapd.url,
        bindDn: SERVICE_DN,
        bindPassword: SERVICE_PASSWORD,
        baseDn: SUFFIX,
        departmentFilter: DEPARTMENT_FILTER,
      }),
    );
    await source.getByRole('button', { name: buttonName('保存') }).click();
    const card = desk.getByTestId('directory-huadong');
    await card.getByText('本页配置').waitFor();

    // 客服 in their own department; 客服经理 in 客户服务部 (named by its entryUUID).
    const rule = desk.locator('form#directory-rule');
    for (const r of [
      { group: '客服', role: 'customer-service' },
      { group: '客服经理', role: 'customer-service-manager', unit: UUID.service },
    ]) {
      await rule.getByLabel('群组', { exact: true }).fill(r.group);
      await rule.getByLabel('角色', { exact: true }).fill(r.role);
      if (r.unit) await rule.getByLabel('授予角色的部门外部编号').fill(r.unit);
      await rule.getByRole('button', { name: buttonName('添加规则') }).click();
      await desk.getByTestId('directory-rules').getByText(`群组：${r.group}`, { exact: true }).waitFor();
    }

    await card.getByRole('button', { name: buttonName('预演同步') }).click();
    const report = card.getByTestId('directory-report');
    await report.getByText('预演结果（未做任何改动）').waitFor();
    const row = (label: string) => report.locator('tr').filter({ hasText: label });
    expect(await row('新建部门').locator('td').nth(1).textContent()).toBe('5');
    expect(await row('新建人员').locator('td').nth(1).textContent()).toBe('4');
    expect(await row('新增角色').locator('td').nth(1).textContent()).toBe('3');
    expect(await row('新建人员').textContent()).toContain('张伟 (zhangwei)');
    await shot(desk, 'admin-directory-dry-run');

    await card.getByRole('button', { name: buttonName('立即同步') }).click();
    await report.getByText('同步结果').waitFor();
    expect(await row('新建人员').locator('td').nth(1).textContent()).toBe('4');
    await expect.poll(() => card.getByTestId('directory-last-run').textContent()).toContain('（管理员）');
    expect(await overflowX(desk)).toBeLessThanOrEqual(0);
  });

  it('a synced person signs in with the directory password at 375 px and accepts a complaint in their department', async () => {
    // The admin sends the customer-complaint procedure's new cases to the synced 客户服务部.
    const admin = await userApi(base, BREAK_GLASS);
    const units = (await (await admin('GET', '/admin/org-units')).json()).items as { id: string; name: string }[];
    const service = units.find((u) => u.name === '客户服务部')!;
    expect(units.map((u) => u.name).sort()).toEqual(
      ['华东电器有限公司', '售后一组', '客户服务部', '生产中心', '质量部'].sort(),
    );
    const intake = await admin('PUT', '/admin/procedures/customer-complaint/intake-unit', { orgUnit: service.id });
    expect(intake.status).toBe(200);
    const { trackingNo } = await submitPublic(base, {
      procedure: 'customer-complaint',
      kind: 'complaint',
      subject: '空调安装后漏水',
      description: '12月1日上门安装的空调，第二天室内机开始漏水，打客服电话无人回复。',
      anonymous: false,
      submitter: { name: '赵六', phone: '13900001111' },
      respondents: [{ name: '华东电器安装队', type: 'business' }],
      requestedOutcome: '上门维修并赔偿地板损失',
      fields: { orderNo: 'SO-20261201-0007', productName: '挂式空调', store: '南京路门店' },
      affirmTruthful: true,
    });

    const phone = (await web.open(375)).page;
    await signIn(phone, base, { username: 'zhangwei', password: PASSWORDS.zhangwei });
    await openCaseFromInbox(phone, base, trackingNo);
    expect(await phone.getByTestId('case-subject').textContent()).toContain('空调安装后漏水');
    await act(phone, '受理', 'accept', async (form) => choose(phone, form, '投诉类别', '产品质量'));
    await expect.poll(() => phone.getByTestId('status').textContent(), { timeout: 60_000 }).toBe('已受理');
    expect(await overflowX(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'directory-synced-handler-375');

    // The grants are units', not the organisation's: 李娜, 客服 in 售后一组 below 客户服务部, does not see it.
    const found = async (user: { username: string; password: string }) => {
      const call = await userApi(base, user);
      return ((await (await call('GET', `/cases?q=${encodeURIComponent(trackingNo)}`)).json()) as { items: unknown[] })
        .items.length;
    };
    expect(await found({ username: 'zhangwei', password: PASSWORDS.zhangwei })).toBe(1);
    expect(await found({ username: 'lina', password: PASSWORDS.lina })).toBe(0);
  });
});
