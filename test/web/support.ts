import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../support/cli.ts';
import { ADMIN_PASSWORD } from './global-setup.ts';
import { describeViolation, violationsIn } from '../../src/http/contract-check.ts';
import { contractError, startServerProcess } from '../support/server-process.ts';

/**
 * The browser tests of issue 6: a real `plaint serve` child process on a fresh SQLite data dir,
 * serving the built web app (scripts/build-web.mjs, run by `pretest`), driven by Debian's
 * Chromium through playwright-core (both started once per run by global-setup.ts). No part of
 * Plaint is faked.
 */
export { ADMIN_PASSWORD };

/** The only hand-made account of a new organisation whose staff come from a directory (issue 20). */
export const BREAK_GLASS = { username: 'admin', password: 'break-glass-admin-2026' };

export type NewOrganisation = { base: string; close(): Promise<void> };

/**
 * A new organisation's own `plaint serve` on a fresh data folder: local passwords off but the break-glass admin's,
 * directories synced only when asked (a scheduled run would race the page). `close()` stops it and removes the folder.
 */
export async function startNewOrganisation(name: string): Promise<NewOrganisation> {
  const dataDir = mkdtempSync(join(tmpdir(), `plaint-${name}-`));
  try {
    const server = await startServerProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: dataDir,
      PLAINT_ADMIN_PASSWORD: BREAK_GLASS.password,
      PLAINT_LOCAL_PASSWORDS: 'break-glass',
      PLAINT_DIRECTORY_SYNC_MINUTES: '0',
      PLAINT_LOG: 'off',
      PLAINT_2FA_REQUIRED: 'none',
    });
    return {
      base: `http://127.0.0.1:${server.port}`,
      async close() {
        try {
          await server.stop();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
export const SHOTS = join(ROOT, 'test-results');

export type WebEnv = {
  base: string;
  /** The server's data folder (SQLite), for CLI commands beside it. */
  dataDir: string;
  browser: Browser;
  /**
   * Adds a staff user through the admin API. Names must be unique across scenarios. The grants
   * are held in `orgUnit` (an id from `unit()`) when given, else over the whole organisation.
   */
  staff(
    username: string,
    roles: string[],
    orgUnit?: string,
  ): Promise<{ username: string; password: string; id: string }>;
  /** The id of the org unit of this name (under `parent`), made once and shared by the files that name it. */
  unit(name: string, parent?: string): Promise<string>;
  /** A new browser context (own cookies) with a page, at a phone's or a desk's width. */
  open(width?: number): Promise<{ context: BrowserContext; page: Page }>;
  /** Calls the API as the admin. */
  adminApi(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
};

/** Connects to the server and Chromium that test/web/global-setup.ts started for this run. */
export async function startWeb(): Promise<WebEnv> {
  const shared = inject('web');
  if (!shared)
    throw new Error(
      'the browser scenarios need test/web/global-setup.ts (run them with `npm test` or `npx vitest run test/web`)',
    );
  mkdirSync(SHOTS, { recursive: true });
  const { base } = shared;
  // The shared server's contract violations (issue 26): those reported while this file ran fail it.
  const reported = () => violationsIn(readFileSync(shared.violationsFile, 'utf8')).map(describeViolation);
  const before = reported().length;
  const browser = await chromium.connect(shared.wsEndpoint);
  const contexts: BrowserContext[] = [];
  // Anything the pages' content security policy blocked: the app must run within it.
  const blocked: string[] = [];
  let adminCookie = '';
  let adminCsrf = '';
  const adminApi = async (method: string, path: string, body?: unknown) => {
    if (!adminCookie) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      if (!res.ok) throw new Error(`admin login: ${res.status} ${await res.text()}`);
      adminCookie = res.headers.get('set-cookie')!.split(';')[0];
      adminCsrf = (await res.json()).csrfToken;
    }
    return fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        cookie: adminCookie,
        'x-csrf-token': adminCsrf,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  };
  return {
    base,
    dataDir: shared.dataDir,
    browser,
    adminApi,
    staff: async (username, roles, orgUnit) => {
      const password = `${username}-pass-1234`;
      const res = await adminApi('POST', '/admin/users', {
        username,
        displayName: username,
        password,
        grants: roles.map((role) => ({ role, orgUnit: orgUnit ?? null })),
      });
      if (res.status !== 201) throw new Error(`add user ${username}: ${res.status} ${await res.text()}`);
      return { username, password, id: (await res.json()).id };
    },
    unit: async function unit(name: string, parent?: string): Promise<string> {
      const all = (await (await adminApi('GET', '/admin/org-units')).json()).items as { id: string; name: string }[];
      const found = all.find((u) => u.name === name);
      if (found) return found.id;
      const res = await adminApi('POST', '/admin/org-units', { name, ...(parent ? { parent } : {}) });
      if (res.status !== 201) return unit(name, parent); // made by another file at the same moment
      return (await res.json()).id;
    },
    open: async (width = 1440) => {
      const context = await browser.newContext({
        viewport: { width, height: width < 500 ? 800 : 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(120_000); // generous: two shared cores run three test files at once
      // WEB_DEBUG=1 prints what the page saw go wrong: refused requests, failed loads, script errors.
      if (process.env.WEB_DEBUG) {
        page.on('response', async (r) => {
          if (r.status() >= 400)
            console.log(
              'web: http',
              r.status(),
              r.request().method(),
              r.url(),
              (await r.text().catch(() => '')).slice(0, 300),
            );
        });
        page.on('requestfailed', (r) => console.log('web: failed', r.method(), r.url(), r.failure()?.errorText));
        page.on('pageerror', (e) => console.log('web: page error', e.message));
      }
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(`${page.url()}: ${m.text()}`);
      });
      return { context, page };
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      if (blocked.length > 0) throw new Error(`the content security policy blocked:\n${blocked.join('\n')}`);
      const violations = reported().slice(before);
      if (violations.length > 0)
        throw contractError(violations, 'the shared plaint serve, while this file ran (or one beside it),');
    },
  };
}

/** Files a case through the public API, as a resident's browser does; fails unless it is accepted (201). */
export async function submitPublic(base: string, body: unknown): Promise<{ trackingNo: string; receipt: string }> {
  const res = await fetch(`${base}/api/v1/public/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return (await res.json()) as { trackingNo: string; receipt: string };
}

/** Calls the API as a staff user through a session of its own (login, cookie, CSRF token), like the web app does. */
/**
 * A search for what was just filed (issue 22): the server indexes new cases a moment after their
 * submit (every 100 ms), so the search is asked again until it lists `atLeast` cases (5 s at most).
 */
export async function searchFresh(
  call: (method: string, path: string) => Promise<Response>,
  text: string,
  atLeast = 1,
): Promise<{ items: { id: string; trackingNo: string }[] }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = await (await call('GET', `/cases?q=${encodeURIComponent(text)}`)).json();
    if ((found.items?.length ?? 0) >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function userApi(
  base: string,
  user: { username: string; password: string },
): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!res.ok) throw new Error(`login ${user.username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const csrf = (await res.json()).csrfToken as string;
  return (method, path, body) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Picks an option of the antd Select labelled `label` inside `scope`. */
export async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  const field = scope
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .first();
  // On a loaded machine a click can land while the dropdown is still opening and choose nothing:
  // check that the select shows the option, and try again if it does not.
  for (let attempt = 1; ; attempt++) {
    await scope.getByLabel(label, { exact: true }).click();
    // The dropdown can also close under the pointer while it is still moving into place (the click
    // was intercepted, then the option was gone); a bounded click lets the loop open it again
    // instead of waiting the page's whole timeout for an option that is no longer shown.
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 10_000 })
      .catch((err: Error) => {
        if (attempt === 3) throw err;
      });
    // antd 6 shows the chosen option as the title of the select's content box.
    const shown = await field
      .locator('.ant-select-content')
      .first()
      .getAttribute('title', { timeout: 5_000 })
      .catch(() => null);
    if (shown?.includes(option)) return;
    if (attempt === 3) throw new Error(`could not choose "${option}" in "${label}" (shows "${shown}")`);
  }
}

/** No horizontal scroll bar: the page fits the viewport (issue 6: no layout break at 375 px). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Signs in on the staff login page. */
export async function signIn(page: Page, base: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${base}/staff/login`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByTestId('me').waitFor();
}

/** Submits the portal form of `procedureName` with the standard fields; returns tracking number and receipt. */
export async function submitOnPortal(
  page: Page,
  base: string,
  o: {
    procedureName: string;
    subject: string;
    description: string;
    anonymous: boolean;
    name?: string;
    phone?: string;
    requestedOutcome?: string;
    respondent?: string;
    extra?: (page: Page) => Promise<void>;
    shotName?: string;
  },
): Promise<{ trackingNo: string; receipt: string }> {
  await page.goto(base);
  await page.getByRole('link', { name: `开始填写 ${o.procedureName}` }).click();
  const form = page.locator('form#intake');
  await form.getByLabel('标题').fill(o.subject);
  await form.getByLabel('具体情况').fill(o.description);
  if (o.requestedOutcome) await form.getByLabel('诉求').fill(o.requestedOutcome);
  if (o.respondent) {
    await form.getByRole('button', { name: '添加被投诉对象' }).click();
    await form.getByLabel('被投诉对象名称').fill(o.respondent);
  }
  if (o.anonymous) await form.getByLabel('匿名').check();
  else {
    await form.getByLabel('姓名').fill(o.name ?? '张三');
    if (o.phone) await form.getByLabel('联系电话').fill(o.phone);
  }
  if (o.extra) await o.extra(page);
  await form.getByLabel(/本人承诺/).check();
  if (o.shotName) await shot(page, o.shotName);
  await form.getByRole('button', { name: /提\s*交/ }).click();
  await page.getByTestId('tracking-no').or(page.getByRole('alert')).or(page.locator('.field-error')).first().waitFor();
  if ((await page.getByTestId('tracking-no').count()) === 0) {
    await shot(page, `failed-submit-${Date.now()}`);
    throw new Error(`submission failed: ${await page.locator('[role=alert], .field-error').allTextContents()}`);
  }
  const trackingNo = (await page.getByTestId('tracking-no').textContent())!.trim();
  const receipt = (await page.getByTestId('receipt').textContent())!.trim();
  return { trackingNo, receipt };
}

/** Opens the tracking page with tracking number and receipt. */
export async function openTracking(
  page: Page,
  base: string,
  access: { trackingNo: string; receipt: string },
): Promise<void> {
  await page.goto(`${base}/track`);
  await page.getByLabel('查询编号').fill(access.trackingNo);
  await page.getByLabel('查询码').fill(access.receipt);
  await page.getByRole('button', { name: buttonName('查询') }).click();
  await page.getByTestId('status').waitFor();
}

/** Finds a case in the inbox by its tracking number (the search box) and opens it. */
export async function openCaseFromInbox(page: Page, base: string, trackingNo: string): Promise<void> {
  await page.goto(`${base}/staff`);
  await page
    .getByRole('searchbox', { name: '搜索标题、内容或编号' })
    .or(page.getByLabel('搜索标题、内容或编号'))
    .first()
    .fill(trackingNo);
  await page.keyboard.press('Enter');
  // On a loaded machine the click can land while the list re-renders with the search result and
  // go nowhere (seen once in CI): click again while the page is still the inbox.
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('link', { name: trackingNo }).click();
    try {
      await page.getByTestId('case-subject').waitFor({ timeout: 20_000 });
      return;
    } catch {
      if (attempt >= 3 || page.url().includes('/staff/cases/')) {
        await page.getByTestId('case-subject').waitFor();
        return;
      }
    }
  }
}

/** A button's accessible name: antd puts a space between two Chinese characters ("提 交"). */
export function buttonName(label: string): RegExp {
  return new RegExp(`^\\s*${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}

/**
 * Performs an allowed action on the case page: opens its panel, lets `fill` fill its form,
 * submits, and waits for the server's answer and the case to be read again.
 */
export async function act(
  page: Page,
  label: string,
  actionId: string,
  fill: (form: Locator) => Promise<void> = async () => undefined,
): Promise<void> {
  const form = page.locator(`form#action-${actionId}`);
  for (let attempt = 1; ; attempt++) {
    // The expected next step is an open form of its own (#18); any other action sits in a panel
    // to open. Which one it is shows once the page has read the case again.
    const header = page.locator('.ant-collapse-header').filter({ hasText: label }).first();
    if (!(await form.isVisible())) {
      await form.or(header).first().waitFor();
      if (!(await form.isVisible())) await header.click();
    }
    await fill(form);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith(`/actions/${actionId}`) && r.request().method() === 'POST',
      { timeout: 30_000 },
    );
    const reread = page.waitForResponse(
      (r) =>
        /\/api\/v1\/(cases\/[0-9A-Z]{26}|public\/cases\/[^/]+)$/.test(new URL(r.url()).pathname) &&
        r.request().method() === 'GET',
    );
    reread.catch(() => undefined); // awaited below once the action was posted; never left unhandled
    await form.getByRole('button', { name: buttonName(label) }).click();
    // Under load the click, or what was typed, can be lost while the page re-renders (it failed
    // once in CI with no request sent): fill in and submit again rather than wait forever.
    const res = await posted.catch((err: Error) => {
      if (attempt === 3) throw err;
      return null;
    });
    if (!res) continue;
    if (res.status() === 409 && attempt < 3) {
      // The case changed since the page read it (the sweeper warned a clock, the submitter wrote):
      // the server says reload and retry, and so does a person.
      await page.reload();
      await page.locator('.ant-collapse-header').filter({ hasText: label }).first().waitFor();
      continue;
    }
    if (res.status() !== 200) throw new Error(`${actionId}: ${res.status()} ${await res.text()}`);
    await reread;
    return;
  }
}

type Person = { username: string; password: string; id: string };
export type Desk = {
  web: WebEnv;
  /** customer-service in 客服部 */
  handler: Person;
  /** another customer-service officer in 客服部 */
  colleague: Person;
  /** customer-service-manager in the company unit above 客服部 (supervises, SLA-6) */
  supervisor: Person;
  /** Submits through the public API as a customer would; the case lands in 客服部. */
  submit(body: Record<string, unknown>): Promise<{ id: string; trackingNo: string; receipt: string }>;
};

/**
 * A customer-service desk as a company sets one up (#18): a company unit on top, 客服部 below it
 * as customer complaints' intake unit, and staff whose grants are held in those units. The units
 * are shared by the files that use this (found by name, made once); people are named by `prefix`.
 */
export async function customerServiceDesk(prefix: string): Promise<Desk> {
  const web = await startWeb();
  const company = await web.unit('客服测试公司');
  const cs = await web.unit('客服测试公司客服部', company);
  const set = await web.adminApi('PUT', '/admin/procedures/customer-complaint/intake-unit', { orgUnit: cs });
  if (set.status !== 200) throw new Error(`intake unit: ${set.status} ${await set.text()}`);
  const person = async (username: string, role: string, orgUnit: string): Promise<Person> => {
    const password = `${username}-pass-1234`;
    const res = await web.adminApi('POST', '/admin/users', {
      username,
      displayName: username,
      password,
      grants: [{ role, orgUnit }],
    });
    if (res.status !== 201) throw new Error(`add user ${username}: ${res.status} ${await res.text()}`);
    return { username, password, id: (await res.json()).id };
  };
  const handler = await person(`${prefix}-handler`, 'customer-service', cs);
  const colleague = await person(`${prefix}-colleague`, 'customer-service', cs);
  const supervisor = await person(`${prefix}-supervisor`, 'customer-service-manager', company);
  const asHandler = await userApi(web.base, handler);
  return {
    web,
    handler,
    colleague,
    supervisor,
    submit: async (body) => {
      const { trackingNo, receipt } = await submitPublic(web.base, body);
      const found = await searchFresh(asHandler, trackingNo);
      if (found.items?.length !== 1)
        throw new Error(`${trackingNo} is not in 客服部's inbox: ${JSON.stringify(found)}`);
      return { id: found.items[0].id as string, trackingNo, receipt };
    },
  };
}
