import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli.ts';
import { ADMIN_PASSWORD, shot, signIn, startWeb, type WebEnv } from './support.ts';

/**
 * Issue 8 (STA-1): the statistics dashboard draws its charts, a bar opens the inbox filtered to
 * the cases it counts, the Excel export downloads, and a monthly report made with the CLI is
 * listed and printable with its charts and notable cases. A unit of its own keeps the counts
 * independent of the other scenarios running on the same server.
 */
describe('statistics dashboard and monthly report', { timeout: 600_000 }, () => {
  let web: WebEnv;
  let page: Page;
  let unitId: string;
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7); // this month in Shanghai

  beforeAll(async () => {
    web = await startWeb();
    // A branch below a company, as organisations are set up: were it a root unit, it could be the
    // first one, and the cases other files registered without a unit would move into it (RTE-1).
    unitId = await web.unit('统计测试分公司', await web.unit('统计测试公司'));
    for (const [subject, channel] of [
      ['统计看板测试：冰箱不制冷', 'phone'],
      ['统计看板测试：送货延误', 'fax'],
    ]) {
      const res = await web.adminApi('POST', '/cases', {
        procedure: 'customer-complaint',
        kind: 'complaint',
        channel,
        orgUnit: unitId,
        subject,
        description: `${subject}，顾客要求尽快处理。`,
        anonymous: false,
        requestedOutcome: '尽快处理',
        occurredAt: '2026-11-21T09:00:00+08:00',
        submitter: { name: '赵六', phone: '13900001111' },
        respondents: [{ name: '统计测试门店', type: 'business' }],
        fields: { orderNo: 'SO-1', productName: '冰箱', store: '统计测试门店' },
        affirmTruthful: true,
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    page = (await web.open(1440)).page;
    await signIn(page, web.base, { username: 'admin', password: ADMIN_PASSWORD });
  }, 300_000);
  afterAll(async () => web?.close());

  it('draws the charts for the unit and a bar opens the inbox with exactly its cases', async () => {
    await page.goto(`${web.base}/staff/stats?unit=${unitId}`);
    for (const id of ['chart-month', 'chart-category', 'chart-severity', 'chart-channel']) {
      await page.getByTestId(id).locator('canvas').first().waitFor();
    }
    // #18: nobody has rated yet and no deadline has come to an end — those charts say so instead
    // of drawing empty axes.
    for (const id of ['chart-satisfaction', 'chart-ontime']) {
      expect(await page.getByTestId(id).locator('.ant-empty-description').textContent()).toBe('暂无数据');
      expect(await page.getByTestId(id).locator('canvas').count()).toBe(0);
    }
    const totalCard = page.locator('.stat-cards .ant-statistic').filter({ hasText: '受理总数' });
    await expect.poll(() => totalCard.locator('.ant-statistic-content-value').textContent()).toBe('2');
    // #18: no entry animation — the bars are there to click at once.
    await shot(page, 'stats-dashboard');

    // Twelve months by default; both cases are this month's, the last bar, which fills the grid's
    // height (grid: left 48, right 16, top 24, bottom 48 px).
    // Into view first: when other files' cases make hotspots, the 热点 card above pushes the charts
    // below the fold, and a click there would land outside the window.
    const canvas = page.getByTestId('chart-month').locator('canvas').first();
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + 48 + ((box.width - 64) * 11.5) / 12, box.y + box.height - 48 - 30);
    await page.waitForURL(/\/staff\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('orgUnit')).toBe(unitId);
    expect(url.searchParams.get('from')).toBe(`${month}-01`);
    await page.getByTestId('drill-filter').waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await rows.allTextContents()).join()).toContain('统计看板测试：送货延误');
    await shot(page, 'stats-drill-inbox');
  });

  it('the Excel button downloads the workbook of the same filters', async () => {
    await page.goto(`${web.base}/staff/stats?unit=${unitId}`);
    const href = await page.getByTestId('stats-xlsx').getAttribute('href');
    expect(href).toContain(`unit=${unitId}`);
    const got = await page.evaluate(async (h) => {
      const res = await fetch(h!);
      return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength };
    }, href);
    expect(got.status).toBe(200);
    expect(got.type).toContain('spreadsheetml');
    expect(got.size).toBeGreaterThan(1000);
  });

  it('a monthly report made by hand is listed and prints with charts, tables and notable cases', async () => {
    const made = await runCli(['report', 'monthly', '--month', month, '--unit', unitId], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: web.dataDir,
      PLAINT_REPORT_PERIOD: 'calendar-month', // this calendar month, whatever today's date (issue 17)
    });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('已生成 / generated');
    const again = await runCli(['report', 'monthly', '--month', month, '--unit', unitId], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: web.dataDir,
      PLAINT_REPORT_PERIOD: 'calendar-month', // this calendar month, whatever today's date (issue 17)
    });
    expect(again.stdout).toContain('已存在 / already there');

    await page.goto(`${web.base}/staff/reports`);
    await page.getByRole('link', { name: month }).first().waitFor();
    const row = page.locator('.ant-table-tbody tr').filter({ hasText: '统计测试分公司' });
    await row.getByRole('link', { name: month }).click();
    const report = page.getByTestId('report');
    await report.waitFor();
    await report.getByTestId('chart-month').locator('canvas').first().waitFor();
    expect(await report.locator('h3').textContent()).toContain(`${month} 月度投诉统计报告 · 统计测试分公司`);
    expect(await report.textContent()).toContain('整改与培训措施');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    await shot(page, 'stats-report-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
