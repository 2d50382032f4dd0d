import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, signIn, startWeb, userApi, type WebEnv } from './support.ts';

/**
 * A resident complains again while the first complaint is open (INT-6, CLS-3, S9 一.1(1)): the
 * property procedure makes the new one 重大 and links the first. Found in session 21's user check
 * of a property company: the case page showed the repeats as `["TS-…","TS-…"]`, the timeline
 * "严重程度提升为: major", and the 受理并界定 step (轻微/重要 only) started its 投诉界定 at "major".
 */
describe('a repeat complaint on the case page (INT-6)', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;
  let first: { id: string; trackingNo: string };
  let second: { id: string; trackingNo: string };
  const desk = { username: 'repeat-fwzx', password: 'repeat-fwzx-pass-1234' };

  beforeAll(async () => {
    web = await startWeb();
    const company = await web.unit('重复投诉测试物业公司');
    const estate = await web.unit('重复投诉测试阳光花园管理处', company);
    await web.staff(desk.username, ['service-centre'], estate);
    const api = await userApi(web.base, desk);
    const register = async (subject: string, description: string) => {
      const res = await api('POST', '/cases', {
        procedure: 'property-complaint',
        kind: 'complaint',
        channel: 'phone',
        subject,
        description,
        anonymous: false,
        submitter: { name: '陈阿姨', phone: '13700002468' },
        requestedOutcome: '尽快修好',
        affirmTruthful: true,
        fields: { room: '5栋302' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string; trackingNo: string };
    };
    first = await register('楼道灯坏了', '三楼到五楼的声控灯坏了两周了');
    second = await register('灯还是没修', '上次说的楼道灯还是不亮，老人晚上摔了一跤');
    page = (await web.open(1440)).page;
    await signIn(page, web.base, desk);
  }, 300_000);
  afterAll(async () => web?.close());

  it('lists the earlier complaint by its number, names the raised severity, and leaves the 轻微/重要 choice open', async () => {
    await page.goto(`${web.base}/staff/cases/${second.id}`);
    await page.getByTestId('case-subject').waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain(first.trackingNo);
    expect(body).not.toContain(`["${first.trackingNo}"]`);
    expect(body).toMatch(/严重程度提升为[:：]\s*重大投诉/);
    expect(body).not.toMatch(/严重程度提升为[:：]\s*major/);
    const step = page.getByTestId('next-step');
    await step.waitFor();
    expect(await step.textContent()).not.toMatch(/\bmajor\b/);
    await shot(page, 'workbench-repeat-complaint');
  });
});
