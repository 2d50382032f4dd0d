import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addOrgUnit, grantRole } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/mechanisms/', import.meta.url));

/**
 * The generic mechanisms issue 5's procedures need, on a small fixture procedure (mech-demo and
 * its lead procedure mech-lead), through the HTTP API: no procedure names in the engine.
 */
describe.each(BACKENDS)('procedure mechanisms on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  const units: Record<string, string> = {};
  let handler: { id: string; token: string };
  let handler2: { id: string; token: string };
  let senior: { id: string; token: string };

  beforeAll(async () => {
    h = await startHarness(backend, clock, { procedureDirs: [FIXTURES] });
    units.city = (await addOrgUnit(h.ctx, { name: '市局' }, 'system:test')).id;
    units.county = (await addOrgUnit(h.ctx, { name: '甲县局', parent: units.city }, 'system:test')).id;
    units.office = (await addOrgUnit(h.ctx, { name: '城关所', parent: units.county }, 'system:test')).id;
    units.other = (await addOrgUnit(h.ctx, { name: '乙县局', parent: units.city }, 'system:test')).id;
    handler = await h.staff('handler', []);
    await grantRole(h.ctx, handler.id, 'handler', units.city, 'system:test');
    handler2 = await h.staff('handler2', []);
    await grantRole(h.ctx, handler2.id, 'handler', units.city, 'system:test');
    senior = await h.staff('senior', ['senior', 'handler']);
  });
  afterAll(async () => h?.close());

  const submission = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'mech-demo',
    kind: 'complaint',
    subject: '电梯停运',
    description: '3号楼电梯停运两天，无人处理',
    anonymous: true,
    orgUnit: units.county,
    ...overrides,
  });
  async function submit(overrides: Record<string, unknown> = {}) {
    const res = await h.call('POST', '/api/v1/public/cases', { body: submission(overrides) });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const found = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: senior.token })).json().items[0];
    return { id: found.id as string, trackingNo: trackingNo as string, receipt: receipt as string };
  }
  const detail = async (id: string, token = senior.token) =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
  async function act(id: string, action: string, token: string, input: Record<string, unknown> = {}) {
    const { version } = await detail(id);
    return h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
  }
  const ok = async (id: string, action: string, token: string, input: Record<string, unknown> = {}) => {
    const res = await act(id, action, token, input);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('stamps the regime by receipt date and starts only the clocks of the case kind (MS-1, SLA-4)', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: handler.token,
      body: { ...submission(), channel: 'phone', receivedAt: '2026-04-14T10:00:00+08:00' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const old = await detail(res.json().id);
    expect(old.data.regime).toBe('order-20');
    const fresh = await detail((await submit()).id);
    expect(fresh.data.regime).toBe('order-121');
    expect(fresh.deadlines.map((d: { clock: string }) => d.clock)).toEqual(['answer']);
  });

  it('asks a report for its respondents and leads, and refuses a field meant for another kind (INT-5)', async () => {
    const report = await h.call('POST', '/api/v1/public/cases', { body: submission({ kind: 'report' }) });
    expect(report.statusCode).toBe(400);
    const paths = report.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['respondents', 'fields.leads']));
    const misplaced = await h.call('POST', '/api/v1/public/cases', {
      body: submission({ fields: { leads: '账本在仓库' } }),
    });
    expect(misplaced.statusCode).toBe(400);
    const good = await h.call('POST', '/api/v1/public/cases', {
      body: submission({
        kind: 'report',
        respondents: [{ name: '某超市', type: 'business' }],
        fields: { leads: '账本在仓库' },
      }),
    });
    expect(good.statusCode, good.body).toBe(201);
  });

  it('holds an action that needs approval until an approver decides; a refusal leaves the case where it was (RES-3)', async () => {
    const { id } = await submit();
    await ok(id, 'accept', handler.token);
    await ok(id, 'flag-management', handler.token);
    const requested = await ok(id, 'decide', handler.token, { decision: '给予书面警告' });
    expect(requested.status).toBe('accepted');
    let c = await detail(id, handler.token);
    expect(c.data.pendingApproval).toMatchObject({
      action: 'decide',
      roles: ['senior'],
      input: { decision: '给予书面警告' },
    });
    expect(c.allowedActions.map((a: { id: string }) => a.id)).not.toContain('decide');
    expect(c.allowedActions.map((a: { id: string }) => a.id)).not.toContain('approve');
    expect((await act(id, 'approve', handler.token, { approve: true })).statusCode).toBe(403);
    const blocked = await act(id, 'convert', handler.token);
    expect(blocked.statusCode).toBe(200); // a step that does not move the case is still possible
    const outbox = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', id)
      .execute();
    expect(outbox).toContainEqual({ recipient: 'role:senior', template: 'approval-requested' });

    const refused = await ok(id, 'approve', senior.token, { approve: false, note: '事实不清，补充调查' });
    expect(refused.status).toBe('accepted');
    c = await detail(id);
    expect(c.data.pendingApproval).toBeUndefined();
    expect(c.data.approvals).toMatchObject([{ action: 'decide', approved: false, note: '事实不清，补充调查' }]);
    expect(c.data.decision).toBeUndefined();

    await ok(id, 'decide', handler.token, { decision: '给予口头警告' });
    const approved = await ok(id, 'approve', senior.token, { approve: true, note: '同意' });
    expect(approved.status).toBe('decided');
    c = await detail(id);
    expect(c.data.decision).toBe('给予口头警告');
    expect(c.data.approvals).toHaveLength(2);
    // The approved action's clocks start when it takes effect: a same-day clock ends at 24:00 (REP-2).
    expect(c.deadlines.find((d: { clock: string }) => d.clock === 'form-back')).toMatchObject({
      dueAt: '2026-11-30T16:00:00.000Z',
      status: 'running',
    });
    const last = c.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'approve',
      toStatus: 'decided',
      input: { approve: true, approvalOf: 'decide', decision: '给予口头警告' },
    });
  });

  it('takes effect at once when no approval is needed or the approver acts (RES-3)', async () => {
    const { id } = await submit();
    await ok(id, 'accept', handler.token);
    expect((await ok(id, 'decide', handler.token, { decision: '整改' })).status).toBe('decided');
    const other = await submit();
    await ok(other.id, 'accept', handler.token);
    await ok(other.id, 'flag-management', handler.token);
    expect((await ok(other.id, 'decide', senior.token, { decision: '调岗' })).status).toBe('decided');
  });

  it('dispatches a case to a unit below, never sideways (RTE-1)', async () => {
    const { id } = await submit();
    await ok(id, 'accept', handler.token);
    const sideways = await act(id, 'dispatch', handler.token, { unit: units.other });
    expect(sideways.statusCode).toBe(400);
    expect((await act(id, 'dispatch', handler.token, { unit: '01AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(400);
    await ok(id, 'dispatch', handler.token, { unit: units.office });
    const row = await h.ctx.store.db
      .selectFrom('cases')
      .select(['org_unit_id', 'assignee_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_unit_id: units.office, assignee_id: null });
  });

  it('opens a linked enforcement lead with its own clock that a withdrawal does not stop (ENF-1, WDR-1)', async () => {
    const { id, trackingNo, receipt } = await submit({
      anonymous: false,
      submitter: { name: '李四', phone: '13900001111' },
    });
    await ok(id, 'accept', handler.token);
    const converted = await ok(id, 'convert', handler.token);
    expect(converted.opened.trackingNo).toMatch(/^JB-/);
    const lead = await detail(converted.opened.id);
    expect(lead).toMatchObject({ kind: 'report', status: 'checking', procedure: { id: 'mech-lead' } });
    expect(lead.deadlines).toMatchObject([{ clock: 'check', rule: 'MS-9', status: 'running' }]);
    expect(lead.links).toMatchObject([{ kind: 'enforcement-lead', direction: 'from', trackingNo, visible: true }]);
    expect((await detail(id)).links).toMatchObject([
      { kind: 'enforcement-lead', direction: 'to', trackingNo: converted.opened.trackingNo },
    ]);

    const withdrawn = await h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/withdraw`, {
      headers: { 'x-receipt': receipt },
      body: { input: {} },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const after = await detail(converted.opened.id);
    expect(after.status).toBe('checking');
    expect(after.deadlines[0]).toMatchObject({ clock: 'check', status: 'running' });
  });

  it('keeps a procedure that is not public off the portal', async () => {
    const listed = (await h.call('GET', '/api/v1/public/procedures')).json().items.map((p: { id: string }) => p.id);
    expect(listed).toContain('mech-demo');
    expect(listed).not.toContain('mech-lead');
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: { ...submission(), procedure: 'mech-lead', kind: 'report' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('UNKNOWN_PROCEDURE');
  });

  it('links a repeat by the same submitter or respondent and raises its severity while the earlier is open (INT-6, CLS-3)', async () => {
    const named = {
      anonymous: false,
      submitter: { name: '王五', phone: '138 0000 2222' },
      respondents: [{ name: '幸福物业', type: 'business' }],
    };
    const first = await submit(named);
    const second = await submit({ ...named, submitter: { name: '王五', phone: '+86 13800002222' } });
    const c = await detail(second.id);
    expect(c.severity).toBe('major');
    expect(c.data.repeatOf).toEqual([first.trackingNo]);
    expect(c.links).toMatchObject([{ kind: 'repeat', direction: 'from', trackingNo: first.trackingNo }]);
    expect(c.timeline[0].input).toMatchObject({ repeatOf: [first.trackingNo], severityRaisedTo: 'major' });
    // The timeline names the raised severity by its label, not its id (session 21's user check).
    expect(c.timeline[0].valueLabels.severityRaisedTo).toEqual({ 'zh-CN': '重大' });
    // Another submitter about the same respondent is a repeat too.
    const third = await submit({ anonymous: true, respondents: [{ name: '幸福物业', type: 'business' }] });
    expect((await detail(third.id)).data.repeatOf).toEqual(
      expect.arrayContaining([first.trackingNo, second.trackingNo]),
    );
    const unrelated = await submit({ anonymous: true, respondents: [{ name: '幸福物业管理处', type: 'business' }] });
    expect((await detail(unrelated.id)).severity).toBeNull();
  });

  it('records a duplicate link with its reason (MS-12)', async () => {
    const a = await submit();
    const b = await submit();
    const bad = await h.call('POST', `/api/v1/cases/${b.id}/links`, {
      token: handler.token,
      body: { trackingNo: 'TS-20990101-XXXXXX', kind: 'duplicate', note: '同一事项' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await h.call('POST', `/api/v1/cases/${b.id}/links`, {
      token: handler.token,
      body: { trackingNo: a.trackingNo, kind: 'duplicate', note: '同一事项重复举报' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await detail(b.id)).links).toMatchObject([
      { kind: 'duplicate', trackingNo: a.trackingNo, note: '同一事项重复举报' },
    ]);
  });

  it('sends an appeal to the next level, then to the top where it is final, and refuses a third (APL-1…APL-4)', async () => {
    const { id, trackingNo, receipt } = await submit({ orgUnit: units.office });
    await ok(id, 'accept', handler.token);
    await ok(id, 'decide', handler.token, { decision: '不予支持' });
    await ok(id, 'close', handler.token);

    const first = await h.call('POST', `/api/v1/public/cases/${trackingNo}/appeal`, {
      headers: { 'x-receipt': receipt },
      body: { reasons: '处理不公，要求上一级复查' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const appeal1 = (await h.call('GET', `/api/v1/cases?q=${first.json().trackingNo}`, { token: senior.token })).json()
      .items[0];
    const again = await h.call('POST', `/api/v1/public/cases/${trackingNo}/appeal`, {
      headers: { 'x-receipt': receipt },
      body: { reasons: '再次对原处理结果申诉' },
    });
    expect(again.statusCode).toBe(409); // one appeal per decision: the next step is on the appeal
    let c = await detail(appeal1.id);
    expect(c).toMatchObject({ kind: 'appeal', data: { appealOf: trackingNo, appealLevel: 1, final: false } });
    expect(c.deadlines.map((d: { clock: string }) => d.clock)).toEqual(['appeal-answer']);
    expect(c.links).toMatchObject([{ kind: 'appeal', direction: 'from', trackingNo }]);
    const row1 = await h.ctx.store.db
      .selectFrom('cases')
      .select('org_unit_id')
      .where('id', '=', appeal1.id)
      .executeTakeFirstOrThrow();
    expect(row1.org_unit_id).toBe(units.county); // the unit above the office
    expect((await h.call('GET', `/api/v1/cases/${appeal1.id}`, { token: handler.token })).statusCode).toBe(404); // decided the original

    await ok(appeal1.id, 'accept', handler2.token);
    await ok(appeal1.id, 'decide', handler2.token, { decision: '维持原决定' });
    await ok(appeal1.id, 'close', handler2.token);
    const second = await h.call('POST', `/api/v1/public/cases/${first.json().trackingNo}/appeal`, {
      headers: { 'x-receipt': first.json().receipt },
      body: { reasons: '仍不服，向高级管理层书面上诉' },
    });
    expect(second.statusCode, second.body).toBe(201);
    const appeal2 = (await h.call('GET', `/api/v1/cases?q=${second.json().trackingNo}`, { token: senior.token })).json()
      .items[0];
    c = await detail(appeal2.id);
    expect(c.data).toMatchObject({ appealLevel: 2, final: true, appealOf: first.json().trackingNo });
    const row2 = await h.ctx.store.db
      .selectFrom('cases')
      .select('org_unit_id')
      .where('id', '=', appeal2.id)
      .executeTakeFirstOrThrow();
    expect(row2.org_unit_id).toBe(units.city); // the organisation level: the root unit, where senior management sees it (issue 16)
    const shown = (
      await h.call('GET', `/api/v1/public/cases/${second.json().trackingNo}`, {
        headers: { 'x-receipt': second.json().receipt },
      })
    ).json();
    expect(shown.final).toBe(true);

    await ok(appeal2.id, 'accept', senior.token);
    await ok(appeal2.id, 'decide', senior.token, { decision: '终审维持' });
    await ok(appeal2.id, 'close', senior.token);
    const third = await h.call('POST', `/api/v1/public/cases/${second.json().trackingNo}/appeal`, {
      headers: { 'x-receipt': second.json().receipt },
      body: { reasons: '对终审决定仍然不服' },
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.details.final).toBe(true);
  });

  it('offers and takes an action with `kinds` only on cases of those kinds (issue 17)', async () => {
    const complaint = await submit();
    expect((await detail(complaint.id)).allowedActions.map((a: { id: string }) => a.id)).not.toContain('check-leads');
    const refused = await act(complaint.id, 'check-leads', handler.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { kind: 'complaint' } });
    const report = await submit({
      kind: 'report',
      respondents: [{ name: '某批发部', type: 'business' }],
      fields: { leads: '发票存根' },
    });
    expect((await detail(report.id)).allowedActions.map((a: { id: string }) => a.id)).toContain('check-leads');
    await ok(report.id, 'check-leads', handler.token);
  });

  it('lets an invitee read one case, act on nothing, until the invitation runs out or the case closes (issue 17)', async () => {
    const guest = await h.staff('guest', []);
    await grantRole(h.ctx, guest.id, 'handler', units.other, 'system:test'); // 乙县局: no reach into 甲县局
    const first = await submit();
    const second = await submit();
    expect((await h.call('GET', `/api/v1/cases/${first.id}`, { token: guest.token })).statusCode).toBe(404);
    const unknown = await act(first.id, 'invite', handler.token, { guest: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    await ok(first.id, 'invite', handler.token, { guest: 'guest' });
    await ok(second.id, 'accept', handler.token);
    await ok(second.id, 'decide', handler.token, { decision: '已处理' });
    await ok(second.id, 'invite', handler.token, { guest: 'guest' });
    expect((await detail(first.id, guest.token)).allowedActions).toEqual([]);
    expect((await act(first.id, 'note', guest.token, { note: '我来看看' })).statusCode).toBe(403);
    // The other invitation ends when its case closes, before its two days are up.
    await ok(second.id, 'close', handler.token);
    expect((await h.call('GET', `/api/v1/cases/${second.id}`, { token: guest.token })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/v1/cases/${first.id}`, { token: guest.token })).statusCode).toBe(200);
    clock.advance(2 * 86_400_000 + 1);
    expect((await h.call('GET', `/api/v1/cases/${first.id}`, { token: guest.token })).statusCode).toBe(404);
  });

  it('keeps the audit chain intact across all of it (AUD-1)', async () => {
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
  });
});
