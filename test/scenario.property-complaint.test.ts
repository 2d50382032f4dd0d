import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { monthlyReportsDue } from '../src/app/monthly-report.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { reportPeriod } from '../src/domain/stats.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

type Staff = { id: string; token: string; username: string };
type Event = { action: string; input: Record<string, unknown> };

/** A resident's complaint as the property company receives it; override what a test needs. */
function residentComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    procedure: 'property-complaint',
    kind: 'complaint',
    subject: '楼上管道井漏水，天花板滴水',
    description: '3号楼12层管道井立管接口漏水，上周已报修，维修工看过后未处理，现在卫生间天花板持续滴水。',
    anonymous: false,
    submitter: { name: '王芳', phone: '13800001202', address: '3号楼1202室' },
    respondents: [{ name: '工程维修部', type: 'department' }],
    requestedOutcome: '立即止水并修好立管，修复天花板',
    fields: { room: '3号楼1202室' },
    ...overrides,
  };
}

/** Shared by both walks: the people of S9 and the helpers that call the API as them. */
function propertyHarness(backend: (typeof BACKENDS)[number], clock: TestClock) {
  const world = {} as {
    h: Harness;
    reception: Staff;
    engineering: Staff;
    supervisor: Staff;
    patrol: Staff;
    manager: Staff;
    gm: Staff;
    units: { company: string; engineering: string };
  };
  // Issue 16: grants held in units. The company's service centre, administration, patrol and
  // managers act on every complaint of the company (their grants are held in the company unit,
  // where cases land); the head of 工程维修部 holds his role in his department, where a complaint
  // is dispatched to him.
  beforeAll(async () => {
    world.h = await startHarness(backend, clock);
    const company = await addOrgUnit(world.h.ctx, { name: '物业公司' }, 'system:test');
    const engineering = await addOrgUnit(world.h.ctx, { name: '工程维修部', parent: company.id }, 'system:test');
    world.units = { company: company.id, engineering: engineering.id };
    const at = (role: string, unitId: string) => [{ role, unitId }];
    world.reception = await world.h.staff('reception-chen', at('service-centre', company.id));
    world.engineering = await world.h.staff('engineering-zhao', at('department-head', engineering.id));
    world.supervisor = await world.h.staff('admin-sun', at('admin-supervisor', company.id));
    world.patrol = await world.h.staff('patrol-zhou', at('patrol', company.id));
    world.manager = await world.h.staff('manager-wu', at('manager', company.id));
    world.gm = await world.h.staff('gm-zheng', at('general-manager', company.id));
  });
  afterAll(async () => world.h?.close());
  const versions = new Map<string, number>();

  async function act(caseId: string, token: string, action: string, input: Record<string, unknown>) {
    clock.advance(30 * 60_000);
    const res = await world.h.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, {
      token,
      body: { input, expectedVersion: versions.get(caseId) },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    versions.set(caseId, res.json().version);
    return res.json();
  }
  /** An action that must be refused: the status and error code, and the case unchanged. */
  async function refused(
    caseId: string,
    token: string,
    action: string,
    input: Record<string, unknown>,
    status: number,
    code: string,
  ) {
    const res = await world.h.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, {
      token,
      body: { input, expectedVersion: versions.get(caseId) },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
    expect(res.json().error.code).toBe(code);
    return res.json().error;
  }
  async function detail(caseId: string, token = world.supervisor.token) {
    const res = await world.h.call('GET', `/api/v1/cases/${caseId}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function publicView(trackingNo: string, receipt: string) {
    const res = await world.h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  async function outbox(caseId: string) {
    const rows = await world.h.ctx.store.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).execute();
    return rows.map((o) => `${o.recipient}/${o.template}`).sort();
  }
  const deadline = (d: { deadlines: { clock: string }[] }, clockId: string) =>
    d.deadlines.find((x) => x.clock === clockId);
  return { world, versions, act, refused, detail, publicView, outbox, deadline };
}

/**
 * A 重要 complaint walked through S9 投诉处理内部工作程序 in the document's order, through the HTTP
 * API: the service centre registers a phone call → the ongoing leak is stopped first (二.7) →
 * accepted and classified (一, 三.2) → passed to the department with the complaint form (二.1) →
 * corrective and preventive action by the general manager (二.2) → more time approved by the
 * general manager (三.2) → finished, the form returned and logged the same day (二.1) → the
 * resident told that day (二.3) → revisit and its result (二.4) → closed.
 */
describe.each(BACKENDS)('S9 property complaint (重要) from the phone call to the revisit on $name', (backend) => {
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 2026-11-30 09:00 in Shanghai
  const { world, versions, act, refused, detail, publicView, outbox, deadline } = propertyHarness(backend, clock);
  let caseId: string;
  let trackingNo: string;
  let receipt: string;

  it("S9 二.1 接待: the service centre registers a resident's phone call on their behalf (INT-1, INT-3, INT-4, REG-1)", async () => {
    const res = await world.h.call('POST', '/api/v1/cases', {
      token: world.reception.token,
      body: residentComplaint({ channel: 'phone', receivedAt: '2026-11-30T08:55:00+08:00' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ id: caseId, trackingNo, receipt } = res.json());
    versions.set(caseId, 1);
    expect(trackingNo).toMatch(/^TS-20261130-/);
    const d = await detail(caseId);
    expect(d).toMatchObject({
      status: 'received',
      channel: 'phone',
      kind: 'complaint',
      severity: null,
      receivedBy: world.reception.id,
      data: { fields: { room: '3号楼1202室' } },
    });
    expect(d.deadlines).toEqual([]); // S9 clocks run from classification, not from the call
    expect(await outbox(caseId)).toEqual(['role:service-centre/new-case', 'submitter/received']);
  });

  it('S9 二.7 对正在给住户造成损害的事件，应先立即采取措施停止或挽救伤害，再处理 (ACC-3)', async () => {
    await act(caseId, world.reception.token, 'flag-harm', { harm: '卫生间天花板持续滴水，水已流到卧室地板' });
    // Normal handling waits until the harm is contained.
    const blocked = await refused(
      caseId,
      world.reception.token,
      'accept',
      { severity: 'important', category: 'repair' },
      409,
      'PRECONDITION_FAILED',
    );
    expect(blocked.message).toContain('S9 二.7');
    await act(caseId, world.patrol.token, 'contain', {
      measures: '巡楼管理员关闭12层管道井立管阀门，滴水已停止；地面已清理',
    });
    const d = await detail(caseId);
    expect(d.data).toMatchObject({
      ongoingHarm: '',
      containment: '巡楼管理员关闭12层管道井立管阀门，滴水已停止；地面已清理',
    });
    expect(await outbox(caseId)).toEqual([
      'role:admin-supervisor/harm-ongoing',
      'role:service-centre/new-case',
      'submitter/harm-contained',
      'submitter/received',
    ]);
    expect((await publicView(trackingNo, receipt)).timeline.map((e: Event) => e.action)).toEqual(['submit', 'contain']);
  });

  it('S9 一.2 重要投诉, 三.2 一般在3日内处理完毕: accepted and classified; 3 days and the month clock run (CLS-2, SLA-2, CLS-3)', async () => {
    await act(caseId, world.reception.token, 'accept', {
      severity: 'important',
      category: 'repair',
      note: '维修部上周报修后未处理，属管理服务工作不到位',
    });
    const d = await detail(caseId);
    expect(d).toMatchObject({ status: 'accepted', severity: 'important', category: 'repair' });
    // Accepted Monday 11-30 10:30: day 1 is Tuesday, day 3 Thursday 12-03, due at 24:00 Shanghai.
    expect(deadline(d, 'resolution')).toMatchObject({
      rule: 'SLA-2',
      status: 'running',
      unit: 'natural-days',
      length: 3,
      dueAt: '2026-12-03T16:00:00.000Z',
      provisional: false,
    });
    // One calendar month from 11-30 is Wednesday 12-30, a working day: due 12-30 24:00.
    expect(deadline(d, 'month')).toMatchObject({
      rule: 'CLS-3',
      status: 'running',
      unit: 'calendar-months',
      length: 1,
      dueAt: '2026-12-30T16:00:00.000Z',
    });
    expect(deadline(d, 'answer')).toBeUndefined(); // the 2-day answer is for 重大 only (三.3)
    const view = await publicView(trackingNo, receipt);
    expect(view.statusLabel['zh-CN']).toBe('已受理');
    expect(view.deadlines.map((x: { clock: string }) => x.clock).sort()).toEqual(['month', 'resolution']);
  });

  it('S9 二.1 被投诉部门负责人: passed to the head of the department with the 住户投诉意见表 (RTE-2)', async () => {
    await act(caseId, world.reception.token, 'dispatch', {
      unit: world.units.engineering,
      head: world.engineering.username,
      department: '工程维修部',
      formNo: 'ZHTS-2026-1130-01',
    });
    const d = await detail(caseId);
    expect(d).toMatchObject({
      status: 'assigned',
      assigneeId: world.engineering.id,
      data: { department: '工程维修部', formNo: 'ZHTS-2026-1130-01' },
    });
    const mine = (await world.h.call('GET', '/api/v1/cases?assignee=me', { token: world.engineering.token })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    expect(await outbox(caseId)).toContain('assignee/assigned');
  });

  it('S9 二.2 重要投诉按《不合格纠正与预防标准作业规程》处理: the general manager records correction and prevention (STA-2)', async () => {
    await refused(caseId, world.reception.token, 'record-corrective', {}, 403, 'FORBIDDEN');
    await act(caseId, world.gm.token, 'record-corrective', {
      nonconformity: '报修后维修工未按时处理，造成住户财产受损',
      cause: '维修派工单未跟踪闭环',
      correction: '更换12层立管接口，修复1202室天花板',
      prevention: '维修派工单纳入每日晨会跟踪，超时未处理自动上报主管',
      owner: world.engineering.username,
      dueDate: '2026-12-04',
    });
    const d = await detail(caseId);
    expect(d.data).toMatchObject({
      correction: '更换12层立管接口，修复1202室天花板',
      correctiveOwner: world.engineering.id,
      correctiveDue: '2026-12-04',
    });
    // Issue 17 (STA-2): the record is an improvement action on the 整改 list, linked to the case, in
    // the case's unit — the manager above sees it, and so does the department that owns it.
    const listed = await world.h.call('GET', `/api/v1/improvements?case=${caseId}`, { token: world.manager.token });
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'corrective',
      title: '报修后维修工未按时处理，造成住户财产受损',
      owner: { id: world.engineering.id },
      dueDate: '2026-12-04',
      status: 'open',
      orgUnitId: d.orgUnitId,
      cases: [{ id: caseId, trackingNo }],
    });
    expect(items[0].description).toBe(
      '原因分析：维修派工单未跟踪闭环\n纠正措施：更换12层立管接口，修复1202室天花板\n预防措施：维修派工单纳入每日晨会跟踪，超时未处理自动上报主管',
    );
    expect(d.timeline.at(-1).input.improvement).toBe(items[0].id);
    const own = await world.h.call('GET', '/api/v1/improvements', { token: world.engineering.token });
    expect(own.json().items.map((i: { id: string }) => i.id)).toContain(items[0].id);
  });

  it('S9 三.2 超时需经公司总经理批准: the manager may not extend a 重要 complaint, the general manager approves (SLA-3)', async () => {
    await act(caseId, world.engineering.token, 'request-extension', {
      clock: 'resolution',
      length: 2,
      reason: '天花板石膏板需订货，周末到货',
    });
    const denied = await refused(caseId, world.manager.token, 'decide-extension', { approve: true }, 403, 'FORBIDDEN');
    expect(denied.details.requiredRoles).toEqual(['general-manager']);
    // Issue 16: the manager is not offered the decision the product would refuse him; the GM is.
    const offered = async (token: string) =>
      (await detail(caseId, token)).allowedActions.map((a: { id: string }) => a.id) as string[];
    expect(await offered(world.manager.token)).not.toContain('decide-extension');
    expect(await offered(world.gm.token)).toContain('decide-extension');
    await act(caseId, world.gm.token, 'decide-extension', { approve: true, note: '同意延期2日' });
    const d = await detail(caseId);
    // Two more days after Thursday 12-03 end on Saturday 12-05, a day off: moved to Monday 12-07.
    expect(deadline(d, 'resolution')).toMatchObject({
      status: 'running',
      extendedBy: 2,
      dueAt: '2026-12-07T16:00:00.000Z',
    });
    expect(d.data.extensions).toMatchObject([
      {
        clock: 'resolution',
        length: 2,
        approved: true,
        previousDueAt: '2026-12-03T16:00:00.000Z',
        dueAt: '2026-12-07T16:00:00.000Z',
        note: '同意延期2日',
      },
    ]);
    const event = d.timeline.at(-1);
    expect(event).toMatchObject({ action: 'decide-extension', actor: { id: world.gm.id } });
    expect(event.clocks[0]).toMatchObject({ op: 'extend', dueAt: '2026-12-07T16:00:00.000Z' });
    expect(event.clocks[0].explanation['zh-CN']).toContain('顺延至 2026-12-07');
    expect(await outbox(caseId)).toContain('assignee/extension-decided');
  });

  it('S9 二.1 在投诉处理完毕的当天将《住户投诉意见表》交到住户服务中心, 接待员做好记录 (REP-2)', async () => {
    clock.set('2026-12-04T06:00:00.000Z'); // Friday 12-04 14:00 in Shanghai
    await act(caseId, world.engineering.token, 'complete', {
      process: '12-01 更换立管接口并试水；12-04 更换天花板石膏板并刷漆',
      result: '漏水已根治，天花板已修复',
      outcome: 'substantiated',
    });
    let d = await detail(caseId);
    expect(d).toMatchObject({ status: 'resolved', outcome: 'substantiated' });
    expect(deadline(d, 'resolution')).toMatchObject({ status: 'met', stoppedAt: '2026-12-04T06:30:00.000Z' });
    expect(deadline(d, 'month')).toMatchObject({ status: 'met' });
    // The same day: by Friday 12-04 24:00 in Shanghai.
    expect(deadline(d, 'form-return')).toMatchObject({
      rule: 'REP-2',
      unit: 'same-day',
      status: 'running',
      dueAt: '2026-12-04T16:00:00.000Z',
    });
    // The resident is told only after the form is back and logged.
    await refused(
      caseId,
      world.reception.token,
      'notify-resident',
      { method: 'phone', reply: '已修好' },
      409,
      'PRECONDITION_FAILED',
    );
    await act(caseId, world.reception.token, 'log-form', { logEntry: 'JL-2026-12-0412', note: '意见表已交回' });
    d = await detail(caseId);
    expect(deadline(d, 'form-return')).toMatchObject({ status: 'met', stoppedAt: '2026-12-04T07:00:00.000Z' });
    expect(deadline(d, 'resident-notice')).toMatchObject({
      rule: 'REP-2',
      status: 'running',
      dueAt: '2026-12-04T16:00:00.000Z',
    });
    expect(await outbox(caseId)).toEqual(
      expect.arrayContaining(['role:service-centre/form-due-today', 'role:admin-supervisor/form-returned']),
    );
  });

  it('S9 二.3 上报综合部主管，在当天将处理结果通报给投诉的住户 — by a visit of the patrol officer (REP-2)', async () => {
    await act(caseId, world.patrol.token, 'notify-resident', {
      method: 'visit',
      reply: '王女士您好：管道井立管已更换，天花板已修复。给您带来不便，深表歉意。',
    });
    const d = await detail(caseId);
    expect(d.status).toBe('replied');
    expect(deadline(d, 'resident-notice')).toMatchObject({ status: 'met', stoppedAt: '2026-12-04T07:30:00.000Z' });
    const view = await publicView(trackingNo, receipt);
    const told = view.timeline.find((e: Event) => e.action === 'notify-resident');
    expect(told.details).toMatchObject({ method: 'visit', reply: expect.stringContaining('天花板已修复') });
    expect(await outbox(caseId)).toContain('submitter/replied');
  });

  it('S9 二.4 综合部主管通知巡楼组安排回访, and its result is recorded (EVA-2)', async () => {
    await refused(caseId, world.patrol.token, 'record-revisit', { result: 'satisfied' }, 409, 'PRECONDITION_FAILED');
    await refused(caseId, world.supervisor.token, 'close', {}, 409, 'PRECONDITION_FAILED');
    await act(caseId, world.supervisor.token, 'schedule-revisit', {
      visitor: world.patrol.username,
      date: '2026-12-07',
    });
    clock.set('2026-12-07T02:00:00.000Z'); // Monday 12-07 10:00
    await act(caseId, world.patrol.token, 'record-revisit', {
      result: 'satisfied',
      comment: '住户确认不再漏水，对处理满意',
    });
    const d = await detail(caseId);
    expect(d.data).toMatchObject({ revisitBy: world.patrol.id, revisitDate: '2026-12-07', revisitResult: 'satisfied' });
    expect(await outbox(caseId)).toContain('role:patrol/revisit-scheduled');
  });

  it('S9 二.4 住户投诉意见表汇总长期保存: the supervisor closes and files the case (ARC-1)', async () => {
    await act(caseId, world.supervisor.token, 'close', { note: '归档' });
    const d = await detail(caseId);
    expect(d).toMatchObject({
      status: 'closed',
      severity: 'important',
      outcome: 'substantiated',
      closedAt: '2026-12-07T03:00:00.000Z',
      allowedActions: [],
    });
    expect(d.deadlines.every((x: { status: string }) => x.status === 'met')).toBe(true);
  });

  it('S9 二.4 在每月30日前对投诉事件进行统计、分析，将统计、分析结果上呈主管经理 (STA-1, issue 17)', async () => {
    // The default cut-off (PLAINT_REPORT_PERIOD=to-report-day, PLAINT_REPORT_DAY=25): December's
    // report is made on 12-25 and covers 11-25 … 12-24 — it reaches the 主管经理 before the 30th.
    expect(world.h.ctx.config.reports).toMatchObject({ day: 25, period: 'to-report-day' });
    clock.set('2026-12-24T15:00:00.000Z'); // Thursday 12-24 23:00 in Shanghai
    expect(await monthlyReportsDue(world.h.ctx)).toBeNull();
    clock.set('2026-12-24T16:30:00.000Z'); // Friday 12-25 00:30
    expect(await monthlyReportsDue(world.h.ctx)).toBe('3 monthly report(s) for 2026-12');
    const company = await world.h.ctx.store.db
      .selectFrom('monthly_reports')
      .selectAll()
      .where('month', '=', '2026-12')
      .where('unit_id', '=', world.units.company)
      .executeTakeFirstOrThrow();
    const stats = JSON.parse(company.stats);
    expect(stats.period).toMatchObject({ from: '2026-11-25', to: '2026-12-24' });
    expect(stats.total).toBe(1); // this complaint, received 11-30
    const sent = await world.h.ctx.store.db
      .selectFrom('outbox')
      .select('recipient')
      .where('template', '=', 'monthly-report')
      .where('payload', 'like', `%${company.id}%`)
      .execute();
    expect(sent.map((o) => o.recipient)).toContain(`user:${world.manager.id}`); // 上呈主管经理
    const listed = await world.h.call('GET', '/api/v1/reports?month=2026-12', { token: world.manager.token });
    expect(listed.json().items.map((r: { unitId: string }) => r.unitId)).toContain(world.units.company);
    // February has no 30th: its report is made on 02-25, before its last day.
    expect(reportPeriod('2027-02', 'to-report-day', 25)).toEqual({ from: '2027-01-25', to: '2027-02-24' });
    expect(reportPeriod('2026-11', 'calendar-month', 25)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it("the timeline tells the story in S9's order; the resident reads only what is theirs", async () => {
    const d = await detail(caseId);
    const steps = [
      'submit',
      'flag-harm',
      'contain',
      'accept',
      'dispatch',
      'record-corrective',
      'request-extension',
      'decide-extension',
      'complete',
      'log-form',
      'notify-resident',
      'schedule-revisit',
      'record-revisit',
      'close',
    ];
    expect(d.timeline.map((e: Event) => e.action)).toEqual(steps);
    expect(d.version).toBe(steps.length);
    const view = await publicView(trackingNo, receipt);
    expect(view.timeline.map((e: Event) => e.action)).toEqual([
      'submit',
      'contain',
      'accept',
      'notify-resident',
      'record-revisit',
      'close',
    ]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('维修派工单'); // the corrective action is internal
    expect(text).not.toContain('engineering-zhao');
  });

  it('the audit chain holds one record per step and verifies end to end (AUD-1)', async () => {
    const records = await world.h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(records.map((r) => r.action)).toEqual([
      'case.submit',
      'case.flag-harm',
      'case.contain',
      'case.accept',
      'case.dispatch',
      'case.record-corrective',
      'case.request-extension',
      'case.decide-extension',
      'case.complete',
      'case.log-form',
      'case.notify-resident',
      'case.schedule-revisit',
      'case.record-revisit',
      'case.close',
    ]);
    expect(JSON.stringify(records)).not.toContain('王芳');
    expect(await verifyAudit(world.h.ctx)).toMatchObject({ ok: true });
  });
});

/**
 * The unhappy paths of S9: a 轻微 complaint whose extension the manager refuses (三.1), the same
 * resident complaining again while it is unresolved (一.1(1), INT-6), a 重大 complaint's two clocks
 * (三.3), an invalid complaint by letter answered helpfully (二.5, 二.6), and the month-long clock
 * breaching and raising the first complaint to 重大 (一.1(3), CLS-3).
 */
describe.each(BACKENDS)('S9 property complaint unhappy paths on $name', (backend) => {
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 2026-11-30 09:00 in Shanghai
  const { world, versions, act, refused, detail, publicView, outbox, deadline } = propertyHarness(backend, clock);
  const li = { name: '李强', phone: '13900000301', address: '5号楼301室' };
  let first: { id: string; trackingNo: string; receipt: string };
  let repeat: { id: string; trackingNo: string };

  async function submitOnline(body: Record<string, unknown>) {
    const res = await world.h.call('POST', '/api/v1/public/cases', { body });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const list = (await world.h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: world.supervisor.token })).json();
    versions.set(list.items[0].id, 1);
    return { id: list.items[0].id as string, trackingNo: trackingNo as string, receipt: receipt as string };
  }

  it('S9 一.3 轻微投诉, 三.1 一般在2日内或按住户要求的期限内处理完毕 (CLS-2, SLA-2)', async () => {
    first = await submitOnline(
      residentComplaint({
        subject: '5号楼3层楼道灯不亮',
        description: '楼道声控灯坏了，晚上上下楼看不见。',
        submitter: li,
        respondents: [{ name: '工程维修部', type: 'department' }],
        requestedOutcome: '明天之前修好',
        fields: { room: '5号楼301室' },
      }),
    );
    await act(first.id, world.reception.token, 'accept', {
      severity: 'minor',
      category: 'facilities',
      residentDeadline: '2026-12-01',
    });
    const d = await detail(first.id);
    expect(d).toMatchObject({ status: 'accepted', severity: 'minor', data: { residentDeadline: '2026-12-01' } });
    // Accepted Monday 11-30 09:30; the resident asked for Tuesday 12-01, so the clock runs to 12-01 24:00
    // instead of the two days (Wednesday 12-02 24:00).
    expect(deadline(d, 'resolution')).toMatchObject({ dueAt: '2026-12-01T16:00:00.000Z' });
    expect(d.timeline.at(-1).clocks.find((c: { clock: string }) => c.clock === 'resolution').explanation['zh-CN']).toBe(
      '2026-12-01 24:00 截止 — 按要求的期限',
    );
    expect(deadline(d, 'month')).toMatchObject({ dueAt: '2026-12-30T16:00:00.000Z' });
    const view = await publicView(first.trackingNo, first.receipt);
    expect(view.timeline.find((e: Event) => e.action === 'accept').details).toMatchObject({
      residentDeadline: '2026-12-01',
    });
  });

  it('S9 三.1 超时需经主管经理批准: the manager refuses the extension and the deadline stands (SLA-3)', async () => {
    await act(first.id, world.reception.token, 'dispatch', {
      unit: world.units.engineering,
      head: world.engineering.username,
      department: '工程维修部',
      formNo: 'ZHTS-2026-1130-02',
    });
    await refused(
      first.id,
      world.engineering.token,
      'request-extension',
      { clock: 'resolution', length: 11, reason: '等配件' },
      400,
      'VALIDATION_FAILED',
    );
    await act(first.id, world.engineering.token, 'request-extension', {
      clock: 'resolution',
      length: 3,
      reason: '声控灯需订货',
    });
    // 轻微 is the manager's to decide (S9 三.1); the general manager, above him, may decide it too
    // (issue 17: a higher role may approve what a lower one may) — but the manager does here.
    const forGm = (await world.h.call('GET', `/api/v1/cases/${first.id}`, { token: world.gm.token })).json();
    expect(forGm.allowedActions.map((a: { id: string }) => a.id)).toContain('decide-extension');
    const forPatrol = await refused(
      first.id,
      world.patrol.token,
      'decide-extension',
      { approve: true },
      403,
      'FORBIDDEN',
    );
    expect(forPatrol.details.requiredRoles).toEqual(['manager', 'general-manager']);
    await act(first.id, world.manager.token, 'decide-extension', {
      approve: false,
      note: '库房有同型号灯具，不予延期',
    });
    const d = await detail(first.id);
    expect(deadline(d, 'resolution')).toMatchObject({
      status: 'running',
      extendedBy: 0,
      dueAt: '2026-12-01T16:00:00.000Z',
    });
    expect(d.data.extensionRequest).toBeUndefined();
    expect(d.data.extensions).toMatchObject([
      { clock: 'resolution', length: 3, approved: false, note: '库房有同型号灯具，不予延期' },
    ]);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'decide-extension', input: { approve: false }, clocks: [] });
  });

  it('S9 一.1(1) 经住户多次提出而得不到解决: the same resident complains again, the new case is 重大 and linked as a repeat (INT-6, CLS-3)', async () => {
    clock.set('2026-12-01T02:00:00.000Z'); // Tuesday 12-01 10:00
    repeat = await submitOnline(
      residentComplaint({
        subject: '楼道灯还是不亮，第二次反映',
        description: '昨天反映的楼道灯至今未修。',
        submitter: li,
        fields: { room: '5号楼301室' },
      }),
    );
    const d = await detail(repeat.id);
    expect(d).toMatchObject({ status: 'received', severity: 'major', data: { repeatOf: [first.trackingNo] } });
    expect(d.timeline[0].input).toMatchObject({ repeatOf: [first.trackingNo], severityRaisedTo: 'major' });
    expect(d.links).toMatchObject([
      {
        kind: 'repeat',
        direction: 'from',
        trackingNo: first.trackingNo,
        caseId: first.id,
        status: 'assigned',
        visible: true,
      },
    ]);
    expect((await detail(first.id)).links).toMatchObject([
      { kind: 'repeat', direction: 'to', trackingNo: repeat.trackingNo, caseId: repeat.id },
    ]);
    // Another resident's complaint is no repeat.
    const other = await submitOnline(
      residentComplaint({ submitter: { name: '赵敏', phone: '13700000808' }, fields: { room: '2号楼808室' } }),
    );
    expect(await detail(other.id)).toMatchObject({ severity: null, links: [] });
  });

  it('CLS-3: the receptionist cannot quietly accept the rule-raised 重大 complaint as 轻微 — the manager refuses (RES-3)', async () => {
    await act(repeat.id, world.reception.token, 'accept', {
      severity: 'minor',
      category: 'facilities',
      note: '同一盏灯，按轻微处理',
    });
    let d = await detail(repeat.id);
    expect(d).toMatchObject({
      status: 'received',
      severity: 'major',
      data: { pendingApproval: { action: 'accept', roles: ['manager', 'general-manager'] } },
    });
    expect(deadline(d, 'resolution')).toBeUndefined();
    expect(await outbox(repeat.id)).toEqual(
      expect.arrayContaining(['role:manager/approval-requested', 'role:general-manager/approval-requested']),
    );
    await refused(repeat.id, world.reception.token, 'decide-reclassification', { approve: true }, 403, 'FORBIDDEN');
    await act(repeat.id, world.manager.token, 'decide-reclassification', {
      approve: false,
      note: '住户第二次反映仍未解决，应按重大投诉受理',
    });
    d = await detail(repeat.id);
    expect(d).toMatchObject({ status: 'received', severity: 'major' });
    expect(d.data.pendingApproval).toBeUndefined();
    expect(d.data.approvals).toMatchObject([
      { action: 'accept', approved: false, decidedBy: { id: world.manager.id } },
    ]);
  });

  it('S9 三.3 重大投诉应当在2日给投诉的住户明确答复，解决事件不宜超过10日: two clocks (SLA-2)', async () => {
    await act(repeat.id, world.reception.token, 'accept-major', {
      basis: 'repeated-unresolved',
      category: 'facilities',
      note: '住户第二次反映仍未解决',
    });
    let d = await detail(repeat.id);
    expect(d).toMatchObject({ status: 'accepted', severity: 'major', data: { majorBasis: 'repeated-unresolved' } });
    // Accepted Tuesday 12-01 11:30: answer by Thursday 12-03 24:00; resolved by Friday 12-11 24:00.
    expect(deadline(d, 'answer')).toMatchObject({ rule: 'SLA-2', length: 2, dueAt: '2026-12-03T16:00:00.000Z' });
    expect(deadline(d, 'resolution')).toMatchObject({ length: 10, dueAt: '2026-12-11T16:00:00.000Z' });
    expect(await outbox(repeat.id)).toEqual(
      expect.arrayContaining(['role:general-manager/major-complaint', 'role:manager/major-complaint']),
    );
    await act(repeat.id, world.manager.token, 'answer', {
      answer: '李先生您好：楼道灯今天下午更换，工程部主管负责跟进。',
      method: 'phone',
    });
    d = await detail(repeat.id);
    expect(deadline(d, 'answer')).toMatchObject({ status: 'met', stoppedAt: '2026-12-01T04:00:00.000Z' });
    expect(deadline(d, 'resolution')).toMatchObject({ status: 'running' });
    await refused(
      repeat.id,
      world.manager.token,
      'answer',
      { answer: '再答复', method: 'phone' },
      409,
      'PRECONDITION_FAILED',
    );
  });

  it('S9 二.5 信函参照本程序办理, 二.6 无效投诉本着为住户服务的态度尽量提供方便 (INT-1, ACC-2)', async () => {
    const res = await world.h.call('POST', '/api/v1/cases', {
      token: world.reception.token,
      body: residentComplaint({
        channel: 'letter',
        receivedAt: '2026-11-27T11:00:00+08:00',
        subject: '邻居周末装修噪音',
        description: '来信反映7号楼502室周末装修，电钻声很大。',
        submitter: { name: '钱伟', address: '7号楼402室' },
        respondents: [{ name: '7号楼502室住户', type: 'person' }],
        fields: { room: '7号楼402室' },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const letter = res.json() as { id: string; trackingNo: string; receipt: string };
    versions.set(letter.id, 1);
    expect(await detail(letter.id)).toMatchObject({ channel: 'letter', receivedAt: '2026-11-27T03:00:00.000Z' });
    await act(letter.id, world.reception.token, 'close-invalid', {
      reason: '装修时间符合管理规约，非公司责任',
      reply: '钱先生您好：502室装修已办理登记，施工时间在规约允许范围内。',
      assistance: '我们已提醒502室住户周末上午10点后施工，并可为您协调双方当面沟通。',
    });
    const d = await detail(letter.id);
    expect(d).toMatchObject({ status: 'closed', outcome: 'invalid', closedAt: expect.any(String) });
    const view = await publicView(letter.trackingNo, letter.receipt);
    expect(view.outcome).toEqual({ 'zh-CN': '无效投诉', en: 'Invalid complaint' });
    expect(view.timeline.at(-1).details).toMatchObject({ assistance: expect.stringContaining('协调') });
    expect(await outbox(letter.id)).toContain('submitter/closed-invalid');
  });

  it('S9 一.1(3) 有效投诉在一个月内得不到解决: the month clock breaches and the complaint becomes 重大 (CLS-3, SLA-6, SLA-7)', async () => {
    clock.set('2026-12-30T15:00:00.000Z'); // Wednesday 12-30 23:00: still within the month
    await sweepOnce(world.h.ctx);
    expect(await detail(first.id)).toMatchObject({ severity: 'minor' });
    clock.set('2026-12-31T01:00:00.000Z'); // Thursday 12-31 09:00: the month is over
    await sweepOnce(world.h.ctx);
    const d = await detail(first.id);
    expect(d).toMatchObject({ status: 'assigned', severity: 'major', escalatedAt: expect.any(String) });
    expect(deadline(d, 'month')).toMatchObject({ status: 'overdue', breachedAt: '2026-12-31T01:00:00.000Z' });
    const breach = d.timeline.find((e: Event) => e.action === 'clock-breached' && e.input.clock === 'month');
    expect(breach.input).toMatchObject({ severity: 'major' });
    expect(breach.clocks[0].explanation['zh-CN']).toContain('严重程度升为“重大投诉”');
    // A second pass does nothing twice.
    await sweepOnce(world.h.ctx);
    const notices = (await outbox(first.id)).filter((o) => o === 'role:general-manager/unresolved-month');
    expect(notices).toHaveLength(1);
    expect(
      (await detail(first.id)).timeline.filter(
        (e: Event) => e.action === 'clock-breached' && e.input.clock === 'month',
      ),
    ).toHaveLength(1);
  });

  it("the audit chain verifies end to end after the sweeper's changes (AUD-1)", async () => {
    const records = await world.h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', first.id)
      .orderBy('seq')
      .execute();
    expect(records.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'case.submit',
        'case.accept',
        'case.request-extension',
        'case.decide-extension',
        'case.clock-breached',
      ]),
    );
    expect(await verifyAudit(world.h.ctx)).toMatchObject({ ok: true });
  });
});
