import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, choose, overflowX, searchFresh, shot, signIn, startWeb, type WebEnv } from './support.ts';

/**
 * Issue 8, DIS-1, MS-15: a consented, closed complaint goes to the public list in the browser —
 * the handler proposes it from the case page and tells the business, the reviewer reads the
 * automatically redacted text, edits it and publishes, and a phone at 375 px finds it on
 * /disclosures by the business name with every piece of personal data gone.
 */
describe('a complaint published in the browser and read on a phone', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let caseId: string;
  const statement =
    '我叫欧阳娜娜，手机13912345678，身份证11010519900307123X。在好又多超市买的电热水壶漏电，店长黄女士拒绝退货，邮箱ouyang@example.com，我住在上海市徐汇区漕溪北路88号3号楼502室。';
  const personal = [
    '欧阳娜娜',
    '13912345678',
    '11010519900307123X',
    '黄女士',
    'ouyang@example.com',
    '漕溪北路',
    '502室',
  ];

  beforeAll(async () => {
    web = await startWeb();
    const res = await fetch(`${web.base}/api/v1/public/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        procedure: 'web-disclosure',
        kind: 'complaint',
        subject: '电热水壶漏电',
        description: statement,
        anonymous: false,
        submitter: { name: '欧阳娜娜', phone: '13912345678' },
        respondents: [{ name: '网页测试好又多超市', type: 'business' }],
        fields: { disclosureConsent: true },
      }),
    });
    expect(res.status).toBe(201);
    const { trackingNo } = await res.json();
    const found = await searchFresh(web.adminApi, trackingNo);
    caseId = found.items[0].id;
  }, 300_000);
  afterAll(async () => web?.close());

  it('handler closes and proposes, tells the business; reviewer edits and publishes; the phone sees it without personal data', async () => {
    const handler = await web.staff('dis-handler', ['disclosure-handler']);
    const reviewer = await web.staff('dis-reviewer', ['disclosure-reviewer']);
    const desk = (await web.open(1440)).page;
    await signIn(desk, web.base, handler);
    await desk.goto(`${web.base}/staff/cases/${caseId}`);
    await desk.getByTestId('case-subject').waitFor();
    await act(desk, '调解办结', 'settle', async (form) => {
      await choose(desk, form, '投诉类别', '商品质量');
      await form.getByLabel('调解结果').fill('商家退还货款129元，并向欧阳娜娜赔礼道歉。');
    });
    await desk.getByRole('button', { name: '提出公示' }).click();
    const modal = desk.locator('.ant-modal').filter({ hasText: '审核' });
    await modal.getByTestId('disclosure-status').filter({ hasText: '待告知经营者' }).waitFor();
    const proposed = await modal.locator('textarea#disclosure-edit_statement').inputValue();
    for (const p of personal) expect(proposed).not.toContain(p);
    expect(proposed).toContain('电热水壶漏电');
    // What automatic redaction removed is named in words, not by kind ids.
    expect(await modal.textContent()).toMatch(/身份证号 × 1/);
    await modal
      .locator('form#disclosure-notify')
      .getByRole('button', { name: /告知经营者/ })
      .click();
    // On a timeout say what the dialog showed (it failed once in CI with no clue why).
    await modal
      .getByTestId('disclosure-status')
      .filter({ hasText: '已告知经营者' })
      .waitFor()
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\ndialog: ${await modal.textContent()}`);
      });
    await shot(desk, 'disclosure-handler-notified');

    const reviewDesk = (await web.open(1440)).page;
    await signIn(reviewDesk, web.base, reviewer);
    await reviewDesk.goto(`${web.base}/staff/disclosures`);
    await reviewDesk
      .getByTestId('disclosure-row')
      .filter({ hasText: '网页测试好又多超市' })
      .getByRole('button', { name: /审\s*核/ })
      .click();
    const review = reviewDesk.locator('.ant-modal').filter({ hasText: '审核' });
    const text = review.locator('textarea#disclosure-edit_statement');
    await text.waitFor();
    // The reviewer shortens the statement — and a name typed back in is redacted again.
    await text.fill('消费者在好又多超市购买的电热水壶使用三天后漏电，要求退货被拒。联系人欧阳娜娜。');
    const saved = reviewDesk.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/disclosures/'),
    );
    await review.getByRole('button', { name: '保存修改' }).click();
    expect((await saved).status()).toBe(200);
    await expect
      .poll(() => text.inputValue())
      .toBe('消费者在好又多超市购买的电热水壶使用三天后漏电，要求退货被拒。联系人[姓名]。');
    await review.getByRole('button', { name: /发布公示/ }).click();
    await review.getByTestId('disclosure-status').filter({ hasText: '已公示' }).waitFor();

    const phone = (await web.open(375)).page;
    await phone.goto(web.base);
    await phone.getByRole('link', { name: '投诉公示' }).click();
    await phone.getByRole('heading', { name: '投诉信息公示' }).waitFor();
    await phone.getByLabel('按经营者名称搜索').fill('好又多');
    await phone.keyboard.press('Enter');
    const item = phone.getByTestId('disclosure-item').filter({ hasText: '网页测试好又多超市' });
    await item.waitFor();
    await expect.poll(() => phone.getByTestId('disclosure-item').count()).toBe(1);
    expect(await item.getByTestId('disclosure-statement').textContent()).toBe(
      '消费者在好又多超市购买的电热水壶使用三天后漏电，要求退货被拒。联系人[姓名]。',
    );
    expect(await item.getByTestId('disclosure-result').textContent()).toBe(
      '调解成功：商家退还货款129元，并向[姓名]赔礼道歉。',
    );
    const body = (await phone.locator('main').textContent()) ?? '';
    for (const p of personal) expect(body).not.toContain(p);
    expect(await overflowX(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'disclosures-375');
  });
});
