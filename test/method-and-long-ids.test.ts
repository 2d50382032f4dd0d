import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

/** Issue 26: a known path with another method is 405 with `Allow`; ids as long as the schemas allow fit the router. */
describe.each(BACKENDS)('methods and long path ids on $name (issue 26)', (backend) => {
  let h: Harness;
  let staff: { id: string; token: string };
  beforeAll(async () => {
    h = await startHarness(backend);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    staff = await h.staff('kefu', [{ role: 'customer-service', unitId: service.id }] as never);
  });
  afterAll(async () => h?.close());

  it('answers 405 with Allow for a method a known path does not define, 404 for an unknown path', async () => {
    const health = await h.call('POST', '/api/v1/health', { body: {} });
    expect(health.statusCode).toBe(405);
    expect(health.headers.allow).toBe('GET, HEAD');
    expect(health.json().error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { allow: ['GET', 'HEAD'] } });
    const caseDelete = await h.call('DELETE', '/api/v1/cases/01KB0000000000000000000001', { token: staff.token });
    expect(caseDelete.statusCode).toBe(405);
    expect(caseDelete.headers.allow).toContain('GET');
    const unknown = await h.call('GET', '/api/v1/no-such-thing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('marks read a notification whose id is 109 characters (it answered 414 before)', async () => {
    const id = `01KB0000000000000000000001:3:data-request-notice:user:${staff.id}|in-app|0123456789`.padEnd(109, 'x');
    expect(id.length).toBe(109);
    await h.ctx.store.db
      .insertInto('staff_notifications')
      .values({
        id,
        user_id: staff.id,
        case_id: null,
        event: 'data-request',
        title: JSON.stringify({ 'zh-CN': '个人信息请求', en: 'Personal data request' }),
        body: '',
        created_at: h.ctx.now().toISOString(),
        read_at: null,
      })
      .execute();
    const res = await h.call('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`, { token: staff.token });
    expect(res.statusCode, res.body).toBe(200);
    const row = await h.ctx.store.db
      .selectFrom('staff_notifications')
      .select('read_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();
  });
});
