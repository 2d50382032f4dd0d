import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/** The HTTP API of issue 2 on a real SQLite file and a real PostgreSQL (DESIGN.md "API"). */
describe.each(BACKENDS)('API on $name', (backend) => {
  let h: Harness;
  let clerk: { id: string; token: string };
  let service: { id: string; token: string };
  const clock = new TestClock('2026-11-30T02:00:00.000Z');

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    clerk = await h.staff('clerk', ['intake-clerk']);
    service = await h.staff('service', ['customer-service']);
  });
  afterAll(async () => h?.close());

  async function countRows(table: 'cases' | 'case_events' | 'audit_log' | 'outbox'): Promise<number> {
    const row = await h.ctx.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function submit(overrides: Record<string, unknown> = {}) {
    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint(overrides) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { trackingNo: string; receipt: string; status: string; deadlines: unknown[] };
  }

  it('answers health with the database it runs on', async () => {
    const res = await h.call('GET', '/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: backend.name });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const res = await h.call('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/public/cases', '/api/v1/cases/{id}/actions/{action}']),
    );
  });

  describe('sessions and tokens', () => {
    it('logs in with a session cookie that is httpOnly and SameSite, and logs out server-side', async () => {
      const login = await h.call('POST', '/api/v1/auth/login', {
        body: { username: 'service', password: 'correct horse battery' },
      });
      expect(login.statusCode).toBe(200);
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/plaint_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0];
      const me = await h.call('GET', '/api/v1/me', { headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        username: 'service',
        grants: [{ role: 'customer-service', unitId: null, unitPath: null }],
      });
      // A cookie alone cannot write: the CSRF token from the login must come with it.
      const forged = await h.call('POST', '/api/v1/auth/logout', { headers: { cookie } });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.details.reason).toBe('csrf');
      const csrf = login.json().csrfToken as string;
      expect(me.json().csrfToken).toBe(csrf);
      const out = await h.call('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } });
      expect(out.statusCode).toBe(204);
      const after = await h.call('GET', '/api/v1/me', { headers: { cookie } });
      expect(after.statusCode).toBe(401);
    });

    it('refuses a wrong password with 401 in the error shape', async () => {
      const res = await h.call('POST', '/api/v1/auth/login', {
        body: { username: 'service', password: 'wrong password!' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    });

    it('accepts an API token and refuses staff endpoints without one', async () => {
      expect((await h.call('GET', '/api/v1/me', { token: service.token })).statusCode).toBe(200);
      const anon = await h.call('GET', '/api/v1/cases');
      expect(anon.statusCode).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      expect((await h.call('GET', '/api/v1/cases', { token: 'plt_forged' })).statusCode).toBe(401);
    });

    it('authenticates before validating, so strangers learn nothing from a 400', async () => {
      const res = await h.call('POST', '/api/v1/cases/not-an-id/actions/accept', { body: { nonsense: true } });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('public submission (INT-2, INT-4)', () => {
    it('registers a named complaint: 201 with tracking number, receipt and status', async () => {
      const res = await submit();
      expect(res.trackingNo).toMatch(/^TS-20261130-[0-9A-Z]{6}$/);
      expect(res.receipt).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
      expect(res.status).toBe('received');
      // REG-2 / SLA-5: 24 hours to forward to customer service, from receipt (2026-11-30 10:00 Shanghai).
      // #18: the 24-hour forwarding (SLA-5) is an internal limit; the receipt shows only those owed to the customer.
      expect(res.deadlines).toEqual([]);
    });

    it('registers an anonymous complaint without any identity', async () => {
      const res = await submit({ anonymous: true, submitter: undefined });
      const row = await h.ctx.store.db
        .selectFrom('cases')
        .selectAll()
        .where('tracking_no', '=', res.trackingNo)
        .executeTakeFirstOrThrow();
      expect(row.anonymous).toBe(1);
      expect(row.submitter_enc).toBeNull();
    });

    it('stores the receipt only as a hash and the identity only encrypted', async () => {
      const res = await submit();
      const row = await h.ctx.store.db
        .selectFrom('cases')
        .selectAll()
        .where('tracking_no', '=', res.trackingNo)
        .executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(res.receipt);
      expect(stored).not.toContain(res.receipt.replace(/-/g, ''));
      expect(stored).not.toContain('13812345678');
      expect(stored).not.toContain('zhangsan@example.com');
      expect(row.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('shows status and the public timeline with the receipt, typed loosely', async () => {
      const res = await submit();
      const typed = res.receipt.toLowerCase().replace(/-/g, '');
      const view = await h.call('GET', `/api/v1/public/cases/${res.trackingNo}`, { headers: { 'x-receipt': typed } });
      expect(view.statusCode).toBe(200);
      const body = view.json();
      expect(body).toMatchObject({
        trackingNo: res.trackingNo,
        status: 'received',
        statusLabel: { 'zh-CN': '已登记' },
      });
      expect(body.timeline).toHaveLength(1);
      expect(body.timeline[0].text['zh-CN']).toContain('已登记');
      expect(JSON.stringify(body)).not.toContain('13812345678');
      expect(body.allowedActions.map((a: { id: string }) => a.id)).toEqual(['withdraw']);
    });

    it('answers a wrong receipt exactly like an unknown tracking number', async () => {
      const res = await submit();
      const wrong = await h.call('GET', `/api/v1/public/cases/${res.trackingNo}`, {
        headers: { 'x-receipt': 'AAAA-AAAA-AAAA-AAAA-AAAA' },
      });
      const missing = await h.call('GET', '/api/v1/public/cases/TS-20261130-ZZZZZZ', {
        headers: { 'x-receipt': res.receipt },
      });
      const none = await h.call('GET', `/api/v1/public/cases/${res.trackingNo}`);
      const garbage = await h.call('GET', '/api/v1/public/cases/hello', { headers: { 'x-receipt': res.receipt } });
      for (const r of [wrong, missing, none, garbage]) {
        expect(r.statusCode).toBe(404);
        expect(r.json()).toEqual(wrong.json());
      }
    });

    it('returns the first result for a retry with the same Idempotency-Key', async () => {
      const before = await countRows('cases');
      const body = complaint({ subject: '重复提交测试' });
      const first = await h.call('POST', '/api/v1/public/cases', { body, headers: { 'idempotency-key': 'retry-1' } });
      const second = await h.call('POST', '/api/v1/public/cases', { body, headers: { 'idempotency-key': 'retry-1' } });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(await countRows('cases')).toBe(before + 1);
      const other = await h.call('POST', '/api/v1/public/cases', {
        body: complaint({ subject: '另一件事' }),
        headers: { 'idempotency-key': 'retry-1' },
      });
      expect(other.statusCode).toBe(422);
      expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await countRows('cases')).toBe(before + 1);
    });

    it('creates one case for concurrent retries with the same key', async () => {
      const before = await countRows('cases');
      const body = complaint({ subject: '并发重试' });
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          h.call('POST', '/api/v1/public/cases', { body, headers: { 'idempotency-key': 'race-1' } }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.json().trackingNo)).size).toBe(1);
      expect(await countRows('cases')).toBe(before + 1);
    });

    it('lists the procedures a portal can offer', async () => {
      const res = await h.call('GET', '/api/v1/public/procedures');
      expect(res.statusCode).toBe(200);
      const cc = res.json().items.find((p: { id: string }) => p.id === 'customer-complaint');
      expect(cc).toMatchObject({ version: 5, name: { 'zh-CN': '顾客投诉处理' }, requireTruthAffirmation: true });
      expect(cc.categories.map((c: { id: string }) => c.id)).toContain('product-quality');
    });
  });

  describe('bad input writes nothing and never 500s', () => {
    const cases: [string, () => Promise<import('fastify').LightMyRequestResponse>, number, string][] = [
      [
        'malformed JSON',
        () => h.call('POST', '/api/v1/public/cases', { rawBody: '{"procedure": "customer-' }),
        400,
        'MALFORMED_JSON',
      ],
      ['an empty body', () => h.call('POST', '/api/v1/public/cases', { rawBody: '' }), 400, 'MALFORMED_JSON'],
      ['a JSON array', () => h.call('POST', '/api/v1/public/cases', { rawBody: '[1,2]' }), 400, 'VALIDATION_FAILED'],
      [
        'wrong types',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ anonymous: 'yes', subject: 42 }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown field',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ priority: 'high' }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown nested field',
        () =>
          h.call('POST', '/api/v1/public/cases', {
            body: complaint({ submitter: { name: '张三', phone: '13812345678', wechat: 'x' } }),
          }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown procedure field',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ fields: { colour: 'red' } }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a blank subject',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ subject: '   ' }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'no truthfulness affirmation (INT-5)',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ affirmTruthful: false }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'identity on an anonymous submission',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ anonymous: true }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a named submission without contact',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ submitter: { name: '张三' } }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown category',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ category: 'weather' }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a kind the procedure does not take',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ kind: 'report' }) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown procedure',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ procedure: 'no-such-procedure' }) }),
        422,
        'UNKNOWN_PROCEDURE',
      ],
      [
        'an oversize body',
        () => h.call('POST', '/api/v1/public/cases', { body: complaint({ description: '长'.repeat(40_000) }) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'text/plain',
        () => h.call('POST', '/api/v1/public/cases', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a bad Idempotency-Key',
        () =>
          h.call('POST', '/api/v1/public/cases', {
            body: complaint(),
            headers: { 'idempotency-key': 'x'.repeat(300) },
          }),
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown route', () => h.call('GET', '/api/v1/nothing-here'), 404, 'NOT_FOUND'],
    ];

    it.each(cases)('%s', async (_name, send, status, code) => {
      const before = await Promise.all([countRows('cases'), countRows('audit_log')]);
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      const body = res.json();
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
      expect(body.error).toHaveProperty('details');
      expect(await Promise.all([countRows('cases'), countRows('audit_log')])).toEqual(before);
    });

    it('never answers 500 to arbitrary JSON, at any public or staff write endpoint', async () => {
      const { id } = (
        await h.call('POST', '/api/v1/cases', { token: clerk.token, body: complaint({ channel: 'phone' }) })
      ).json();
      const { trackingNo, receipt } = await submit();
      const targets = [
        (body: unknown) => h.call('POST', '/api/v1/public/cases', { body }),
        (body: unknown) => h.call('POST', '/api/v1/cases', { token: clerk.token, body }),
        (body: unknown) => h.call('POST', `/api/v1/cases/${id}/actions/accept`, { token: service.token, body }),
        (body: unknown) =>
          h.call('POST', `/api/v1/public/cases/${trackingNo}/actions/withdraw`, {
            headers: { 'x-receipt': receipt },
            body: { input: body },
          }),
        (body: unknown) => h.call('POST', '/api/v1/auth/login', { body }),
      ];
      // Bodies shaped like the real ones, with any field replaced by any JSON value.
      const near = fc
        .record({
          key: fc.constantFrom(...Object.keys(complaint()), 'input', 'expectedVersion', 'username'),
          value: fc.jsonValue(),
        })
        .map(({ key, value }) => ({ ...complaint(), input: { category: 'other' }, expectedVersion: 1, [key]: value }));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue(), near),
          fc.integer({ min: 0, max: targets.length - 1 }),
          async (body, target) => {
            const res = await targets[target](body);
            expect(res.statusCode, res.body).toBeLessThan(500);
            expect(res.json().error ?? res.json()).toBeTruthy();
          },
        ),
        { numRuns: 150 },
      );
    });

    it('names the offending field in the details', async () => {
      const res = await h.call('POST', '/api/v1/public/cases', {
        body: complaint({ submitter: { name: '张三', phone: 'call me' } }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.issues[0].path).toBe('body.submitter.phone');
    });
  });

  describe('staff intake (INT-1, INT-3, REG-1)', () => {
    it('records a phone call taken yesterday with its real received time and the receiving person', async () => {
      const res = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({ channel: 'phone', receivedAt: '2026-11-29T09:30:00+08:00' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ status: 'received', version: 1 });
      expect(created.receipt).toBeTruthy();
      const detail = (await h.call('GET', `/api/v1/cases/${created.id}`, { token: service.token })).json();
      expect(detail).toMatchObject({ channel: 'phone', receivedAt: '2026-11-29T01:30:00.000Z', receivedBy: clerk.id });
      expect(detail.submitter).toEqual({ name: '张*', phone: '138****5678', email: 'z***@example.com' });
      expect(detail.timeline[0]).toMatchObject({ action: 'submit', actor: { kind: 'user', id: clerk.id } });
    });

    it('records a third-party complaint with the body that passed it on', async () => {
      const res = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({
          channel: 'third-party',
          thirdParty: { type: 'consumer-association', name: '市消费者协会', reference: 'XF-2026-118' },
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const detail = (await h.call('GET', `/api/v1/cases/${res.json().id}`, { token: service.token })).json();
      expect(detail.data.thirdParty).toEqual({
        type: 'consumer-association',
        name: '市消费者协会',
        reference: 'XF-2026-118',
      });
    });

    it('refuses a received time in the future and a third party without its name', async () => {
      const future = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({ channel: 'letter', receivedAt: '2026-12-05T09:00:00+08:00' }),
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.details.issues[0].path).toBe('receivedAt');
      const party = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({ channel: 'third-party' }),
      });
      expect(party.statusCode).toBe(400);
    });
  });

  describe('actions', () => {
    async function staffCase() {
      const res = await h.call('POST', '/api/v1/cases', {
        token: clerk.token,
        body: complaint({ channel: 'walk-in' }),
      });
      return res.json() as { id: string; trackingNo: string };
    }

    it('lists allowed actions for the actor and refuses others with 409 and the list', async () => {
      const { id } = await staffCase();
      const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json();
      expect(detail.allowedActions.map((a: { id: string }) => a.id)).toEqual([
        'forward',
        'accept',
        'reject',
        'close-invalid',
        'withdraw',
        'add-note',
      ]);
      const res = await h.call('POST', `/api/v1/cases/${id}/actions/reply`, {
        token: service.token,
        body: { input: { reply: '好', method: 'letter' }, expectedVersion: 1 },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'ACTION_NOT_ALLOWED',
        details: { status: 'received', allowedActions: detail.allowedActions.map((a: { id: string }) => a.id) },
      });
    });

    it('answers 403 when the role does not allow the action, 404 for an unknown action or case', async () => {
      const { id } = await staffCase();
      const forbidden = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: clerk.token,
        body: { input: { category: 'product-quality' }, expectedVersion: 1 },
      });
      expect(forbidden.statusCode).toBe(403);
      const unknown = await h.call('POST', `/api/v1/cases/${id}/actions/teleport`, {
        token: service.token,
        body: { input: {}, expectedVersion: 1 },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('UNKNOWN_ACTION');
      const noCase = await h.call('GET', '/api/v1/cases/0000000000AAAAAAAAAAAAAAAA', { token: service.token });
      expect(noCase.statusCode).toBe(404);
    });

    it('validates action input from its definition', async () => {
      const { id } = await staffCase();
      const res = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: service.token,
        body: { input: { category: 'weather', extra: 1 }, expectedVersion: 1 },
      });
      expect(res.statusCode).toBe(400);
      const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['input.category', 'input']));
    });

    it('refuses a stale expectedVersion with 409 and writes nothing', async () => {
      const { id } = await staffCase();
      const ok = await h.call('POST', `/api/v1/cases/${id}/actions/add-note`, {
        token: service.token,
        body: { input: { note: '已致电顾客' }, expectedVersion: 1 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().version).toBe(2);
      const before = await Promise.all([countRows('case_events'), countRows('audit_log'), countRows('outbox')]);
      const stale = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: service.token,
        body: { input: { category: 'product-quality' }, expectedVersion: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
      expect(await Promise.all([countRows('case_events'), countRows('audit_log'), countRows('outbox')])).toEqual(
        before,
      );
      const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json();
      expect(detail).toMatchObject({ status: 'received', version: 2 });
    });

    it('lets exactly one of two concurrent writers at the same version win', async () => {
      const { id } = await staffCase();
      const [a, b] = await Promise.all([
        h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
          token: service.token,
          body: { input: { category: 'product-quality' }, expectedVersion: 1 },
        }),
        h.call('POST', `/api/v1/cases/${id}/actions/reject`, {
          token: service.token,
          body: { input: { reasonCode: 'other', reason: '不属于本公司' }, expectedVersion: 1 },
        }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const events = await h.ctx.store.db.selectFrom('case_events').select('seq').where('case_id', '=', id).execute();
      expect(events.map((e) => Number(e.seq)).sort()).toEqual([1, 2]);
    });

    it('writes the timeline event, audit record and outbox row with every action', async () => {
      const { id } = await staffCase();
      const before = await Promise.all([countRows('case_events'), countRows('audit_log'), countRows('outbox')]);
      const res = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: service.token,
        body: { input: { category: 'service-attitude' }, expectedVersion: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(await Promise.all([countRows('case_events'), countRows('audit_log'), countRows('outbox')])).toEqual([
        before[0] + 1,
        before[1] + 1,
        before[2] + 1,
      ]);
      const outbox = await h.ctx.store.db
        .selectFrom('outbox')
        .selectAll()
        .where('case_id', '=', id)
        .where('event', '=', 'accept')
        .executeTakeFirstOrThrow();
      expect(outbox).toMatchObject({ recipient: 'submitter', template: 'accepted', status: 'pending' });
    });
  });

  describe('the inbox', () => {
    it('filters and pages with a cursor, newest first, without repeats', async () => {
      for (let i = 0; i < 7; i++) {
        clock.advance(1000);
        await h.call('POST', '/api/v1/cases', {
          token: clerk.token,
          body: complaint({ channel: 'letter', subject: `分页测试 ${i}`, fields: { store: '分页门店' } }),
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `channel=letter&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await h.call('GET', `/api/v1/cases?${query}`, { token: service.token })).json() as {
          items: { id: string; subject: string; channel: string }[];
          nextCursor: string | null;
        };
        expect(page.items.length).toBeLessThanOrEqual(3);
        page.items.forEach((item) => expect(item.channel).toBe('letter'));
        seen.push(...page.items.map((i) => i.subject));
        cursor = page.nextCursor;
      } while (cursor);
      const paging = seen.filter((s) => s.startsWith('分页测试'));
      expect(paging).toEqual([
        '分页测试 6',
        '分页测试 5',
        '分页测试 4',
        '分页测试 3',
        '分页测试 2',
        '分页测试 1',
        '分页测试 0',
      ]);
    });

    it('finds cases by words of the subject and by tracking number', async () => {
      const created = await submit({ subject: '洗衣机漏水严重' });
      const bySubject = (
        await h.call('GET', `/api/v1/cases?q=${encodeURIComponent('漏水')}`, { token: service.token })
      ).json();
      expect(bySubject.items.map((i: { trackingNo: string }) => i.trackingNo)).toContain(created.trackingNo);
      const byNo = (await h.call('GET', `/api/v1/cases?q=${created.trackingNo}`, { token: service.token })).json();
      expect(byNo.items).toHaveLength(1);
    });

    it('filters by status and assignee, and rejects unknown query parameters', async () => {
      const accepted = (await h.call('GET', '/api/v1/cases?status=accepted,rejected', { token: service.token })).json();
      accepted.items.forEach((i: { status: string }) => expect(['accepted', 'rejected']).toContain(i.status));
      const mine = (await h.call('GET', '/api/v1/cases?assignee=me', { token: service.token })).json();
      expect(mine.items).toEqual([]);
      const bad = await h.call('GET', '/api/v1/cases?sort=evil', { token: service.token });
      expect(bad.statusCode).toBe(400);
      const badLimit = await h.call('GET', '/api/v1/cases?limit=100000', { token: service.token });
      expect(badLimit.statusCode).toBe(400);
    });
  });
});
