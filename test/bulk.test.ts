import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * #18 bulk actions of the inbox (RTE-2 assign, SLA-6 urge, MS-12/INT-6 duplicates): one request,
 * each case through the one write path with its own result; a case the caller may not act on fails
 * alone. A company on top, 客服部 and 销售部 below, every grant held in a unit.
 */
describe.each(BACKENDS)('bulk actions (#18) on $name', (backend) => {
  const clock = new TestClock('2026-12-01T01:00:00.000Z');
  let h: Harness;
  const units: Record<string, string> = {};
  const users: Record<string, { id: string; token: string }> = {};

  const add = async (admin: string, username: string, role: string, unit: string) => {
    const res = await h.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: {
        username,
        displayName: username,
        password: 'correct horse battery',
        grants: [{ role, orgUnit: units[unit] }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    users[username] = { id: res.json().id, token: (await createToken(h.ctx, username, 't', 'system:test')).token };
  };
  const submit = async (subject: string) => {
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint({ subject }) });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo } = res.json();
    const row = await h.ctx.store.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirstOrThrow();
    return { id: row.id, trackingNo: trackingNo as string };
  };
  const view = async (id: string, who = 'cs-li') =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token: users[who].token })).json();
  const accept = async (id: string) => {
    const res = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
      token: users['cs-li'].token,
      body: { input: { category: 'product-quality' }, expectedVersion: (await view(id)).version },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const bulk = (who: string, body: unknown) => h.call('POST', '/api/v1/cases/bulk', { token: users[who].token, body });

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const admin = (await h.staff('bulk-admin', [], { isAdmin: true })).token;
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    units.company = company.id;
    units.cs = (await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    units.sales = (await addOrgUnit(h.ctx, { name: '销售部', parent: company.id }, 'system:test')).id;
    await add(admin, 'cs-li', 'customer-service', 'cs');
    await add(admin, 'cs-wang', 'customer-service', 'cs');
    await add(admin, 'sales-clerk', 'intake-clerk', 'sales');
    await add(admin, 'cs-manager', 'customer-service-manager', 'company');
    const set = await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin,
      body: { orgUnit: units.cs },
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(async () => h?.close());

  it('assigns many cases at once; one not yet accepted fails alone; each change is audited', async () => {
    const a = await submit('批量甲');
    const b = await submit('批量乙');
    const notYet = await submit('批量丙：未受理');
    await accept(a.id);
    await accept(b.id);
    const picker = await h.call('GET', `/api/v1/cases/bulk/assignees?ids=${a.id},${b.id},${notYet.id}`, {
      token: users['cs-li'].token,
    });
    expect(picker.statusCode, picker.body).toBe(200);
    const names = picker.json().users.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['cs-li', 'cs-wang']));
    expect(names).not.toContain('sales-clerk');
    const before = await h.ctx.store.db.selectFrom('audit_log').select('seq').execute();
    const res = await bulk('cs-li', { op: 'assign', caseIds: [a.id, b.id, notYet.id], assignee: users['cs-wang'].id });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(results[2].error.code).toBe('ACTION_NOT_ALLOWED');
    for (const id of [a.id, b.id]) {
      const c = await view(id);
      expect(c.status).toBe('assigned');
      expect(c.assigneeName).toBe('cs-wang');
    }
    const after = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('seq', '>', Math.max(0, ...before.map((r) => Number(r.seq))))
      .execute();
    expect(after.map((r) => r.entity_id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(after.map((r) => r.entity_id)).not.toContain(notYet.id);
  });

  it('a case the caller cannot see fails alone as NOT_FOUND', async () => {
    const mine = await submit('批量丁');
    await accept(mine.id);
    // 销售部's clerk registered this one: it lies in 销售部, out of 客服部's reach until forwarded.
    const res = await h.call('POST', '/api/v1/cases', {
      token: users['sales-clerk'].token,
      body: complaint({ subject: '门店登记的投诉', channel: 'walk-in' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const other = await h.ctx.store.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_no', '=', res.json().trackingNo)
      .executeTakeFirstOrThrow();
    const out = await bulk('cs-li', { op: 'assign', caseIds: [other.id, mine.id], assignee: users['cs-li'].id });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().results).toEqual([
      { id: other.id, ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      expect.objectContaining({ id: mine.id, ok: true, status: 'assigned' }),
    ]);
  });

  it('urges (催办) only as a supervisor of the unit above (SLA-6)', async () => {
    const a = await submit('批量催办甲');
    const b = await submit('批量催办乙');
    const refused = await bulk('cs-li', { op: 'urge', caseIds: [a.id, b.id], note: '请尽快处理' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const res = await bulk('cs-manager', { op: 'urge', caseIds: [a.id, b.id], note: '请尽快处理' });
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const c = await view(a.id);
    expect(c.timeline.map((e: { action: string }) => e.action)).toContain('supervision-urge');
  });

  it('closes duplicates of an earlier case, each with the duplicate link recorded (MS-12)', async () => {
    const first = await submit('冰箱不制冷（首次）');
    const dup1 = await submit('冰箱不制冷（重复一）');
    const dup2 = await submit('冰箱不制冷（重复二）');
    const res = await bulk('cs-li', {
      op: 'close-duplicate',
      caseIds: [dup1.id, dup2.id],
      of: first.trackingNo,
      note: '与先前投诉相同，已合并处理',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { status?: string }) => r.status)).toEqual(['rejected', 'rejected']);
    const links = await h.ctx.store.db
      .selectFrom('case_links')
      .selectAll()
      .where('from_case_id', '=', first.id)
      .execute();
    expect(links.map((l) => [l.to_case_id, l.kind]).sort()).toEqual(
      [
        [dup1.id, 'duplicate'],
        [dup2.id, 'duplicate'],
      ].sort(),
    );
    const closed = await view(dup1.id);
    expect(closed.data).toBeDefined();
    const unknown = await bulk('cs-li', {
      op: 'close-duplicate',
      caseIds: [first.id],
      of: 'TS-NOPE',
      note: '重复投诉',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.issues[0].path).toBe('of');
  });

  it('refuses bad input with 400 in the API’s error shape', async () => {
    for (const body of [
      { op: 'assign', caseIds: [], assignee: users['cs-li'].id },
      { op: 'delete', caseIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] },
      { op: 'urge', caseIds: ['x'], note: 'n' },
    ]) {
      const res = await bulk('cs-li', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
