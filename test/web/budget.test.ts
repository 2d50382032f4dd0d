import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';
import { startWeb, type WebEnv } from './support.ts';

/**
 * Issue 27: what a phone downloads before a public page shows, in bytes as served (the build's
 * brotli copies, scripts/build-web.mjs), held to a budget — a number, not a timing. Measured twice:
 * from the built files (the entry's static closure plus the page's lazy chunks, from vite's
 * manifest, as scripts/web-sizes.mjs does) and from a real page load in Chromium with a fresh
 * context (every response's headers and encoded body, as they came over the wire).
 *
 * Budgets (kB = 1024 bytes), what #27's changes reached with ~10 % headroom (measured on the test
 * server's procedures):
 *   /                           150 — the issue's number; the home page is plain markup, no antd:
 *                                     93 kB built, 111 kB on the wire (5 responses: the page with
 *                                     its inlined procedure list, script, strings, style, icon).
 *                                     Before #27: 209 kB built, 221 kB on the wire.
 *   /submit/customer-complaint  130 — plain markup too since #27's second step (PortalIntakeForm.tsx,
 *                                     native inputs): 100 kB built, 119 kB on the wire in 9 responses.
 *                                     With antd's form: 323 kB built, 351 kB on the wire.
 *   /track                      125 — the tracking question is plain markup; the tracked case (antd's
 *                                     timeline, descriptions, the actions' forms) loads once asked
 *                                     for: 95 kB built, 114 kB on the wire in 7 responses (with antd
 *                                     on the first load: 280 kB built, 308 kB on the wire).
 */
const KB = 1024;
const PAGES: { path: string; budget: number; chunks: string[]; ready: string }[] = [
  { path: '/', budget: 150 * KB, chunks: [], ready: '.card a[href^="/submit/"]' },
  {
    path: '/submit/customer-complaint',
    budget: 130 * KB,
    chunks: ['src/portal/SubmitPage.tsx'],
    ready: 'form',
  },
  { path: '/track', budget: 125 * KB, chunks: ['src/portal/TrackPage.tsx'], ready: 'form' },
];

const DIST = join(ROOT, 'web/dist');
type Chunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean };

/** Bytes of the built files a page needs before it shows: .br copies where the build made one. */
function builtBytes(chunks: string[]): number {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  visit(Object.keys(manifest).find((k) => manifest[k].isEntry)!);
  for (const key of chunks) {
    expect(manifest[key], `${key} is a chunk of the build`).toBeDefined();
    visit(key);
  }
  const files = new Set(['index.html', ...[...seen].flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])])]);
  let total = 0;
  for (const file of files) {
    const br = join(DIST, `${file}.br`);
    total += readFileSync(existsSync(br) ? br : join(DIST, file)).length;
  }
  return total;
}

describe('the public pages stay within their byte budgets (#27)', { timeout: 300_000 }, () => {
  let web: WebEnv;

  beforeAll(async () => {
    web = await startWeb();
  }, 120_000);
  afterAll(async () => web?.close());

  for (const p of PAGES) {
    it(`${p.path}: built files and a real load on the wire ≤ ${p.budget / KB} kB`, async () => {
      const built = builtBytes(p.chunks);

      // A fresh context: nothing cached, as a phone's first visit.
      const { context, page } = await web.open(375);
      const sizes: Promise<number>[] = [];
      const urls: string[] = [];
      page.on('requestfinished', (request) => {
        urls.push(request.url());
        sizes.push(
          request.sizes().then(
            (s) => s.responseHeadersSize + s.responseBodySize,
            () => 0,
          ),
        );
      });
      await page.goto(web.base + p.path);
      await page.locator(p.ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      const wire = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      // Served compressed: the entry script came as brotli, not as the raw file.
      const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')!.src);
      const encoding = await (await fetch(script, { headers: { 'accept-encoding': 'br, gzip' } })).headers.get(
        'content-encoding',
      );
      await context.close();

      const report = `${p.path}: built ${(built / KB).toFixed(1)} kB, on the wire ${(wire / KB).toFixed(1)} kB in ${urls.length} responses`;
      console.log(report);
      expect(encoding).toBe('br');
      expect(built, report).toBeLessThanOrEqual(p.budget);
      expect(wire, `${report}:\n${urls.join('\n')}`).toBeLessThanOrEqual(p.budget);
    });
  }

  for (const path of ['/submit/customer-complaint', '/track'])
    it(`${path} loads no antd: no antd chunk is fetched, no antd class is in the page`, async () => {
      const { context, page } = await web.open(375);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(web.base + path);
      await page.locator('form').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('[class*="ant-"]').count()).toBe(0);
      expect(scripts.filter((s) => /\/assets\/(AntShell|TrackedCase|ReceiptPage)-/.test(s))).toEqual([]);
      await context.close();
    });

  it('the home page needs no API round trip, no antd and no English: its cards come with the page', async () => {
    const { context, page } = await web.open(375);
    const paths: string[] = [];
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    await page.goto(web.base);
    await page.locator('.card a[href="/submit/customer-complaint"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([]);
    expect(await page.locator('[class*="ant-"]').count()).toBe(0);
    expect(paths.filter((p) => /\/assets\/en-[\w-]+\.js$/.test(p))).toEqual([]);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('我要反映');

    // English comes when chosen, and the page shows it whole: no key, no Chinese left over.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Raise a matter' }).waitFor();
    expect(paths.filter((p) => /\/assets\/en-[\w-]+\.js$/.test(p))).toHaveLength(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });
});
