import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * #18 canned replies (RES-4 written replies, CON-1 identities, AUD-1 audit): templates per procedure and
 * unit, offered on a case of that unit (or a unit below), rendered from the case; only admins manage them.
 * A company on top, 客服部 and 售后部 below; every grant held in a unit.
 */
describe.each(BACKENDS)('canned replies (#18) on $name', (backend) => {
  const clock = new TestClock('2026-12-01T01:00:00.000Z');
  let h: Harness;
  let admin: string;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const cases: Record<string, { id: string; trackingNo: string }> = {};

  const offered = async (who: string, unit: string) => {
    const res = await h.call('GET', `/api/v1/cases/${cases[unit]!.id}/canned-replies`, { token: tokens[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { title: string; rendered: string; body: string }[];
  };
  const add = async (body: Record<string, unknown>, token = admin) =>
    h.call('POST', '/api/v1/admin/canned-replies', { token, body });

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    admin = (await h.staff('canned-admin', [], { isAdmin: true })).token;
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    units.company = company.id;
    units.cs = (await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    units.after = (await addOrgUnit(h.ctx, { name: '售后部', parent: company.id }, 'system:test')).id;
    const people: [string, string, string, string][] = [
      ['cs-zhou', '周敏', 'customer-service', units.cs],
      ['after-wu', '吴强', 'department-handler', units.after],
      ['co-zheng', '郑总', 'department-handler', units.company],
    ];
    for (const [username, displayName, role, orgUnit] of people) {
      const res = await h.call('POST', '/api/v1/admin/users', {
        token: admin,
        body: { username, displayName, password: 'correct horse battery', grants: [{ role, orgUnit }] },
      });
      expect(res.statusCode, res.body).toBe(201);
      tokens[username] = (await createToken(h.ctx, username, 't', 'system:test')).token;
    }
    // One case lands in 客服部, the next in 售后部 (the procedure's intake unit at the time).
    for (const unit of ['cs', 'after']) {
      await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
        token: admin,
        body: { orgUnit: units[unit] },
      });
      const res = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
      expect(res.statusCode, res.body).toBe(201);
      const { trackingNo } = res.json();
      const row = await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      cases[unit] = { id: row.id, trackingNo };
    }
  });
  afterAll(async () => h?.close());

  it('a template of 客服部 is offered on its case, rendered, and not on 售后部’s case', async () => {
    const res = await add({
      procedureId: 'customer-complaint',
      orgUnitId: units.cs,
      title: '受理告知',
      body: '{{submitterName}}您好：您的投诉（编号 {{trackingNo}}）已由{{handlerName}}受理，办理期限：{{dueDate}}。{{unknown}}',
    });
    expect(res.statusCode, res.body).toBe(201);
    const mine = await offered('cs-zhou', 'cs');
    expect(mine.map((t) => t.title)).toEqual(['受理告知']);
    // customer-service holds identity:view (CON-1): the name; this procedure promises no public deadline.
    expect(mine[0]!.rendered).toBe(
      `张三您好：您的投诉（编号 ${cases.cs!.trackingNo}）已由周敏受理，办理期限：（暂无期限）。{{unknown}}`,
    );
    // The company's department handler sees both cases but not identities: 投诉人, not the name.
    const above = await offered('co-zheng', 'cs');
    expect(above[0]!.rendered).toContain('投诉人您好');
    expect(above[0]!.rendered).not.toContain('张三');
    expect(await offered('co-zheng', 'after')).toEqual([]);
    expect(await offered('after-wu', 'after')).toEqual([]);
  });

  it('organisation-wide and company templates reach every unit below; another procedure’s do not', async () => {
    for (const body of [
      { title: '全公司通用', body: '感谢您的反馈。' },
      { orgUnitId: units.company, title: '公司模板', body: '{{procedureName}}' },
      { procedureId: 'employee-complaint', title: '员工投诉专用', body: '仅员工投诉' },
    ]) {
      const res = await add(body);
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await offered('after-wu', 'after')).map((t) => t.title).sort()).toEqual(['公司模板', '全公司通用'].sort());
    const company = (await offered('after-wu', 'after')).find((t) => t.title === '公司模板')!;
    expect(company.rendered).toBe('顾客投诉处理');
  });

  it('{{dueDate}} is the nearest public deadline as a local date (employee complaint, HR unit)', async () => {
    const hr = (await addOrgUnit(h.ctx, { name: '人力资源部', parent: units.company! }, 'system:test')).id;
    const made = await h.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: {
        username: 'hr-qin',
        displayName: '秦丽',
        password: 'correct horse battery',
        grants: [{ role: 'hr-officer', orgUnit: hr }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const token = (await createToken(h.ctx, 'hr-qin', 't', 'system:test')).token;
    const filed = await h.call('POST', '/api/v1/cases', {
      token,
      body: {
        procedure: 'employee-complaint',
        kind: 'complaint',
        channel: 'walk-in',
        subject: '班组长长期辱骂',
        description: '装配二班班组长多次在班前会上当众辱骂我。',
        anonymous: false,
        submitter: { name: '王芳', phone: '13911112222' },
        respondents: [{ name: '陈某（装配二班班组长）', type: 'person' }],
        occurredAt: '2026-11-26T08:00:00+08:00',
        location: '装配车间',
        requestedOutcome: '公开道歉',
        fields: { department: '装配车间', position: '装配工' },
        affirmTruthful: true,
        orgUnit: hr,
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    expect(
      (await add({ procedureId: 'employee-complaint', orgUnitId: hr, title: '期限', body: '{{dueDate}}' })).statusCode,
    ).toBe(201);
    const view = (await h.call('GET', `/api/v1/cases/${id}`, { token })).json();
    const due = view.deadlines.find((d: { clock: string }) => d.clock === 'preliminary').dueAt as string;
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(due)).split('-');
    const res = await h.call('GET', `/api/v1/cases/${id}/canned-replies`, { token });
    expect(res.statusCode, res.body).toBe(200);
    const offers = res.json().items as { title: string; rendered: string }[];
    expect(offers.find((o) => o.title === '期限')?.rendered).toBe(`${y}年${Number(m)}月${Number(d)}日`);
  });

  it('a case the caller cannot see answers 404', async () => {
    const res = await h.call('GET', `/api/v1/cases/${cases.cs!.id}/canned-replies`, { token: tokens['after-wu'] });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('only admins manage templates; bad input answers 400', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/admin/canned-replies'],
      ['POST', '/api/v1/admin/canned-replies'],
    ] as const) {
      const res = await h.call(method, url, { token: tokens['cs-zhou'], body: { title: 'x', body: 'y' } });
      expect(res.statusCode, res.body).toBe(403);
    }
    for (const body of [
      { title: '', body: 'y' },
      { title: 'x' },
      { title: 'x', body: 'y', extra: 1 },
      { title: 'x', body: 'y', procedureId: 'no-such-procedure' },
      { title: 'x', body: 'y', orgUnitId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
      { title: 'x'.repeat(101), body: 'y' },
    ]) {
      const res = await add(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('change and delete are audited; an unknown id answers 404', async () => {
    const created = (await add({ title: '临时', body: '旧文' })).json();
    const put = await h.call('PUT', `/api/v1/admin/canned-replies/${created.id}`, {
      token: admin,
      body: { title: '临时（改）', body: '新文 {{trackingNo}}', orgUnitId: units.cs },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ title: '临时（改）', orgUnitId: units.cs, procedureId: null });
    const list = (await h.call('GET', '/api/v1/admin/canned-replies', { token: admin })).json().items;
    expect(list.find((t: { id: string }) => t.id === created.id).body).toBe('新文 {{trackingNo}}');
    const del = await h.call('DELETE', `/api/v1/admin/canned-replies/${created.id}`, { token: admin });
    expect(del.statusCode, del.body).toBe(204);
    expect((await h.call('DELETE', `/api/v1/admin/canned-replies/${created.id}`, { token: admin })).statusCode).toBe(
      404,
    );
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['canned-reply.add', 'canned-reply.change', 'canned-reply.remove']);
    expect(new Set(audit.map((a) => a.actor)).size).toBe(1);
  });
});
