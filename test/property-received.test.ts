import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';

/**
 * Issue 17, S9 三: a resident's letter received Monday and classified Wednesday is due by its
 * receipt — 重要 within 3 days of Monday — not by its classification; no case sits unclocked.
 * Grants are held in the property company's unit.
 */
describe.each(BACKENDS)('property limits count from receipt, on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-12-02T02:00:00.000Z'); // Wednesday 2026-12-02 10:00 in Shanghai
  let token = '';

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '物业公司' }, 'system:test');
    await addUser(
      h.ctx,
      {
        username: 'front-desk',
        password: 'correct horse battery',
        isAdmin: false,
        roles: [{ role: 'service-centre', unitId: company.id }],
      },
      'system:test',
    );
    token = (await createToken(h.ctx, 'front-desk', 'test', 'system:test')).token;
  });
  afterAll(async () => h?.close());

  it('a letter received Monday 11-30 and accepted as 重要 on Wednesday is due Thursday 12-03 24:00', async () => {
    const made = await h.call('POST', '/api/v1/cases', {
      token,
      body: {
        procedure: 'property-complaint',
        kind: 'complaint',
        channel: 'letter',
        receivedAt: '2026-11-30T10:00:00+08:00',
        subject: '地下车库照明损坏',
        description: '地下车库B区照明损坏一周，夜间停车不安全。',
        anonymous: false,
        submitter: { name: '李四', phone: '13800000017' },
        location: '地下车库B区',
        requestedOutcome: '尽快修复照明',
        fields: { room: '3栋2单元1201' },
        affirmTruthful: true,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id } = made.json();
    const category = h.ctx.procedures.latest('property-complaint')!.categories[0].id;
    const accepted = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
      token,
      body: { input: { severity: 'important', category }, expectedVersion: 1 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
    // 3 natural days from Monday 11-30: 12-01, 12-02, 12-03 — not 12-05 (a Saturday, so Monday 12-07)
    // as counted from Wednesday's classification.
    expect(detail.deadlines.find((d: { clock: string }) => d.clock === 'resolution')).toMatchObject({
      status: 'running',
      startedAt: '2026-11-30T02:00:00.000Z',
      dueAt: '2026-12-03T16:00:00.000Z',
    });
    // The month for a valid complaint runs from its acceptance (S9 一.1(3)).
    expect(detail.deadlines.find((d: { clock: string }) => d.clock === 'month')).toMatchObject({
      startedAt: '2026-12-02T02:00:00.000Z',
    });
  });

  it('S9 三.1: a date the resident asked for that falls on a day off is kept as asked, not moved to a working day', async () => {
    const made = await h.call('POST', '/api/v1/cases', {
      token,
      body: {
        procedure: 'property-complaint',
        kind: 'complaint',
        channel: 'walk-in',
        subject: '楼道声控灯不亮',
        description: '5栋3单元楼道声控灯不亮，晚上上下楼不便。',
        anonymous: false,
        submitter: { name: '周九', phone: '13800000018' },
        location: '5栋3单元楼道',
        requestedOutcome: '周日前修好',
        fields: { room: '5栋3单元502' },
        affirmTruthful: true,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id } = made.json();
    const category = h.ctx.procedures.latest('property-complaint')!.categories[0].id;
    // Sunday 2026-12-06: the resident is home that day; the limit is theirs, so it stays a Sunday.
    const accepted = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
      token,
      body: { input: { severity: 'minor', category, residentDeadline: '2026-12-06' }, expectedVersion: 1 },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
    expect(detail.deadlines.find((d: { clock: string }) => d.clock === 'resolution')).toMatchObject({
      dueAt: '2026-12-06T16:00:00.000Z',
    });
  });

  it('S9 一.1(3), 三.3: unresolved a month after acceptance, it is raised to 重大 and its 2-day answer clock starts', async () => {
    const [row] = await h.ctx.store.db
      .selectFrom('cases')
      .select('id')
      .where('procedure_id', '=', 'property-complaint')
      .execute();
    clock.set('2027-01-05T02:00:00.000Z'); // past the month from 12-02
    await sweepOnce(h.ctx);
    const detail = (await h.call('GET', `/api/v1/cases/${row.id}`, { token })).json();
    expect(detail.severity).toBe('major');
    const answer = detail.deadlines.find((d: { clock: string }) => d.clock === 'answer');
    expect(answer).toMatchObject({ status: 'running', startedAt: '2027-01-05T02:00:00.000Z' });
    // A second sweep starts nothing twice.
    await sweepOnce(h.ctx);
    const again = (await h.call('GET', `/api/v1/cases/${row.id}`, { token })).json();
    expect(again.deadlines.filter((d: { clock: string }) => d.clock === 'answer')).toHaveLength(1);
  });
});
