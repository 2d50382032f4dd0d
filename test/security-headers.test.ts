import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.ts';
import { sqlite, TestClock } from './support/backends.ts';
import { checkContract } from '../src/http/contract-check.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 28, headers everywhere: answers that show a person or a case are never stored by a cache
 * and never sniffed; every HTML answer has the page's CSP and frame protection; HSTS over https.
 * Headers do not depend on the database, so this runs on SQLite only.
 */
describe('security headers on every answer', () => {
  let h: Harness;
  let admin: string;
  let caseId: string;
  let trackingNo: string;
  let receipt: string;

  beforeAll(async () => {
    h = await startHarness(sqlite, new TestClock('2026-12-01T02:00:00.000Z'));
    admin = (await h.staff('headers-admin', [], { isAdmin: true })).token;
    const made = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(made.statusCode, made.body).toBe(201);
    ({ trackingNo, receipt } = made.json());
    caseId = (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => h?.close());

  it('API answers with people or cases: no-store and nosniff (/me, a case, its archive, the public case)', async () => {
    const answers = [
      await h.call('GET', '/api/v1/me', { token: admin }),
      await h.call('GET', `/api/v1/cases/${caseId}`, { token: admin }),
      await h.call('GET', '/api/v1/cases', { token: admin }),
      await h.call('GET', '/api/v1/admin/users', { token: admin }),
      await h.call('GET', `/api/v1/cases/${caseId}/archive`, { token: admin }),
      await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } }),
      await h.call('GET', '/api/v1/cases/01JABCDEFGHJKMNPQRSTVWXYZ0', { token: admin }), // an error answer too
    ];
    for (const res of answers) {
      const what = `${res.statusCode} ${res.body.slice(0, 80)}`;
      expect(res.headers['cache-control'], what).toBe('no-store');
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
    }
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200, 404]);
  });

  it('every HTML answer carries the page CSP and frame protection: app routes, /index.html, /api/docs', async () => {
    for (const url of [
      '/',
      '/track',
      '/staff',
      '/staff/cases/x',
      '/index.html',
      '/api/docs',
      '/api/docs/static/index.html',
    ]) {
      const res = await h.call('GET', url);
      if (res.statusCode >= 300 && res.statusCode < 400) continue; // a redirect to the page itself, checked next
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
      expect(String(res.headers['content-security-policy']), url).toContain("script-src 'self'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    expect((await h.call('GET', '/')).headers['strict-transport-security']).toBeUndefined(); // plain http
  });

  it('HSTS over https as the trusted proxy reports it, and not when an untrusted client claims it', async () => {
    const proxied = await buildServer(h.ctx, { trustProxy: '127.0.0.1' });
    // Issue 26: checked against the OpenAPI document as the harness's server is (HTML pages are not API paths).
    const contract = checkContract(proxied);
    try {
      const https = await proxied.inject({ url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const page = await proxied.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(contract.take(), 'API contract broken').toEqual([]);
    } finally {
      await proxied.close();
    }
    const untrusted = await h.call('GET', '/api/v1/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});
