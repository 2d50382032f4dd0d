import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { sweepOnce } from '../src/jobs/sweeper.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

type Deadline = { clock: string; status: string; dueAt: string; stoppedAt: string | null };

/**
 * Issue 17, S4 四.2 / RES-2 through the HTTP API: a customer complaint's measures are clocked one by
 * one. The clock runs to the earliest measure not yet done; that measure's owner is reminded and the
 * miss is flagged (SLA-7, SLA-6); recording it done moves the clock on to the next measure and
 * clears the overdue flag; the last one done stops it. Staff hold their roles in units, as the
 * company is set up: 客服部 handles, its department handlers own the measures, the manager
 * supervises from the company unit.
 */
describe.each(BACKENDS)("the measures' clock on $name (S4 四.2, RES-2)", (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  let service: { id: string; token: string; username: string };
  let wang: { id: string; token: string; username: string };
  let li: { id: string; token: string; username: string };
  let caseId: string;
  let version = 1;

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = (await addOrgUnit(h.ctx, { name: '公司' }, 'system:test')).id;
    const cs = (await addOrgUnit(h.ctx, { name: '客服部', parent: company }, 'system:test')).id;
    const admin = await h.staff('root-admin', [], { isAdmin: true });
    const set = await h.call('PUT', '/api/v1/admin/procedures/customer-complaint/intake-unit', {
      token: admin.token,
      body: { orgUnit: cs },
    });
    expect(set.statusCode, set.body).toBe(200);
    service = await h.staff('cs-zhao', [{ role: 'customer-service', unitId: cs }]);
    await h.staff('cs-manager', [{ role: 'customer-service-manager', unitId: company }]);
    wang = await h.staff('handler-wang', [{ role: 'department-handler', unitId: cs }]);
    li = await h.staff('handler-li', [{ role: 'department-handler', unitId: cs }]);

    const res = await h.call('POST', '/api/v1/public/cases', { body: complaint() });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: service.token })).json();
    caseId = list.items[0].id;
    await act(service.token, 'accept', { category: 'product-quality' });
    await act(service.token, 'assign', { responsible: service.username });
    await act(service.token, 'start-investigation', {});
  });
  afterAll(async () => h?.close());

  async function act(token: string, action: string, input: Record<string, unknown>) {
    clock.advance(10 * 60_000);
    const res = await h.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, {
      token,
      body: { input, expectedVersion: version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    version = res.json().version;
  }

  async function measureClocks(): Promise<Deadline[]> {
    const detail = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: service.token })).json();
    version = detail.version; // the sweeper's notes are on the timeline too
    return (detail.deadlines as Deadline[]).filter((d) => d.clock === 'measures-due');
  }

  async function sweepAt(instant: string): Promise<void> {
    clock.set(instant);
    await sweepOnce(h.ctx);
    await dispatchOnce(h.ctx);
  }

  /** The case's outbox notices of a clock template, as `recipient/template`. */
  async function notices(template: string): Promise<string[]> {
    const rows = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', caseId)
      .where('template', '=', template)
      .orderBy('created_at')
      .execute();
    return rows.map((o) => `${o.recipient}/${o.template}`);
  }

  /** The in-app notices a person received about this case, by event. */
  async function inApp(person: { token: string }): Promise<string[]> {
    const mine = (await h.call('GET', '/api/v1/notifications', { token: person.token })).json();
    return (mine.items as { caseId: string; event: string }[]).filter((n) => n.caseId === caseId).map((n) => n.event);
  }

  const overdueCases = async () =>
    ((await h.call('GET', '/api/v1/cases?due=overdue', { token: service.token })).json().items as { id: string }[]).map(
      (i) => i.id,
    );

  it('S4 四.2, RES-2: decided with three measures, the clock runs to the earliest date (Tue 12-01), not the last', async () => {
    await act(service.token, 'decide', {
      cause: '压缩机出厂缺陷',
      outcome: 'substantiated',
      solution: '退款、换货并致歉',
      measures: [
        { type: 'refund', description: '退还运费', owner: wang.username, dueDate: '2026-12-03' },
        { type: 'exchange', description: '更换新冰箱', owner: li.username, dueDate: '2026-12-09' },
        { type: 'apology', description: '电话致歉', owner: li.username, dueDate: '2026-12-01' },
      ],
    });
    expect(await measureClocks()).toMatchObject([{ status: 'running', dueAt: '2026-12-01T16:00:00.000Z' }]);
  });

  it("SLA-7: before 12-01 24:00 the responsible person and the apology's owner are reminded, not the refund's owner", async () => {
    await sweepAt('2026-12-01T12:00:00.000Z'); // Tuesday 20:00
    expect(await measureClocks()).toMatchObject([{ status: 'warning' }]);
    expect(await notices('measures-due-soon')).toEqual([
      'assignee/measures-due-soon',
      `user:${li.id}/measures-due-soon`,
    ]);
    expect(await inApp(li)).toContain('clock-warning');
    expect(await inApp(wang)).not.toContain('clock-warning');
  });

  it('SLA-7, SLA-6: the apology not done by its date is flagged overdue, its owner and the manager told', async () => {
    await sweepAt('2026-12-02T01:00:00.000Z'); // Wednesday 09:00
    expect(await measureClocks()).toMatchObject([{ status: 'overdue' }]);
    expect(await notices('measures-overdue')).toEqual([
      'role:customer-service-manager/measures-overdue',
      `user:${li.id}/measures-overdue`,
    ]);
    expect(await inApp(li)).toContain('clock-breached');
    expect(await overdueCases()).toEqual([caseId]);
  });

  it('RES-2: the apology recorded done, the missed clock stays missed and a new one runs to the refund (Thu 12-03); the overdue flag clears', async () => {
    await act(li.token, 'update-measure', { index: 2, done: true, result: '12月2日已电话致歉' });
    expect(await measureClocks()).toMatchObject([
      { status: 'missed', dueAt: '2026-12-01T16:00:00.000Z' },
      { status: 'running', dueAt: '2026-12-03T16:00:00.000Z', stoppedAt: null },
    ]);
    expect(await overdueCases()).toEqual([]);
  });

  it("SLA-7: the refund's owner is reminded of the next date; progress without done changes nothing", async () => {
    await act(wang.token, 'update-measure', { index: 0, done: false, result: '已提交退款申请' });
    expect(await measureClocks()).toHaveLength(2);
    await sweepAt('2026-12-03T11:00:00.000Z'); // Thursday 19:00
    expect(await measureClocks()).toMatchObject([{ status: 'missed' }, { status: 'warning' }]);
    expect(await notices('measures-due-soon')).toEqual([
      'assignee/measures-due-soon',
      `user:${li.id}/measures-due-soon`,
      'assignee/measures-due-soon',
      `user:${wang.id}/measures-due-soon`,
    ]);
    expect(await inApp(wang)).toEqual(['clock-warning']);
  });

  it('RES-2: the refund done in time moves the clock to the exchange (Wed 12-09); the exchange done stops it', async () => {
    await act(wang.token, 'update-measure', { index: 0, done: true, result: '运费已退' });
    expect((await measureClocks()).map((d) => [d.status, d.dueAt])).toEqual([
      ['missed', '2026-12-01T16:00:00.000Z'],
      ['met', '2026-12-03T16:00:00.000Z'],
      ['running', '2026-12-09T16:00:00.000Z'],
    ]);
    await act(li.token, 'update-measure', { index: 1, done: true, result: '新冰箱已送达' });
    expect((await measureClocks()).map((d) => d.status)).toEqual(['missed', 'met', 'met']);
    await act(service.token, 'resolve', { summary: '退款、换货、致歉均已落实' });
    expect((await measureClocks()).map((d) => d.status)).toEqual(['missed', 'met', 'met']);
  });
});
