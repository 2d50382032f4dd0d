import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, startWeb, type WebEnv } from './support.ts';

/**
 * Issue 6, quality: forms are keyboard reachable. Tabbing from the top of the page reaches every
 * visible field and the submit button of the portal's intake form and of the staff sign-in, and
 * the sign-in form submits with Enter.
 */
describe('forms are keyboard reachable', { timeout: 300_000 }, () => {
  let web: WebEnv;
  let page: Page;

  beforeAll(async () => {
    web = await startWeb();
    page = (await web.open(375)).page;
  });
  afterAll(async () => web?.close());

  /** Presses Tab until focus has left `form` after entering it; returns what was focused inside, in order. */
  async function tabThrough(form: string, limit = 80): Promise<string[]> {
    const seen: string[] = [];
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate((sel) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el?.closest(sel)) return null;
        return (
          el.id || el.getAttribute('name') || el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName
        );
      }, form);
      if (focused !== null) seen.push(focused);
      else if (seen.length > 0) break;
    }
    return seen;
  }

  /**
   * The visible fields of a form that a person fills in, by id (antd gives each the form item's
   * name). A group of radio buttons is one stop for Tab — the arrow keys choose within it, as in
   * every browser's native group (the portal's forms are native since issue 27) — so a group is
   * listed once, by its first button's id, with the ids of all its buttons.
   */
  async function visibleFields(form: string): Promise<{ id: string; any: string[] }[]> {
    return page.locator(`${form} input:not([type=hidden]), ${form} textarea`).evaluateAll((els) => {
      const out: { id: string; any: string[] }[] = [];
      const groups = new Map<string, { id: string; any: string[] }>();
      for (const e of els as HTMLInputElement[]) {
        if (e.offsetParent === null || e.disabled || !e.id) continue;
        if (e.type === 'radio' && e.name) {
          const group = groups.get(e.name);
          if (group) group.any.push(e.id);
          else {
            const made = { id: e.id, any: [e.id] };
            groups.set(e.name, made);
            out.push(made);
          }
        } else out.push({ id: e.id, any: [e.id] });
      }
      return out;
    });
  }

  it('the portal intake form: every visible field and the submit button by Tab alone', async () => {
    await page.goto(web.base);
    await page.getByRole('link', { name: '开始填写 顾客投诉处理' }).click();
    await page.locator('form#intake').getByLabel('标题').waitFor();
    const fields = await visibleFields('form#intake');
    expect(fields.length).toBeGreaterThan(5);
    const reached = await tabThrough('form#intake', 150);
    for (const field of fields)
      expect(
        reached.some((r) => field.any.includes(r)),
        `field ${field.id}`,
      ).toBe(true);
    expect(reached.some((r) => /提\s*交/.test(r))).toBe(true);
  });

  it('the staff sign-in: user name, password and the button by Tab; Enter signs in', async () => {
    await page.goto(`${web.base}/staff`);
    await page.getByLabel('用户名').waitFor();
    const fields = await visibleFields('form');
    const reached = await tabThrough('form');
    for (const field of fields) expect(reached, `field ${field.id}`).toContain(field.id);
    await page.getByLabel('用户名').focus();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('me').waitFor();
  });

  it('#27, WCAG 2.4.1: the first Tab offers 跳到主要内容 on the portal and the workbench, and it moves past the top bar', async () => {
    for (const path of ['/', '/staff']) {
      await page.goto(`${web.base}${path}`);
      await page.locator('main#main').waitFor();
      await page.locator('main#main *').first().waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: '跳到主要内容' });
      expect(await skip.evaluate((e) => e === document.activeElement), path).toBe(true);
      expect((await skip.boundingBox())!.y, `${path}: shown while focused`).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: path }).toBe('main');
      // The next Tab lands inside the content, not back in the top bar.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main#main')), path).toBe(true);
    }
  });
});
