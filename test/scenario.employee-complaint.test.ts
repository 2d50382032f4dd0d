import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { findCaseByTrackingNo } from '../src/store/cases.repository.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

type Staff = { id: string; token: string; username: string };
type Event = { action: string; input: Record<string, unknown> };

/**
 * An employee complaint walked through S1 员工投诉建议流程及管理程序, S3 公司员工投诉和申诉处理程序
 * and S7 员工投诉处理流程, in the order the documents give, through the HTTP API: an oral complaint
 * entered by HR → recorded and classified → preliminary investigation → cross-department meeting →
 * internal mediation → reported to senior management (the manager named is recused) → decision
 * approved by senior management (refused once) → the employee told → measures followed up →
 * evaluation → appeal to the next level → final written appeal to senior management (终审).
 * Then an external complaint transferred to the labour inspectorate (S7 二.2) and an anonymous
 * suggestion from the box (S1 二.1).
 */
describe.each(BACKENDS)('employee complaint (S1, S3, S7) on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  const units: Record<string, string> = {};
  const u: Record<string, Staff> = {};
  let trackingNo: string;
  let receipt: string;
  let caseId: string;
  let version = 1;
  let appeal1: { id: string; trackingNo: string; receipt: string };
  let appeal2: { id: string; trackingNo: string; receipt: string };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const division = await addOrgUnit(h.ctx, { name: '制造中心', parent: company.id }, 'system:test');
    const workshop = await addOrgUnit(h.ctx, { name: '装配车间', parent: division.id }, 'system:test');
    const quality = await addOrgUnit(h.ctx, { name: '质量部', parent: company.id }, 'system:test');
    Object.assign(units, { company: company.id, division: division.id, workshop: workshop.id, quality: quality.id });
    const add = async (username: string, role: string, unitId: string) => {
      const row = await addUser(
        h.ctx,
        {
          username,
          displayName: username,
          password: 'correct horse battery',
          roles: [{ role, unitId }],
          isAdmin: false,
        },
        'system:test',
      );
      u[username] = { id: row.id, token: (await createToken(h.ctx, username, 't', 'system:test')).token, username };
    };
    await add('hr-liu', 'hr-officer', units.company); // 人力资源部
    await add('zhao', 'department-manager', units.workshop); // 车间主任, named in the complaint
    await add('sun', 'department-manager', units.division); // 制造中心总监: the next level (S3 三.1)
    await add('zhou', 'mediator', units.company); // the mediator HR appoints (S1 二.4)
    // Issue 16: senior management sits in the company unit; the audit role only works there (the root).
    await add('qian', 'senior-management', units.company); // 副总经理: reviews (S1 二.5)
    await add('wu', 'senior-management', units.company); // 总经理: the final appeal (S3 三.4)
    await add('auditor', 'auditor', units.company);
    await add('qa-ma', 'department-manager', units.quality); // 质量部经理: invited to the S3 二.3 meeting
    await add('chair', 'senior-management', units.company); // 董事长: hears the final appeal (S3 三.4)
  });
  afterAll(async () => h?.close());

  // A case id passed as undefined must not silently fall back to the main case.
  const given = (id: string | undefined, passed: number, at: number) => {
    if (passed > at && !id) throw new Error('case id is undefined');
  };

  async function versionOf(id: string) {
    return Number(
      (await h.ctx.store.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version,
    );
  }

  async function act(who: Staff, action: string, input: Record<string, unknown>, id = caseId) {
    // biome-ignore lint/complexity/noArguments: tells an id passed as undefined from one left out
    given(id, arguments.length, 3);
    clock.advance(30 * 60_000);
    const current = id === caseId ? version : await versionOf(id);
    const res = await h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token: who.token,
      body: { input, expectedVersion: current },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    if (id === caseId) version = res.json().version;
    return res.json();
  }

  async function refused(who: Staff, action: string, input: Record<string, unknown>, id = caseId) {
    // biome-ignore lint/complexity/noArguments: tells an id passed as undefined from one left out
    given(id, arguments.length, 3);
    return h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token: who.token,
      body: { input, expectedVersion: await versionOf(id) },
    });
  }

  async function detail(who: Staff, id = caseId) {
    // biome-ignore lint/complexity/noArguments: tells an id passed as undefined from one left out
    given(id, arguments.length, 1);
    const res = await h.call('GET', `/api/v1/cases/${id}`, { token: who.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function publicView(no = trackingNo, key = receipt) {
    const res = await h.call('GET', `/api/v1/public/cases/${no}`, { headers: { 'x-receipt': key } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  async function outbox(id = caseId) {
    // biome-ignore lint/complexity/noArguments: tells an id passed as undefined from one left out
    given(id, arguments.length, 0);
    const rows = await h.ctx.store.db.selectFrom('outbox').selectAll().where('case_id', '=', id).execute();
    return rows.map((o) => `${o.recipient}/${o.template}`);
  }

  const oral = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'employee-complaint',
    kind: 'complaint',
    channel: 'walk-in',
    subject: '班组长长期辱骂，车间主任不予处理',
    description:
      '装配二班班组长陈某多次在班前会上当众辱骂我，我向车间主任赵某反映三次，赵某不予处理，还把我的加班全部排在周末。',
    anonymous: false,
    submitter: { name: '王芳', phone: '13911112222', email: 'wangfang@example.com' },
    respondents: [
      { name: '陈某（装配二班班组长）', type: 'person' },
      { name: '赵某（装配车间主任）', type: 'person' },
    ],
    occurredAt: '2026-11-26T08:00:00+08:00',
    location: '装配车间二班班前会',
    requestedOutcome: '陈某公开道歉，重新公平安排加班',
    fields: { department: '装配车间', position: '装配工' },
    affirmTruthful: true,
    orgUnit: units.workshop,
    ...overrides,
  });

  it('S3 二.1 提交投诉: a complaint states when, where and who is involved, and is affirmed true (INT-5)', async () => {
    const { respondents: _r, ...withoutWho } = oral();
    const res = await h.call('POST', '/api/v1/cases', { token: u['hr-liu'].token, body: withoutWho });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['respondents']);
    const untrue = await h.call('POST', '/api/v1/cases', {
      token: u['hr-liu'].token,
      body: oral({ affirmTruthful: false }),
    });
    expect(untrue.statusCode).toBe(400);
    expect(untrue.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['affirmTruthful']);
    const mediator = await h.call('POST', '/api/v1/cases', { token: u.zhou.token, body: oral() });
    expect(mediator.statusCode).toBe(403); // a mediator takes no complaints in
  });

  it('S1 二.1 口头提出: the employee tells HR; HR enters it on her behalf and she gets a tracking number and receipt (INT-1, INT-3, INT-4)', async () => {
    const res = await h.call('POST', '/api/v1/cases', { token: u['hr-liu'].token, body: oral() });
    expect(res.statusCode, res.body).toBe(201);
    ({ trackingNo, receipt, id: caseId } = res.json());
    expect(trackingNo).toMatch(/^TS-20261130-/);
    // S1 二.3 尽快 → 3 working days (Tue 1 – Thu 3 Dec); S1 二.6 及时 → 15 working days (to Mon 21 Dec).
    expect(res.json().deadlines).toEqual([
      { clock: 'preliminary', dueAt: '2026-12-03T16:00:00.000Z', provisional: false },
      { clock: 'handling', dueAt: '2026-12-21T16:00:00.000Z', provisional: false },
    ]);
    const d = await detail(u['hr-liu']);
    expect(d).toMatchObject({
      status: 'received',
      kind: 'complaint',
      channel: 'walk-in',
      anonymous: false,
      data: { fields: { department: '装配车间' } },
    });
    expect(d.submitter).toMatchObject({ name: '王*', phone: '139****2222' }); // CON-1: masked even for HR until revealed
    expect((await outbox()).sort()).toEqual(['role:hr-officer/new-case', 'submitter/received']);
    const view = await publicView();
    expect(view.deadlines.map((x: { clock: string; dueAt: string }) => `${x.clock} ${x.dueAt}`).sort()).toEqual([
      'handling 2026-12-21T16:00:00.000Z',
      'preliminary 2026-12-03T16:00:00.000Z',
    ]);
  });

  it('S1 二.2 录入及分类: HR records and classifies it as 人际关系 (CLS-1, ACC-1)', async () => {
    const unknown = await refused(u['hr-liu'], 'accept', { category: 'weather' });
    expect(unknown.statusCode).toBe(400);
    await act(u['hr-liu'], 'accept', { category: 'relationships', note: '员工间矛盾，并涉及车间管理人员' });
    const view = await publicView();
    expect(view).toMatchObject({ status: 'accepted', statusLabel: { 'zh-CN': '已受理' } });
    expect(await outbox()).toContain('submitter/accepted');
  });

  it('S1 二.3 初步调查 / S3 二.2: HR starts within 3 working days and records interviews and evidence (INV-1, RTE-2)', async () => {
    await act(u['hr-liu'], 'start-investigation', {
      investigator: 'hr-liu',
      plan: '分别面谈王芳、陈某，调取班前会记录和排班表',
    });
    await act(u['hr-liu'], 'record-investigation', {
      type: 'interview',
      party: '王芳',
      summary: '陈述被辱骂经过，提供两名同事作证',
    });
    await act(u['hr-liu'], 'record-investigation', {
      type: 'document',
      party: '装配车间',
      summary: '11月排班表：王芳4个周末全部加班',
      findings: '排班明显不均',
    });
    const d = await detail(u['hr-liu']);
    expect(d).toMatchObject({ status: 'investigating', assigneeId: u['hr-liu'].id });
    expect(d.deadlines.find((x: { clock: string }) => x.clock === 'preliminary')).toMatchObject({
      status: 'met',
      stoppedAt: '2026-11-30T02:00:00.000Z',
    });
    expect(await outbox()).toContain('assignee/assigned');
  });

  it('S3 二.3 召集相关人员: the manager of another department invited to the meeting reads this case — read only, audited, told in-app (issue 17)', async () => {
    // "所在部门经理应当召集相关的部门经理和员工进行会议": 质量部经理 holds no role over the workshop's case.
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: u['qa-ma'].token })).statusCode).toBe(404);
    clock.set('2026-12-01T05:00:00.000Z');
    await act(u['hr-liu'], 'invite-to-meeting', {
      invitee: 'qa-ma',
      meetingAt: '2026-12-01T14:00:00+08:00',
      reason: '二班返工情况与排班有关',
    });
    const invite = (await detail(u['hr-liu'])).timeline.find((e: Event) => e.action === 'invite-to-meeting');
    // 7 days from the invitation, unless the case closes first.
    expect(invite.input).toMatchObject({ invitee: u['qa-ma'].id, invitedUntil: '2026-12-08T05:30:00.000Z' });
    expect(await outbox()).toContain(`user:${u['qa-ma'].id}/invited`);
    await dispatchOnce(h.ctx);
    const told = (await h.call('GET', '/api/v1/notifications', { token: u['qa-ma'].token })).json();
    expect(told.items.map((n: { caseId: string; event: string }) => [n.caseId, n.event])).toContainEqual([
      caseId,
      'invite-to-meeting',
    ]);
    // The invitee reads the case, takes no step, and each read is in the audit chain.
    const seen = await detail(u['qa-ma']);
    expect(seen).toMatchObject({ id: caseId, allowedActions: [] });
    const inbox = (await h.call('GET', '/api/v1/cases', { token: u['qa-ma'].token })).json();
    expect(inbox.items.map((c: { id: string }) => c.id)).toEqual([caseId]); // this case, and no other
    expect((await refused(u['qa-ma'], 'add-note', { note: '质量部意见' })).statusCode).toBe(403);
    const reads = await h.ctx.store.db
      .selectFrom('audit_log')
      .select('actor')
      .where('entity_id', '=', caseId)
      .where('action', '=', 'case.read-invited')
      .execute();
    expect(reads).toEqual([{ actor: `user:${u['qa-ma'].id}` }]);
    // Time-limited: a week later the invitation has run out (the clock is put back for the walk).
    const saved = clock.now().toISOString();
    clock.advance(8 * 86_400_000);
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: u['qa-ma'].token })).statusCode).toBe(404);
    expect((await h.call('GET', '/api/v1/cases', { token: u['qa-ma'].token })).json().items).toEqual([]);
    clock.set(saved);
  });

  it('S3 二.3 召集相关人员: the managers and employees concerned meet and the meeting is recorded (RTE-4)', async () => {
    const alone = await refused(u['hr-liu'], 'convene-meeting', {
      heldAt: '2026-12-01T14:00:00+08:00',
      attendees: [{ name: '刘', department: '人力资源部' }],
      minutes: '…',
    });
    expect(alone.statusCode).toBe(400);
    clock.set('2026-12-01T06:00:00.000Z');
    await act(u['hr-liu'], 'convene-meeting', {
      heldAt: '2026-12-01T14:00:00+08:00',
      attendees: [
        { name: '刘', department: '人力资源部' },
        { name: '孙', department: '制造中心' },
        { name: '质量部经理', department: '质量部' },
      ],
      minutes: '核对加班排班与班组考核办法；质量部说明二班返工情况',
      proposal: '加班由制造中心统一轮排；陈某与王芳之间的矛盾先行调解',
    });
    const meeting = (await detail(u['hr-liu'])).timeline.find((e: Event) => e.action === 'convene-meeting');
    expect(meeting.input.attendees).toHaveLength(3);
    expect(meeting.input.minutes).toContain('排班');
  });

  it('S1 二.4 内部调解: HR appoints a mediator, who records the outcome (MED-1)', async () => {
    await act(u['hr-liu'], 'appoint-mediator', { mediator: 'zhou', parties: '王芳与陈某', note: '双方同意调解' });
    expect((await publicView()).status).toBe('mediating');
    expect(await outbox()).toContain('role:mediator/mediator-appointed');
    const early = await refused(u.zhou, 'decide', { findings: 'x', outcome: 'substantiated', decision: 'x' });
    expect(early.statusCode).toBe(409); // no decision while mediating
    clock.set('2026-12-02T02:00:00.000Z');
    await act(u.zhou, 'record-mediation', {
      result: 'partly-agreed',
      agreement: '陈某同意当面道歉；加班安排双方未达成一致',
      note: '调解一次，约一小时',
    });
    const d = await detail(u['hr-liu']);
    expect(d).toMatchObject({
      status: 'investigating',
      data: { mediator: u.zhou.id, mediationParties: '王芳与陈某', mediationResult: 'partly-agreed' },
    });
  });

  it('S1 二.5 上报和审核 / RTE-3: management is involved — senior management is told, and the manager named no longer sees the case', async () => {
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: u.zhao.token })).statusCode).toBe(200); // his workshop's case
    await act(u['hr-liu'], 'report-to-management', {
      report: '投诉涉及装配车间主任赵某处理不当及排班不公，按制度上报高级管理层审核。',
    });
    expect((await detail(u['hr-liu'])).data).toMatchObject({ involvesManagement: true });
    expect(await outbox()).toContain('role:senior-management/management-report');
    const twice = await refused(u['hr-liu'], 'report-to-management', { report: '再次上报' });
    expect(twice.statusCode).toBe(409);

    const link = await h.call('POST', `/api/v1/cases/${caseId}/respondents/1/link`, {
      token: u['hr-liu'].token,
      body: { user: 'zhao' },
    });
    expect(link.statusCode, link.body).toBe(200);
    version = (await detail(u['hr-liu'])).version;
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: u.zhao.token })).statusCode).toBe(404);
    const inbox = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: u.zhao.token })).json();
    expect(inbox.items).toEqual([]);
    expect((await refused(u.zhao, 'add-note', { note: '我要说明情况' })).statusCode).toBe(404);
    const recusal = (await detail(u['hr-liu'])).timeline.find((e: Event) => e.action === 'recusal');
    expect(JSON.stringify(recusal)).not.toContain(u.zhao.id);
    // Issue 17: someone recused can never be invited to the meeting — the picker leaves him out …
    const picker = await h.call(
      'GET',
      `/api/v1/cases/${caseId}/eligible-users?action=invite-to-meeting&field=invitee`,
      {
        token: u['hr-liu'].token,
      },
    );
    expect(picker.statusCode, picker.body).toBe(200);
    const names = picker.json().users.map((x: { username: string }) => x.username);
    expect(names).toContain('qa-ma'); // another department's manager, who holds no role here
    expect(names).not.toContain('zhao');
    // … and naming him anyway is refused.
    const invited = await refused(u['hr-liu'], 'invite-to-meeting', {
      invitee: 'zhao',
      meetingAt: '2026-12-03T14:00:00+08:00',
    });
    expect(invited.statusCode).toBe(400);
    expect(invited.json().error.details.issues).toEqual([
      { path: 'input.invitee', message: 'recused from this case (已回避)' },
    ]);
  });

  const firstDecision = {
    findings: '陈某辱骂属实，有两名同事证言；赵某三次接到反映未处理属实；排班不均属实。',
    outcome: 'substantiated',
    decision: '陈某书面道歉；赵某口头提醒。',
    measures: [{ type: 'apology', description: '陈某向王芳书面道歉', owner: 'hr-liu', dueDate: '2026-12-04' }],
  };

  it('RES-3 / S1 二.5: a decision on a case involving management waits for senior management, and a refusal sends it back', async () => {
    clock.set('2026-12-03T02:00:00.000Z');
    const pending = await act(u['hr-liu'], 'decide', firstDecision);
    expect(pending.status).toBe('investigating');
    let d = await detail(u['hr-liu']);
    expect(d).toMatchObject({
      status: 'investigating',
      outcome: null,
      data: { pendingApproval: { action: 'decide', roles: ['senior-management'] } },
    });
    expect(d.data.measures).toBeUndefined();
    expect(d.allowedActions.map((a: { id: string }) => a.id)).not.toContain('appoint-mediator');
    expect(await outbox()).toContain('role:senior-management/approval-requested');
    const moveOn = await refused(u['hr-liu'], 'appoint-mediator', { mediator: 'zhou', parties: '王芳与赵某' });
    expect(moveOn.statusCode).toBe(409);
    expect(moveOn.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { pending: 'decide' } });
    const self = await refused(u['hr-liu'], 'review-decision', { approve: true });
    expect(self.statusCode).toBe(403);
    expect((await detail(u.qian)).allowedActions.map((a: { id: string }) => a.id)).toContain('review-decision');

    await act(u.qian, 'review-decision', {
      approve: false,
      note: '对管理人员失职的处理过轻，排班问题未解决，请重新研究',
    });
    d = await detail(u['hr-liu']);
    expect(d.status).toBe('investigating');
    expect(d.data.pendingApproval).toBeUndefined();
    expect(d.data.approvals).toMatchObject([{ action: 'decide', approved: false, decidedBy: { id: u.qian.id } }]);
    expect(await outbox()).toContain('assignee/approval-refused');
  });

  it('S1 二.6 处理和解决 / S3 二.4: the revised decision, approved by senior management, takes effect with its measures (RES-2, RES-3, RES-4)', async () => {
    await act(u['hr-liu'], 'decide', {
      ...firstDecision,
      outcome: 'substantiated',
      decision: '陈某书面道歉并给予书面警告；赵某书面警告；加班改由制造中心统一轮排。',
      measures: [
        { type: 'apology', description: '陈某向王芳书面道歉', owner: 'hr-liu', dueDate: '2026-12-04' },
        { type: 'written-warning', description: '对赵某给予书面警告', owner: 'qian', dueDate: '2026-12-07' },
        { type: 'rule-change', description: '制造中心加班统一轮排办法', owner: 'sun', dueDate: '2026-12-11' },
      ],
    });
    expect((await detail(u['hr-liu'])).status).toBe('investigating');
    clock.set('2026-12-04T02:00:00.000Z');
    const approved = await act(u.qian, 'review-decision', { approve: true, note: '同意' });
    expect(approved.status).toBe('decided');
    const d = await detail(u['hr-liu']);
    expect(d).toMatchObject({ status: 'decided', outcome: 'substantiated', data: { involvesManagement: true } });
    expect(d.data.measures.map((m: { owner: string; done: boolean }) => [m.owner, m.done])).toEqual([
      [u['hr-liu'].id, false],
      [u.qian.id, false],
      [u.sun.id, false],
    ]);
    expect(d.data.approvals.map((a: { approved: boolean }) => a.approved)).toEqual([false, true]);
  });

  it('S1 二.6 通知员工: the employee is told the result and reasons in writing, within the 15 working days (REP-1)', async () => {
    await act(u['hr-liu'], 'notify-result', {
      result:
        '经调查，陈某辱骂及车间排班不公属实。陈某将书面道歉并受书面警告，赵某受书面警告，加班改由制造中心统一轮排。',
      method: 'letter',
    });
    const d = await detail(u['hr-liu']);
    expect(d.deadlines.find((x: { clock: string }) => x.clock === 'handling')).toMatchObject({
      status: 'met',
      dueAt: '2026-12-21T16:00:00.000Z',
    });
    expect(await outbox()).toContain('submitter/result');
    const view = await publicView();
    expect(view.status).toBe('replied');
    expect(
      view.timeline.find((e: Event & { details: Record<string, unknown> }) => e.action === 'notify-result').details
        .result,
    ).toContain('书面警告');
  });

  it('S7 三.6 跟进和督促: the case closes only once every measure is done (RES-2)', async () => {
    const early = await refused(u['hr-liu'], 'close', {});
    expect(early.statusCode).toBe(409);
    await act(u['hr-liu'], 'update-measure', { index: 0, done: true, result: '12月4日已书面道歉' });
    await act(u.qian, 'update-measure', { index: 1, done: true, result: '警告已送达' });
    // HR records the division's measure: whoever acts on the original is kept from its appeal (APL-4).
    await act(u['hr-liu'], 'update-measure', { index: 2, done: true, result: '制造中心轮排办法12月7日起执行' });
  });

  it('S1 二.7 反馈和评估: the employee rates the result with her receipt; HR closes (EVA-1)', async () => {
    const rate = await h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/rate`, {
      headers: { 'x-receipt': receipt },
      body: { input: { satisfaction: 2, comment: '赵某只是警告，我仍担心被穿小鞋' } },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    version = rate.json().version;
    expect(await outbox()).toContain('role:hr-officer/rated');
    clock.set('2026-12-08T02:00:00.000Z');
    await act(u['hr-liu'], 'close', { note: '措施全部落实' });
    expect(await detail(u['hr-liu'])).toMatchObject({
      status: 'closed',
      closedAt: '2026-12-08T02:30:00.000Z',
      data: { satisfaction: 2 },
    });
    const view = await publicView();
    expect(view).toMatchObject({ canAppeal: true, final: false });
    // Issue 17: the meeting invitation (running to 12-08 05:30) ends with the case.
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: u['qa-ma'].token })).statusCode).toBe(404);
    expect((await h.call('GET', '/api/v1/cases', { token: u['qa-ma'].token })).json().items).toEqual([]);
  });

  it('S3 三.1 申诉: not satisfied, she appeals to the next level — above the person who decided: senior management approved the decision at the company, so the appeal is at the company, not in 制造中心 below it; kept from everyone who handled the original (APL-1, APL-4, issue 17)', async () => {
    clock.set('2026-12-09T01:00:00.000Z'); // Wednesday 09:00
    const res = await h.call('POST', `/api/v1/public/cases/${trackingNo}/appeal`, {
      headers: { 'x-receipt': receipt },
      body: { reasons: '对赵某仅给予警告不服，请求调离其管理岗位。' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().trackingNo).toMatch(/^SS-20261209-/);
    // APL-2: 7 working days, Thu 10 – Fri 18 Dec.
    expect(res.json().deadlines).toEqual([
      { clock: 'appeal-review', dueAt: '2026-12-18T16:00:00.000Z', provisional: false },
    ]);
    const found = (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: u.wu.token })).json();
    appeal1 = { id: found.items[0].id, trackingNo: res.json().trackingNo, receipt: res.json().receipt };
    const d = await detail(u.wu, appeal1.id);
    expect(d).toMatchObject({
      kind: 'appeal',
      status: 'received',
      orgUnitId: units.company,
      data: { appealOf: trackingNo, appealLevel: 1, final: false },
    });
    expect(d.links).toMatchObject([{ kind: 'appeal', trackingNo, visible: true }]);
    // 制造中心 sits below the company-level decision: it does not hear the appeal.
    for (const who of ['hr-liu', 'zhou', 'qian', 'zhao', 'sun']) {
      expect((await h.call('GET', `/api/v1/cases/${appeal1.id}`, { token: u[who].token })).statusCode, who).toBe(404);
    }
    expect((await publicView()).timeline.at(-1)).toMatchObject({ action: 'appealed' });
  });

  it('S3 三.2–3 再次调查和决策: the next level re-investigates, decides and tells the employee (APL-2)', async () => {
    await act(u.wu, 'accept', { category: 'relationships' }, appeal1.id);
    await act(u.wu, 'start-investigation', { investigator: 'wu' }, appeal1.id);
    await act(
      u.wu,
      'record-investigation',
      { type: 'interview', party: '王芳、赵某', summary: '复查原调查材料并分别面谈' },
      appeal1.id,
    );
    await act(
      u.wu,
      'decide',
      { findings: '原处理认定事实清楚', outcome: 'partly-substantiated', decision: '维持原处理；赵某不再负责二班排班' },
      appeal1.id,
    );
    await act(
      u.wu,
      'notify-result',
      { result: '维持原处理决定，另决定赵某不再负责二班排班。', method: 'meeting' },
      appeal1.id,
    );
    const d = await detail(u.wu, appeal1.id);
    expect(d).toMatchObject({ status: 'replied', outcome: 'partly-substantiated' });
    expect(d.deadlines).toMatchObject([{ clock: 'appeal-review', status: 'met' }]);
    await act(u.wu, 'close', {}, appeal1.id);
    expect(await outbox(appeal1.id)).toContain('submitter/result');
  });

  it('S3 三.4 终审程序: a further written appeal goes to senior management, whose decision is final (APL-3)', async () => {
    clock.set('2026-12-15T01:00:00.000Z'); // Tuesday 09:00
    const res = await h.call('POST', `/api/v1/public/cases/${appeal1.trackingNo}/appeal`, {
      headers: { 'x-receipt': appeal1.receipt },
      body: { reasons: '书面上诉：复查未回应我调岗的请求。' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // 7 working days, Wed 16 – Thu 24 Dec.
    expect(res.json().deadlines).toEqual([
      { clock: 'appeal-review', dueAt: '2026-12-24T16:00:00.000Z', provisional: false },
    ]);
    const found = (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: u.chair.token })).json();
    appeal2 = { id: found.items[0].id, trackingNo: res.json().trackingNo, receipt: res.json().receipt };
    const d = await detail(u.chair, appeal2.id);
    expect(d).toMatchObject({ kind: 'appeal', data: { appealOf: appeal1.trackingNo, appealLevel: 2, final: true } });
    // The organisation level: the division and HR do not see it; nor do the deputy who approved the original
    // and the general manager who heard the first appeal (APL-4).
    for (const who of ['sun', 'hr-liu', 'qian', 'zhao', 'wu']) {
      expect((await h.call('GET', `/api/v1/cases/${appeal2.id}`, { token: u[who].token })).statusCode, who).toBe(404);
    }
    await act(u.chair, 'accept', { category: 'relationships' }, appeal2.id);
    await act(u.chair, 'start-investigation', { investigator: 'chair' }, appeal2.id);
    await act(
      u.chair,
      'decide',
      { findings: '复查结论成立', outcome: 'partly-substantiated', decision: '赵某调离装配车间主任岗位；维持其余处理' },
      appeal2.id,
    );
    await act(
      u.chair,
      'notify-result',
      { result: '终审决定：赵某调离装配车间主任岗位，其余维持。本决定为最终决定。', method: 'letter' },
      appeal2.id,
    );
    await act(u.chair, 'close', {}, appeal2.id);
    const view = await publicView(appeal2.trackingNo, appeal2.receipt);
    expect(view).toMatchObject({ status: 'closed', final: true, canAppeal: false });
  });

  it('APL-3 unhappy path: an appeal on the final appeal is refused', async () => {
    const res = await h.call('POST', `/api/v1/public/cases/${appeal2.trackingNo}/appeal`, {
      headers: { 'x-receipt': appeal2.receipt },
      body: { reasons: '仍然不服，再次申诉' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { final: true } });
    const links = await h.ctx.store.db.selectFrom('case_links').selectAll().where('kind', '=', 'appeal').execute();
    expect(links).toHaveLength(2);
  });

  it('S3 三.1 上一级管理人员 (issue 17): a decision by the workshop manager is appealed in 制造中心, one by the 制造中心 director at the company — above who decided, not above the case', async () => {
    clock.set('2026-12-16T01:00:00.000Z');
    for (const [decider, expected] of [
      ['zhao', units.division],
      ['sun', units.company],
    ] as const) {
      const res = await h.call('POST', '/api/v1/cases', {
        token: u['hr-liu'].token,
        body: oral({
          subject: `更衣柜分配不公（${decider}）`,
          description: '新员工没有分到更衣柜。',
          respondents: [{ name: '李某（后勤）', type: 'person' }],
          category: 'work-environment',
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json() as { id: string; trackingNo: string; receipt: string };
      await act(u[decider], 'accept', { category: 'work-environment' }, c.id);
      await act(u[decider], 'start-investigation', { investigator: decider }, c.id);
      await act(
        u[decider],
        'decide',
        { findings: '柜子不足', outcome: 'partly-substantiated', decision: '增购更衣柜' },
        c.id,
      );
      await act(u[decider], 'notify-result', { result: '将增购更衣柜。', method: 'letter' }, c.id);
      const appealed = await h.call('POST', `/api/v1/public/cases/${c.trackingNo}/appeal`, {
        headers: { 'x-receipt': c.receipt },
        body: { reasons: '增购时间太晚，请求先行调剂。' },
      });
      expect(appealed.statusCode, appealed.body).toBe(201);
      const row = await h.ctx.store.db
        .selectFrom('cases')
        .select('org_unit_id')
        .where('tracking_no', '=', appealed.json().trackingNo)
        .executeTakeFirstOrThrow();
      expect(row.org_unit_id, decider).toBe(expected);
      // The decision's event records the unit the decider acted through.
      const event = await h.ctx.store.db
        .selectFrom('case_events')
        .select('actor_unit_id')
        .where('case_id', '=', c.id)
        .where('action', '=', 'decide')
        .executeTakeFirstOrThrow();
      expect(event.actor_unit_id).toBe(decider === 'zhao' ? units.workshop : units.division);
    }
  });

  it("the original's timeline tells the story in order; the employee's view shows only what she may read", async () => {
    const d = await detail(u['hr-liu']);
    expect(d.timeline.map((e: Event) => e.action)).toEqual([
      'submit',
      'accept',
      'start-investigation',
      'record-investigation',
      'record-investigation',
      'invite-to-meeting',
      'convene-meeting',
      'appoint-mediator',
      'record-mediation',
      'report-to-management',
      'recusal',
      'decide',
      'review-decision',
      'decide',
      'review-decision',
      'notify-result',
      'update-measure',
      'update-measure',
      'update-measure',
      'rate',
      'close',
      'appealed',
    ]);
    expect(d.links).toMatchObject([{ kind: 'appeal', trackingNo: appeal1.trackingNo }]);
    const view = await publicView();
    expect(view.timeline.map((e: Event) => e.action)).toEqual([
      'submit',
      'accept',
      'start-investigation',
      'appoint-mediator',
      'notify-result',
      'rate',
      'close',
      'appealed',
    ]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('两名同事证言'); // INV-2: findings stay internal
    expect(text).not.toContain('上报高级管理层');
    expect(text).not.toContain('hr-liu');
  });

  describe('S7 二.2 外部投诉', () => {
    let external: { id: string; trackingNo: string; receipt: string };

    it('an e-mailed pay complaint the employee also took to the labour inspectorate is transferred, with the body and its reference (INT-1, S7 二.2)', async () => {
      clock.set('2026-12-14T01:00:00.000Z');
      const res = await h.call('POST', '/api/v1/cases', {
        token: u['hr-liu'].token,
        body: {
          ...oral(),
          channel: 'email',
          subject: '11月加班费未足额发放',
          description: '11月周末加班4天，工资条只按平时加班计算。我已同时向劳动监察大队投诉。',
          respondents: [{ name: '制造中心', type: 'department' }],
          requestedOutcome: '按双休日标准补发加班费',
          occurredAt: '2026-12-10T09:00:00+08:00',
          location: '工资条',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      external = res.json();
      await act(u['hr-liu'], 'accept', { category: 'pay-benefits' }, external.id);
      const missing = await refused(
        u['hr-liu'],
        'transfer-external',
        { body: 'labour-bureau', bodyName: 'X市劳动保障监察大队' },
        external.id,
      );
      expect(missing.statusCode).toBe(400);
      expect(JSON.stringify(missing.json().error.details)).toContain('reference');
      const out = await act(
        u['hr-liu'],
        'transfer-external',
        { body: 'labour-bureau', bodyName: 'X市劳动保障监察大队', reference: 'LJ-2026-1214-031' },
        external.id,
      );
      expect(out.status).toBe('transferred');
      const d = await detail(u['hr-liu'], external.id);
      expect(d.data).toMatchObject({
        externalBody: 'labour-bureau',
        externalBodyName: 'X市劳动保障监察大队',
        externalReference: 'LJ-2026-1214-031',
      });
      expect(d.deadlines.map((x: { status: string }) => x.status)).toEqual(['met', 'met']);
      const view = await publicView(external.trackingNo, external.receipt);
      expect(view.status).toBe('transferred');
      expect(view.timeline.at(-1).details).toMatchObject({
        bodyName: 'X市劳动保障监察大队',
        reference: 'LJ-2026-1214-031',
      });
      expect(await outbox(external.id)).toContain('submitter/transferred');
    });

    it('the work with the external body and its result are recorded, and the case closes', async () => {
      await act(u['hr-liu'], 'record-external-contact', { summary: '向监察大队提交11月考勤与工资表' }, external.id);
      await act(
        u['hr-liu'],
        'record-external-result',
        { outcome: 'substantiated', result: '监察大队责令按双休日标准补发加班费，已于12月18日补发。' },
        external.id,
      );
      const d = await detail(u['hr-liu'], external.id);
      expect(d).toMatchObject({
        status: 'closed',
        outcome: 'substantiated',
        data: { externalResult: expect.stringContaining('补发') },
      });
    });
  });

  describe('S1 二.1 匿名建议箱', () => {
    let box: { id: string; trackingNo: string; receipt: string };

    it('HR opens the box and enters an anonymous suggestion; no identity is kept, no notice goes to an unknown author, the result is on the public record (INT-2)', async () => {
      clock.set('2026-12-14T02:00:00.000Z');
      const res = await h.call('POST', '/api/v1/cases', {
        token: u['hr-liu'].token,
        body: {
          procedure: 'employee-complaint',
          kind: 'suggestion',
          channel: 'box',
          anonymous: true,
          orgUnit: units.workshop,
          subject: '车间夏季通风',
          description: '建议装配车间加装排风扇，夏季温度过高。',
          category: 'work-environment',
          affirmTruthful: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      box = res.json();
      expect(box.trackingNo).toMatch(/^JY-/);
      const d = await detail(u['hr-liu'], box.id);
      expect(d).toMatchObject({
        kind: 'suggestion',
        channel: 'box',
        anonymous: true,
        submitter: null,
        category: 'work-environment',
      });
      // An anonymous employee has no address: only HR hears of it; the result is read with the receipt.
      expect(await outbox(box.id)).toEqual(['role:hr-officer/new-case']);
      await act(u['hr-liu'], 'accept', { category: 'work-environment' }, box.id);
      await act(u['hr-liu'], 'start-investigation', { investigator: 'hr-liu' }, box.id);
      // Issue 17: a suggestion is not decided like a complaint (属实/不属实) …
      const asComplaint = await refused(
        u['hr-liu'],
        'decide',
        { findings: '车间夏季实测 35℃', outcome: 'substantiated', decision: '加装排风扇' },
        box.id,
      );
      expect(asComplaint.statusCode).toBe(409);
      expect(asComplaint.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { kind: 'suggestion' } });
      // … and not adopted before its feasibility is assessed.
      const unassessed = await refused(
        u['hr-liu'],
        'decide-suggestion',
        { outcome: 'adopted', reason: '可行', method: 'letter' },
        box.id,
      );
      expect(unassessed.statusCode).toBe(409);
      expect(unassessed.json().error.message).toMatch(/^请先进行可行性评估/);
    });

    it('S1 合理化建议 (issue 17): the suggestion is assessed for feasibility (可行性评估), then adopted with the reason told to the employee', async () => {
      await act(
        u['hr-liu'],
        'evaluate-suggestion',
        {
          feasibility: 'feasible',
          assessment: '车间夏季实测 35℃；加装 6 台排风扇，设备部确认电路可承载。',
          estimatedCost: '约 1.2 万元',
          expectedBenefit: '夏季车间温度降低约 4℃，减少中暑风险',
        },
        box.id,
      );
      expect((await detail(u['hr-liu'], box.id)).data).toMatchObject({
        feasibility: 'feasible',
        estimatedCost: '约 1.2 万元',
      });
      await act(
        u['hr-liu'],
        'decide-suggestion',
        {
          outcome: 'adopted',
          reason: '经评估可行、投入小、能明显改善夏季作业环境，予以采纳。',
          plan: '设备部明年5月前加装排风扇',
          method: 'letter',
        },
        box.id,
      );
      const view = await publicView(box.trackingNo, box.receipt);
      expect(view).toMatchObject({ status: 'replied', outcome: { 'zh-CN': '建议已采纳' } });
      const told = view.timeline.find((e: Event) => e.action === 'decide-suggestion');
      expect(told.details).toMatchObject({ outcome: 'adopted', reason: expect.stringContaining('予以采纳') });
      expect(JSON.stringify(view)).not.toContain('1.2 万元'); // the assessment stays internal
      const d = await detail(u['hr-liu'], box.id);
      expect(d.deadlines.find((x: { clock: string }) => x.clock === 'handling')).toMatchObject({ status: 'met' });
      // An anonymous author has no address: the notice is read with the receipt.
      expect((await outbox(box.id)).filter((o) => o.startsWith('submitter/'))).toEqual([]);
    });

    it('S1 合理化建议 (issue 17): the suggestion is rewarded, once, and the employee reads it', async () => {
      await act(u['hr-liu'], 'record-reward', { type: 'bonus', amount: 500, note: '合理化建议奖' }, box.id);
      const twice = await refused(u['hr-liu'], 'record-reward', { type: 'commendation' }, box.id);
      expect(twice.statusCode).toBe(409);
      expect((await detail(u['hr-liu'], box.id)).data).toMatchObject({ reward: 'bonus', rewardAmount: 500 });
      const view = await publicView(box.trackingNo, box.receipt);
      expect(view.timeline.at(-1)).toMatchObject({
        action: 'record-reward',
        details: { type: 'bonus', note: '合理化建议奖' },
      });
    });

    it('S1 合理化建议 (issue 17): the adopted suggestion is carried out as an improvement action linked to it', async () => {
      const body = {
        kind: 'suggestion',
        title: '装配车间加装排风扇',
        causeCategory: 'work-environment',
        owner: u.sun.id,
        orgUnit: units.workshop,
        dueDate: '2027-05-31',
        cases: [box.id],
      };
      const created = await h.call('POST', '/api/v1/improvements', { token: u['hr-liu'].token, body });
      expect(created.statusCode, created.body).toBe(201);
      const listed = (await h.call('GET', `/api/v1/improvements?case=${box.id}`, { token: u['hr-liu'].token })).json();
      expect(listed.items).toMatchObject([{ kind: 'suggestion', title: '装配车间加装排风扇', status: 'open' }]);
      // Only an adopted suggestion can be "implemented": a complaint is refused.
      const wrong = await h.call('POST', '/api/v1/improvements', {
        token: u['hr-liu'].token,
        body: { ...body, cases: [caseId] },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details.issues[0].path).toBe('cases');
    });

    it('S1 合理化建议 (issue 17): statistics give managers the adoption rate; HR, who holds no manager role, gets 403', async () => {
      // A second suggestion, not adopted, from a named employee on the web.
      const res = await h.call('POST', '/api/v1/public/cases', {
        body: {
          procedure: 'employee-complaint',
          kind: 'suggestion',
          anonymous: false,
          submitter: { name: '李强', email: 'liqiang@example.com' },
          orgUnit: units.workshop,
          subject: '取消周六例会',
          description: '建议把周六例会改为周五下午。',
          affirmTruthful: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: u['hr-liu'].token })).json()
        .items[0].id;
      await act(u['hr-liu'], 'accept', { category: 'other' }, id);
      await act(u['hr-liu'], 'start-investigation', { investigator: 'hr-liu' }, id);
      await act(
        u['hr-liu'],
        'evaluate-suggestion',
        { feasibility: 'not-feasible', assessment: '周五下午为出货高峰' },
        id,
      );
      await act(
        u['hr-liu'],
        'decide-suggestion',
        { outcome: 'not-adopted', reason: '周五下午为出货高峰，无法召开例会。', method: 'email' },
        id,
      );
      expect(await outbox(id)).toContain('submitter/result'); // the named employee is told, with the reason
      const period = '/api/v1/stats?from=2026-12-01&to=2026-12-31&procedure=employee-complaint';
      const stats = await h.call('GET', period, { token: u.wu.token });
      expect(stats.statusCode, stats.body).toBe(200);
      expect(stats.json().suggestions).toEqual({
        received: 2,
        decided: 2,
        adopted: 1,
        notAdopted: 1,
        adoptionRate: 0.5,
      });
      expect((await h.call('GET', period, { token: u['hr-liu'].token })).statusCode).toBe(403);
    });

    it('an employee may instead complain anonymously on the web and follow it with the receipt alone (INT-2)', async () => {
      const res = await h.call('POST', '/api/v1/public/cases', {
        body: {
          procedure: 'employee-complaint',
          kind: 'complaint',
          anonymous: true,
          orgUnit: units.workshop,
          subject: '夜班没有安排休息时间',
          description: '装配车间夜班连续工作8小时，中间没有安排休息和用餐时间。',
          respondents: [{ name: '装配车间', type: 'department' }],
          occurredAt: '2026-12-10T23:00:00+08:00',
          location: '装配车间',
          affirmTruthful: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const web = res.json();
      expect(web.id).toBeUndefined(); // the public answer names no internal id
      web.id = (
        await h.call('GET', `/api/v1/cases?q=${web.trackingNo}`, { token: u['hr-liu'].token })
      ).json().items[0].id;
      const d = await detail(u['hr-liu'], web.id);
      expect(d).toMatchObject({ channel: 'web', anonymous: true, submitter: null });
      expect(await outbox(web.id)).toEqual(['role:hr-officer/new-case']);
      const message = await h.call('POST', `/api/v1/public/cases/${web.trackingNo}/messages`, {
        headers: { 'x-receipt': web.receipt },
        body: { text: '补充：12月每个夜班都如此' },
      });
      expect(message.statusCode, message.body).toBe(201);
      const wrong = await h.call('GET', `/api/v1/public/cases/${web.trackingNo}`, {
        headers: { 'x-receipt': `${web.receipt.slice(0, -1)}${web.receipt.endsWith('A') ? 'B' : 'A'}` },
      });
      expect(wrong.statusCode).toBe(404);
    });
  });

  it('S7 三.7, CON-3: the employee reports retaliation from the receipt, giving when and where as the procedure asks (issue 17)', async () => {
    const path = `/api/v1/public/cases/${trackingNo}/retaliation`;
    const headers = { 'x-receipt': receipt };
    // The tracking page says what a retaliation report must give besides its description.
    expect((await publicView()).retaliationAsks).toEqual(['occurredAt', 'location']);
    const missing = await h.call('POST', path, {
      headers,
      body: { description: '投诉后被调到夜班，并被扣发绩效奖金。' },
    });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['location', 'occurredAt']);
    const flagged = await h.call('POST', path, {
      headers,
      body: {
        description: '投诉后被调到夜班，并被扣发绩效奖金。',
        occurredAt: '2026-12-02T08:00:00+08:00',
        location: '装配车间排班表',
      },
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    // As the store opens it: the respondents are sealed under the case key (issue 24).
    const opened = (await findCaseByTrackingNo(h.ctx.store.db, flagged.json().trackingNo))!;
    // Without respondents named, the retaliation case names the original's; recusals are copied.
    expect(JSON.parse(opened.respondents).map((r: { name: string }) => r.name)).toEqual([
      '陈某（装配二班班组长）',
      '赵某（装配车间主任）',
    ]);
    expect((await h.call('GET', `/api/v1/cases/${opened.id}`, { token: u.zhao.token })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/v1/cases/${opened.id}`, { token: u['hr-liu'].token })).statusCode).toBe(200);
  });

  it('the audit chain holds one record per step of the original and verifies end to end (AUD-1)', async () => {
    const records = await h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(records.map((r) => r.action)).toContain('case.review-decision');
    expect(records.filter((r) => r.action === 'case.decide')).toHaveLength(2);
    expect(records.find((r) => r.action === 'case.rate')!.actor).toBe('submitter');
    expect(JSON.stringify(records)).not.toContain('13911112222'); // CON-4: no contact details in the chain
    expect(JSON.stringify(records)).not.toContain('wangfang@example.com');
    const verdict = await verifyAudit(h.ctx);
    expect(verdict).toMatchObject({ ok: true });
  });
});
