import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { cliEnv, runCli } from './support/cli.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 16 — reach: every case reaches people who can act on it, and never the person it accuses.
 * A realistic organisation: a company unit at the root, departments and bureaus below it, every
 * staff grant held in a unit (no organisation-wide grant except `admin`). Each test is named
 * after a finding of the issue and failed before the fix.
 */
describe.each(BACKENDS)('reach (issue 16) on $name', (backend) => {
  const clock = new TestClock('2026-11-30T01:00:00.000Z');
  let h: Harness;
  let admin: { id: string; token: string };
  const units: Record<string, string> = {};
  const users: Record<string, { id: string; token: string }> = {};

  const property = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'property-complaint',
    kind: 'complaint',
    subject: '楼上管道井漏水',
    description: '3号楼12层管道井立管接口漏水，卫生间天花板持续滴水。',
    anonymous: false,
    submitter: { name: '王芳', phone: '13800001202', address: '3号楼1202室' },
    respondents: [{ name: '工程维修部', type: 'department' }],
    requestedOutcome: '立即止水并修好立管',
    fields: { room: '3号楼1202室' },
    ...overrides,
  });

  const add = async (username: string, displayName: string, role: string, unit: string) => {
    const res = await h.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: { username, displayName, password: 'correct horse battery', grants: [{ role, orgUnit: units[unit] }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    users[username] = { id: res.json().id, token: (await createToken(h.ctx, username, 't', 'system:test')).token };
  };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    admin = await h.staff('root-admin', [], { isAdmin: true });
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    for (const [key, name] of [
      ['cs', '客服部'],
      ['sales', '销售部'],
      ['engineering', '工程部'],
      ['countyA', '甲县局'],
    ] as const)
      units[key] = (await addOrgUnit(h.ctx, { name, parent: company.id }, 'system:test')).id;
    units.company = company.id;
    await add('cs-li', '李客服', 'customer-service', 'cs');
    await add('cs-wang', '王客服', 'customer-service', 'cs');
    await add('cs-manager', '赵主管', 'customer-service-manager', 'company');
    await add('sales-clerk', '门店登记员', 'intake-clerk', 'sales');
    await add('reception', '前台', 'service-centre', 'company');
    await add('eng-head', '工程部经理', 'department-head', 'engineering');
    await add('gm', '总经理', 'general-manager', 'company');
    await add('manager', '主管经理', 'manager', 'company');
    await add('county-a', '甲县局受理员', 'bureau-registrar', 'countyA');
    await add('sales-manager', '销售部经理', 'department-manager', 'sales');
    await add('sales-deputy', '销售部副经理', 'department-manager', 'sales');
    await add('hr', '人事专员', 'hr-officer', 'company');
  });
  afterAll(async () => h?.close());

  const get = (id: string, who: string) => h.call('GET', `/api/v1/cases/${id}`, { token: users[who].token });
  const act = async (id: string, who: string, action: string, input: Record<string, unknown>) => {
    const view = (await h.call('GET', `/api/v1/cases/${id}`, { token: users[who].token })).json();
    return h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
      token: users[who].token,
      body: { input, expectedVersion: view.version },
    });
  };
  const caseIdOf = async (trackingNo: string) =>
    (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow()
    ).id;

  it('Portal cases reach nobody: a portal complaint lands in the root, or the intake unit an admin set (客服部)', async () => {
    const atRoot = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(atRoot.statusCode, atRoot.body).toBe(201);
    const rootCase = await caseIdOf(atRoot.json().trackingNo);
    expect((await get(rootCase, 'cs-manager')).json().orgUnitId).toBe(units.company);
    const set = await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin.token,
      body: { orgUnit: units.cs },
    });
    expect(set.statusCode, set.body).toBe(200);
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    const id = await caseIdOf(res.json().trackingNo);
    const seen = await get(id, 'cs-li');
    expect(seen.statusCode).toBe(200);
    expect(seen.json().orgUnitId).toBe(units.cs);
  });

  it('Portal cases reach nobody: market supervision asks for the county bureau and it reaches that bureau', async () => {
    const body = complaint({
      procedure: 'market-supervision',
      respondents: [{ name: '某超市', type: 'business' }],
      fields: {},
    });
    const procedures = (await h.call('GET', '/api/v1/public/procedures')).json().items as {
      id: string;
      unit: unknown;
    }[];
    expect(procedures.find((p) => p.id === 'market-supervision')!.unit).toEqual({ choose: 'required', level: 1 });
    const missing = await h.call('POST', '/api/v1/public/cases', { body });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues[0].path).toBe('orgUnit');
    const wrongLevel = await h.call('POST', '/api/v1/public/cases', { body: { ...body, orgUnit: units.company } });
    expect(wrongLevel.statusCode).toBe(400);
  });

  it('"转交客服部门" (S5 四.1) records free text and does not move the case: now it moves to 客服部, on the timeline', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: users['sales-clerk'].token,
      body: complaint({ channel: 'walk-in' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await get(id, 'sales-clerk')).json().orgUnitId).toBe(units.sales);
    expect((await get(id, 'cs-li')).statusCode).toBe(404);
    const fwd = await act(id, 'sales-clerk', 'forward', { note: '顾客到门店反映' });
    expect(fwd.statusCode, fwd.body).toBe(200);
    const after = await get(id, 'cs-li');
    expect(after.statusCode).toBe(200);
    expect(after.json().orgUnitId).toBe(units.cs);
    // Timeline inputs are sealed on disk (issue 24): read as the case view reads them.
    const { listEvents } = await import('../src/store/cases.repository.ts');
    const event = (await listEvents(h.ctx.store.db, id, false)).find((e) => e.action === 'forward')!;
    expect(JSON.parse(event.input)).toMatchObject({ movedTo: units.cs });
  });

  it('Dispatch and assign accept people who cannot act: a head outside the case unit or a user of another unit is a 400 naming the field', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: property() });
    const id = await caseIdOf(res.json().trackingNo);
    expect((await get(id, 'reception')).json().orgUnitId).toBe(units.company);
    expect((await act(id, 'reception', 'accept', { severity: 'minor', category: 'repair' })).statusCode).toBe(200);
    const picker = await h.call('GET', `/api/v1/cases/${id}/eligible-users?action=dispatch&field=head`, {
      token: users.reception.token,
    });
    expect(picker.statusCode, picker.body).toBe(200);
    expect(picker.json()).toEqual({ users: [] });
    const wrong = await act(id, 'reception', 'dispatch', { head: 'eng-head', department: '工程部', formNo: 'F-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].path).toBe('input.head');
    const toUnit = await h.call(
      'GET',
      `/api/v1/cases/${id}/eligible-users?action=dispatch&field=head&unit=${units.engineering}`,
      { token: users.reception.token },
    );
    expect(toUnit.json()).toEqual({
      users: [
        {
          id: users['eng-head'].id,
          username: 'eng-head',
          displayName: '工程部经理',
          unitId: units.engineering,
          unitName: '工程部',
        },
      ],
    });
    const ok = await act(id, 'reception', 'dispatch', {
      unit: units.engineering,
      head: 'eng-head',
      department: '工程部',
      formNo: 'F-1',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get(id, 'eng-head')).statusCode).toBe(200);
  });

  it('S9 二.2: the general manager and the manager in charge are told of an 重要 complaint', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: property({ subject: '保安态度恶劣' }) });
    const id = await caseIdOf(res.json().trackingNo);
    expect((await act(id, 'reception', 'accept', { severity: 'important', category: 'security' })).statusCode).toBe(
      200,
    );
    const outbox = await h.ctx.store.db.selectFrom('outbox').select('recipient').where('case_id', '=', id).execute();
    expect(outbox.map((o) => o.recipient)).toEqual(
      expect.arrayContaining(['role:general-manager', 'role:manager', 'submitter']),
    );
    await dispatchOnce(h.ctx);
    for (const who of ['gm', 'manager']) {
      const mine = (await h.call('GET', '/api/v1/notifications', { token: users[who].token })).json();
      expect(mine.items.some((n: { caseId: string }) => n.caseId === id)).toBe(true);
    }
  });

  it('Recusal is manual, so it comes too late: a staff member named as respondent is kept out from intake, before any notice', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({ respondents: [{ name: '王客服', type: 'person' }], subject: '客服王某态度恶劣' }),
    });
    const id = await caseIdOf(res.json().trackingNo);
    expect((await get(id, 'cs-wang')).statusCode).toBe(404);
    expect((await get(id, 'cs-li')).statusCode).toBe(200);
    const relink = await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
      token: users['cs-wang'].token,
      body: { user: 'cs-li' },
    });
    expect(relink.statusCode).toBe(404);
    await dispatchOnce(h.ctx);
    const told = (await h.call('GET', '/api/v1/notifications', { token: users['cs-wang'].token })).json();
    expect(told.items.some((n: { caseId: string }) => n.caseId === id)).toBe(false);
    const matches = (
      await h.call('GET', `/api/v1/cases/${id}/recusal-matches`, { token: users['cs-li'].token })
    ).json();
    expect(matches.items).toMatchObject([{ userId: users['cs-wang'].id, suggested: true }]);
    const confirm = await h.call('POST', `/api/v1/cases/${id}/recusal-matches`, {
      token: users['cs-li'].token,
      body: { userId: users['cs-wang'].id, decision: 'confirm' },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await get(id, 'cs-wang')).statusCode).toBe(404);
    const assign = await h.call('GET', `/api/v1/cases/${id}/eligible-users?action=assign&field=responsible`, {
      token: users['cs-li'].token,
    });
    expect((assign.json().users as { username: string }[]).map((u) => u.username)).not.toContain('cs-wang');
  });

  it('Recused users keep traces: a new-case notice delivered before the link is withdrawn', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint({ subject: '后来才知道涉及客服' }) });
    const id = await caseIdOf(res.json().trackingNo);
    await dispatchOnce(h.ctx);
    const before = (await h.call('GET', '/api/v1/notifications', { token: users['cs-wang'].token })).json();
    expect(before.items.some((n: { caseId: string }) => n.caseId === id)).toBe(true);
    const link = await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
      token: users['cs-li'].token,
      body: { user: 'cs-wang' },
    });
    expect(link.statusCode, link.body).toBe(200);
    const after = (await h.call('GET', '/api/v1/notifications', { token: users['cs-wang'].token })).json();
    expect(after.items.some((n: { caseId: string }) => n.caseId === id)).toBe(false);
  });

  it('Recused users keep traces: the improvements list does not show the recused respondent the tracking number of the case against them', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({ respondents: [{ name: '王客服', type: 'person' }], subject: '改进措施关联的投诉' }),
    });
    const id = await caseIdOf(res.json().trackingNo);
    const created = await h.call('POST', '/api/v1/improvements', {
      token: users['cs-li'].token,
      body: {
        kind: 'training',
        title: '加强客服培训',
        causeCategory: 'service-attitude',
        orgUnit: units.cs,
        cases: [id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const seenBy = async (who: string) =>
      JSON.stringify((await h.call('GET', '/api/v1/improvements', { token: users[who].token })).json());
    expect(await seenBy('cs-li')).toContain(res.json().trackingNo);
    const wang = await seenBy('cs-wang');
    expect(wang).toContain('加强客服培训');
    expect(wang).not.toContain(res.json().trackingNo);
  });

  it('The supervision board covers only units below the caller: a supervisor at the company unit sees the company-level overdue case', async () => {
    await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin.token,
      body: { orgUnit: null },
    });
    // Registered at the company unit by phone: its 24 hours to reach customer service run (issue 17).
    const res = await h.call('POST', '/api/v1/cases', {
      token: users['cs-manager'].token,
      body: complaint({ channel: 'phone', subject: '公司层面的投诉' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().trackingNo);
    clock.advance(25 * 3600_000);
    const board = (await h.call('GET', '/api/v1/supervision', { token: users['cs-manager'].token })).json();
    const listed = board.levels.flatMap((l: { units: { overdue: { caseId: string }[] }[] }) =>
      l.units.flatMap((u) => u.overdue.map((o) => o.caseId)),
    );
    expect(listed).toContain(id);
  });

  it('An urge on a case with no assignee notifies nobody: now the roles of the current step are told', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint({ subject: '催办测试' }) });
    const id = await caseIdOf(res.json().trackingNo);
    const urge = await h.call('POST', `/api/v1/supervision/cases/${id}/urge`, {
      token: users['cs-manager'].token,
      body: { note: '请尽快受理' },
    });
    expect(urge.statusCode, urge.body).toBe(200);
    const outbox = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', id)
      .where('template', '=', 'urged')
      .execute();
    expect(outbox.map((o) => o.recipient)).toEqual(
      expect.arrayContaining(['role:customer-service', 'role:intake-clerk']),
    );
    expect(outbox.every((o) => o.recipient.startsWith('role:'))).toBe(true);
  });

  it('Recusal is manual, so it comes too late: in employee-complaint, naming the manager keeps his deputy in the same department out too (recusal.scope unit)', async () => {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        procedure: 'employee-complaint',
        respondents: [{ name: '销售部经理', type: 'person' }],
        occurredAt: '2026-11-20T09:00:00+08:00',
        location: '销售部办公室',
        subject: '经理长期安排无偿加班',
        fields: {},
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().trackingNo);
    expect((await get(id, 'sales-manager')).statusCode).toBe(404);
    expect((await get(id, 'sales-deputy')).statusCode).toBe(404);
    expect((await get(id, 'hr')).statusCode).toBe(200);
  });

  it('plaint doctor: an open case nobody non-recused can act on is an error (exit 1), with its tracking number', async () => {
    const before = (await h.call('GET', '/api/v1/admin/doctor', { token: admin.token })).json();
    expect(before.findings.filter((f: { check: string }) => f.check === 'unreachable-cases')).toEqual([]);
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        procedure: 'market-supervision',
        orgUnit: units.countyA,
        respondents: [{ name: '甲县局受理员', type: 'person' }],
        fields: { disclosureConsent: false },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().trackingNo);
    expect((await get(id, 'county-a')).statusCode).toBe(404);
    const doctor = await h.call('GET', '/api/v1/admin/doctor', { token: admin.token });
    expect(doctor.statusCode).toBe(200);
    expect(doctor.json().ok).toBe(false);
    expect(doctor.json().findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: 'unreachable-cases',
          severity: 'error',
          details: expect.objectContaining({ caseId: id }),
        }),
      ]),
    );
    expect((await h.call('GET', '/api/v1/admin/doctor', { token: users['cs-li'].token })).statusCode).toBe(403);
    const cli = await runCli(['doctor'], cliEnv(h.ctx.config));
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stdout).toContain(res.json().trackingNo);
  });

  it('A unit-scoped auditor grant is accepted (201) but then refused: now it is refused when granted', async () => {
    const res = await h.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: {
        username: 'unit-auditor',
        displayName: '部门审计',
        password: 'correct horse battery',
        grants: [{ role: 'auditor', orgUnit: units.cs }],
      },
    });
    expect(res.statusCode).toBe(400);
    const atRoot = await h.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: {
        username: 'root-auditor',
        displayName: '审计',
        password: 'correct horse battery',
        grants: [{ role: 'auditor', orgUnit: units.company }],
      },
    });
    expect(atRoot.statusCode, atRoot.body).toBe(201);
  });
  it('A notice to a role nobody holds at the case unit goes one level up, and the case is 无人可办 on the board until someone can act (issue 16, RTE-1, SLA-6)', async () => {
    units.countyB = (await addOrgUnit(h.ctx, { name: '乙县局', parent: units.company }, 'system:test')).id;
    await add('city-supervisor', '市局督办员', 'bureau-supervisor', 'company');
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        procedure: 'market-supervision',
        orgUnit: units.countyB,
        subject: '乙县某超市销售过期食品',
        respondents: [{ name: '乙县某超市', type: 'business' }],
        fields: { disclosureConsent: false },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf(res.json().trackingNo);
    const toRole = await h.ctx.store.db
      .selectFrom('outbox')
      .select('recipient')
      .where('case_id', '=', id)
      .where('recipient', 'like', 'role:%')
      .execute();
    expect(toRole.length).toBeGreaterThan(0);
    await dispatchOnce(h.ctx);
    // Nobody holds the intake role in 乙县局; the registrar of 甲县局 is not told, the city supervisor is.
    const told = async (who: string) =>
      (
        (await h.call('GET', '/api/v1/notifications', { token: users[who].token })).json().items as { caseId: string }[]
      ).some((n) => n.caseId === id);
    expect(await told('county-a')).toBe(false);
    expect(await told('city-supervisor')).toBe(true);
    const board = async () =>
      (await h.call('GET', '/api/v1/supervision', { token: users['city-supervisor'].token })).json();
    const flagged = await board();
    expect(flagged.unreached).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: id,
          unitId: units.countyB,
          unitName: '乙县局',
          label: { 'zh-CN': '无人可办', en: 'Nobody can act' },
        }),
      ]),
    );
    expect(flagged.totals.unreached).toBeGreaterThanOrEqual(1);
    // Not on the board of a unit below: 甲县局's registrar supervises nothing.
    expect((await h.call('GET', '/api/v1/supervision', { token: users['county-a'].token })).json().unreached).toEqual(
      [],
    );
    // A registrar is appointed in 乙县局: the next notice reaches them and the flag is cleared.
    await add('county-b', '乙县局受理员', 'bureau-registrar', 'countyB');
    const urge = await h.call('POST', `/api/v1/supervision/cases/${id}/urge`, {
      token: users['city-supervisor'].token,
      body: { note: '请尽快受理' },
    });
    expect(urge.statusCode, urge.body).toBe(200);
    await dispatchOnce(h.ctx);
    expect(await told('county-b')).toBe(true);
    expect((await board()).unreached.map((u: { caseId: string }) => u.caseId)).not.toContain(id);
  });
});
