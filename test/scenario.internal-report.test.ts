import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

type Staff = { id: string; token: string; username: string };

/**
 * A whistleblowing report walked through S6 内部投诉和举报制度 and S2 企业内部投诉处理规范, in the
 * order the documents give, through the HTTP API: a report with leads and evidence and the
 * truthfulness affirmation (S6 3.2, 3.3, 4.1) → registration (S2 三.2) → the department head
 * investigates in confidence (S2 三.3, S6 4.2) → analysis of nature and severity (S2 三.4) →
 * warnings and a job change (S2 三.5) → feedback with reasons within 5 working days (S2 三.6,
 * S6 4.2.3) → appeal to the higher department head, answered within 7 working days (S6 4.4) →
 * records kept (S6 4.5). Then the unhappy paths: a report without leads, a report naming the head
 * (S6 4.3 neutral investigator), and a refused extension of the 5 working days.
 */
describe.each(BACKENDS)('internal report (S6 内部投诉和举报制度, S2 企业内部投诉处理规范) on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  const units = { company: '', purchasing: '', sales: '' };
  let headLi: Staff; // 采购部负责人
  let deputyZhou: Staff; // also holds department-head in 采购部
  let headSun: Staff; // 销售部负责人
  let neutral: Staff; // 中立调查机构 (company level)
  let senior: Staff; // 上级部门负责人 (company level)
  let hrZheng: Staff; // 人力资源部: hr-officer held in the company unit, so it reaches every department
  let trackingNo: string;
  let receipt: string;
  let caseId: string;
  let appealId: string;
  let appealNo: string;
  let appealReceipt: string;

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    units.company = (await addOrgUnit(h.ctx, { name: '公司' }, 'system:test')).id;
    units.purchasing = (await addOrgUnit(h.ctx, { name: '采购部', parent: units.company }, 'system:test')).id;
    units.sales = (await addOrgUnit(h.ctx, { name: '销售部', parent: units.company }, 'system:test')).id;
    headLi = await staffIn('head-li', 'department-head', units.purchasing);
    deputyZhou = await staffIn('deputy-zhou', 'department-head', units.purchasing);
    headSun = await staffIn('head-sun', 'department-head', units.sales);
    neutral = await staffIn('neutral-qian', 'neutral-investigator', units.company);
    senior = await staffIn('senior-wu', 'senior-head', units.company);
    hrZheng = await staffIn('hr-zheng', 'hr-officer', units.company);
  });
  afterAll(async () => h?.close());

  /** A user holding one role in one org unit (S6: heads per department, the others above them). */
  async function staffIn(username: string, role: string, unitId: string): Promise<Staff> {
    const user = await addUser(
      h.ctx,
      { username, password: 'correct horse battery', roles: [{ role, unitId }], isAdmin: false, displayName: username },
      'system:test',
    );
    const { token } = await createToken(h.ctx, username, 'test', 'system:test');
    return { id: user.id, token, username };
  }

  function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      procedure: 'internal-report',
      kind: 'report',
      subject: '采购员收受供应商回扣',
      description: '采购部采购员王强在办公用品采购中多次要求供应商返点，并将订单集中给返点的供应商。',
      anonymous: false,
      submitter: { name: '陈晓', phone: '13900001111', email: 'chenxiao@example.com' },
      respondents: [{ name: '王强（采购部采购员）', type: 'person' }],
      occurredAt: '2026-11-20T15:00:00+08:00',
      location: '公司采购部办公室',
      requestedOutcome: '调查并依规处理',
      fields: {
        leads: '11月20日下午供应商甲的业务员在采购部办公室交给王强一个信封，事后订单转给供应商甲。',
        evidence: '微信聊天截图三张；11月订单明细表。',
      },
      affirmTruthful: true,
      orgUnit: units.purchasing,
      ...overrides,
    };
  }

  async function detail(id: string, who: Staff) {
    const res = await h.call('GET', `/api/v1/cases/${id}`, { token: who.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Takes an action half an hour after the last one, at the case's current version. */
  async function act(who: Staff, id: string, action: string, input: Record<string, unknown>) {
    clock.advance(30 * 60_000);
    const { version } = await detail(id, who);
    const res = await h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token: who.token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  }

  async function outboxOf(id: string) {
    const rows = await h.ctx.store.db.selectFrom('outbox').selectAll().where('case_id', '=', id).execute();
    return rows.map((o) => `${o.recipient}/${o.template}`).sort();
  }

  async function publicView(no = trackingNo, key = receipt) {
    const res = await h.call('GET', `/api/v1/public/cases/${no}`, { headers: { 'x-receipt': key } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  const deadline = (d: { deadlines: { clock: string }[] }, id: string) => d.deadlines.find((c) => c.clock === id);

  it('S6 3.2, 3.3, 4.1 提交举报: the employee reports in writing with leads and evidence and affirms it is true (INT-5)', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: report() });
    expect(res.statusCode, res.body).toBe(201);
    ({ trackingNo, receipt } = res.json());
    expect(trackingNo).toMatch(/^JB-20261130-/);
    const list = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: headLi.token })).json();
    caseId = list.items[0].id;
    expect(list.items[0]).toMatchObject({ status: 'received', kind: 'report', channel: 'web' });
    const d = await detail(caseId, headLi);
    expect(d.data).toMatchObject({
      fields: { leads: expect.stringContaining('信封'), evidence: expect.stringContaining('截图') },
      affirmedTruthfulAt: '2026-11-30T01:00:00.000Z',
    });
    expect(d.submitter.name).not.toBe('陈晓'); // CON-1: masked until revealed with a reason
    expect(await outboxOf(caseId)).toEqual(['role:department-head/new-case', 'submitter/received']);
  });

  it('S6 4.2.3 / WB-1 / WB-2: the clocks that now run — 5 working days, 7 days to acknowledge, 3 calendar months (SLA-4)', async () => {
    const d = await detail(caseId, headLi);
    expect(d.deadlines.map((c: { clock: string }) => c.clock).sort()).toEqual([
      'response',
      'wb-acknowledge',
      'wb-feedback',
    ]);
    // Day 1 is Tue 12-01; 12-01, 12-02, 12-03, 12-04, 12-07 → ends Mon 12-07 24:00 Shanghai.
    expect(deadline(d, 'response')).toMatchObject({
      rule: 'SLA-4',
      status: 'running',
      dueAt: '2026-12-07T16:00:00.000Z',
      provisional: false,
    });
    // 11-30 + 7 days = Mon 12-07, a working day.
    expect(deadline(d, 'wb-acknowledge')).toMatchObject({ rule: 'WB-1', dueAt: '2026-12-07T16:00:00.000Z' });
    // 11-30 + 3 months = 2027-02-28 (no 02-30), a Sunday → Mon 03-01; 2027 has no calendar data yet.
    expect(deadline(d, 'wb-feedback')).toMatchObject({
      rule: 'WB-2',
      dueAt: '2027-03-01T16:00:00.000Z',
      provisional: true,
    });
    expect((await publicView()).deadlines.map((c: { dueAt: string }) => c.dueAt)).toContain('2026-12-07T16:00:00.000Z');
  });

  it('S2 三.1 接收投诉: the employee tells HR in person; HR registers it for her department and hands over the receipt, but cannot open it afterwards (INT-1, INT-3, S2 四.1 保密)', async () => {
    // 员工…可以选择向直属上级、人力资源部门或专门的投诉管理部门进行投诉 — HR registers (intake) …
    const res = await h.call('POST', '/api/v1/cases', {
      token: hrZheng.token,
      body: report({
        kind: 'complaint',
        channel: 'walk-in',
        subject: '采购部排班不公',
        description: '采购部近两个月周末值班只排给新员工。',
        respondents: [],
        fields: {},
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, trackingNo: no, receipt: key } = res.json();
    expect(no).toMatch(/^TS-20261130-/);
    // … the department head of her department has it, with who received it (REG-1) …
    const d = await detail(id, headLi);
    expect(d).toMatchObject({ channel: 'walk-in', receivedBy: hrZheng.id, orgUnitId: units.purchasing });
    expect(await outboxOf(id)).toEqual(['role:department-head/new-case', 'submitter/received']);
    // … and HR, which holds no `read` here, neither opens nor finds it (只有当调查需要时…提供给相关人员).
    expect((await h.call('GET', `/api/v1/cases/${id}`, { token: hrZheng.token })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/v1/cases?q=${no}`, { token: hrZheng.token })).json().items).toEqual([]);
    const acted = await h.call('POST', `/api/v1/cases/${id}/actions/register`, {
      token: hrZheng.token,
      body: { input: { category: 'work-environment', handler: 'hr-zheng', summary: '登记' }, expectedVersion: 1 },
    });
    expect(acted.statusCode).toBe(404);
    // The employee follows it with the receipt HR handed her.
    expect((await publicView(no, key)).status).toBe('received');
  });

  it('S2 三.2 登记投诉: the head registers it concisely, names the handler and so acknowledges the report (REG-1, RTE-2, WB-1)', async () => {
    await act(headLi, caseId, 'register', {
      category: 'disciplinary-violation',
      handler: 'head-li',
      summary: '举报采购员王强收受供应商甲回扣，涉及11月办公用品订单。',
      persons: '王强；供应商甲业务员',
      evidenceList: '聊天截图3张，订单明细1份',
    });
    const d = await detail(caseId, headLi);
    expect(d).toMatchObject({
      status: 'accepted',
      category: 'disciplinary-violation',
      assigneeId: headLi.id,
      data: { personsInvolved: '王强；供应商甲业务员' },
    });
    expect(deadline(d, 'wb-acknowledge')).toMatchObject({ status: 'met', stoppedAt: '2026-11-30T01:30:00.000Z' });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'register', actor: expect.objectContaining({ id: headLi.id }) }); // the receiving person
    expect(await outboxOf(caseId)).toEqual([
      'assignee/assigned',
      'role:department-head/new-case',
      'submitter/received',
      'submitter/registered',
    ]);
    expect((await publicView()).statusLabel['zh-CN']).toBe('已受理');
  });

  it('S2 三.3 / S6 4.2.1 调查核实: statements of all sides and documents, kept from everyone else (INV-1, INV-2)', async () => {
    await act(headLi, caseId, 'start-investigation', { plan: '约谈当事人，调取订单和报销记录' });
    await act(headLi, caseId, 'record-investigation', {
      type: 'interview',
      party: '王强',
      summary: '王强承认收过供应商甲的购物卡',
      findings: '收受购物卡两张，价值2000元',
    });
    await act(headLi, caseId, 'record-investigation', {
      type: 'statement',
      party: '供应商甲业务员',
      summary: '确认赠送购物卡',
    });
    await act(headLi, caseId, 'record-investigation', {
      type: 'document',
      summary: '11月订单 80% 集中于供应商甲，价格高于市场价 5%',
    });
    // INV-2, S2 四.1 保密原则: another department's head cannot see or find the case.
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: headSun.token })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: headSun.token })).json().items).toEqual([]);
    const view = JSON.stringify(await publicView());
    expect(view).not.toContain('购物卡');
    expect(view).not.toContain('供应商甲业务员');
  });

  it('S2 三.4 分析研判 / S6 4.2.2: nature, severity, cause and the person responsible (RES-1, RES-4); S2 三.5 measures with owner and due date (RES-2)', async () => {
    await act(headLi, caseId, 'analyse', {
      nature: '违反廉洁纪律，收受供应商财物',
      severity: 'serious',
      cause: '采购权限集中于一人，缺少比价复核',
      responsible: '王强',
      outcome: 'substantiated',
      solution: '书面警告并调离采购岗位，部门内口头警告提醒，采购改为双人比价',
      measures: [
        { type: 'written-warning', description: '对王强给予书面警告', owner: 'head-li', dueDate: '2026-12-02' },
        { type: 'job-change', description: '王强调离采购岗位至仓储岗', owner: 'senior-wu', dueDate: '2026-12-04' },
        { type: 'verbal-warning', description: '部门会议口头警告全体采购员', owner: 'head-li', dueDate: '2026-12-02' },
      ],
    });
    const d = await detail(caseId, headLi);
    expect(d).toMatchObject({
      status: 'decided',
      severity: 'serious',
      outcome: 'substantiated',
      data: { nature: '违反廉洁纪律，收受供应商财物', responsiblePerson: '王强' },
    });
    const early = await h.call('POST', `/api/v1/cases/${caseId}/actions/resolve`, {
      token: headLi.token,
      body: { input: { summary: '已处理' }, expectedVersion: d.version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/^还有解决措施未落实/),
    });
  });

  it('S2 三.5 解决措施: each warning and the job change is recorded done, then the case is resolved (RES-2)', async () => {
    await act(headLi, caseId, 'update-measure', { index: 0, done: true, result: '书面警告已送达本人' });
    await act(headLi, caseId, 'update-measure', { index: 1, done: true, result: '12月1日起调至仓储岗' });
    await act(headLi, caseId, 'update-measure', { index: 2, done: true, result: '部门会议已提醒' });
    await act(headLi, caseId, 'resolve', { summary: '三项措施均已落实' });
    const d = await detail(caseId, headLi);
    expect(d.data.measures).toEqual([
      {
        type: 'written-warning',
        description: '对王强给予书面警告',
        owner: headLi.id,
        dueDate: '2026-12-02',
        done: true,
        result: '书面警告已送达本人',
      },
      {
        type: 'job-change',
        description: '王强调离采购岗位至仓储岗',
        owner: senior.id,
        dueDate: '2026-12-04',
        done: true,
        result: '12月1日起调至仓储岗',
      },
      {
        type: 'verbal-warning',
        description: '部门会议口头警告全体采购员',
        owner: headLi.id,
        dueDate: '2026-12-02',
        done: true,
        result: '部门会议已提醒',
      },
    ]);
  });

  it('S2 三.6 反馈结果 / S6 4.2.3: the reporter is told the result with the reasons within 5 working days (REP-1, SLA-4, WB-2)', async () => {
    await act(headLi, caseId, 'reply', {
      result: '经调查，举报属实。已对王强给予书面警告并调离采购岗位。',
      reasons: '王强承认收受供应商购物卡，订单记录印证；依据公司廉洁纪律作出上述处理，并改为双人比价。',
      method: 'letter',
    });
    const d = await detail(caseId, headLi);
    expect(d.status).toBe('replied');
    expect(deadline(d, 'response')).toMatchObject({ status: 'met', stoppedAt: '2026-11-30T06:30:00.000Z' });
    expect(deadline(d, 'wb-feedback')).toMatchObject({ status: 'met' });
    const view = await publicView();
    const reply = view.timeline.find((e: { action: string }) => e.action === 'reply');
    expect(reply.details).toMatchObject({
      result: expect.stringContaining('书面警告'),
      reasons: expect.stringContaining('双人比价'),
    });
    expect(reply.text['zh-CN']).toContain('上级部门负责人申诉');
    expect(view.canAppeal).toBe(true);
    expect(await outboxOf(caseId)).toContain('submitter/replied');
  });

  it('S6 4.4 申诉权: the reporter appeals to the higher department head — a linked case at the unit above, answered within 7 working days (APL-1, APL-2, APL-4, SLA-4)', async () => {
    clock.set('2026-12-02T02:00:00.000Z'); // Wednesday 10:00
    const res = await h.call('POST', `/api/v1/public/cases/${trackingNo}/appeal`, {
      headers: { 'x-receipt': receipt },
      body: { reasons: '处理过轻：王强还向其他供应商索要过返点，要求重新审查。' },
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ trackingNo: appealNo, receipt: appealReceipt } = res.json());
    expect(appealNo).toMatch(/^SS-20261202-/);
    appealId = (await h.call('GET', `/api/v1/cases?q=${appealNo}`, { token: senior.token })).json().items[0].id;
    const a = await detail(appealId, senior);
    expect(a).toMatchObject({
      kind: 'appeal',
      status: 'received',
      data: { appealOf: trackingNo, appealLevel: 1, final: true },
    });
    // Only the appeal clock runs: 12-03, 12-04, 12-07, 12-08, 12-09, 12-10, 12-11 → Fri 12-11 24:00.
    expect(a.deadlines).toMatchObject([
      { clock: 'appeal-response', rule: 'SLA-4', status: 'running', dueAt: '2026-12-11T16:00:00.000Z' },
    ]);
    expect(a.links).toMatchObject([{ kind: 'appeal', trackingNo, visible: true }]);
    // APL-4: the head who decided the original neither sees nor handles the appeal.
    expect((await h.call('GET', `/api/v1/cases/${appealId}`, { token: headLi.token })).statusCode).toBe(404);
    const original = await detail(caseId, headLi);
    expect(original.links).toMatchObject([{ kind: 'appeal', trackingNo: appealNo, visible: false }]);
    expect(original.timeline.at(-1)).toMatchObject({ action: 'appealed' });
  });

  it('S6 4.4 上级部门负责人重新审查: the higher head re-examines and answers within the 7 working days; the decision is final (APL-2, APL-3)', async () => {
    await act(senior, appealId, 'register', {
      category: 'disciplinary-violation',
      handler: 'senior-wu',
      summary: '申诉认为处理过轻，提出新线索',
    });
    await act(senior, appealId, 'start-investigation', { plan: '复核原调查材料，核查新线索' });
    await act(senior, appealId, 'record-investigation', {
      type: 'document',
      summary: '调取全年订单，未见向其他供应商索要返点的记录',
    });
    await act(senior, appealId, 'analyse', {
      nature: '维持原处理',
      severity: 'serious',
      cause: '新线索未能查实',
      outcome: 'not-substantiated',
      solution: '维持原处理决定',
    });
    await act(senior, appealId, 'resolve', { summary: '复查完毕，维持原处理' });
    await act(senior, appealId, 'reply', {
      result: '经复查，维持原处理决定。',
      reasons: '全年订单及报销记录中未发现向其他供应商索要返点的证据。',
      method: 'letter',
    });
    const a = await detail(appealId, senior);
    expect(a).toMatchObject({ status: 'replied', outcome: 'not-substantiated' });
    expect(a.deadlines[0]).toMatchObject({ clock: 'appeal-response', status: 'met' });
    // One level only (S6 4.4): the higher head's decision is final, a further appeal is refused.
    const view = await publicView(appealNo, appealReceipt);
    expect(view.timeline.find((e: { action: string }) => e.action === 'reply').details.reasons).toContain('未发现');
    const again = await h.call('POST', `/api/v1/public/cases/${appealNo}/appeal`, {
      headers: { 'x-receipt': appealReceipt },
      body: { reasons: '再次申诉，理由同上。' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { final: true } });
  });

  it('S6 4.5 建立投诉档案: both cases are closed with an archive number and kept (ARC-1)', async () => {
    await act(headLi, caseId, 'close', { archiveNo: 'NB-2026-031', note: '申诉已复查维持' });
    await act(senior, appealId, 'close', { archiveNo: 'NB-2026-031-SS' });
    const d = await detail(caseId, headLi);
    expect(d).toMatchObject({
      status: 'closed',
      outcome: 'substantiated',
      closedAt: expect.any(String),
      data: { archiveNo: 'NB-2026-031' },
      allowedActions: [],
    });
    expect(await detail(appealId, senior)).toMatchObject({ status: 'closed', data: { archiveNo: 'NB-2026-031-SS' } });
    // Kept and findable by the people who handled it.
    expect((await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: headLi.token })).json().items).toHaveLength(
      1,
    );
  });

  it('the timeline tells the story in order; the reporter reads only what they may', async () => {
    const d = await detail(caseId, headLi);
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'register',
      'start-investigation',
      'record-investigation',
      'record-investigation',
      'record-investigation',
      'analyse',
      'update-measure',
      'update-measure',
      'update-measure',
      'resolve',
      'reply',
      'appealed',
      'close',
    ]);
    expect(d.timeline.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const view = await publicView();
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'register',
      'start-investigation',
      'reply',
      'appealed',
      'close',
    ]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('head-li');
    expect(text).not.toContain('违反廉洁纪律'); // the analysis is internal (INV-2)
  });

  it('S6 3.2 unhappy path: a report without leads is refused at intake with a clear 400 naming the field', async () => {
    clock.set('2026-12-07T01:00:00.000Z');
    const before = await h.ctx.store.db.selectFrom('cases').select('id').execute();
    const noLeads = await h.call('POST', '/api/v1/public/cases', {
      body: report({ fields: { evidence: '订单明细' } }),
    });
    expect(noLeads.statusCode).toBe(400);
    const error = noLeads.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^提交内容不完整.* \/ /); // Chinese first, English second
    expect(error.details.issues.map((i: { path: string }) => i.path)).toEqual(['fields.leads']);
    // S6 3.2 names whom it is about; S6 3.3 (INT-5) the truthfulness affirmation.
    const bare = await h.call('POST', '/api/v1/public/cases', {
      body: report({ respondents: [], affirmTruthful: false }),
    });
    expect(bare.statusCode).toBe(400);
    expect(
      bare
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['affirmTruthful', 'respondents']);
    expect(await h.ctx.store.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    // INT-2: with leads, an anonymous report is taken (S6 does not forbid it; WB-3 expects it).
    const anonymous = await h.call('POST', '/api/v1/public/cases', {
      body: report({ anonymous: true, submitter: undefined }),
    });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
  });

  it('S6 4.3 unhappy path: a report naming the head — once recused the head and their department cannot see it and the neutral investigator takes it (RTE-3)', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: report({
        subject: '部门负责人指定供应商',
        description: '采购部负责人李明要求采购员只向其亲属开办的公司下单。',
        respondents: [{ name: '李明（采购部负责人）', type: 'person' }],
        fields: { leads: '12月起所有文具订单均下给其妻弟开办的公司。', evidence: '工商登记信息截图；订单明细。' },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const no = res.json().trackingNo;
    const id = (await h.call('GET', `/api/v1/cases?q=${no}`, { token: senior.token })).json().items[0].id;
    expect((await h.call('GET', `/api/v1/cases/${id}`, { token: headLi.token })).statusCode).toBe(200); // before the recusal
    // The higher head links the named respondent to the head and the department they lead.
    const linked = await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
      token: senior.token,
      body: { user: 'head-li', orgUnit: units.purchasing },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    for (const who of [headLi, deputyZhou]) {
      expect((await h.call('GET', `/api/v1/cases/${id}`, { token: who.token })).statusCode).toBe(404);
      expect((await h.call('GET', `/api/v1/cases?q=${no}`, { token: who.token })).json().items).toEqual([]);
      const acted = await h.call('POST', `/api/v1/cases/${id}/actions/register`, {
        token: who.token,
        body: {
          input: { category: 'professional-ethics', handler: who.username, summary: '自行登记' },
          expectedVersion: 2,
        },
      });
      expect(acted.statusCode).toBe(404);
    }
    expect(await outboxOf(id)).toContain('role:neutral-investigator/recusal-routed');
    const seen = await detail(id, neutral);
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'recusal', input: { routedTo: 'role:neutral-investigator' } });
    expect(seen.allowedActions.map((a: { id: string }) => a.id)).toContain('register');
    await act(neutral, id, 'register', {
      category: 'professional-ethics',
      handler: 'neutral-qian',
      summary: '举报部门负责人利益输送，由中立调查机构调查',
    });
    await act(neutral, id, 'start-investigation', { plan: '独立调取订单与工商信息' });
    expect(await detail(id, neutral)).toMatchObject({ status: 'investigating', assigneeId: neutral.id });
    expect((await h.call('GET', `/api/v1/cases/${id}`, { token: headLi.token })).statusCode).toBe(404);
  });

  it('S6 4.2.3 unhappy path: an extension of the 5 working days is refused; the deadline stands and its breach goes to the higher head (SLA-3, SLA-4, SLA-7)', async () => {
    clock.set('2026-12-14T01:00:00.000Z'); // Monday 09:00
    // S6 3.1: a complaint needs no leads; only the 5-day clock runs for it.
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: report({
        kind: 'complaint',
        subject: '加班安排不公',
        description: '近两个月周末加班只安排给部分员工，且不计调休。',
        respondents: [],
        fields: {},
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: headLi.token })).json()
      .items[0].id;
    let d = await detail(id, headLi);
    // 12-15, 12-16, 12-17, 12-18, 12-21 → Mon 12-21 24:00 Shanghai.
    expect(d.deadlines).toMatchObject([{ clock: 'response', status: 'running', dueAt: '2026-12-21T16:00:00.000Z' }]);
    await act(headLi, id, 'register', {
      category: 'work-environment',
      handler: 'head-li',
      summary: '反映周末加班安排不公',
    });
    await act(headLi, id, 'request-extension', { clock: 'response', length: 3, reason: '需等待人事部提供考勤数据' });
    // The head cannot approve their own request; only the higher head decides.
    d = await detail(id, headLi);
    const self = await h.call('POST', `/api/v1/cases/${id}/actions/decide-extension`, {
      token: headLi.token,
      body: { input: { approve: true }, expectedVersion: d.version },
    });
    expect(self.statusCode).toBe(403);
    await act(senior, id, 'decide-extension', { approve: false, note: 'S6 规定5个工作日内反馈，考勤数据可先行调取' });
    d = await detail(id, headLi);
    expect(d.deadlines).toMatchObject([
      { clock: 'response', status: 'running', dueAt: '2026-12-21T16:00:00.000Z', extendedBy: 0 },
    ]);
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'decide-extension',
      input: { approve: false, note: expect.stringContaining('5个工作日') },
    });
    clock.set('2026-12-22T01:00:00.000Z'); // Tuesday: the 5 working days are over
    await sweepOnce(h.ctx);
    d = await detail(id, headLi);
    expect(d.deadlines[0]).toMatchObject({
      clock: 'response',
      status: 'overdue',
      breachedAt: '2026-12-22T01:00:00.000Z',
    });
    expect(d.escalatedAt).toEqual(expect.any(String));
    expect(await outboxOf(id)).toContain('role:senior-head/response-overdue');
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
      'case.register',
      'case.start-investigation',
      'case.record-investigation',
      'case.record-investigation',
      'case.record-investigation',
      'case.analyse',
      'case.update-measure',
      'case.update-measure',
      'case.update-measure',
      'case.resolve',
      'case.reply',
      'case.appealed',
      'case.close',
    ]);
    expect(JSON.stringify(records)).not.toContain('陈晓'); // the reporter's name never enters the audit log
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });
  });
});
