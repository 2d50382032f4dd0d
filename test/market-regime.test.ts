import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 17, MS-6 with MS-1: mediation on a complaint received under Order 20 (before 2026-04-15)
 * runs Order 20's 45 working days from acceptance; one received under Order 121 runs its 60
 * natural days. Grants are held in the county bureau, as a real one would hold them.
 */
describe.each(BACKENDS)('the mediation period follows the regime of the day received, on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-07-01T02:00:00.000Z'); // Wednesday 2026-07-01 10:00 in Shanghai
  let county = '';
  let token = '';

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: 'X市市场监督管理局' }, 'system:test');
    county = (await addOrgUnit(h.ctx, { name: '甲县市场监督管理局', parent: city.id }, 'system:test')).id;
    await addUser(
      h.ctx,
      {
        username: 'county-registrar',
        password: 'correct horse battery',
        isAdmin: false,
        roles: [
          { role: 'bureau-registrar', unitId: county },
          { role: 'case-handler', unitId: county },
        ],
      },
      'system:test',
    );
    token = (await createToken(h.ctx, 'county-registrar', 'test', 'system:test')).token;
  });
  afterAll(async () => h?.close());

  async function act(id: string, action: string, input: Record<string, unknown>) {
    const { version } = (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
    const res = await h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  }

  /** A letter registered today that reached the bureau at `receivedAt`, kept and accepted today. */
  async function acceptedLetter(receivedAt: string, harmKnownAt?: string) {
    const res = await h.call('POST', '/api/v1/cases', {
      token,
      body: {
        procedure: 'market-supervision',
        kind: 'complaint',
        channel: 'letter',
        receivedAt,
        subject: '预付卡无法退费',
        description: '在甲县某健身房办理的预付卡，门店停业后无法退费。',
        anonymous: false,
        submitter: { name: '钱七', address: '甲县城关镇新华街2号' },
        respondents: [{ name: '甲县某健身房', type: 'business' }],
        requestedOutcome: '退还预付卡余额',
        fields: { disclosureConsent: false, ...(harmKnownAt ? { harmKnownAt } : {}) },
        affirmTruthful: true,
        orgUnit: county,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    await act(id, 'keep', { basis: 'territory' });
    await act(id, 'accept', { category: 'service' });
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
    return { detail, clocks: detail.deadlines.map((d: { clock: string }) => d.clock) as string[] };
  }

  it('a letter received 2026-04-14 (Order 20): 45 working days from acceptance, not 60 natural days', async () => {
    const { detail, clocks } = await acceptedLetter('2026-04-14T10:00:00+08:00');
    expect(detail.data.regime).toBe('order-20');
    expect(clocks).not.toContain('mediation');
    // Accepted Wed 07-01; day 1 is 07-02: July 2–31 has 22 working days, August 21 (to the 31st),
    // so the 45th is Wednesday 09-02 — no holiday falls in July or August.
    expect(detail.deadlines.find((d: { clock: string }) => d.clock === 'mediation-order-20')).toMatchObject({
      rule: 'MS-6',
      status: 'running',
      dueAt: '2026-09-02T16:00:00.000Z',
      label: { 'zh-CN': '调解期限（旧办法）' },
    });
  });

  it('a letter received 2026-04-15 (Order 121): 60 natural days from acceptance', async () => {
    const { detail, clocks } = await acceptedLetter('2026-04-15T09:00:00+08:00');
    expect(detail.data.regime).toBe('order-121');
    expect(clocks).not.toContain('mediation-order-20');
    // 60 natural days from 07-01: day 1 is 07-02, the 60th is Sunday 08-30, so the period ends on
    // the next working day, Monday 08-31 (RULES.md, Counting days: 民法典 Art 203).
    expect(detail.deadlines.find((d: { clock: string }) => d.clock === 'mediation')).toMatchObject({
      rule: 'MS-6',
      status: 'running',
      dueAt: '2026-08-31T16:00:00.000Z',
    });
  });

  it('MS-3: a harm known more than 3 years before the complaint was received is shown to the handler as a ground', async () => {
    const { detail } = await acceptedLetter('2026-04-15T09:00:00+08:00', '2023-04-14');
    expect(detail.warnings).toEqual([
      {
        rule: 'MS-3',
        field: 'harmKnownAt',
        value: '2023-04-14',
        label: expect.objectContaining({ 'zh-CN': expect.stringContaining('超过三年') }),
      },
    ]);
    // Exactly three years (received 04-15, known 04-15) is not over; no date, no warning.
    expect((await acceptedLetter('2026-04-15T09:00:00+08:00', '2023-04-15')).detail.warnings).toEqual([]);
    expect((await acceptedLetter('2026-04-15T09:00:00+08:00')).detail.warnings).toEqual([]);
  });
});
