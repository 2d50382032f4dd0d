import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

type Page = {
  items: { id: string; trackingNo: string; severity: string | null; nextDue: { dueAt: string } | null }[];
  nextCursor: string | null;
};

/**
 * Issue 18, the inbox as a work queue: GET /api/v1/cases?sort=due|received|severity, each paged
 * by a cursor that neither skips nor repeats a case, inside the caller's scope.
 */
describe.each(BACKENDS)('inbox order on $name (#18)', (backend) => {
  let h: Harness;
  let service: { id: string; token: string };
  let clerk: { id: string; token: string };
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  const filed: string[] = []; // tracking numbers, oldest first

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    service = await h.staff('service', ['customer-service']);
    clerk = await h.staff('clerk', ['intake-clerk']);
    for (let i = 0; i < 7; i++) {
      clock.advance(37 * 60_000);
      // Registered by a department (issue 17: only these must be forwarded within 24 hours, a clock to sort by).
      const res = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({ channel: 'walk-in', subject: `冰箱不制冷 ${i}` }),
      });
      expect(res.statusCode, res.body).toBe(201);
      filed.push(res.json().trackingNo);
      // Severity as a classification would set it (the customer-complaint procedure has no levels of its own).
      await h.ctx.store.db
        .updateTable('cases')
        .set({ severity: ['minor', 'important', 'major'][i % 3] })
        .where('tracking_no', '=', res.json().trackingNo)
        .execute();
    }
    // The oldest is forwarded: its clock stops, so it has no running deadline and goes last by due.
    const oldest = await list('?q=' + filed[0]);
    const detail = (await h.call('GET', `/api/v1/cases/${oldest.items[0].id}`, { token: clerk.token })).json();
    const res = await h.call('POST', `/api/v1/cases/${detail.id}/actions/forward`, {
      token: clerk.token,
      body: { input: { note: '转客服' }, expectedVersion: detail.version },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => h?.close());

  async function list(query: string, token = service.token): Promise<Page> {
    const res = await h.call('GET', `/api/v1/cases${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function all(sort: string, limit: number): Promise<Page['items']> {
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page = await list(`?sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it('sort=due: the nearest running deadline first, cases with none last; pages of 2 neither skip nor repeat', async () => {
    const items = await all('due', 2);
    expect(items.map((c) => c.trackingNo)).toEqual([...filed.slice(1), filed[0]]);
    expect(items.at(-1)!.nextDue).toBeNull();
    const dues = items.slice(0, -1).map((c) => c.nextDue!.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('sort=received (and no sort): newest first', async () => {
    expect((await all('received', 3)).map((c) => c.trackingNo)).toEqual([...filed].reverse());
    expect((await list('')).items.map((c) => c.trackingNo)).toEqual([...filed].reverse());
  });

  it('sort=severity: major, important, minor; newest first within each', async () => {
    const items = await all('severity', 2);
    expect(items.map((c) => c.severity)).toEqual([
      'major',
      'major',
      'important',
      'important',
      'minor',
      'minor',
      'minor',
    ]);
    expect(new Set(items.map((c) => c.id)).size).toBe(7);
  });

  it('a bad sort or cursor is a 400 in the API error shape', async () => {
    for (const q of ['?sort=name', "?sort=due&cursor=x'or'1|01JABCDEFGHJKMNPQRSTVWXYZ0", '?cursor=abc']) {
      const res = await h.call('GET', `/api/v1/cases${q}`, { token: service.token });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
  });
});
