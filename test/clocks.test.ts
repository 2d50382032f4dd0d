import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { indexPending } from '../src/store/search-index.ts';
import type { AppContext } from '../src/app/context.ts';
import type { FastifyInstance } from 'fastify';
import { BACKENDS, TestClock } from './support/backends.ts';
import { checkContract } from '../src/http/contract-check.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/procedures/', import.meta.url));
const submission = {
  procedure: 'clock-demo',
  kind: 'complaint',
  subject: '电梯停运',
  description: '3号楼电梯停运两天',
  anonymous: true,
};

/** Clocks through the HTTP API and the sweeper, with a clock the test moves (SLA-1…SLA-7). */
describe.each(BACKENDS)('clocks on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z'); // Monday 10:00 in Shanghai
  let ctx: AppContext;
  let http: FastifyInstance;
  // Issue 26: every answer is checked against the OpenAPI document, as the harness does.
  let contract: ReturnType<typeof checkContract> | undefined;
  afterEach(() => {
    expect(contract?.take() ?? [], 'API contract broken').toEqual([]);
  });
  let cleanup: () => Promise<void>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const made = await backend.config();
    cleanup = made.cleanup;
    ctx = await openApp({ ...made.config, procedureDirs: [FIXTURES] }, { now: clock.now });
    http = await buildServer(ctx);
    contract = checkContract(http);
    for (const [name, roles, isAdmin] of [
      ['handler', ['handler'], false],
      ['manager', ['manager'], false],
      ['gm', ['general-manager'], false],
      ['admin', [], true],
    ] as const) {
      await addUser(
        ctx,
        { username: name, password: 'correct horse battery', roles: [...roles], isAdmin },
        'system:test',
      );
      tokens[name] = (await createToken(ctx, name, 't', 'system:test')).token;
    }
  });
  afterAll(async () => {
    await http?.close();
    await ctx?.close();
    await cleanup?.();
  });

  const call = async (method: 'GET' | 'POST', url: string, who: string, body?: unknown) => {
    // Issue 22: a search right after a submit waits for the indexer, as the harness's call does.
    if (method === 'GET' && /[?&]q=/.test(url)) await indexPending(ctx.store);
    return http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(body ? { payload: body as object } : {}),
    });
  };

  async function newCase(): Promise<string> {
    const res = await http.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${tokens.handler}` },
      payload: { ...submission, channel: 'phone' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  async function act(id: string, action: string, who: string, input: Record<string, unknown> = {}) {
    const detail = (await call('GET', `/api/v1/cases/${id}`, who)).json();
    const res = await call('POST', `/api/v1/cases/${id}/actions/${action}`, who, {
      input,
      expectedVersion: detail.version,
    });
    return res;
  }
  const deadlinesOf = async (id: string) =>
    Object.fromEntries(
      ((await call('GET', `/api/v1/cases/${id}`, 'handler')).json().deadlines as { clock: string }[]).map((d) => [
        d.clock,
        d,
      ]),
    ) as unknown as Record<string, { dueAt: string; status: string; provisional: boolean; extendedBy: number }>;

  it('starts the declared clocks with lengths by severity and explains each deadline on the timeline (SLA-1, SLA-2)', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const id = await newCase();
    expect((await act(id, 'accept', 'handler', { severity: 'important' })).statusCode).toBe(200);
    const d = await deadlinesOf(id);
    expect(d.resolution).toMatchObject({ dueAt: '2026-12-03T16:00:00.000Z', status: 'running', provisional: false }); // 3 days for 重要
    expect(d.feedback.dueAt).toBe('2026-12-07T16:00:00.000Z'); // 5 working days: Tue–Fri and Monday
    expect(d['wb-feedback'].dueAt).toBe('2027-03-01T16:00:00.000Z'); // 2027-02-28 is a Sunday …
    expect(d['wb-feedback'].provisional).toBe(true); // … in a year without data yet
    const timeline = (await call('GET', `/api/v1/cases/${id}`, 'handler')).json().timeline;
    const notes = timeline.find((e: { action: string }) => e.action === 'accept').clocks;
    expect(notes.find((n: { clock: string }) => n.clock === 'feedback').explanation['zh-CN']).toBe(
      '2026-12-07 24:00 截止 — 自 2026-11-30 起 5 个工作日，跳过 12-05 周六、12-06 周日',
    );
  });

  it('excludes paused time: working time for working-day clocks, elapsed time otherwise; a pause needs a reason', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const id = await newCase();
    await act(id, 'accept', 'handler', { severity: 'important' });
    clock.set('2026-12-01T02:00:00.000Z'); // Tuesday 10:00
    expect((await act(id, 'wait-for-submitter', 'handler', {})).statusCode).toBe(400);
    expect((await act(id, 'wait-for-submitter', 'handler', { reason: '等待住户提供照片' })).statusCode).toBe(200);
    expect((await deadlinesOf(id)).feedback.status).toBe('paused');
    clock.set('2026-12-03T02:00:00.000Z'); // Thursday 10:00: 48 hours later
    expect((await act(id, 'resume', 'handler')).statusCode).toBe(200);
    const d = await deadlinesOf(id);
    expect(d.resolution.dueAt).toBe('2026-12-05T16:00:00.000Z');
    expect(d.feedback.dueAt).toBe('2026-12-09T16:00:00.000Z');
  });

  it('extends a clock only with the approval of the role the severity names, old and new deadline on the timeline (SLA-3)', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const id = await newCase();
    await act(id, 'accept', 'handler', { severity: 'important' });
    expect(
      (await act(id, 'request-extension', 'handler', { clock: 'resolution', length: 9, reason: '需要厂家配件' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await act(id, 'request-extension', 'handler', { clock: 'resolution', length: 2, reason: '需要厂家配件' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await act(id, 'request-extension', 'handler', { clock: 'resolution', length: 1, reason: '再申请' })).statusCode,
    ).toBe(409);
    const byManager = await act(id, 'decide-extension', 'manager', { approve: true });
    expect(byManager.statusCode).toBe(403); // 重要: the general manager approves
    expect((await act(id, 'decide-extension', 'gm', { approve: true, note: '同意' })).statusCode).toBe(200);
    const d = await deadlinesOf(id);
    // 12-03 + 2 days is Saturday 12-05, a day off: the period moves to Monday (RULES.md, Art 203).
    expect(d.resolution).toMatchObject({ dueAt: '2026-12-07T16:00:00.000Z', extendedBy: 2 });
    const detail = (await call('GET', `/api/v1/cases/${id}`, 'handler')).json();
    const extend = detail.timeline.find((e: { action: string }) => e.action === 'decide-extension').clocks[0];
    expect(extend.explanation['zh-CN']).toContain('原截止 2026-12-03 24:00，新截止 2026-12-07 24:00');
    expect(detail.data.extensions[0]).toMatchObject({ clock: 'resolution', length: 2, approved: true });
  });

  it('warns and breaches each clock once, raising severity, escalating and notifying (SLA-6, SLA-7, CLS-3)', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const id = await newCase();
    await act(id, 'accept', 'handler', { severity: 'minor' });
    // Saturday 00:30: resolution (2 days for 轻微) is overdue; feedback passed 80 % of its 5
    // working days (4 of them, day 1 being Tuesday) at Friday 24:00.
    clock.set('2026-12-04T16:30:00.000Z');
    const first = await sweepOnce(ctx);
    expect(first.breached).toBeGreaterThanOrEqual(1);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const again = await sweepOnce(ctx);
    expect(again).toEqual({ warned: 0, breached: 0, skipped: 0 });
    const detail = (await call('GET', `/api/v1/cases/${id}`, 'handler')).json();
    expect(detail.severity).toBe('major');
    expect(detail.escalatedAt).toBe('2026-12-04T16:30:00.000Z');
    const breaches = detail.timeline.filter((e: { action: string }) => e.action === 'clock-breached');
    expect(breaches).toHaveLength(1);
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'clock-warning')).toHaveLength(1);
    // The note names the raised severity by its label, as people read it, not by its id.
    const note = breaches[0].clocks.find((c: { op: string }) => c.op === 'breach').explanation;
    expect(note['zh-CN']).toContain('严重程度升为“重大”');
    expect(note['zh-CN']).not.toContain('major');
    expect(note.en).toContain('severity raised to "major"');
    const d = await deadlinesOf(id);
    expect(d.resolution.status).toBe('overdue');
    expect(d.feedback.status).toBe('warning');
    const outbox = await ctx.store.db.selectFrom('outbox').selectAll().where('case_id', '=', id).execute();
    expect(outbox.map((o) => `${o.recipient}/${o.template}`).sort()).toEqual([
      'role:handler/due-soon',
      'role:manager/overdue',
    ]);
  });

  it('recounts provisional deadlines when the next year’s days are imported, on each timeline; only admins import (SLA-1)', async () => {
    clock.set('2026-12-28T02:00:00.000Z'); // Monday
    const id = await newCase();
    await act(id, 'accept', 'handler', { severity: 'minor' });
    let d = await deadlinesOf(id);
    expect(d.feedback).toMatchObject({ dueAt: '2027-01-04T16:00:00.000Z', provisional: true }); // Dec 29–31, Jan 1 counted as a working day, Jan 4
    const body = {
      source: '国办发明电〔2026〕X号（测试）',
      years: [2027],
      offDays: [{ date: '2027-01-01', name: '元旦' }],
      workDays: [],
    };
    expect((await call('POST', '/api/v1/admin/calendar', 'handler', body)).statusCode).toBe(403);
    const res = await call('POST', '/api/v1/admin/calendar', 'admin', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recomputed).toBeGreaterThanOrEqual(1);
    d = await deadlinesOf(id);
    expect(d.feedback).toMatchObject({ dueAt: '2027-01-05T16:00:00.000Z', provisional: false });
    const timeline = (await call('GET', `/api/v1/cases/${id}`, 'handler')).json().timeline;
    const recount = timeline
      .filter((e: { action: string }) => e.action === 'deadline-recomputed')
      .map((e: { clocks: { clock: string }[] }) => e.clocks[0].clock);
    expect(recount).toContain('feedback');
    const calendar = (await call('GET', '/api/v1/calendar', 'handler')).json();
    expect(calendar.yearsCovered).toContain(2027);
    expect(calendar.version).toMatch(/\+local-/);
  });

  it('an appeal is its own linked case, kept from those who decided the original, within its period (APL-1, APL-4)', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const res = await http.inject({ method: 'POST', url: '/api/v1/public/cases', payload: { ...submission } });
    const { trackingNo, receipt } = res.json();
    const id = (await call('GET', `/api/v1/cases?q=${trackingNo}`, 'handler')).json().items[0].id;
    await act(id, 'accept', 'handler', { severity: 'minor' });
    const early = await http.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${trackingNo}/appeal`,
      headers: { 'x-receipt': receipt },
      payload: { reasons: '处理结果不公正，要求重新调查' },
    });
    expect(early.statusCode).toBe(409);
    await act(id, 'close', 'handler');
    const view = (
      await http.inject({ method: 'GET', url: `/api/v1/public/cases/${trackingNo}`, headers: { 'x-receipt': receipt } })
    ).json();
    expect(view.canAppeal).toBe(true);
    const appealed = await http.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${trackingNo}/appeal`,
      headers: { 'x-receipt': receipt },
      payload: { reasons: '处理结果不公正，要求重新调查' },
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const opened = appealed.json();
    expect(opened.trackingNo).toMatch(/^SS-/);
    const appealCase = (await call('GET', `/api/v1/cases?q=${opened.trackingNo}`, 'manager')).json().items[0];
    expect(appealCase).toMatchObject({ kind: 'appeal', status: 'received' });
    expect((await call('GET', `/api/v1/cases/${appealCase.id}`, 'handler')).statusCode).toBe(404); // decided the original
    const detail = (await call('GET', `/api/v1/cases/${appealCase.id}`, 'manager')).json();
    expect(detail.data.appealOf).toBe(trackingNo);
    const original = (
      await http.inject({ method: 'GET', url: `/api/v1/public/cases/${trackingNo}`, headers: { 'x-receipt': receipt } })
    ).json();
    expect(original.timeline.at(-1)).toMatchObject({
      action: 'appealed',
      details: { text: expect.stringContaining(opened.trackingNo) },
    });
    clock.set('2027-01-15T02:00:00.000Z');
    const late = await http.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${trackingNo}/appeal`,
      headers: { 'x-receipt': receipt },
      payload: { reasons: '再次申诉，理由同上' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PRECONDITION_FAILED');
  });

  it('routes a case whose department is recused to the role the procedure names (RTE-3, S6 中立调查)', async () => {
    const { addOrgUnit } = await import('../src/app/org.ts');
    const dept = await addOrgUnit(ctx, { name: '工程部' }, 'system:test');
    const created = await http.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${tokens.handler}` },
      payload: {
        ...submission,
        channel: 'phone',
        orgUnit: dept.id,
        respondents: [{ name: '工程部', type: 'department' }],
      },
    });
    const id = created.json().id;
    const res = await call('POST', `/api/v1/cases/${id}/respondents/0/link`, 'handler', { orgUnit: dept.id });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await call('GET', `/api/v1/cases/${id}`, 'handler')).json();
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'recusal', input: { routedTo: 'role:general-manager' } });
    const outbox = await ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', id)
      .execute();
    expect(outbox).toContainEqual({ recipient: 'role:general-manager', template: 'recusal-routed' });
  });

  it('stops clocks and records whether each deadline was met', async () => {
    clock.set('2026-11-30T02:00:00.000Z');
    const id = await newCase();
    await act(id, 'accept', 'handler', { severity: 'major' });
    clock.set('2026-12-02T02:00:00.000Z');
    expect((await act(id, 'close', 'handler')).statusCode).toBe(200);
    const d = await deadlinesOf(id);
    expect(d.resolution.status).toBe('met');
    expect(d.feedback.status).toBe('met');
  });
});

describe('two sweepers racing on PostgreSQL', () => {
  it('breach each clock exactly once', async () => {
    const postgresBackend = BACKENDS.find((b) => b.name === 'postgres')!;
    const clock = new TestClock('2026-11-30T02:00:00.000Z');
    const made = await postgresBackend.config();
    const a = await openApp({ ...made.config, procedureDirs: [FIXTURES] }, { now: clock.now });
    const b = await openApp({ ...made.config, procedureDirs: [FIXTURES] }, { now: clock.now });
    try {
      await addUser(
        a,
        { username: 'handler', password: 'correct horse battery', roles: ['handler'], isAdmin: false },
        'system:test',
      );
      const token = (await createToken(a, 'handler', 't', 'system:test')).token;
      const http = await buildServer(a);
      const N = 40;
      for (let i = 0; i < N; i++) {
        const created = (
          await http.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: { authorization: `Bearer ${token}` },
            payload: { ...submission, channel: 'phone' },
          })
        ).json();
        await http.inject({
          method: 'POST',
          url: `/api/v1/cases/${created.id}/actions/accept`,
          headers: { authorization: `Bearer ${token}` },
          payload: { input: { severity: 'minor' }, expectedVersion: 1 },
        });
      }
      await http.close();
      clock.set('2027-06-30T02:00:00.000Z'); // every clock long overdue
      const [ra, rb] = await Promise.all([sweepOnce(a, 1000), sweepOnce(b, 1000)]);
      // resolution, feedback and wb-feedback breach on every case: 3 per case, shared between the two.
      expect(ra.breached + rb.breached).toBe(3 * N);
      const events = await a.store.db
        .selectFrom('case_events')
        .select(['case_id', 'input'])
        .where('action', '=', 'clock-breached')
        .execute();
      expect(events).toHaveLength(3 * N);
      // Timeline inputs are sealed under their case keys on disk (issue 24).
      const { openerFor } = await import('../src/store/sealing.ts');
      const open = await openerFor(
        a.store.db,
        events.map((e) => e.case_id),
      );
      const perClock = new Set(events.map((e) => `${e.case_id}/${JSON.parse(open(e.case_id, e.input)).clock}`));
      expect(perClock.size).toBe(3 * N);
      expect(await Promise.all([sweepOnce(a), sweepOnce(b)])).toEqual([
        { warned: 0, breached: 0, skipped: 0 },
        { warned: 0, breached: 0, skipped: 0 },
      ]);
    } finally {
      await a.close();
      await b.close();
      await made.cleanup();
    }
  });
});
