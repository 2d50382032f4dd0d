import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoute, registerCompression, registerWebApp } from '../src/http/web.routes.ts';
import { CASE_KINDS, CHANNELS } from '../src/domain/procedure.schema.ts';
import { THIRD_PARTY_TYPES } from '../src/domain/submission.ts';
import { ROOT } from './support/cli.ts';

const PROCEDURES = [{ id: 'p1', name: { 'zh-CN': '投诉</script><script>alert(1)</script>' } }];

/** Issue 6: the server serves the built web app at `/` with an SPA fallback; /api stays JSON. */
describe('the web app is served at / and the API keeps its 404s', () => {
  const dist = `${mkdtempSync(join(tmpdir(), 'plaint-dist-'))}/`;
  const app = Fastify();
  const script = `console.log(${JSON.stringify('门户'.repeat(500))})`;

  beforeAll(async () => {
    mkdirSync(`${dist}assets`);
    writeFileSync(
      `${dist}index.html`,
      '<!doctype html><head><meta name="description" content="默认" /></head><div id="root">门户</div>',
    );
    writeFileSync(`${dist}assets/app-1234.js`, script);
    writeFileSync(`${dist}assets/app-1234.js.br`, brotliCompressSync(script));
    writeFileSync(`${dist}assets/app-1234.js.gz`, gzipSync(script));
    writeFileSync(`${dist}robots.txt`, 'User-agent: *\nDisallow: /staff\n');
    writeFileSync(`${dist}favicon.ico`, Buffer.from([0, 0, 1, 0]));
    writeFileSync(`${dist}manifest.webmanifest`, '{"name":"Plaint"}');
    await registerCompression(app);
    app.get('/api/v1/health', async () => ({ status: 'ok' }));
    app.get('/api/v1/big', async () => ({ rows: Array.from({ length: 200 }, (_, i) => ({ i, text: '投诉' })) }));
    // An inbox page's size (~30 kB) and an export's (~200 kB).
    app.get('/api/v1/page', async () => ({
      rows: Array.from({ length: 51 }, (_, i) => ({ i, text: `物业收费投诉 ${i} `.repeat(30) })),
    }));
    app.get('/api/v1/export', async () => ({
      rows: Array.from({ length: 400 }, (_, i) => ({ i, text: `物业收费投诉 ${i} `.repeat(30) })),
    }));
    app.get('/api/v1/public/procedures', async () => ({ items: PROCEDURES }));
    await registerWebApp(app, dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('/ and any page path answer index.html, never cached', async () => {
    for (const url of ['/', '/track', '/staff/cases/01JABCDEFGHJKMNPQRSTVWXYZ0?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('门户');
    }
  });

  it('the page carries the public procedure list as data, which no text in it can close (#27)', async () => {
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    const found = /<script type="application\/json" id="plaint-procedures">(.*?)<\/script>/.exec(html);
    expect(found).not.toBeNull();
    expect(found![1]).not.toContain('<');
    expect(JSON.parse(found![1])).toEqual({ items: PROCEDURES });
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('pages carry a content security policy: own scripts only, no framing, no referrer', async () => {
    for (const url of ['/', '/staff/admin']) {
      const res = await app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('hashed assets are cached for a year; a missing asset is a 404, not the page', async () => {
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('hashed assets go out pre-compressed: brotli or gzip as the client accepts (#18)', async () => {
    const br = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: '/assets/app-1234.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('API answers above 1 kB are compressed, small ones are not (#18)', async () => {
    const big = await app.inject({ url: '/api/v1/big', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(big.rawPayload).toString()).rows).toHaveLength(200);
    const gz = await app.inject({ url: '/api/v1/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const small = await app.inject({ url: '/api/v1/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('a page-sized answer is compressed in one call, with its length; a larger one streams (#25)', async () => {
    // In one call: the length is known. Through a zlib stream: chunked, no content-length. The
    // plugin's default on two cores (8 kB) streamed every inbox page, at several times the cost.
    const page = await app.inject({ url: '/api/v1/page', headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.body.length).toBeGreaterThan(0);
    expect(page.headers['content-encoding']).toBe('br');
    expect(Number(page.headers['content-length'])).toBe(page.rawPayload.length);
    const raw = brotliDecompressSync(page.rawPayload);
    expect(raw.length).toBeGreaterThan(20_000);
    expect(raw.length).toBeLessThan(64 * 1024);
    expect(JSON.parse(raw.toString()).rows).toHaveLength(51);
    const large = await app.inject({ url: '/api/v1/export', headers: { 'accept-encoding': 'br, gzip' } });
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers['content-length']).toBeUndefined();
    expect(JSON.parse(brotliDecompressSync(large.rawPayload).toString()).rows).toHaveLength(400);
  });

  it('robots.txt, favicon and manifest are the files, not the app (#27)', async () => {
    const robots = await app.inject({ url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toContain('text/plain');
    expect(robots.body).toContain('Disallow: /staff');
    const icon = await app.inject({ url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).not.toContain('html');
    const manifest = await app.inject({ url: '/manifest.webmanifest' });
    expect(manifest.json()).toEqual({ name: 'Plaint' });
  });

  it('only app routes answer the page; any other path is a 404 (#27)', async () => {
    for (const url of ['/metrics', '/favicon.png', '/wp-login.php', '/submit', '/track/x/y', '/assets/', '/staffx']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    for (const url of [
      '/',
      '/submit/customer-complaint',
      '/receipt',
      '/track',
      '/disclosures',
      '/survey/x',
      '/staff',
    ]) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
  });

  it('each public page carries its own meta description (#27)', async () => {
    const zh = JSON.parse(readFileSync(join(ROOT, 'web/src/locales/zh-CN.json'), 'utf8')) as Record<string, string>;
    const en = JSON.parse(readFileSync(join(ROOT, 'web/src/locales/en.json'), 'utf8')) as Record<string, string>;
    const seen = new Set<string>();
    for (const url of ['/', '/submit/customer-complaint', '/track', '/disclosures']) {
      const key = appRoute(url);
      expect(key, url).toBeTruthy();
      expect(zh[key!], url).toBeTruthy();
      expect(en[key!], url).toBeTruthy();
      const body = (await app.inject({ url })).body;
      expect(body).toContain(`<meta name="description" content="${zh[key!]}" />`);
      seen.add(zh[key!]);
    }
    expect(seen.size).toBe(4);
  });

  it('unknown /api paths and non-GET requests stay 404s in the API error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api'],
      ['POST', '/staff'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect((await app.inject({ url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
  });

  it('without a build the server still starts, and / is an API 404', async () => {
    const bare = Fastify();
    await registerWebApp(bare, `${dist}missing/`);
    const res = await bare.inject({ url: '/' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    await bare.close();
  });
});

/** Issue 6: every string of the web app comes from the locale files, in both languages. */
describe('the locale files cover every string the web app uses', () => {
  const zh = JSON.parse(readFileSync(join(ROOT, 'web/src/locales/zh-CN.json'), 'utf8')) as Record<string, string>;
  const en = JSON.parse(readFileSync(join(ROOT, 'web/src/locales/en.json'), 'utf8')) as Record<string, string>;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : [],
    );
  const source = files(join(ROOT, 'web/src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('zh-CN and en have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.entries({ ...zh, ...en }).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it("every t('key') in web/src exists", () => {
    const used = [...source.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((k) => !(k in zh))).toEqual([]);
  });

  it('keys built from domain values (kinds, channels, third parties, inbox views) exist', () => {
    const built = [
      ...CASE_KINDS.map((k) => `kind.${k}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...THIRD_PARTY_TYPES.map((x) => `thirdParty.${x}`),
      ...['all', 'mine', 'unit', 'due-soon', 'overdue'].map((v) => `inbox.${v}`),
      ...['person', 'department', 'business'].map((r) => `respondent.${r}`),
      // Issue 20, the directory tab: kinds, where a directory is configured, what started a sync, the report's counts.
      ...['ldap', 'wecom', 'dingtalk', 'feishu'].map((k) => `directory.kind.${k}`),
      ...['env', 'admin'].map((o) => `directory.origin.${o}`),
      ...['scheduled', 'admin'].map((o) => `directory.trigger.${o}`),
      ...[
        'unitsCreated',
        'unitsRenamed',
        'unitsMoved',
        'usersCreated',
        'usersUpdated',
        'usersDeactivated',
        'usersReactivated',
        'grantsAdded',
      ].map((c) => `directory.count.${c}`),
    ];
    expect(built.filter((k) => !(k in zh))).toEqual([]);
  });

  it('no Chinese text is written into the components instead of the locale files', () => {
    const offenders = files(join(ROOT, 'web/src'))
      .filter((f) => !f.includes('locales'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f.slice(ROOT.length)}:${i + 1}`, line }))
          .filter(({ line }) => /[\u4e00-\u9fff]/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line)),
      );
    expect(offenders.map((o) => o.where)).toEqual([]);
  });
});
