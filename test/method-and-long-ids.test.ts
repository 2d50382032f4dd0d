import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { BUILT_IN_DIR, readProcedureFiles } from '../src/app/procedures.ts';
import { MAX_ID_LENGTH } from '../src/domain/procedure.schema.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { deliveryRows } from '../src/notify/recipients.ts';
import type { OutboxRow } from '../src/store/outbox.repository.ts';
import { BACKENDS } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/** Issue 26: a known path with another method is 405 with `Allow`; ids as long as the schemas allow fit the router. */
describe.each(BACKENDS)('methods and long path ids on $name (issue 26)', (backend) => {
  let h: Harness;
  let staff: { id: string; token: string };
  let manager: { id: string; token: string };
  beforeAll(async () => {
    h = await startHarness(backend);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    staff = await h.staff('kefu', [{ role: 'customer-service', unitId: service.id }] as never);
    manager = await h.staff('kefu-manager', ['customer-service-manager']);
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

  it('every in-app notice id the built-in procedures can make fits the router and the schema, percent-encoded', async () => {
    // Every template and every role the built-in procedures name (notify, onBreach, warnNotify, roles,
    // the personal-data request's handler), read from the files as the server loads them.
    const templates = new Set<string>(['data-request']);
    const roles = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.template === 'string') templates.add(o.template);
        if (typeof o.to === 'string' && o.to.startsWith('role:')) roles.add(o.to.slice('role:'.length));
        Object.values(o).forEach(walk);
      }
    };
    for (const p of readProcedureFiles(BUILT_IN_DIR)) {
      walk(p);
      for (const r of p.roles) roles.add(r.id);
      if (p.records.requestsHandledBy) roles.add(p.records.requestsHandledBy);
    }
    expect(templates.size).toBeGreaterThan(20);
    expect(roles.size).toBeGreaterThan(10);
    // And the longest an organisation's own procedure may name (ids are capped by the procedure schema).
    templates.add('t'.repeat(MAX_ID_LENGTH));
    roles.add('r'.repeat(MAX_ID_LENGTH));
    const doc = h.http.swagger() as unknown as {
      paths: Record<string, { post: { parameters: { name: string; schema: { maxLength: number } }[] } }>;
    };
    const schemaMax = doc.paths['/api/v1/notifications/{id}/read'].post.parameters.find((p) => p.name === 'id')!.schema
      .maxLength;
    const routerMax = (h.http.initialConfig as { routerOptions?: { maxParamLength?: number } }).routerOptions
      ?.maxParamLength;
    expect(routerMax).toBeDefined();
    // A case and a user id are ULIDs (26); a case version of five digits is more than any case reaches.
    const caseId = '01KB0000000000000000000001';
    const userId = '01KB0000000000000000000002';
    let longest = '';
    for (const template of templates)
      for (const to of ['assignee', `item:${'f'.repeat(MAX_ID_LENGTH)}`, ...[...roles].map((r) => `role:${r}`)]) {
        // The outbox key (case-writes.ts) and the delivery id (recipients.ts) as the code builds them.
        const outbox = { idempotency_key: `${caseId}:99999:${template}:${to}`, case_id: caseId } as OutboxRow;
        const [{ id }] = deliveryRows(outbox, [{ channel: 'inapp', target: `user:${userId}` }], '');
        expect(id.length, id).toBeLessThanOrEqual(schemaMax);
        expect(encodeURIComponent(id).length, id).toBeLessThanOrEqual(routerMax!);
        if (encodeURIComponent(id).length > encodeURIComponent(longest).length) longest = id;
      }
    // The longest reaches the handler (no such notice: 404), not the router's 414 or the schema's 400.
    const res = await h.call('POST', `/api/v1/notifications/${encodeURIComponent(longest)}/read`, {
      token: staff.token,
    });
    expect(res.statusCode, `${longest}: ${res.body}`).toBe(404);
  });

  it('marks read a real personal-data request notice (109 characters; it answered 414 before)', async () => {
    const made = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(made.statusCode, made.body).toBe(201);
    const { trackingNo, receipt } = made.json();
    const asked = await h.call('POST', `/api/v1/public/cases/${trackingNo}/data-requests`, {
      headers: { 'x-receipt': receipt },
      body: { type: 'access', details: '请提供我的全部个人信息' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    await dispatchOnce(h.ctx, 1000);
    const items = (await h.call('GET', '/api/v1/notifications', { token: manager.token })).json().items as {
      id: string;
    }[];
    const notice = items.find((n) => n.id.includes(':data-request:role:customer-service-manager|inapp|user:'));
    expect(notice, JSON.stringify(items)).toBeDefined();
    expect(notice!.id.length).toBeGreaterThanOrEqual(109);
    const res = await h.call('POST', `/api/v1/notifications/${encodeURIComponent(notice!.id)}/read`, {
      token: manager.token,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(notice!.id);
    const row = await h.ctx.store.db
      .selectFrom('staff_notifications')
      .select('read_at')
      .where('id', '=', notice!.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();
  });
});
