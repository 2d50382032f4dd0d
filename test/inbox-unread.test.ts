import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * #18 the inbox's unread marker: a case with a message or material from the submitter since this
 * handler last opened it is marked for that handler, and opening it clears the mark for them only.
 * Grants held in 客服部 under a company unit.
 */
describe.each(BACKENDS)('unread marker (#18) on $name', (backend) => {
  const clock = new TestClock('2026-12-01T01:00:00.000Z');
  let h: Harness;
  const tokens: Record<string, string> = {};
  let submitted: { id: string; trackingNo: string; receipt: string };

  const inbox = async (who: string) =>
    (await h.call('GET', `/api/v1/cases?q=${submitted.trackingNo}`, { token: tokens[who] })).json().items[0];
  const open = async (who: string) => {
    const view = (await h.call('GET', `/api/v1/cases/${submitted.id}`, { token: tokens[who] })).json();
    const res = await h.call('POST', `/api/v1/cases/${submitted.id}/seen`, {
      token: tokens[who],
      body: { version: view.version },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const write = async (text: string) => {
    const res = await h.call('POST', `/api/v1/public/cases/${submitted.trackingNo}/messages`, {
      headers: { 'x-receipt': submitted.receipt },
      body: { text },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const admin = (await h.staff('unread-admin', [], { isAdmin: true })).token;
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    const cs = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    for (const username of ['cs-li', 'cs-wang']) {
      const res = await h.call('POST', '/api/v1/admin/users', {
        token: admin,
        body: {
          username,
          displayName: username,
          password: 'correct horse battery',
          grants: [{ role: 'customer-service', orgUnit: cs.id }],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      tokens[username] = (await createToken(h.ctx, username, 't', 'system:test')).token;
    }
    await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin,
      body: { orgUnit: cs.id },
    });
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const row = await h.ctx.store.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirstOrThrow();
    submitted = { id: row.id, trackingNo, receipt };
  });
  afterAll(async () => h?.close());

  it('a new case is not "new from the submitter"; a message after it is, for each handler until they open it', async () => {
    expect((await inbox('cs-li')).unread).toBe(false);
    await write('补充一下：冰箱背面有明显的磕碰痕迹。');
    expect((await inbox('cs-li')).unread).toBe(true);
    expect((await inbox('cs-wang')).unread).toBe(true);
    await open('cs-li');
    expect((await inbox('cs-li')).unread).toBe(false);
    expect((await inbox('cs-wang')).unread).toBe(true);
    await write('另外，门店电话一直打不通。');
    expect((await inbox('cs-li')).unread).toBe(true);
  });

  it('a stale page cannot mark a later message as seen', async () => {
    await open('cs-wang');
    const before = (await h.call('GET', `/api/v1/cases/${submitted.id}`, { token: tokens['cs-wang'] })).json().version;
    await write('还有一张发票照片。');
    // The page read before the message: it says it saw the older version only.
    await h.call('POST', `/api/v1/cases/${submitted.id}/seen`, { token: tokens['cs-wang'], body: { version: before } });
    expect((await inbox('cs-wang')).unread).toBe(true);
    // A version beyond the case's own cannot mark what does not exist yet.
    await h.call('POST', `/api/v1/cases/${submitted.id}/seen`, { token: tokens['cs-wang'], body: { version: 9999 } });
    await write('最后一条补充。');
    expect((await inbox('cs-wang')).unread).toBe(true);
  });

  it('refuses bad input and cases out of reach', async () => {
    const bad = await h.call('POST', `/api/v1/cases/${submitted.id}/seen`, {
      token: tokens['cs-li'],
      body: { version: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const none = await h.call('POST', '/api/v1/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV/seen', {
      token: tokens['cs-li'],
      body: { version: 1 },
    });
    expect(none.statusCode).toBe(404);
  });
});
