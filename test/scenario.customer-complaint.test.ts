import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * A customer complaint walked through S4 顾客投诉处理工作程序 and S5 处理投诉的工作制度, in the
 * order the documents give, through the HTTP API: web submission → 24-hour forwarding →
 * acceptance → responsible person → investigation → analysis and measures → resolution →
 * written reply → satisfaction survey → closing and archive.
 */
describe.each(BACKENDS)('customer complaint from submission to closing on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  let clerk: { id: string; token: string };
  let service: { id: string; token: string };
  let manager: { id: string; token: string };
  let warehouse: { id: string; token: string; username: string };
  let trackingNo: string;
  let receipt: string;
  let caseId: string;
  let version = 1;
  const units = { company: '', cs: '', store: '', warehouse: '' };

  // Issue 16: grants held in units, as the company is set up — 客服部 handles, the store registers
  // what it hears, the warehouse investigates, the customer-service manager supervises from above.
  beforeAll(async () => {
    h = await startHarness(backend, clock);
    units.company = (await addOrgUnit(h.ctx, { name: '公司' }, 'system:test')).id;
    units.cs = (await addOrgUnit(h.ctx, { name: '客服部', parent: units.company }, 'system:test')).id;
    units.store = (await addOrgUnit(h.ctx, { name: '人民路门店', parent: units.company }, 'system:test')).id;
    units.warehouse = (await addOrgUnit(h.ctx, { name: '仓储部', parent: units.company }, 'system:test')).id;
    const admin = await h.staff('root-admin', [], { isAdmin: true });
    const set = await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin.token,
      body: { orgUnit: units.cs },
    });
    expect(set.statusCode, set.body).toBe(200);
    clerk = await h.staff('store-clerk', [{ role: 'intake-clerk', unitId: units.store }]);
    service = await h.staff('cs-li', [{ role: 'customer-service', unitId: units.cs }]);
    manager = await h.staff('cs-manager', [{ role: 'customer-service-manager', unitId: units.company }]);
    // Product gap (issue 16): a case stays with 客服部 while it is investigated, and a grant in 仓储部
    // does not reach a 客服部 case, so the handler of the department concerned holds the role at the
    // company unit. Reaching him from 仓储部 needs a co-handling mechanism the procedures lack.
    warehouse = await h.staff('warehouse-wang', [{ role: 'department-handler', unitId: units.company }]);
  });
  afterAll(async () => h?.close());

  async function act(token: string, action: string, input: Record<string, unknown>) {
    clock.advance(30 * 60_000);
    const res = await h.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    version = res.json().version;
    return res.json();
  }

  /** An action refused with 400: the paths named, and nothing written. */
  async function refusedPaths(token: string, action: string, input: Record<string, unknown>) {
    const res = await h.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, res.body).toBe(400);
    return (res.json().error.details.issues as { path: string }[]).map((i) => i.path);
  }

  const clockOf = async (id: string) =>
    (
      (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json().deadlines as { clock: string }[]
    ).find((d) => d.clock === id) as Record<string, unknown> | undefined;

  async function notices(): Promise<string[]> {
    const rows = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', caseId)
      .execute();
    return rows.map((o) => `${o.recipient}/${o.template}`);
  }

  async function publicView() {
    const res = await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('S4 二.3 在线投诉: the customer submits on the website and gets a tracking number and receipt (INT-1, INT-4, INT-5)', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(res.statusCode).toBe(201);
    ({ trackingNo, receipt } = res.json());
    const list = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: service.token })).json();
    caseId = list.items[0].id;
    expect(list.items[0]).toMatchObject({ status: 'received', channel: 'web', kind: 'complaint' });
    const outbox = await h.ctx.store.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).execute();
    expect(outbox.map((o) => `${o.recipient}/${o.template}`).sort()).toEqual([
      'role:customer-service/new-case',
      'submitter/received',
    ]);
  });

  it('S5 四.1 接收投诉: the store that heard of it forwards it to customer service within 24 hours (REG-2, SLA-5; issue 16)', async () => {
    const before = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    // Issue 16 (INT-2): the web complaint lands in the intake unit 客服部, not with the store.
    expect(before.orgUnitId).toBe(units.cs);
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: clerk.token })).statusCode).toBe(404);
    // Issue 17: it reached customer service itself, so there is nothing to forward and no 24-hour clock.
    expect(before.deadlines).toEqual([]);
    expect((await publicView()).deadlines).toEqual([]);
    // The customer also went to the store: the store registers it there and forwards it to 客服部.
    clock.advance(30 * 60_000);
    const walkIn = await h.call('POST', '/api/v1/cases', {
      token: clerk.token,
      body: complaint({ channel: 'walk-in', subject: '顾客到门店反映冰箱不制冷' }),
    });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const storeCase = walkIn.json().id;
    // Registered by another department: its 24 hours to reach 客服部 run (SLA-5); an internal limit (#18).
    expect((await h.call('GET', `/api/v1/cases/${storeCase}`, { token: clerk.token })).json().deadlines).toMatchObject([
      { clock: 'forwarding', rule: 'SLA-5', status: 'running', dueAt: '2026-12-01T01:30:00.000Z' },
    ]);
    expect(walkIn.json().owed ?? []).toEqual([]);
    expect((await h.call('GET', `/api/v1/cases/${storeCase}`, { token: service.token })).statusCode).toBe(404);
    clock.advance(30 * 60_000);
    const fwd = await h.call('POST', `/api/v1/cases/${storeCase}/actions/forward`, {
      token: clerk.token,
      body: { input: { note: '顾客同时到门店反映' }, expectedVersion: 1 },
    });
    expect(fwd.statusCode, fwd.body).toBe(200);
    const after = (await h.call('GET', `/api/v1/cases/${storeCase}`, { token: service.token })).json();
    expect(after.orgUnitId).toBe(units.cs);
    expect(after.deadlines[0]).toMatchObject({
      clock: 'forwarding',
      status: 'met',
      stoppedAt: '2026-11-30T02:00:00.000Z',
    });
  });

  it('S5 四.2 审核投诉: customer service accepts and classifies it (ACC-1, CLS-1)', async () => {
    await act(service.token, 'accept', { category: 'product-quality', note: '符合受理条件' });
    const view = await publicView();
    expect(view.status).toBe('accepted');
    expect(view.statusLabel['zh-CN']).toBe('已受理');
  });

  it('S4 四.3 落实责任人: a responsible person is named with a target date (RTE-2)', async () => {
    // S4 四.2 "制定解决方案时需设定合理的时限要求" (issue 17): a target date already past is refused.
    expect(
      await refusedPaths(manager.token, 'assign', { responsible: warehouse.username, dueDate: '2026-11-29' }),
    ).toEqual(['input.dueDate']);
    await act(manager.token, 'assign', {
      responsible: warehouse.username,
      departments: '仓储部、售后部',
      dueDate: '2026-12-04',
    });
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(detail).toMatchObject({ status: 'assigned', assigneeId: warehouse.id, data: { targetDate: '2026-12-04' } });
    // …and the date is a clock: to Friday 12-04 24:00 Shanghai.
    expect(await clockOf('target-date')).toMatchObject({
      rule: 'S4 四.2',
      status: 'running',
      dueAt: '2026-12-04T16:00:00.000Z',
    });
    const mine = (await h.call('GET', '/api/v1/cases?assignee=me', { token: warehouse.token })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
  });

  it('S5 四.3 调查分析: the departments investigate and record statements and evidence (INV-1)', async () => {
    await act(warehouse.token, 'start-investigation', { plan: '核对出库记录，上门检测' });
    await act(warehouse.token, 'record-investigation', {
      type: 'statement',
      party: '送货员',
      summary: '送货时包装完好，未开箱验机',
    });
    await act(warehouse.token, 'record-investigation', {
      type: 'site-check',
      summary: '上门检测：压缩机不启动',
      findings: '出厂质量问题',
    });
    await act(service.token, 'contact-submitter', { method: 'phone', summary: '告知检测结果，顾客同意换货' });
  });

  it('S4 三.2, 四.1 / S5 四.4: cause analysed, outcome found, measures with owner and due date (RES-1, RES-2, RES-4)', async () => {
    const decision = {
      cause: '压缩机出厂缺陷，门店未执行开箱验机',
      outcome: 'substantiated',
      solution: '为顾客换新机并致歉',
      measures: [
        { type: 'exchange', description: '更换同型号新冰箱', owner: warehouse.username, dueDate: '2026-12-02' },
        { type: 'apology', description: '门店店长电话致歉', owner: 'cs-li', dueDate: '2026-11-01' },
      ],
    };
    // S4 四.2: a measure due before today is refused, naming the measure.
    expect(await refusedPaths(service.token, 'decide', decision)).toEqual(['input.measures.1.dueDate']);
    await act(service.token, 'decide', {
      cause: '压缩机出厂缺陷，门店未执行开箱验机',
      nature: '产品质量问题',
      outcome: 'substantiated',
      solution: '为顾客换新机并致歉，门店补充开箱验机流程',
      measures: [
        { type: 'exchange', description: '更换同型号新冰箱', owner: warehouse.username, dueDate: '2026-12-02' },
        { type: 'apology', description: '门店店长电话致歉', owner: 'cs-li', dueDate: '2026-12-01' },
      ],
    });
    const early = await h.call('POST', `/api/v1/cases/${caseId}/actions/resolve`, {
      token: service.token,
      body: { input: { summary: '已处理' }, expectedVersion: version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PRECONDITION_FAILED');
    // S4 四.2 (RES-2): the measures' clock runs to the first of them to fall due, the apology's Tuesday 12-01 24:00.
    expect(await clockOf('measures-due')).toMatchObject({ status: 'running', dueAt: '2026-12-01T16:00:00.000Z' });
  });

  it('S4 四.2 时限: the responsible person is reminded before the target date; a missed measure date is flagged and supervised', async () => {
    clock.set('2026-12-04T01:00:00.000Z'); // Friday 09:00 Shanghai, the target day (a natural-day clock warns from a day's start)
    await sweepOnce(h.ctx);
    expect(await clockOf('measures-due')).toMatchObject({ status: 'overdue' });
    expect(await clockOf('target-date')).toMatchObject({ status: 'warning' });
    expect(await notices()).toEqual(
      expect.arrayContaining(['role:customer-service-manager/measures-overdue', 'assignee/target-date-due-soon']),
    );
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(detail.escalatedAt).toBe('2026-12-04T01:00:00.000Z');
    version = detail.version; // the sweeper's events are on the timeline
  });

  it('RES-2: each measure is recorded done, then the case is resolved', async () => {
    await act(warehouse.token, 'update-measure', { index: 0, done: true, result: '12月1日已换新机' });
    await act(service.token, 'update-measure', { index: 1, done: true, result: '店长已致电道歉' });
    await act(service.token, 'resolve', { summary: '已为顾客换新机并致歉' });
    expect(await clockOf('measures-due')).toMatchObject({ status: 'missed' });
    expect(await clockOf('target-date')).toMatchObject({ status: 'met' });
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(detail.data.measures).toEqual([
      {
        type: 'exchange',
        description: '更换同型号新冰箱',
        owner: warehouse.id,
        dueDate: '2026-12-02',
        done: true,
        result: '12月1日已换新机',
      },
      {
        type: 'apology',
        description: '门店店长电话致歉',
        owner: service.id,
        dueDate: '2026-12-01',
        done: true,
        result: '店长已致电道歉',
      },
    ]);
  });

  it('S5 四.5 投诉回复: the result is answered in writing and kept (REP-1)', async () => {
    await act(service.token, 'reply', {
      reply: '经调查，冰箱压缩机存在出厂缺陷。我们已于12月1日为您更换新机，并就门店未开箱验机向您致歉。',
      method: 'letter',
    });
    const view = await publicView();
    expect(view.status).toBe('replied');
    const reply = view.timeline.find((e: { action: string }) => e.action === 'reply');
    expect(reply.details.reply).toContain('更换新机');
    expect(view.allowedActions.map((a: { id: string }) => a.id)).toEqual(['rate']);
  });

  it('S4 四.4 满意度调查: the customer rates the handling with the receipt, once (EVA-1)', async () => {
    const rate = await h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/rate`, {
      headers: { 'x-receipt': receipt },
      body: { input: { satisfaction: 5, comment: '处理及时，很满意' } },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    version = rate.json().version;
    const again = await h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/rate`, {
      headers: { 'x-receipt': receipt },
      body: { input: { satisfaction: 1 } },
    });
    expect(again.statusCode).toBe(409);
    // #18: once rated, 满意度评价 is no longer offered — to the customer nor to customer service.
    expect((await publicView()).allowedActions.map((a: { id: string }) => a.id)).toEqual([]);
    const staffView = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(staffView.allowedActions.map((a: { id: string }) => a.id)).not.toContain('rate');
    const staffOnly = await h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/close`, {
      headers: { 'x-receipt': receipt },
      body: { input: {} },
    });
    expect(staffOnly.statusCode).toBe(403);
  });

  it('S5 六.2: the manager records the disciplinary follow-up for the delivery man at fault, internally (RES-2, CON-2)', async () => {
    expect(
      (
        await h.call('POST', `/api/v1/cases/${caseId}/actions/discipline`, {
          token: service.token,
          body: {
            input: { staff: '送货员小刘', measure: 'written-warning', reason: '未开箱验机' },
            expectedVersion: version,
          },
        })
      ).statusCode,
    ).toBe(403);
    await act(manager.token, 'discipline', {
      staff: '送货员小刘',
      measure: 'written-warning',
      reason: '送货时未按规定开箱验机',
    });
  });

  it('S5 四.6 投诉归档: customer service closes the case', async () => {
    await act(service.token, 'close', { note: '顾客满意，归档' });
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(detail).toMatchObject({
      status: 'closed',
      outcome: 'substantiated',
      closedAt: expect.any(String),
      allowedActions: [],
    });
  });

  it('the timeline tells the whole story in order, the public one only what the customer may read', async () => {
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'assign',
      'start-investigation',
      'record-investigation',
      'record-investigation',
      'contact-submitter',
      'decide',
      'clock-breached', // S4 四.2: the measures' date passed
      'clock-warning', // S4 四.2: the target date is today
      'update-measure',
      'update-measure',
      'resolve',
      'reply',
      'rate',
      'discipline',
      'close',
    ]);
    expect(detail.timeline.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(detail.version).toBe(17);
    const view = await publicView();
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'start-investigation',
      'reply',
      'rate',
      'close',
    ]);
    expect(view.outcome).toEqual({ 'zh-CN': '属实', en: 'Substantiated' });
    const text = JSON.stringify(view);
    expect(text).not.toContain('送货员'); // internal investigation stays internal (INV-2)
    expect(text).not.toContain('cs-li');
  });

  it('the audit chain holds one record per step and verifies end to end (AUD-1)', async () => {
    const records = await h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(records.map((r) => r.action)).toEqual([
      'case.submit',
      'case.accept',
      'case.assign',
      'case.start-investigation',
      'case.record-investigation',
      'case.record-investigation',
      'case.contact-submitter',
      'case.decide',
      'case.clock-breached',
      'case.clock-warning',
      'case.update-measure',
      'case.update-measure',
      'case.resolve',
      'case.reply',
      'case.rate',
      'case.discipline',
      'case.close',
    ]);
    expect(records.find((r) => r.action === 'case.rate')!.actor).toBe('submitter');
    expect(JSON.stringify(records)).not.toContain('张三');
    const verdict = await verifyAudit(h.ctx);
    expect(verdict).toMatchObject({ ok: true });
  });

  it('S5 七.1 保密 (CON-1, issue 17): a phone or ID number typed into the statement is masked for handlers; shown only through the audited reveal', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        description: '我的手机号 139 1234 9876，身份证号 110101199003071234，请尽快联系我换货。',
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', res.json().trackingNo)
        .executeTakeFirstOrThrow()
    ).id;
    // The warehouse handler (no identity:view) reads the statement without the numbers …
    const seen = (await h.call('GET', `/api/v1/cases/${id}`, { token: warehouse.token })).json();
    expect(seen.description).toBe('我的手机号 [手机号]，身份证号 [身份证号]，请尽快联系我换货。');
    expect(seen.descriptionMasked).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('9876');
    const denied = await h.call('POST', `/api/v1/cases/${id}/identity`, {
      token: warehouse.token,
      body: { reason: '想联系顾客' },
    });
    expect(denied.statusCode).toBe(403);
    // … and customer service, who may see identities, sees them through the audited reveal only.
    expect((await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json().description).toContain(
      '[手机号]',
    );
    const shown = await h.call('POST', `/api/v1/cases/${id}/identity`, {
      token: service.token,
      body: { reason: '电话联系顾客安排换货' },
    });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().description).toBe('我的手机号 139 1234 9876，身份证号 110101199003071234，请尽快联系我换货。');
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'payload'])
      .where('entity_id', '=', id)
      .where('action', '=', 'identity.view')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(`user:${service.id}`);
    expect(JSON.parse(audit[0].payload).fields).toContain('description');
    // A statement with no number in it says nothing is hidden.
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: warehouse.token })).json().descriptionMasked).toBe(
      false,
    );
  });

  it('S5 三.4 第三方投诉: a complaint passed on by the consumer association is registered with its body, reference and real received time (INT-1, REG-1, REG-2)', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: clerk.token,
      body: {
        ...complaint(),
        channel: 'third-party',
        receivedAt: '2026-11-30T08:30:00+08:00',
        thirdParty: { type: 'consumer-association', name: '市消费者协会', reference: '消协转〔2026〕118号' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    // Issue 16 (INT-2): registered by the store, it sits in the store until forwarded to 客服部.
    const detail = (await h.call('GET', `/api/v1/cases/${res.json().id}`, { token: clerk.token })).json();
    expect(detail).toMatchObject({
      orgUnitId: units.store,
      channel: 'third-party',
      receivedAt: '2026-11-30T00:30:00.000Z',
      receivedBy: clerk.id,
    });
    expect(detail.data.thirdParty).toEqual({
      type: 'consumer-association',
      name: '市消费者协会',
      reference: '消协转〔2026〕118号',
    });
    // The 24 hours run from when the association's letter arrived, not from when it was typed in.
    expect(detail.deadlines[0]).toMatchObject({ clock: 'forwarding', dueAt: '2026-12-01T00:30:00.000Z' });
  });
});
