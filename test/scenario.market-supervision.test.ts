import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

/**
 * Complaints to a market regulator walked through S8 X市市场监管投诉举报处理工作流程 一(一)…(八), in
 * order, through the HTTP API, with the national limits of RULES.md MS-1…MS-15: the consumer picks a
 * county bureau → initial review, dispatch to a 市场监督管理所 or kept → proof of identity → acceptance
 * within 7 working days → consented mediation with its 60 days, testing excluded → 诉转案 with the
 * lead's own 15 (+15 approved) working days and its 立案 decision → city and county supervision of
 * overdue cases → withdrawal ending mediation while the lead goes on → agreement as a 调解书; and the
 * unhappy paths: a duplicate not accepted with its ground, a dispatch outside the bureau refused,
 * mediation ended on a listed ground, a matter forwarded to another agency.
 *
 * Dates (Asia/Shanghai) in November–December 2026 have no statutory holidays; 2027 is not in the
 * calendar yet, so a deadline that reaches into it is marked provisional (RULES.md, Counting days).
 */
describe.each(BACKENDS)('market-regulator complaints (S8) on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-02T01:00:00.000Z'); // Monday 2026-11-02 09:00 in Shanghai
  const units: Record<string, string> = {};
  type Staff = { id: string; token: string; username: string };
  let registrar: Staff; // 甲县局: initial review, dispatch, keeps cases
  let office: Staff; // 城关所: the handling office
  let head: Staff; // 甲县局负责人: approves more time for a lead
  let citySupervisor: Staff;
  let countySupervisor: Staff;
  let otherCounty: Staff;
  let auditor: Staff;
  type Filed = { id: string; trackingNo: string; receipt?: string };
  const cases: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'leadA' | 'leadB', Filed> = {} as never;

  /** Shanghai wall-clock time, e.g. at('2026-11-02 10:00'). */
  const at = (local: string) => clock.set(`${local.replace(' ', 'T')}:00+08:00`);

  async function staffIn(username: string, grants: [string, string][]): Promise<Staff> {
    const user = await addUser(
      h.ctx,
      {
        username,
        displayName: username,
        password: 'correct horse battery',
        isAdmin: false,
        roles: grants.map(([role, unitId]) => ({ role, unitId })),
      },
      'system:test',
    );
    const { token } = await createToken(h.ctx, username, 'test', 'system:test');
    return { id: user.id, token, username };
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: 'X市市场监督管理局' }, 'system:test');
    const countyA = await addOrgUnit(h.ctx, { name: '甲县市场监督管理局', parent: city.id }, 'system:test');
    const countyB = await addOrgUnit(h.ctx, { name: '乙县市场监督管理局', parent: city.id }, 'system:test');
    const officeA1 = await addOrgUnit(h.ctx, { name: '城关市场监督管理所', parent: countyA.id }, 'system:test');
    const officeB1 = await addOrgUnit(h.ctx, { name: '乙县城南市场监督管理所', parent: countyB.id }, 'system:test');
    Object.assign(units, {
      city: city.id,
      countyA: countyA.id,
      countyB: countyB.id,
      officeA1: officeA1.id,
      officeB1: officeB1.id,
    });
    registrar = await staffIn('county-a-li', [
      ['bureau-registrar', countyA.id],
      ['case-handler', countyA.id],
    ]);
    office = await staffIn('office-wang', [['case-handler', officeA1.id]]);
    head = await staffIn('county-a-head', [['bureau-head', countyA.id]]);
    citySupervisor = await staffIn('city-supervisor', [['bureau-supervisor', city.id]]);
    countySupervisor = await staffIn('county-a-supervisor', [['bureau-supervisor', countyA.id]]);
    otherCounty = await staffIn('county-b-zhao', [
      ['bureau-registrar', countyB.id],
      ['case-handler', countyB.id],
    ]);
    auditor = await staffIn('auditor-sun', [['auditor', city.id]]); // issue 16: the audit role works at the root only
  });
  afterAll(async () => h?.close());

  async function detail(c: Filed, token = registrar.token) {
    const res = await h.call('GET', `/api/v1/cases/${c.id}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Takes an action at a Shanghai time, at the version the actor reads just before. */
  async function act(token: string, c: Filed, action: string, input: Record<string, unknown>, when: string) {
    at(when);
    const { version } = await detail(c, token);
    const res = await h.call('POST', `/api/v1/cases/${c.id}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  }

  /** An action that must be refused: the error code, and nothing written. */
  async function refused(
    token: string,
    c: Filed,
    action: string,
    input: Record<string, unknown>,
    status: number,
    code: string,
  ) {
    const before = await detail(c, registrar.token);
    const res = await h.call('POST', `/api/v1/cases/${c.id}/actions/${action}`, {
      token,
      body: { input, expectedVersion: before.version },
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    const after = await detail(c, registrar.token);
    expect(after.version).toBe(before.version);
    return res.json().error;
  }

  async function publicView(c: Filed) {
    const res = await h.call('GET', `/api/v1/public/cases/${c.trackingNo}`, { headers: { 'x-receipt': c.receipt! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function notices(c: Filed): Promise<string[]> {
    const rows = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', c.id)
      .execute();
    return rows.map((o) => `${o.recipient}/${o.template}`).sort();
  }

  async function unitOf(c: Filed): Promise<string | null> {
    const row = await h.ctx.store.db
      .selectFrom('cases')
      .select('org_unit_id')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    return row.org_unit_id;
  }

  const clockOf = (d: { deadlines: { clock: string }[] }, id: string) =>
    d.deadlines.find((x) => x.clock === id) as Record<string, unknown>;
  const inbox = async (token: string) =>
    ((await h.call('GET', '/api/v1/cases', { token })).json().items as { id: string }[]).map((i) => i.id);

  function complaint(overrides: Record<string, unknown> = {}) {
    return {
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
      orgUnit: units.countyA,
      ...overrides,
    };
  }

  async function submit(body: Record<string, unknown>): Promise<Filed> {
    const res = await h.call('POST', '/api/v1/public/cases', { body });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const row = await h.ctx.store.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirstOrThrow();
    return { id: row.id, trackingNo, receipt };
  }

  it('S8 一(二), MS-1, MS-2, MS-15: the consumer picks a county bureau; the regime is stamped, 7 working days start, disclosure consent is asked', async () => {
    at('2026-11-02 09:00');
    const listed = (await h.call('GET', '/api/v1/public/org-units')).json().items as {
      id: string;
      name: string;
      parentId: string | null;
    }[];
    const chosen = listed.find((u) => u.name === '甲县市场监督管理局')!;
    expect(chosen).toMatchObject({ id: units.countyA, parentId: units.city });
    // MS-15: the consent question must be answered (yes or no) before a complaint is taken.
    const { disclosureConsent: _asked, ...withoutConsent } = complaint().fields;
    const unanswered = await h.call('POST', '/api/v1/public/cases', { body: complaint({ fields: withoutConsent }) });
    expect(unanswered.statusCode).toBe(400);
    expect(JSON.stringify(unanswered.json().error.details)).toContain('fields.disclosureConsent');

    cases.A = await submit(complaint({ orgUnit: chosen.id }));
    at('2026-11-02 09:10');
    cases.B = await submit(
      complaint({
        subject: '电器店拒不履行三包',
        description: '购买的洗衣机一周内出现故障，商家拒绝更换。',
        submitter: { name: '李四', phone: '13900001111' },
        respondents: [{ name: '甲县惠民电器店', type: 'business' }],
        requestedOutcome: '更换洗衣机',
        fields: { disclosureConsent: false },
      }),
    );
    at('2026-11-02 09:20');
    cases.C = await submit(complaint({ description: '再次反映：好又多超市电热水壶漏电，要求退货。' })); // the same matter again

    const a = await detail(cases.A);
    expect(a).toMatchObject({
      status: 'received',
      channel: 'web',
      kind: 'complaint',
      data: { regime: 'order-121', fields: { disclosureConsent: true } },
    });
    // MS-2: day 1 is Tue 11-03; 3,4,5,6,9,10,11 → due Wednesday 2026-11-11 24:00 Shanghai.
    expect(clockOf(a, 'acceptance')).toMatchObject({
      rule: 'MS-2',
      status: 'running',
      dueAt: '2026-11-11T16:00:00.000Z',
      provisional: false,
    });
    expect((await detail(cases.B)).data.fields).toEqual({ disclosureConsent: false });
    expect(await unitOf(cases.A)).toBe(units.countyA);
    expect(await notices(cases.A)).toEqual(['role:bureau-registrar/new-case', 'submitter/received']);
    const view = await publicView(cases.A);
    expect(view.deadlines).toMatchObject([
      { clock: 'acceptance', status: 'running', dueAt: '2026-11-11T16:00:00.000Z' },
    ]);
    // Only the chosen bureau (and the city above it) sees the complaint.
    expect(await inbox(otherCounty.token)).toEqual([]);
  });

  it('S8 一(三), RTE-1: after the initial review a case goes to an office by territory or business line, or is kept; never outside the bureau', async () => {
    at('2026-11-02 10:00');
    for (const outside of [units.officeB1, units.countyB, units.city]) {
      const error = await refused(
        registrar.token,
        cases.A,
        'dispatch',
        { unit: outside, basis: 'territory' },
        400,
        'VALIDATION_FAILED',
      );
      expect(error.details.issues).toEqual([{ path: 'input.unit', message: "not within the case's unit" }]);
    }
    expect(await unitOf(cases.A)).toBe(units.countyA);
    await act(
      registrar.token,
      cases.A,
      'dispatch',
      { unit: units.officeA1, basis: 'territory', review: '属城关所辖区经营者' },
      '2026-11-02 10:00',
    );
    await act(
      registrar.token,
      cases.B,
      'dispatch',
      { unit: units.officeA1, basis: 'business-line', review: '家电三包，城关所办理' },
      '2026-11-02 10:05',
    );
    await act(
      registrar.token,
      cases.C,
      'keep',
      { basis: 'territory', review: '与此前投诉相关，县局自办' },
      '2026-11-02 10:10',
    );
    // A complaint taken by phone at the county bureau (INT-1), handed to the office as well.
    at('2026-11-02 10:40');
    const phoned = await h.call('POST', '/api/v1/cases', {
      token: registrar.token,
      body: complaint({
        channel: 'phone',
        receivedAt: '2026-11-02T10:30:00+08:00',
        subject: '美容店预付卡无法退费',
        submitter: { name: '王五', phone: '13700002222' },
        respondents: [{ name: '城关丽人美容店', type: 'business' }],
        requestedOutcome: '退还预付卡余额',
        fields: { disclosureConsent: true },
      }),
    });
    expect(phoned.statusCode, phoned.body).toBe(201);
    cases.D = { id: phoned.json().id, trackingNo: phoned.json().trackingNo };
    await act(registrar.token, cases.D, 'dispatch', { unit: units.officeA1, basis: 'territory' }, '2026-11-02 10:45');

    expect(await unitOf(cases.A)).toBe(units.officeA1);
    expect(await unitOf(cases.C)).toBe(units.countyA);
    const a = await detail(cases.A, office.token);
    expect(a).toMatchObject({ status: 'assigned', assigneeId: null, data: { dispatchBasis: 'territory' } });
    expect(a.timeline.at(-1)).toMatchObject({
      action: 'dispatch',
      input: { unit: units.officeA1, basis: 'territory' },
      actor: { id: registrar.id },
    });
    expect((await inbox(office.token)).sort()).toEqual([cases.A.id, cases.B.id, cases.D.id].sort());
    expect(await notices(cases.A)).toContain('role:case-handler/dispatched');
  });

  it('S8 一(四), MS-4, MS-2: the office asks for proof of identity, then records the acceptance and tells the complainant (谁办理、谁录入)', async () => {
    await act(
      office.token,
      cases.A,
      'request-identity',
      { dueDate: '2026-11-06', what: '居民身份证复印件及购物小票' },
      '2026-11-03 10:00',
    );
    let view = await publicView(cases.A);
    expect(view.status).toBe('awaiting-identity');
    expect(view.timeline.at(-1)).toMatchObject({
      action: 'request-identity',
      details: { dueDate: '2026-11-06', what: '居民身份证复印件及购物小票' },
    });
    expect(await notices(cases.A)).toContain('submitter/identity-requested');
    await act(office.token, cases.A, 'verify-identity', { proof: 'id-card', note: '已核对身份证' }, '2026-11-04 10:00');

    await act(office.token, cases.A, 'accept', { category: 'goods-quality', note: '符合受理条件' }, '2026-11-05 10:00');
    const a = await detail(cases.A, office.token);
    expect(a).toMatchObject({
      status: 'accepted',
      category: 'goods-quality',
      data: { identityProof: 'id-card', identityDueDate: '2026-11-06' },
    });
    expect(a.timeline.at(-1).actor.id).toBe(office.id); // the office that handles it records it
    expect(clockOf(a, 'acceptance')).toMatchObject({ status: 'met', stoppedAt: '2026-11-05T02:00:00.000Z' });
    // MS-6: 60 natural days from acceptance on 11-05 → Monday 2027-01-04 24:00; 2027 is not in the calendar yet.
    expect(clockOf(a, 'mediation')).toMatchObject({
      rule: 'MS-6',
      status: 'running',
      dueAt: '2027-01-04T16:00:00.000Z',
      provisional: true,
    });
    view = await publicView(cases.A);
    expect(view).toMatchObject({ status: 'accepted', statusLabel: { 'zh-CN': '已受理' } });
    expect(await notices(cases.A)).toContain('submitter/accepted');

    await act(office.token, cases.B, 'accept', { category: 'service' }, '2026-11-05 11:00');
  });

  it("MS-5: mediation starts only with both parties' consent", async () => {
    at('2026-11-06 10:00');
    const error = await refused(
      office.token,
      cases.A,
      'start-mediation',
      { complainantConsent: true, respondentConsent: false, mediatedBy: 'bureau' },
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(error.details)).toContain('input.respondentConsent');
    await act(
      office.token,
      cases.A,
      'start-mediation',
      { complainantConsent: true, respondentConsent: true, mediatedBy: 'bureau', mediator: office.username },
      '2026-11-06 10:00',
    );
    expect(await detail(cases.A, office.token)).toMatchObject({
      status: 'mediating',
      assigneeId: office.id,
      data: { complainantConsent: true, respondentConsent: true, mediatedBy: 'bureau' },
    });
    await act(
      office.token,
      cases.B,
      'start-mediation',
      { complainantConsent: true, respondentConsent: true, mediatedBy: 'consumer-association' },
      '2026-11-06 11:00',
    );
  });

  it('S8 一(六), ENF-1, MS-9: a verified lead of a violation is turned into an enforcement lead with its own 15 working days (诉转案)', async () => {
    const result = await act(
      office.token,
      cases.A,
      'open-enforcement-lead',
      {
        leadSummary: '超市销售的电热水壶无CCC认证标志，涉嫌销售未经强制性产品认证的产品',
        legalBasis: '《强制性产品认证管理规定》',
      },
      '2026-11-09 10:00',
    );
    expect(result.status).toBe('mediating');
    expect(result.opened.trackingNo).toMatch(/^XS-20261109-/);
    cases.leadA = result.opened;
    const lead = await detail(cases.leadA, office.token);
    expect(lead).toMatchObject({
      procedure: { id: 'market-enforcement-lead' },
      kind: 'report',
      status: 'verifying',
      subject: '超市出售的电热水壶漏电',
    });
    // Day 1 is Tue 11-10: 10–13, 16–20, 23–27, 30 → due Monday 2026-11-30 24:00.
    expect(clockOf(lead, 'verification')).toMatchObject({
      rule: 'MS-9',
      status: 'running',
      dueAt: '2026-11-30T16:00:00.000Z',
      provisional: false,
    });
    expect(lead.links).toMatchObject([{ kind: 'enforcement-lead', trackingNo: cases.A.trackingNo, visible: true }]);
    expect((await detail(cases.A, office.token)).links).toMatchObject([
      { kind: 'enforcement-lead', trackingNo: cases.leadA.trackingNo, status: 'verifying', caseId: cases.leadA.id },
    ]);
    expect(await unitOf(cases.leadA)).toBe(units.officeA1);
    expect(await notices(cases.leadA)).toEqual(['role:case-handler/lead-opened']); // the complainant hears of the decision, not of the lead

    at('2026-11-09 10:30');
    await refused(office.token, cases.A, 'open-enforcement-lead', { leadSummary: '再次' }, 409, 'PRECONDITION_FAILED');
    // ENF-1: a lead is opened from a complaint, never from the public portal.
    const direct = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({ procedure: 'market-enforcement-lead', kind: 'report' }),
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.code).toBe('UNKNOWN_PROCEDURE');

    cases.leadB = (
      await act(
        office.token,
        cases.B,
        'open-enforcement-lead',
        { leadSummary: '电器店拒不履行三包义务，涉嫌侵害消费者权益' },
        '2026-11-09 11:00',
      )
    ).opened;
  });

  it('MS-6: testing time is excluded from the 60 days — a pause with its reason', async () => {
    at('2026-11-09 14:00');
    await refused(office.token, cases.A, 'pause-for-testing', { item: '电热水壶' }, 400, 'VALIDATION_FAILED');
    await act(
      office.token,
      cases.A,
      'pause-for-testing',
      { reason: '电热水壶送县质检所检测', item: '电热水壶绝缘性能' },
      '2026-11-09 14:00',
    );
    let a = await detail(cases.A, office.token);
    expect(clockOf(a, 'mediation')).toMatchObject({ status: 'paused', pausedAt: '2026-11-09T06:00:00.000Z' });
    expect(a.timeline.at(-1).clocks).toMatchObject([
      { clock: 'mediation', op: 'pause', reason: '电热水壶送县质检所检测' },
    ]);
    await act(office.token, cases.A, 'resume-after-testing', { result: '绝缘电阻不合格' }, '2026-11-11 14:00');
    a = await detail(cases.A, office.token);
    // Two days paused: 2027-01-04 24:00 + 48 hours.
    expect(clockOf(a, 'mediation')).toMatchObject({
      status: 'running',
      pausedAt: null,
      dueAt: '2027-01-06T16:00:00.000Z',
    });
  });

  it('S8 一(七), SLA-6: cases not handled in time are supervised level by level — the city above the county, the county above its office', async () => {
    // C (kept by the county) and D (at the office) were not decided by Wednesday 11-11 24:00.
    at('2026-11-12 10:00');
    const swept = await sweepOnce(h.ctx);
    expect(swept.breached).toBe(2);
    const c = await detail(cases.C);
    expect(c.escalatedAt).toBe('2026-11-12T02:00:00.000Z');
    expect(clockOf(c, 'acceptance')).toMatchObject({ status: 'overdue' });
    expect(c.timeline.map((e: { action: string }) => e.action)).toContain('clock-breached');
    expect(await notices(cases.C)).toContain('role:bureau-supervisor/acceptance-overdue');

    const city = (await h.call('GET', '/api/v1/supervision', { token: citySupervisor.token })).json();
    expect(city.totals).toEqual({ overdue: 2, atRisk: 0, unreached: 0 });
    expect(
      city.levels.map(
        (l: { level: number; units: { unit: { name: string }; overdue: { trackingNo: string }[] }[] }) => [
          l.level,
          l.units.map((u) => [u.unit.name, u.overdue.map((o) => o.trackingNo)]),
        ],
      ),
    ).toEqual([
      [1, [['甲县市场监督管理局', [cases.C.trackingNo]]]],
      [2, [['城关市场监督管理所', [cases.D.trackingNo]]]],
    ]);
    const county = (await h.call('GET', '/api/v1/supervision', { token: countySupervisor.token })).json();
    // Issue 16: the board covers the county's own level too; urging it stays the city's (below).
    expect(county.totals).toEqual({ overdue: 2, atRisk: 0, unreached: 0 });
    expect(county.levels.at(-1).units[0].overdue[0].trackingNo).toBe(cases.D.trackingNo);

    expect(
      (
        await h.call('POST', `/api/v1/supervision/cases/${cases.C.id}/urge`, {
          token: countySupervisor.token,
          body: { note: '请尽快办理' },
        })
      ).statusCode,
    ).toBe(404);
    const urged = await h.call('POST', `/api/v1/supervision/cases/${cases.C.id}/urge`, {
      token: citySupervisor.token,
      body: { note: '已超受理时限，请即办理并反馈' },
    });
    expect(urged.statusCode, urged.body).toBe(200);
    const urgedD = await h.call('POST', `/api/v1/supervision/cases/${cases.D.id}/urge`, {
      token: countySupervisor.token,
      body: { note: '请城关所当日作出受理决定' },
    });
    expect(urgedD.statusCode, urgedD.body).toBe(200);
    expect((await detail(cases.C)).timeline.at(-1)).toMatchObject({
      action: 'supervision-urge',
      actor: { id: citySupervisor.id },
    });
    expect((await detail(cases.D)).timeline.at(-1)).toMatchObject({
      action: 'supervision-urge',
      actor: { id: countySupervisor.id },
    });

    // S8 一(四) "按照'谁办理、谁录入'的原则" (issue 17, `recordingBy: handling-unit`): the county bureau's
    // handler reads the office's case and may add a note, but the acceptance is the office's to record.
    const seen = await detail(cases.D, registrar.token);
    expect(seen.allowedActions.map((x: { id: string }) => x.id)).toEqual(['add-note']);
    await refused(registrar.token, cases.D, 'accept', { category: 'service' }, 403, 'FORBIDDEN');
    expect((await detail(cases.D, office.token)).allowedActions.map((x: { id: string }) => x.id)).toContain('accept');
    // A case the county supervisor takes over is the county's: then its own handler records it.
    const phoned = await h.call('POST', '/api/v1/cases', {
      token: registrar.token,
      body: complaint({
        channel: 'phone',
        subject: '理发店办卡后关门',
        submitter: { name: '钱七', phone: '13700003333' },
        respondents: [{ name: '城关时尚理发店', type: 'business' }],
        fields: { disclosureConsent: false },
      }),
    });
    expect(phoned.statusCode, phoned.body).toBe(201);
    const F = { id: phoned.json().id, trackingNo: phoned.json().trackingNo };
    await act(registrar.token, F, 'dispatch', { unit: units.officeA1, basis: 'territory' }, '2026-11-12 10:30');
    await refused(registrar.token, F, 'accept', { category: 'service' }, 403, 'FORBIDDEN');
    const taken = await h.call('POST', `/api/v1/supervision/cases/${F.id}/take-over`, {
      token: countySupervisor.token,
      body: { note: '涉及多个所辖区，县局提级办理' },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(await unitOf(F)).toBe(units.countyA);
    await act(registrar.token, F, 'accept', { category: 'service', note: '县局提级受理' }, '2026-11-12 11:00');
    expect((await detail(F)).timeline.at(-1).actor.id).toBe(registrar.id);
  });

  it('MS-7: mediation ends on a listed ground, with a notice to the complainant', async () => {
    await act(office.token, cases.D, 'accept', { category: 'service', note: '督办后受理' }, '2026-11-12 15:00');
    expect(clockOf(await detail(cases.D, office.token), 'acceptance')).toMatchObject({ status: 'missed' }); // late, and it shows
    await act(
      office.token,
      cases.D,
      'start-mediation',
      { complainantConsent: true, respondentConsent: true, mediatedBy: 'bureau' },
      '2026-11-13 10:00',
    );
    at('2026-11-16 10:00');
    await refused(
      office.token,
      cases.D,
      'terminate-mediation',
      { reasonCode: 'bored', reason: '—' },
      400,
      'VALIDATION_FAILED',
    );
    await act(
      office.token,
      cases.D,
      'terminate-mediation',
      { reasonCode: 'refused-or-absent', reason: '被投诉人两次无正当理由未到场调解' },
      '2026-11-16 10:00',
    );
    const d = await detail(cases.D, office.token);
    expect(d).toMatchObject({
      status: 'closed',
      outcome: 'no-agreement',
      data: { terminationGround: 'refused-or-absent' },
      allowedActions: [],
    });
    expect(clockOf(d, 'mediation')).toMatchObject({ status: 'met', stoppedAt: '2026-11-16T02:00:00.000Z' });
    expect(await notices(cases.D)).toContain('submitter/mediation-terminated');
  });

  it('S8 一(八), WDR-1, MED-2: the complainant withdraws during mediation; mediation ends, the enforcement lead goes on untouched', async () => {
    const leadBefore = await detail(cases.leadB, office.token);
    at('2026-11-18 10:00');
    const res = await h.call('POST', `/api/v1/public/cases/${cases.B.trackingNo}/actions/withdraw`, {
      headers: { 'x-receipt': cases.B.receipt! },
      body: { input: { reason: '已与商家自行协商' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawal-requested');
    let b = await detail(cases.B, office.token);
    expect(b).toMatchObject({ status: 'withdrawal-requested', outcome: null, closedAt: null });
    expect(clockOf(b, 'mediation')).toMatchObject({ status: 'met', stoppedAt: '2026-11-18T02:00:00.000Z' });
    // S8 一(八) "投诉人主动要求撤回的，投诉举报承办机构应当作出终止调解决定"; MS-7: its notice within 7
    // working days — day 1 is Thu 11-19: 19, 20, 23–27 → Friday 2026-11-27 24:00.
    expect(clockOf(b, 'termination-notice')).toMatchObject({
      rule: 'MS-7',
      status: 'running',
      dueAt: '2026-11-27T16:00:00.000Z',
    });
    // The complainant hears of the decision below, not yet of an ended mediation.
    expect(await notices(cases.B)).toEqual([
      'role:bureau-registrar/new-case',
      'role:case-handler/dispatched',
      'role:case-handler/withdrawn',
      'submitter/accepted',
      'submitter/received',
    ]);
    // 谁办理、谁录入: the decision is the office's, not the county's.
    await refused(registrar.token, cases.B, 'decide-termination', { decision: '终止调解' }, 403, 'FORBIDDEN');
    await refused(office.token, cases.B, 'decide-termination', {}, 400, 'VALIDATION_FAILED');
    await act(
      office.token,
      cases.B,
      'decide-termination',
      { decisionNo: '城关市监终调〔2026〕7号', decision: '投诉人于11月18日主动撤回投诉，决定终止调解。' },
      '2026-11-20 10:00',
    );
    b = await detail(cases.B, office.token);
    expect(b).toMatchObject({
      status: 'withdrawn',
      outcome: 'withdrawn',
      data: { terminationGround: 'withdrawn-or-settled', terminationDecisionNo: '城关市监终调〔2026〕7号' },
      closedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(clockOf(b, 'termination-notice')).toMatchObject({ status: 'met', stoppedAt: '2026-11-20T02:00:00.000Z' });
    expect(await notices(cases.B)).toContain('submitter/mediation-terminated');
    const bView = await publicView(cases.B);
    expect(bView.statusLabel).toEqual({ 'zh-CN': '已撤回', en: 'Withdrawn' });
    expect(bView.timeline.at(-1)).toMatchObject({
      action: 'decide-termination',
      details: { decision: '投诉人于11月18日主动撤回投诉，决定终止调解。' },
    });

    // The lead: same state, same version, its clock still running to the same deadline.
    const lead = await detail(cases.leadB, office.token);
    expect(lead).toMatchObject({ status: 'verifying', version: leadBefore.version, closedAt: null });
    expect(clockOf(lead, 'verification')).toMatchObject({
      status: 'running',
      stoppedAt: null,
      dueAt: '2026-11-30T16:00:00.000Z',
    });
    expect(lead.allowedActions.map((x: { id: string }) => x.id)).toContain('file-case');
    expect(b.links).toMatchObject([
      { kind: 'enforcement-lead', trackingNo: cases.leadB.trackingNo, status: 'verifying' },
    ]);
    // A complaint not yet accepted has no mediation to end: it is simply withdrawn.
    const early = await submit(
      complaint({ subject: '快递柜收费', respondents: [{ name: '某快递柜', type: 'business' }] }),
    );
    at('2026-11-18 11:00');
    const gone = await h.call('POST', `/api/v1/public/cases/${early.trackingNo}/actions/withdraw-before-acceptance`, {
      headers: { 'x-receipt': early.receipt! },
      body: { input: { reason: '已解决' } },
    });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await detail(early)).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });

  it("MS-9, SLA-3: the lead gets 15 more working days only with the department head's approval", async () => {
    at('2026-11-26 10:00');
    await refused(
      office.token,
      cases.leadA,
      'request-extension',
      { clock: 'verification', length: 16, reason: '需委托检验' },
      400,
      'VALIDATION_FAILED',
    );
    await act(
      office.token,
      cases.leadA,
      'request-extension',
      { clock: 'verification', length: 15, reason: '需调取进货记录并委托检验' },
      '2026-11-26 10:00',
    );
    expect(await notices(cases.leadA)).toContain('role:bureau-head/extension-requested');
    await refused(office.token, cases.leadA, 'decide-extension', { approve: true }, 403, 'FORBIDDEN');
    await act(
      head.token,
      cases.leadA,
      'decide-extension',
      { approve: true, note: '同意延长15个工作日' },
      '2026-11-26 15:00',
    );
    const lead = await detail(cases.leadA, office.token);
    // From Monday 11-30 24:00: 12-01…04, 07…11, 14…18, 21 → due Monday 2026-12-21 24:00.
    expect(clockOf(lead, 'verification')).toMatchObject({
      status: 'running',
      extendedBy: 15,
      dueAt: '2026-12-21T16:00:00.000Z',
      provisional: false,
    });
    expect(lead.data.extensions).toMatchObject([
      { clock: 'verification', length: 15, approved: true, previousDueAt: '2026-11-30T16:00:00.000Z' },
    ]);
    expect(lead.timeline.at(-1)).toMatchObject({ action: 'decide-extension', actor: { id: head.id } });
  });

  it('S8 一(六) 按时填写处理结果, MS-11: the decision to open a case is recorded and the named complainant told', async () => {
    await act(
      office.token,
      cases.leadA,
      'record-verification',
      { type: 'site-inspection', summary: '现场查见同型号电热水壶12台，均无CCC标志' },
      '2026-12-01 10:00',
    );
    await act(
      office.token,
      cases.leadA,
      'file-case',
      { caseNo: '甲市监立〔2026〕118号', decision: '涉嫌销售未经强制性产品认证的产品，决定立案调查' },
      '2026-12-10 10:00',
    );
    let lead = await detail(cases.leadA, office.token);
    expect(lead).toMatchObject({
      status: 'filed',
      outcome: 'filed',
      data: { enforcementCaseNo: '甲市监立〔2026〕118号', reporter: 'named' },
      closedAt: null, // MS-10: the opened case runs on to its decision
    });
    expect(clockOf(lead, 'verification')).toMatchObject({ status: 'met' });
    expect(await notices(cases.leadA)).toContain('submitter/lead-decided');
    expect((await detail(cases.A, office.token)).links).toMatchObject([{ kind: 'enforcement-lead', status: 'filed' }]);
    // MS-11 (issue 17): the named complainant (张三) is told within 5 working days of the decision —
    // Thu 12-10 → 11, 14–17 → Thursday 2026-12-17 24:00; the handler records how it was done.
    expect(clockOf(lead, 'reporter-notice')).toMatchObject({
      rule: 'MS-11',
      status: 'running',
      dueAt: '2026-12-17T16:00:00.000Z',
    });
    await act(
      office.token,
      cases.leadA,
      'notify-reporter',
      { means: 'phone', note: '电话告知张三已立案' },
      '2026-12-11 09:30',
    );
    lead = await detail(cases.leadA, office.token);
    expect(clockOf(lead, 'reporter-notice')).toMatchObject({ status: 'met' });
    expect(lead.data.reporterToldBy).toBe('phone');
    await refused(office.token, cases.leadA, 'notify-reporter', { means: 'letter' }, 409, 'PRECONDITION_FAILED');
  });

  it('MS-8, S8 一(四) 办理结果: the agreement is recorded as a signed 调解书 and the complainant told', async () => {
    await act(
      office.token,
      cases.A,
      'conclude-mediation',
      { form: 'mediation-document', agreement: '超市为张三退货退款299元，并赔偿500元' },
      '2026-12-14 10:00',
    );
    const a = await detail(cases.A, office.token);
    expect(a).toMatchObject({
      status: 'closed',
      outcome: 'mediated',
      data: { agreementForm: 'mediation-document', agreement: '超市为张三退货退款299元，并赔偿500元' },
      allowedActions: [],
    });
    expect(clockOf(a, 'mediation')).toMatchObject({ status: 'met', stoppedAt: '2026-12-14T02:00:00.000Z' });
    expect(await notices(cases.A)).toContain('submitter/mediation-concluded');
    const view = await publicView(cases.A);
    expect(view).toMatchObject({ status: 'closed', outcome: { 'zh-CN': '调解成功' } });
    expect(view.timeline.at(-1)).toMatchObject({
      action: 'conclude-mediation',
      details: { form: 'mediation-document', agreement: '超市为张三退货退款299元，并赔偿500元' },
    });
  });

  it('MS-12, MS-3: a repeated complaint is linked as a duplicate with the reason and not accepted, on a listed ground naming other routes', async () => {
    at('2026-12-15 10:00');
    const linked = await h.call('POST', `/api/v1/cases/${cases.C.id}/links`, {
      token: registrar.token,
      body: {
        trackingNo: cases.A.trackingNo,
        kind: 'duplicate',
        note: '同一投诉人就同一事项重复投诉，已由城关所受理并调解',
      },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    await refused(
      registrar.token,
      cases.C,
      'reject',
      { reasonCode: 'duplicate', reason: '重复投诉' },
      400,
      'VALIDATION_FAILED',
    ); // no other routes named
    await act(
      registrar.token,
      cases.C,
      'reject',
      {
        reasonCode: 'duplicate',
        reason: `与 ${cases.A.trackingNo} 为同一投诉，已受理并调解办结`,
        otherRoutes: '如对调解结果有异议，可向人民法院提起诉讼或依法申请仲裁，也可向消费者协会申请调解。',
      },
      '2026-12-15 10:30',
    );
    const c = await detail(cases.C);
    expect(c).toMatchObject({ status: 'rejected', outcome: 'not-accepted', data: { rejectionGround: 'duplicate' } });
    expect(clockOf(c, 'acceptance')).toMatchObject({ status: 'missed' });
    expect(c.links).toMatchObject([
      { kind: 'duplicate', trackingNo: cases.A.trackingNo, note: '同一投诉人就同一事项重复投诉，已由城关所受理并调解' },
    ]);
    expect(await notices(cases.C)).toContain('submitter/not-accepted');
    const view = await publicView(cases.C);
    expect(view.statusLabel).toEqual({ 'zh-CN': '不予受理', en: 'Not accepted' });
    expect(view.timeline.at(-1).details).toMatchObject({
      reasonCode: 'duplicate',
      otherRoutes: expect.stringContaining('人民法院'),
    });
    expect(JSON.stringify(view)).not.toContain('城关所受理并调解'); // the link note is internal
  });

  it('MS-13, MS-1: a letter received under Order 20 about a matter outside market supervision is forwarded, and the complainant told', async () => {
    at('2026-12-15 11:00');
    const res = await h.call('POST', '/api/v1/cases', {
      token: registrar.token,
      body: complaint({
        channel: 'letter',
        receivedAt: '2026-04-14T10:00:00+08:00',
        subject: '诊所收费过高',
        description: '在某诊所看病被多收费用。',
        submitter: { name: '赵六', address: '甲县城关镇新华街1号' },
        respondents: [{ name: '城关某诊所', type: 'business' }],
        requestedOutcome: '退还多收费用',
        fields: { disclosureConsent: false },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    cases.E = { id: res.json().id, trackingNo: res.json().trackingNo };
    const before = await detail(cases.E);
    expect(before.data.regime).toBe('order-20'); // received before 2026-04-15
    // 7 working days from Tue 04-14: 15–17, 20–23 → 2026-04-23 24:00.
    expect(clockOf(before, 'acceptance')).toMatchObject({ dueAt: '2026-04-23T16:00:00.000Z' });
    await act(
      registrar.token,
      cases.E,
      'transfer',
      { toAgency: '甲县卫生健康局', reason: '医疗服务收费争议不属于市场监督管理部门职责' },
      '2026-12-15 11:10',
    );
    const e = await detail(cases.E);
    expect(e).toMatchObject({
      status: 'transferred',
      outcome: 'transferred',
      data: { transferredTo: '甲县卫生健康局' },
    });
    expect(await notices(cases.E)).toContain('submitter/transferred');
  });

  it('S8 投诉举报, MS-14, MS-9: the public files a 举报 — anonymous with concrete leads — and it goes straight to the lead check', async () => {
    at('2026-12-15 14:00');
    const listed = (await h.call('GET', '/api/v1/public/procedures')).json().items as {
      id: string;
      kinds: string[];
    }[];
    expect(listed.find((p) => p.id === 'market-supervision')?.kinds).toEqual(['complaint', 'report']);
    expect(listed.map((p) => p.id)).not.toContain('market-enforcement-lead');
    const report = (overrides: Record<string, unknown> = {}) => ({
      procedure: 'market-supervision',
      kind: 'report',
      subject: '农贸市场摊位销售过期食品',
      description: '甲县城关农贸市场12号摊位长期销售过期的袋装食品。',
      anonymous: true,
      respondents: [{ name: '城关农贸市场12号摊位', type: 'business' }],
      location: '甲县城关农贸市场12号摊位',
      fields: { leadDetails: '12月14日下午购买的饼干生产日期为2025年10月，保质期12个月；货架上同批次还有约30袋。' },
      affirmTruthful: true,
      orgUnit: units.countyA,
      ...overrides,
    });
    // MS-14: anonymous is allowed, but only with concrete leads — what, where, who.
    const vague = await h.call('POST', '/api/v1/public/cases', {
      body: report({ fields: {}, location: undefined, respondents: [] }),
    });
    expect(vague.statusCode).toBe(400);
    const paths = (vague.json().error.details.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['fields.leadDetails', 'location', 'respondents']);
    // A complaint's own questions are not asked of a report.
    const consent = await h.call('POST', '/api/v1/public/cases', {
      body: report({ fields: { ...report().fields, disclosureConsent: true } }),
    });
    expect(consent.statusCode).toBe(400);

    const anonymous = await h.call('POST', '/api/v1/public/cases', { body: report() });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    expect(anonymous.json().trackingNo).toMatch(/^XS-20261215-/);
    const R = await submit(
      report({
        subject: '药店无证销售处方药',
        description: '城关某药店不凭处方销售抗生素。',
        anonymous: false,
        submitter: { name: '孙八', phone: '13600004444' },
        respondents: [{ name: '城关某药店', type: 'business' }],
        location: '甲县城关镇解放路',
        fields: { leadDetails: '12月13日本人未出示处方即购得阿莫西林两盒，有购药小票。' },
      }),
    );
    const A = {
      id: (
        await h.ctx.store.db
          .selectFrom('cases')
          .select('id')
          .where('tracking_no', '=', anonymous.json().trackingNo)
          .executeTakeFirstOrThrow()
      ).id,
      trackingNo: anonymous.json().trackingNo,
      receipt: anonymous.json().receipt,
    };
    const lead = await detail(A);
    expect(lead).toMatchObject({
      procedure: { id: 'market-enforcement-lead' },
      kind: 'report',
      status: 'verifying',
      data: { reporter: 'anonymous', fields: { leadDetails: expect.stringContaining('生产日期') } },
      submitter: null,
    });
    expect(lead.timeline[0].input).toMatchObject({ kind: 'report', submittedTo: 'market-supervision' });
    expect(await unitOf(A)).toBe(units.countyA);
    // MS-9: 15 working days from receipt — day 1 is Wed 12-16: 16–18, 21–25, 28–31, 2027-01-01… → provisional.
    expect(clockOf(lead, 'verification')).toMatchObject({ rule: 'MS-9', status: 'running' });
    expect(await notices(A)).toEqual(['role:case-handler/lead-opened']); // nobody to acknowledge
    expect(await notices(R)).toEqual(['role:case-handler/lead-opened', 'submitter/received']);
    expect((await detail(R)).data.reporter).toBe('named');
    expect(await inbox(otherCounty.token)).not.toContain(A.id);
    // The anonymous reporter follows it with the receipt.
    expect((await publicView(A)).status).toBe('verifying');

    await act(
      registrar.token,
      A,
      'decline-filing',
      { decision: '现场检查未发现过期食品，不予立案。' },
      '2026-12-16 10:00',
    );
    // MS-11: an anonymous reporter has nobody to tell — no notice clock.
    expect(clockOf(await detail(A), 'reporter-notice')).toBeUndefined();
    await act(
      registrar.token,
      R,
      'file-case',
      { caseNo: '甲市监立〔2026〕131号', decision: '涉嫌违法销售处方药，立案调查' },
      '2026-12-16 11:00',
    );
    expect(clockOf(await detail(R), 'reporter-notice')).toMatchObject({
      status: 'running',
      dueAt: '2026-12-23T16:00:00.000Z',
    });
  });

  it('MS-10: the opened case is decided within 90 days of 立案, 30 more only with the head’s approval', async () => {
    let lead = await detail(cases.leadA, office.token);
    // 90 natural days from Thu 2026-12-10 → Wednesday 2027-03-10 24:00 (2027 not yet in the calendar).
    expect(clockOf(lead, 'case-decision')).toMatchObject({
      rule: 'MS-10',
      status: 'running',
      dueAt: '2027-03-10T16:00:00.000Z',
      provisional: true,
    });
    at('2027-03-01 10:00');
    await refused(
      office.token,
      cases.leadA,
      'request-extension',
      { clock: 'case-decision', length: 31, reason: '案情复杂' },
      400,
      'VALIDATION_FAILED',
    );
    await act(
      office.token,
      cases.leadA,
      'request-extension',
      { clock: 'case-decision', length: 30, reason: '需等待检验报告，案情复杂' },
      '2027-03-01 10:00',
    );
    await refused(office.token, cases.leadA, 'decide-extension', { approve: true }, 403, 'FORBIDDEN');
    await act(head.token, cases.leadA, 'decide-extension', { approve: true, note: '同意延长30日' }, '2027-03-02 10:00');
    lead = await detail(cases.leadA, office.token);
    expect(clockOf(lead, 'case-decision')).toMatchObject({ extendedBy: 30, dueAt: '2027-04-09T16:00:00.000Z' });
    await act(
      office.token,
      cases.leadA,
      'decide-case',
      { result: 'penalised', decisionNo: '甲市监处罚〔2027〕9号', summary: '没收违法产品，罚款二万元' },
      '2027-04-01 10:00',
    );
    lead = await detail(cases.leadA, office.token);
    expect(lead).toMatchObject({ status: 'decided', outcome: 'penalised', closedAt: '2027-04-01T02:00:00.000Z' });
    expect(clockOf(lead, 'case-decision')).toMatchObject({ status: 'met' });
  });

  it('the timelines tell the story in order; the public one only what the complainant may read', async () => {
    const a = await detail(cases.A, office.token);
    expect(a.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'dispatch',
      'request-identity',
      'verify-identity',
      'accept',
      'start-mediation',
      'open-enforcement-lead',
      'pause-for-testing',
      'resume-after-testing',
      'conclude-mediation',
    ]);
    expect(a.timeline.find((e: { action: string }) => e.action === 'open-enforcement-lead').input.opened).toBe(
      cases.leadA.trackingNo,
    );
    const view = await publicView(cases.A);
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'request-identity',
      'accept',
      'start-mediation',
      'conclude-mediation',
    ]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('CCC'); // the enforcement lead is internal
    expect(text).not.toContain('office-wang');
    const lead = await detail(cases.leadA, office.token);
    expect(lead.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'request-extension',
      'decide-extension',
      'record-verification',
      'file-case',
      'notify-reporter',
      'request-extension',
      'decide-extension',
      'decide-case',
    ]);
  });

  it('the audit chain holds every step and verifies end to end (AUD-1)', async () => {
    const records = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', cases.B.id)
      .orderBy('seq')
      .execute();
    expect(records.map((r) => r.action)).toEqual([
      'case.submit',
      'case.dispatch',
      'case.accept',
      'case.start-mediation',
      'case.open-enforcement-lead',
      'case.withdraw',
      'case.decide-termination',
    ]);
    expect(records.at(-2)!.actor).toBe('submitter');
    const lead = await h.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', cases.leadB.id)
      .orderBy('seq')
      .execute();
    expect(lead.map((r) => r.action)).toEqual(['case.submit']);
    expect(JSON.stringify(await h.ctx.store.db.selectFrom('audit_log').selectAll().execute())).not.toContain(
      '13812345678',
    );
    const verify = await h.call('GET', '/api/v1/audit/verify', { token: auditor.token });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });
  });
});
