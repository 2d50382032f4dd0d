import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/app/totp.ts';
import { ADMIN_PASSWORD, buttonName, shot, signIn, startWeb, type WebEnv } from './support.ts';

/**
 * Issue 28 in Chromium: a staff member enrols an authenticator on "我的账号" — the QR code and key
 * are shown once, the first code confirms, ten recovery codes are shown once — and the next
 * sign-in asks for the second factor: a wrong code is refused, a recovery code lets them in.
 */
describe('my account: second factor enrolment', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let user: { username: string; password: string };

  beforeAll(async () => {
    web = await startWeb();
    user = await web.staff('totp-web-user', ['customer-service']);
  }, 300_000);
  afterAll(async () => web?.close());

  it('enrols with the QR code and a first code, then signs in with a recovery code', async () => {
    const { page } = await web.open(1440);
    await signIn(page, web.base, user);
    await page.getByRole('link', { name: '我的账号' }).click();
    await page.getByRole('button', { name: buttonName('开始绑定') }).click();
    const qr = page.getByTestId('totp-qr');
    await qr.waitFor();
    // The QR code is an image the page's CSP allows, and it rendered.
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByPlaceholder('123456').fill('000000');
    await page.getByTestId('totp-confirm').click();
    await page.getByText('验证码错误').waitFor();
    await page.getByPlaceholder('123456').fill(totpCode(secret, new Date()));
    await page.getByTestId('totp-confirm').click();
    const codes = (await page.getByTestId('recovery-codes').textContent())!.trim().split('\n');
    expect(codes).toHaveLength(10);
    await shot(page, 'account-totp-recovery-codes');
    await page.getByRole('button', { name: buttonName('我已保存恢复码') }).click();
    await page.getByTestId('totp-card').getByText('已启用').waitFor();
    expect(await page.getByTestId('totp-qr').count()).toBe(0); // shown once

    // A new browser: the password alone is not enough any more.
    const other = (await web.open(1440)).page;
    await other.goto(`${web.base}/staff/login`);
    await other.getByLabel('用户名').fill(user.username);
    await other.getByLabel('密码').fill(user.password);
    // The submit button is found by its form: after a first answer its role name did not always match the label.
    const login = () => other.locator('form#login button[type="submit"]').click();
    await login();
    const code = other.getByLabel('动态验证码');
    await code.waitFor();
    await code.fill('999999');
    await login();
    await other.getByText('动态验证码错误').waitFor();
    await code.fill(codes[0]);
    await login();
    await other.getByTestId('me').waitFor();
    await shot(other, 'account-signed-in-with-recovery-code');
  });

  it('the administrator resets a password on 账号安全; the one-time password leads to 我的账号 until it is changed', async () => {
    const forgetful = await web.staff('reset-web-user', ['customer-service']);
    const admin = (await web.open(1440)).page;
    await signIn(admin, web.base, { username: 'admin', password: ADMIN_PASSWORD });
    await admin.goto(`${web.base}/staff/admin?tab=security`);
    const row = admin.getByRole('row').filter({ hasText: forgetful.username });
    await row.getByRole('button', { name: buttonName('重置密码') }).click();
    await admin
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const oneTime = (await admin.getByTestId('one-time-password').textContent())!.trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    await row.getByText('待改密码').waitFor();

    const page = (await web.open(1440)).page;
    await signIn(page, web.base, { username: forgetful.username, password: oneTime });
    await page.getByText('管理员已为您重置密码').waitFor();
    // Nothing else until then: the inbox is not shown even when asked for.
    await page.goto(`${web.base}/staff`);
    await page.getByText('管理员已为您重置密码').waitFor();
    await page.getByLabel('当前密码').fill(oneTime);
    await page.getByLabel('新密码（至少 10 位）').fill('my-own-new-password');
    await page.getByLabel('再次输入新密码').fill('my-own-new-password');
    await page.locator('form#change-password button[type="submit"]').click();
    await page.getByText('管理员已为您重置密码').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '案件列表' }).click();
    expect(await page.getByText('管理员已为您重置密码').count()).toBe(0);
    await shot(page, 'account-after-reset');
  });
});
