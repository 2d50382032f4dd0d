import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../src/http/web.routes.ts';
import { CASE_KINDS, CHANNELS } from '../src/domain/procedure.schema.ts';
import { THIRD_PARTY_TYPES } from '../src/domain/submission.ts';
import { ROOT } from './support/cli.ts';

/** Issue 6: the server serves the built web app at `/` with an SPA fallback; /api stays JSON. */
describe('the web app is served at / and the API keeps its 404s', () => {
  const dist = `${mkdtempSync(join(tmpdir(), 'plaint-dist-'))}/`;
  const app = Fastify();

  beforeAll(async () => {
    mkdirSync(`${dist}assets`);
    writeFileSync(`${dist}index.html`, '<!doctype html><div id="root">门户</div>');
    writeFileSync(`${dist}assets/app-1234.js`, 'console.log(1)');
    app.get('/api/v1/health', async () => ({ status: 'ok' }));
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
