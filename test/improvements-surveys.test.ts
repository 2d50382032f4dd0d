import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { improvementSummary } from '../src/app/improvements.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * STA-2, STA-3: corrective actions and training items with owner, due date, status and linked
 * cases, scoped to the units where a user holds a role; the summary the monthly report uses.
 * EVA-3: an anonymous employee survey — one-time codes, responses that hold nothing about the
 * person, results for HR of the unit only, withheld below three answers.
 */
describe.each(BACKENDS)('improvement actions and employee surveys on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-02T01:00:00.000Z');
  type Staff = { id: string; token: string };
  let sales: Staff; // customer service in 销售部
  let factory: Staff; // customer service in 工厂
  let hr: Staff; // HR of the company (surveys)
  let hrFactory: Staff; // HR of the factory only
  let admin: Staff;
  const units: Record<string, string> = {};

  async function staffIn(username: string, grants: [string, string | null][], isAdmin = false): Promise<Staff> {
    const user = await addUser(
      h.ctx,
      {
        username,
        displayName: username,
        password: 'correct horse battery',
        isAdmin,
        roles: grants.map(([role, unitId]) => ({ role, unitId })),
      },
      'system:test',
    );
    return { id: user.id, token: (await createToken(h.ctx, username, 'test', 'system:test')).token };
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    const salesUnit = await addOrgUnit(h.ctx, { name: '销售部', parent: company.id }, 'system:test');
    const factoryUnit = await addOrgUnit(h.ctx, { name: '工厂', parent: company.id }, 'system:test');
    Object.assign(units, { company: company.id, sales: salesUnit.id, factory: factoryUnit.id });
    sales = await staffIn('cs-sales', [['customer-service', salesUnit.id]]);
    factory = await staffIn('cs-factory', [['customer-service', factoryUnit.id]]);
    hr = await staffIn('hr-company', [['hr-officer', company.id]]);
    hrFactory = await staffIn('hr-factory', [['hr-officer', factoryUnit.id]]);
    admin = await staffIn('admin2', [], true);
  });
  afterAll(async () => h?.close());

  async function caseIn(unit: string): Promise<string> {
    const res = await h.call('POST', '/api/v1/cases', {
      token: admin.token,
      body: { ...complaint(), channel: 'phone', orgUnit: unit },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  it('STA-2: creates, links cases, moves through open → in progress → done, all audited and scoped', async () => {
    const salesCase = await caseIn(units.sales);
    const factoryCase = await caseIn(units.factory);
    const body = {
      kind: 'corrective',
      title: '冰箱送货前通电检测',
      causeCategory: 'product-quality',
      owner: sales.id,
      orgUnit: units.sales,
      dueDate: '2026-11-30',
      cases: [salesCase],
    };
    // Invalid input and another unit's actions are refused.
    expect(
      (await h.call('POST', '/api/v1/improvements', { token: sales.token, body: { ...body, kind: 'fix' } })).statusCode,
    ).toBe(400);
    expect((await h.call('POST', '/api/v1/improvements', { token: factory.token, body })).statusCode).toBe(403);
    // A case the user may not see cannot be linked (404, not 403: its existence stays hidden).
    expect(
      (await h.call('POST', '/api/v1/improvements', { token: sales.token, body: { ...body, cases: [factoryCase] } }))
        .statusCode,
    ).toBe(404);

    const created = await h.call('POST', '/api/v1/improvements', { token: sales.token, body });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({
      status: 'open',
      kind: 'corrective',
      owner: { id: sales.id },
      dueDate: '2026-11-30',
      version: 1,
      cases: [{ id: salesCase }],
    });
    const training = (
      await h.call('POST', '/api/v1/improvements', {
        token: factory.token,
        body: {
          kind: 'training',
          title: '装配工序培训',
          causeCategory: 'product-quality',
          orgUnit: units.factory,
          cases: [factoryCase],
        },
      })
    ).json();

    // Scope: each sees the actions of their units; the admin and a company-level role see both.
    const ids = async (token: string, query = '') =>
      (await h.call('GET', `/api/v1/improvements${query}`, { token })).json().items.map((i: { id: string }) => i.id);
    expect(await ids(sales.token)).toEqual([action.id]);
    expect(await ids(factory.token)).toEqual([training.id]);
    expect((await ids(hr.token)).sort()).toEqual([action.id, training.id].sort());
    expect(await ids(admin.token, '?kind=training')).toEqual([training.id]);
    expect(await ids(admin.token, `?case=${salesCase}`)).toEqual([action.id]);
    expect((await h.call('GET', `/api/v1/improvements/${action.id}`, { token: factory.token })).statusCode).toBe(404);
    expect(
      (
        await h.call('PATCH', `/api/v1/improvements/${action.id}`, {
          token: factory.token,
          body: { status: 'in-progress', expectedVersion: 1 },
        })
      ).statusCode,
    ).toBe(404);

    clock.set('2026-11-10T02:00:00.000Z');
    const started = await h.call('PATCH', `/api/v1/improvements/${action.id}`, {
      token: sales.token,
      body: { status: 'in-progress', addCases: [salesCase], expectedVersion: 1 },
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in-progress', version: 2 });
    expect(
      (
        await h.call('PATCH', `/api/v1/improvements/${action.id}`, {
          token: sales.token,
          body: { status: 'done', expectedVersion: 1 },
        })
      ).json().error.code,
    ).toBe('VERSION_CONFLICT');
    // Done needs a completion note.
    expect(
      (
        await h.call('PATCH', `/api/v1/improvements/${action.id}`, {
          token: sales.token,
          body: { status: 'done', expectedVersion: 2 },
        })
      ).statusCode,
    ).toBe(400);
    clock.set('2026-11-20T02:00:00.000Z');
    const done = await h.call('PATCH', `/api/v1/improvements/${action.id}`, {
      token: sales.token,
      body: { status: 'done', completionNote: '已在仓库增加通电检测工位', expectedVersion: 2 },
    });
    expect(done.json()).toMatchObject({
      status: 'done',
      completionNote: '已在仓库增加通电检测工位',
      completedAt: '2026-11-20T02:00:00.000Z',
      cases: [{ id: salesCase }],
    });

    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('entity_id', '=', action.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['improvement.create', 'improvement.update', 'improvement.update']);
    expect(JSON.parse(audit[2].payload as string)).toMatchObject({
      changes: { status: 'done', completion_note: '已在仓库增加通电检测工位' },
    });

    // The monthly report's view: November has the sales action done and the training still open;
    // at the end of October neither existed; a unit sees only its own.
    const november = await improvementSummary(h.ctx, {
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    });
    expect(november.done.map((a) => a.id)).toEqual([action.id]);
    expect(november.open.map((a) => a.id)).toEqual([training.id]);
    const midNovember = await improvementSummary(h.ctx, {
      unitId: units.sales,
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-15T00:00:00.000Z',
    });
    expect({ open: midNovember.open.map((a) => a.id), done: midNovember.done.map((a) => a.id) }).toEqual({
      open: [action.id],
      done: [],
    });
    const october = await improvementSummary(h.ctx, {
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
    });
    expect({ open: october.open, done: october.done }).toEqual({ open: [], done: [] });
  });

  it('EVA-3: HR defines a survey; employees answer anonymously with one-time codes; results for the unit only', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const body = {
      title: '2026年第四季度员工满意度调查',
      orgUnit: units.factory,
      codes: 5,
      opensAt: '2026-11-20T00:00:00Z',
      closesAt: '2026-11-27T00:00:00Z',
      questions: [
        { type: 'scale', text: '您对投诉处理的公正性是否满意？' },
        { type: 'text', text: '您的建议', required: false },
      ],
    };
    // Only HR (a role with `surveys`) of the unit or above; customer service may not.
    expect((await h.call('POST', '/api/v1/surveys', { token: factory.token, body })).statusCode).toBe(403);
    expect(
      (await h.call('POST', '/api/v1/surveys', { token: hrFactory.token, body: { ...body, orgUnit: units.sales } }))
        .statusCode,
    ).toBe(403);
    const created = await h.call('POST', '/api/v1/surveys', { token: hr.token, body });
    expect(created.statusCode, created.body).toBe(201);
    const survey = created.json();
    expect(survey.codes).toHaveLength(5);
    expect(new Set(survey.codes).size).toBe(5);

    const page = (await h.call('GET', `/api/v1/public/surveys/${survey.id}`)).json();
    expect(page).toMatchObject({
      open: true,
      questions: [
        { id: 'q1', type: 'scale' },
        { id: 'q2', type: 'text' },
      ],
    });

    const answer = (code: string, answers: Record<string, unknown>, ip = '10.0.0.7') =>
      h.http.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${survey.id}/responses`,
        remoteAddress: ip,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hr.token}` },
        payload: JSON.stringify({ code, answers }),
      });
    expect((await answer(survey.codes[0], { q1: 5, q2: '处理很及时' })).statusCode).toBe(201);
    // A code works once; an unknown code is refused; a missing required answer or an out-of-range value too.
    expect((await answer(survey.codes[0], { q1: 4 })).statusCode).toBe(404);
    expect((await answer('ABCDEFGHJKMN', { q1: 4 })).statusCode).toBe(404);
    expect((await answer(survey.codes[1], { q2: '没有评分' })).statusCode).toBe(400);
    expect((await answer(survey.codes[1], { q1: 6 })).statusCode).toBe(400);

    // Below three answers nothing per question is shown.
    const early = (await h.call('GET', `/api/v1/surveys/${survey.id}/results`, { token: hr.token })).json();
    expect(early).toMatchObject({ responses: 1, withheld: true, questions: [] });

    expect((await answer(survey.codes[1].toLowerCase(), { q1: 3, q2: '希望调查更透明' })).statusCode).toBe(201);
    expect((await answer(survey.codes[2], { q1: 4 })).statusCode).toBe(201);

    // Anonymity: a response row holds the answers and the day — no user, address, code or time.
    const rows = await h.ctx.store.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('survey_id', '=', survey.id)
      .execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['answers', 'id', 'submitted_on', 'survey_id']);
      expect(row.submitted_on).toBe('2026-11-20');
      const stored = JSON.stringify(row);
      for (const trace of [hr.id, '10.0.0.7', ...survey.codes]) expect(stored).not.toContain(trace);
    }
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', survey.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['survey.create']); // answering leaves no audit trail to a person

    const results = await h.call('GET', `/api/v1/surveys/${survey.id}/results`, { token: hr.token });
    expect(results.json()).toMatchObject({
      responses: 3,
      codesIssued: 5,
      responseRate: 0.6,
      withheld: false,
      questions: [
        { id: 'q1', type: 'scale', answered: 3, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 } },
        { id: 'q2', type: 'text', answered: 2, answers: ['处理很及时', '希望调查更透明'].sort() },
      ],
    });
    // HR of the factory sees it too (the survey is for the factory); customer service and sales do not.
    expect((await h.call('GET', `/api/v1/surveys/${survey.id}/results`, { token: hrFactory.token })).statusCode).toBe(
      200,
    );
    expect((await h.call('GET', `/api/v1/surveys/${survey.id}/results`, { token: factory.token })).statusCode).toBe(
      404,
    );
    expect(
      (await h.call('GET', '/api/v1/surveys', { token: hrFactory.token }))
        .json()
        .items.map((s: { id: string }) => s.id),
    ).toEqual([survey.id]);

    // After the period closes no answer is taken.
    clock.set('2026-11-27T00:00:00.000Z');
    expect((await answer(survey.codes[3], { q1: 2 })).statusCode).toBe(409);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });
  });

  it('EVA-3: guessing codes is throttled per client', async () => {
    clock.set('2026-11-21T02:00:00.000Z');
    const survey = (
      await h.call('POST', '/api/v1/surveys', {
        token: hr.token,
        body: {
          title: '试用问卷',
          orgUnit: units.company,
          codes: 1,
          opensAt: '2026-11-21T00:00:00Z',
          closesAt: '2026-11-28T00:00:00Z',
          questions: [{ type: 'scale', text: '总体满意度' }],
        },
      })
    ).json();
    const guess = (ip: string) =>
      h.http.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${survey.id}/responses`,
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: 'WRONGCODE123', answers: { q1: 3 } }),
      });
    for (let i = 0; i < 20; i++) expect((await guess('10.9.9.9')).statusCode).toBe(404);
    expect((await guess('10.9.9.9')).statusCode).toBe(429);
    // Another client is not affected, and the real code still works for it.
    const ok = await h.http.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${survey.id}/responses`,
      remoteAddress: '10.1.1.1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: survey.codes[0], answers: { q1: 3 } }),
    });
    expect(ok.statusCode).toBe(201);
  });
});
