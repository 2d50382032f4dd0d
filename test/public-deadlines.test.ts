import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { templateVars } from '../src/notify/content.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 18 "deadlines people are owed": a procedure marks the clocks it promises the submitter
 * (`public: true`); the receipt, the tracking page and the submitter's e-mails show only those,
 * with the actions that stop them, in the organisation's zone. Internal limits stay with staff.
 */
describe.each(BACKENDS)('public deadlines on $name (#18, SLA-1)', (backend) => {
  let h: Harness;
  let service: { id: string; token: string };
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let county = '';

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    service = await h.staff('service', ['customer-service']);
    const city = (await addOrgUnit(h.ctx, { name: '甲市市场监督管理局' }, 'system:test')).id;
    county = (await addOrgUnit(h.ctx, { name: '甲县市场监督管理局', parent: city }, 'system:test')).id;
  });
  afterAll(async () => h?.close());

  async function mailVars(caseId: string, recipient: string) {
    const db = h.ctx.store.db;
    const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const outbox = await db
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('recipient', '=', recipient)
      .executeTakeFirstOrThrow();
    return templateVars(h.ctx, db, outbox, row);
  }
  const caseIdOf = async (trackingNo: string) =>
    (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow()
    ).id;

  it('the internal 24-hour forwarding clock is not shown to the customer: receipt, tracking page, e-mail', async () => {
    // A complaint staff registered (no intake unit set: it may have to be forwarded, issue 17).
    const res = await h.call('POST', '/api/v1/cases', {
      token: service.token,
      body: complaint({ channel: 'walk-in', receivedAt: '2026-11-30T10:00:00+08:00' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt, owed } = res.json();
    expect(owed ?? []).toEqual([]);
    const view = (
      await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
    ).json();
    expect(view.deadlines).toEqual([]);
    expect(view.timeline[0].deadlines).toEqual([]);
    const id = await caseIdOf(trackingNo);
    // Staff still see and are told of it.
    const staffView = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json();
    expect(staffView.deadlines.map((d: { clock: string }) => d.clock)).toEqual(['forwarding']);
    expect((await mailVars(id, 'submitter')).deadlineZh).toBe('暂无');
    expect((await mailVars(id, 'role:customer-service')).deadlineZh).toBe(
      '转交客服部门 2026-12-01 10:00 前（北京时间）',
    );
  });

  it('the acceptance decision owed to a consumer (MS-2) is shown, with what stops it', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: {
        procedure: 'market-supervision',
        kind: 'complaint',
        subject: '超市出售的电热水壶漏电',
        description: '10月28日在甲县好又多超市购买电热水壶一台，使用第三天底座漏电，要求退货被拒。',
        anonymous: false,
        submitter: { name: '张三', phone: '13812345678', email: 'zhangsan@example.com' },
        respondents: [{ name: '甲县好又多超市', type: 'business' }],
        occurredAt: '2026-10-31T19:00:00+08:00',
        requestedOutcome: '退货退款并赔偿',
        fields: { disclosureConsent: true, businessAddress: '甲县城关镇人民路8号', harmKnownAt: '2026-10-31' },
        affirmTruthful: true,
        orgUnit: county,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt, deadlines } = res.json();
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject({ clock: 'acceptance', label: { 'zh-CN': '受理决定' } });
    const stops = deadlines[0].stoppedBy.map((l: { 'zh-CN': string }) => l['zh-CN']);
    expect(stops.length).toBeGreaterThan(0);
    const view = (
      await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
    ).json();
    expect(view.deadlines).toMatchObject([{ clock: 'acceptance', status: 'running', dueAt: deadlines[0].dueAt }]);
    expect(view.deadlines[0].stoppedBy.map((l: { 'zh-CN': string }) => l['zh-CN'])).toEqual(stops);
    const mail = await mailVars(await caseIdOf(trackingNo), 'submitter');
    expect(mail.deadlineZh).toMatch(/^受理决定 \d{4}-\d\d-\d\d \d\d:\d\d 前（北京时间），至“.+”为止$/);
    expect(mail.deadlineZh).toContain(stops[0]);
    expect(mail.deadlineEn).toContain('(Beijing time), until "');
  });
});
