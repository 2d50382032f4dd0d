import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import { openApp, type AppContext } from '../src/app/context.ts';
import { SHARED_REFRESH_MS } from '../src/app/instance-sync.ts';
import { buildServer } from '../src/http/server.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { demoProcedureYaml } from './support/demo-procedure.ts';
import { checkContract } from '../src/http/contract-check.ts';

/** A small procedure only these tests upload (no built-in procedure is touched). */
const demo = (version: number, extra = '') =>
  demoProcedureYaml('upload-demo', version, { zh: '上传测试流程', en: 'Upload demo' }, extra);

type Call = (
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer it expects
) => Promise<{ statusCode: number; json(): any; body: string }>;
function caller(http: FastifyInstance): Call {
  return async (method, url, token, body) =>
    http.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** Issue 6 admin APIs: users, procedure versions (upload, validate, categories) and API tokens, on both databases. */
describe.each(BACKENDS)('procedure, user and token administration on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let ctx: AppContext;
  let http: FastifyInstance;
  // Issue 26: every answer is checked against the OpenAPI document, as the harness does.
  let contract: ReturnType<typeof checkContract> | undefined;
  afterEach(() => {
    expect(contract?.take() ?? [], 'API contract broken').toEqual([]);
  });
  let call: Call;
  let cleanup: () => Promise<void>;
  let admin = '';
  let handler = '';
  let handlerName = '';

  beforeAll(async () => {
    const opened = await openTestApp(backend, clock);
    ctx = opened.ctx;
    cleanup = opened.cleanup;
    http = await buildServer(ctx);
    contract = checkContract(http);
    call = caller(http);
    await addUser(
      ctx,
      { username: 'root', password: 'correct horse battery', roles: [], isAdmin: true },
      'system:test',
    );
    admin = (await createToken(ctx, 'root', 't', 'system:test')).token;
    handlerName = 'demo-staff';
    await addUser(
      ctx,
      { username: handlerName, password: 'correct horse battery', roles: ['customer-service'], isAdmin: false },
      'system:test',
    );
    handler = (await createToken(ctx, handlerName, 't', 'system:test')).token;
    // A config of the same database for the second instance below.
    secondConfig = opened.config;
  });
  let secondConfig: Parameters<typeof openApp>[0];
  afterAll(async () => {
    await http?.close();
    await cleanup?.();
  });

  async function storedVersions(id: string): Promise<number[]> {
    return (
      await ctx.store.db.selectFrom('procedures').select('version').where('id', '=', id).orderBy('version').execute()
    ).map((r) => Number(r.version));
  }
  async function submitDemo(c: Call = call) {
    const res = await c('POST', '/api/v1/public/cases', undefined, {
      procedure: 'upload-demo',
      kind: 'complaint',
      subject: '楼下施工噪音',
      description: '每天晚上十点以后还在施工。',
      anonymous: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await ctx.store.db
      .selectFrom('cases')
      .select(['id', 'procedure_version'])
      .where('tracking_no', '=', res.json().trackingNo)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      version: Number(row.procedure_version),
      ...(res.json() as { trackingNo: string; receipt: string }),
    };
  }

  it('refuses everyone but admins (403), and strangers (401)', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/admin/procedures'],
      ['POST', '/api/v1/admin/procedures', { yaml: demo(1) }],
      ['GET', '/api/v1/admin/procedures/customer-complaint/versions/1'],
      ['POST', '/api/v1/admin/procedures/customer-complaint/categories', { id: 'x', label: { 'zh-CN': '新' } }],
      ['GET', '/api/v1/admin/tokens'],
      ['POST', '/api/v1/admin/tokens', { username: handlerName, label: 'x', scope: 'read' }],
    ] as [string, string, unknown?][]) {
      expect((await call(method, url, handler, body)).statusCode, `${method} ${url}`).toBe(403);
      expect((await call(method, url, undefined, body)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await storedVersions('upload-demo')).toEqual([]);
    expect(await storedVersions('customer-complaint')).toEqual([5]);
  });

  it('lists users with their grants and never a password hash', async () => {
    const res = await call('GET', '/api/v1/admin/users', admin);
    expect(res.statusCode).toBe(200);
    // No hash and no hash column; `mustChangePassword` (issue 28) is a flag, not a secret.
    expect(res.body).not.toMatch(/argon|password_?hash|"password"/i);
    const staff = res.json().items.find((u: { username: string }) => u.username === handlerName);
    expect(staff).toMatchObject({
      isAdmin: false,
      disabled: false,
      grants: [{ role: 'customer-service', orgUnitId: null }],
    });
    expect(res.json().items.find((u: { username: string }) => u.username === 'root')).toMatchObject({
      isAdmin: true,
      grants: [],
    });
  });

  it('a bad definition is 400 with path and line for each problem, and nothing is stored', async () => {
    const wrongState = demo(1).replace('to: done', 'to: nowhere');
    const res = await call('POST', '/api/v1/admin/procedures', admin, { yaml: wrongState });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const line = wrongState.split('\n').findIndex((l) => l.includes('to: nowhere')) + 1;
    expect(res.json().error.details.issues).toEqual([
      { path: 'actions[0](finish).to', line, message: 'unknown state "nowhere"' },
    ]);

    const broken = await call('POST', '/api/v1/admin/procedures', admin, {
      yaml: demo(1).replace('states:', 'states: ['),
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.issues[0]).toMatchObject({
      path: '',
      message: expect.stringMatching(/^not valid YAML/),
    });
    expect(broken.json().error.details.issues[0].line).toBeGreaterThan(0);

    const dry = await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(1), dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ id: 'upload-demo', version: 1, stored: false });
    expect(await storedVersions('upload-demo')).toEqual([]);
    const listed = (await call('GET', '/api/v1/admin/procedures', admin)).json().items.map((p: { id: string }) => p.id);
    expect(listed).toContain('customer-complaint');
    expect(listed).not.toContain('upload-demo');
    expect(
      (
        await call('POST', '/api/v1/public/cases', undefined, {
          procedure: 'upload-demo',
          kind: 'complaint',
          subject: 's',
          description: 'd',
          anonymous: true,
        })
      ).statusCode,
    ).toBe(422);
  });

  it('refuses alias bombs and deep nesting with 400 and the line, before building the document (issue 28)', async () => {
    const refused = async (yaml: string, message: RegExp, line: number) => {
      const started = performance.now();
      const res = await call('POST', '/api/v1/admin/procedures', admin, { yaml, dryRun: true });
      const ms = performance.now() - started;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.issues).toEqual([{ path: '', line, message: expect.stringMatching(message) }]);
      return ms;
    };
    const nine = (x: string) => `[${Array(9).fill(x).join(',')}]`;
    const bomb = [
      'id: bomb',
      `a: &a ${nine('"lol"')}`,
      ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} ${nine(`*${'abcdefgh'[i]}`)}`),
    ].join('\n');
    // 72 aliases, nine a line from line 3: the 65th is on line 10.
    const times = [await refused(bomb, /more than 64 aliases/, 10)];
    // Fewer aliases that still expand into millions of nodes: yaml's own guard, as a 400 too.
    const wide = [
      'id: bomb',
      `a: &a ${nine('"lol"')}`,
      `b: &b ${nine('*a')}`,
      `c: &c ${nine('*b')}`,
      `d: &d ${nine('*c')}`,
      `e: &e ${nine('*d')}`,
      `f: &f ${nine('*e')}`,
    ].join('\n');
    const res = await call('POST', '/api/v1/admin/procedures', admin, { yaml: wide, dryRun: true });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.issues[0].message).toMatch(/aliases expand too far/);
    // 480 kB of nesting, in flow style and in block style.
    times.push(await refused(`id: deep\nx: ${'['.repeat(240_000)}${']'.repeat(240_000)}`, /nested too deeply/, 2));
    times.push(await refused(`id: deep\nx:\n${'- '.repeat(240_000)}x`, /nested too deeply/, 3));
    const deepBlock = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    times.push(await refused(deepBlock, /nested too deeply/, 162));
    console.log(`refused in ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  });

  it('an uploaded version is used by new cases at once; old cases keep theirs; versions only go up (audited)', async () => {
    const first = await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(1) });
    expect(first.statusCode, first.body).toBe(201);
    const old = await submitDemo();
    expect(old.version).toBe(1);

    const differs = await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(1).replace('噪音', '噪声') });
    expect(differs.statusCode).toBe(409);
    expect(differs.json().error.message).toMatch(/内容不同.*other content/);
    const same = await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(1) });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.details).toMatchObject({ path: 'version', latestVersion: 1 });
    // A dry run reports the same refusal.
    expect(
      (await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(1).replace('噪音', '噪声'), dryRun: true }))
        .statusCode,
    ).toBe(409);

    const second = await call('POST', '/api/v1/admin/procedures', admin, {
      yaml: demo(2, '\n    visibility: public\n    publicText: { zh-CN: 已办结。, en: Done. }'),
    });
    expect(second.statusCode, second.body).toBe(201);
    const fresh = await submitDemo();
    expect(fresh.version).toBe(2);
    const lower = await call('POST', '/api/v1/admin/procedures', admin, {
      yaml: demo(2).replace('version: 2', 'version: 1').replace('噪音', '新'),
    });
    expect(lower.statusCode).toBe(409);
    expect(await storedVersions('upload-demo')).toEqual([1, 2]);

    const item = (await call('GET', '/api/v1/admin/procedures', admin))
      .json()
      .items.find((p: { id: string }) => p.id === 'upload-demo');
    expect(item).toMatchObject({
      latestVersion: 2,
      versions: [
        { version: 2, latest: true },
        { version: 1, latest: false },
      ],
    });
    const v1 = await call('GET', '/api/v1/admin/procedures/upload-demo/versions/1', admin);
    expect(v1.statusCode).toBe(200);
    expect(v1.json().definition.actions[0].visibility).toBe('internal');
    expect(v1.json().yaml).toMatch(/zh-CN: 噪音/);
    expect((await call('GET', '/api/v1/admin/procedures/upload-demo/versions/9', admin)).statusCode).toBe(404);
    // The old case still runs under version 1 and its tracking page still works.
    expect(
      (
        await http.inject({
          method: 'GET',
          url: `/api/v1/public/cases/${old.trackingNo}`,
          headers: { 'x-receipt': old.receipt },
        })
      ).statusCode,
    ).toBe(200);
    const row = await ctx.store.db
      .selectFrom('cases')
      .select('procedure_version')
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.procedure_version)).toBe(1);

    const audits = await ctx.store.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor'])
      .where('action', '=', 'procedure.version')
      .execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual(['upload-demo@1', 'upload-demo@2']);
  });

  it('adding, renaming and removing a category each make a new version; old cases keep theirs (CLS-1)', async () => {
    const before = await submitDemo();
    const add = await call('POST', '/api/v1/admin/procedures/upload-demo/categories', admin, {
      id: 'smell',
      label: { 'zh-CN': '异味', en: 'Smell' },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({
      version: 3,
      categories: [{ id: 'noise' }, { id: 'smell', label: { 'zh-CN': '异味' } }],
    });
    expect(
      (
        await call('POST', '/api/v1/admin/procedures/upload-demo/categories', admin, {
          id: 'smell',
          label: { 'zh-CN': '异味' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call('POST', '/api/v1/admin/procedures/upload-demo/categories', admin, {
          id: 'Bad Id',
          label: { 'zh-CN': '坏' },
        })
      ).statusCode,
    ).toBe(400);
    const rename = await call('PATCH', '/api/v1/admin/procedures/upload-demo/categories/smell', admin, {
      label: { 'zh-CN': '气味', en: 'Odour' },
    });
    expect(rename.json()).toMatchObject({
      version: 4,
      categories: [{ id: 'noise' }, { id: 'smell', label: { 'zh-CN': '气味', en: 'Odour' } }],
    });
    const remove = await call('DELETE', '/api/v1/admin/procedures/upload-demo/categories/noise', admin);
    expect(remove.json()).toMatchObject({ version: 5, categories: [{ id: 'smell' }] });
    expect((await call('DELETE', '/api/v1/admin/procedures/upload-demo/categories/noise', admin)).statusCode).toBe(404);
    expect(
      (await call('POST', '/api/v1/admin/procedures/no-such/categories', admin, { id: 'x', label: { 'zh-CN': '新' } }))
        .statusCode,
    ).toBe(404);
    expect(await storedVersions('upload-demo')).toEqual([1, 2, 3, 4, 5]);
    expect((await submitDemo()).version).toBe(5);
    const kept = await ctx.store.db
      .selectFrom('cases')
      .select('procedure_version')
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(Number(kept.procedure_version)).toBe(2);
    // The portal's form offers the new categories.
    const portal = (await call('GET', '/api/v1/public/procedures'))
      .json()
      .items.find((p: { id: string }) => p.id === 'upload-demo');
    expect(JSON.stringify(portal)).toMatch(/气味/);
    expect(JSON.stringify(portal)).not.toMatch(/噪音/);
  });

  it('timelines name each step by the procedure’s label; the public one shows only public steps', async () => {
    await addUser(
      ctx,
      { username: 'demo-h', password: 'correct horse battery', roles: ['demo-handler'], isAdmin: false },
      'system:test',
    );
    const demoHandler = (await createToken(ctx, 'demo-h', 't', 'system:test')).token;
    const c = await submitDemo();
    const done = await call('POST', `/api/v1/cases/${c.id}/actions/finish`, demoHandler, {
      input: {},
      expectedVersion: 1,
    });
    expect(done.statusCode, done.body).toBe(200);
    const staff = (await call('GET', `/api/v1/cases/${c.id}`, demoHandler)).json();
    const finish = staff.timeline.find((e: { action: string }) => e.action === 'finish');
    expect(finish).toMatchObject({
      actionLabel: { 'zh-CN': '办结', en: 'Finish' },
      toStatusLabel: { 'zh-CN': '已办结', en: 'Done' },
    });
    expect(staff.timeline.find((e: { action: string }) => e.action === 'submit').actionLabel).toBeNull();
    const pub = (
      await http.inject({
        method: 'GET',
        url: `/api/v1/public/cases/${c.trackingNo}`,
        headers: { 'x-receipt': c.receipt },
      })
    ).json();
    expect(pub.timeline.map((e: { action: string; actionLabel: unknown }) => [e.action, e.actionLabel])).toEqual([
      ['submit', null],
      ['finish', { 'zh-CN': '办结', en: 'Finish' }],
    ]);
  });

  it('a second instance on the same database finds versions the first uploaded', async () => {
    const other = await openApp(secondConfig, { now: clock.now });
    const otherHttp = await buildServer(other);
    const call2 = caller(otherHttp);
    try {
      // A procedure the second instance has never seen: found when a submission names it.
      const upload = await call('POST', '/api/v1/admin/procedures', admin, {
        yaml: demo(1).replace('id: upload-demo', 'id: upload-other'),
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const res = await call2('POST', '/api/v1/public/cases', undefined, {
        procedure: 'upload-other',
        kind: 'complaint',
        subject: '噪音',
        description: '夜间施工',
        anonymous: true,
      });
      expect(res.statusCode, res.body).toBe(201);

      // A new version of a known procedure: a case opened under it on the first instance is
      // readable and workable on the second at once; new cases there take it within the interval.
      expect((await call('POST', '/api/v1/admin/procedures', admin, { yaml: demo(6) })).statusCode).toBe(201);
      const c = await submitDemo();
      expect(c.version).toBe(6);
      const tracked = await call2('GET', `/api/v1/public/cases/${c.trackingNo}`, undefined);
      expect(tracked.statusCode).toBe(404); // no receipt header: not found, whatever the version
      const viaReceipt = await otherHttp.inject({
        method: 'GET',
        url: `/api/v1/public/cases/${c.trackingNo}`,
        headers: { 'x-receipt': c.receipt },
      });
      expect(viaReceipt.statusCode, viaReceipt.body).toBe(200);
      expect(viaReceipt.json().statusLabel).toMatchObject({ 'zh-CN': '已登记' });
      const detail = await call2('GET', `/api/v1/cases/${c.id}`, admin);
      expect(detail.statusCode, detail.body).toBe(200);

      clock.advance(SHARED_REFRESH_MS);
      const onSecond = await submitDemo(call2);
      expect(onSecond.version).toBe(6);
      // Calendar days imported on the first instance count on the second after the interval too.
      const before = (await call2('GET', '/api/v1/calendar', admin)).json();
      expect(before.yearsCovered).not.toContain(2027);
      const imported = await call('POST', '/api/v1/admin/calendar', admin, {
        source: '国务院办公厅通知（测试）',
        years: [2027],
        offDays: [{ date: '2027-01-01', name: '元旦' }],
      });
      expect(imported.statusCode, imported.body).toBe(200);
      expect((await call2('GET', '/api/v1/calendar', admin)).json().version).toBe(before.version); // within the interval
      clock.advance(SHARED_REFRESH_MS);
      const after = (await call2('GET', '/api/v1/calendar', admin)).json();
      expect(after.yearsCovered).toContain(2027);
      expect(after.version).toBe(imported.json().calendarVersion);
      const listed = (await call2('GET', '/api/v1/admin/procedures', admin))
        .json()
        .items.find((p: { id: string }) => p.id === 'upload-demo');
      expect(listed.latestVersion).toBe(6);
      // The second instance refuses a stale number just like the first.
      expect(
        (await call2('POST', '/api/v1/admin/procedures', admin, { yaml: demo(6).replace('噪音', '别的') })).statusCode,
      ).toBe(409);
    } finally {
      await otherHttp.close();
      await other.close();
    }
  });

  it('API tokens: created for a user with a scope and shown once, listed with last use, revoked (then 401); audited', async () => {
    const bad = await call('POST', '/api/v1/admin/tokens', admin, {
      username: handlerName,
      label: 'x',
      scope: 'admin',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call('POST', '/api/v1/admin/tokens', admin, { username: 'nobody-here', label: 'x', scope: 'read' }))
        .statusCode,
    ).toBe(404);

    const created = await call('POST', '/api/v1/admin/tokens', admin, {
      username: handlerName,
      label: '报表系统',
      scope: 'read',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^plt_/);
    expect(created.json()).toMatchObject({
      username: handlerName,
      label: '报表系统',
      scopes: ['read'],
      lastUsedAt: null,
      revokedAt: null,
    });

    expect((await call('GET', '/api/v1/cases', token)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV/links', token, {})).statusCode).toBe(403);
    const listed = await call('GET', '/api/v1/admin/tokens', admin);
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toMatch(/hash/i);
    const mine = listed.json().items.find((t: { id: string }) => t.id === id);
    expect(mine).toMatchObject({
      label: '报表系统',
      scopes: ['read'],
      lastUsedAt: clock.now().toISOString(),
      revokedAt: null,
    });

    expect((await call('DELETE', `/api/v1/admin/tokens/${id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/cases', token)).statusCode).toBe(401);
    expect(
      (await call('GET', '/api/v1/admin/tokens', admin)).json().items.find((t: { id: string }) => t.id === id)
        .revokedAt,
    ).not.toBeNull();
    expect((await call('DELETE', '/api/v1/admin/tokens/01ARZ3NDEKTSV4RRFFQ69G5FAV', admin)).statusCode).toBe(404);
    const audits = await ctx.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['token.create', 'token.revoke']);
  });
});
