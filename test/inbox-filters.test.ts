import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { createToken } from '../src/app/auth.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * The inbox filters the web workbench saves (issue 6): `due=soon|overdue` from the running clocks,
 * `unit=mine` from the caller's grants, each item's nearest deadline (`nextDue`) for the
 * countdown — all inside the policy scope (RTE-1) — and the procedure data the forms need.
 */
describe.each(BACKENDS)('inbox filters for the workbench on $name', (backend) => {
  const clock = new TestClock('2026-11-30T01:00:00.000Z'); // Monday 09:00 in Shanghai
  let h: Harness;
  let service: { token: string };
  let countyA: { token: string };
  let wholeOrg: { token: string };
  const ids: Record<string, string> = {};
  const list = async (token: string, query: string) => {
    const res = await h.call('GET', `/api/v1/cases?${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; nextDue: { clock: string; status: string; dueAt: string } | null }[] };
  };
  const idsOf = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: '市局' }, 'system:test');
    const a = await addOrgUnit(h.ctx, { name: '甲县局', parent: city.id }, 'system:test');
    const b = await addOrgUnit(h.ctx, { name: '乙县局', parent: city.id }, 'system:test');
    const admin = await h.staff('root-admin', [], { isAdmin: true });
    const res = await h.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: {
        username: 'county-a',
        displayName: '甲',
        password: 'correct horse battery',
        grants: [{ role: 'customer-service', orgUnit: a.id }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    countyA = await createToken(h.ctx, 'county-a', 't', 'system:test');
    service = await h.staff('cs-all', ['customer-service']);
    wholeOrg = service;
    // Case "early" in unit A, submitted now; case "late" in unit B, 19 hours later.
    const early = await h.call('POST', '/api/v1/cases', {
      token: service.token,
      body: complaint({ channel: 'phone', orgUnit: a.id, subject: '早' }),
    });
    expect(early.statusCode, early.body).toBe(201);
    ids.early = early.json().id;
    clock.advance(19 * 3600_000);
    const late = await h.call('POST', '/api/v1/cases', {
      token: service.token,
      body: complaint({ channel: 'phone', orgUnit: b.id, subject: '晚' }),
    });
    ids.late = late.json().id;
  });
  afterAll(async () => h?.close());

  it('SLA-5: due=soon lists the case past its 75 % warning, due=overdue none yet; nextDue carries the countdown', async () => {
    expect(idsOf(await list(service.token, 'due=soon'))).toEqual([ids.early]);
    expect(idsOf(await list(service.token, 'due=overdue'))).toEqual([]);
    const all = await list(service.token, 'limit=10');
    const early = all.items.find((i) => i.id === ids.early)!;
    expect(early.nextDue).toMatchObject({ clock: 'forwarding', status: 'warning', dueAt: '2026-12-01T01:00:00.000Z' });
    expect(all.items.find((i) => i.id === ids.late)!.nextDue).toMatchObject({ clock: 'forwarding', status: 'running' });
  });

  it('SLA-5: past the 24 hours the first case is overdue, and a stopped clock leaves both lists', async () => {
    clock.advance(6 * 3600_000);
    expect(idsOf(await list(service.token, 'due=overdue'))).toEqual([ids.early]);
    expect(idsOf(await list(service.token, 'due=soon'))).toEqual([]);
    const view = (await h.call('GET', `/api/v1/cases/${ids.early}`, { token: service.token })).json();
    const done = await h.call('POST', `/api/v1/cases/${ids.early}/actions/forward`, {
      token: service.token,
      body: { input: {}, expectedVersion: view.version },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(idsOf(await list(service.token, 'due=overdue'))).toEqual([]);
    expect((await list(service.token, 'limit=10')).items.find((i) => i.id === ids.early)!.nextDue).toBeNull();
  });

  it("RTE-1: unit=mine is the caller's units; a whole-organisation grant has no unit of its own", async () => {
    expect(idsOf(await list(countyA.token, 'unit=mine'))).toEqual([ids.early]);
    expect(idsOf(await list(countyA.token, 'limit=50'))).toEqual([ids.early]); // scope already stops at unit A
    expect(idsOf(await list(wholeOrg.token, 'unit=mine'))).toEqual([]);
  });

  it('bad filter values are 400s in the error shape', async () => {
    for (const q of ['due=later', 'unit=yours']) {
      const res = await h.call('GET', `/api/v1/cases?${q}`, { token: service.token });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
  });

  it('the public procedure list carries the states and channels the web forms draw from', async () => {
    const p = (await h.call('GET', '/api/v1/public/procedures'))
      .json()
      .items.find((x: { id: string }) => x.id === 'customer-complaint');
    expect(p.channels).toContain('walk-in');
    expect(p.states[0]).toEqual({ id: 'received', label: { 'zh-CN': '已登记', en: 'Received' } });
  });
});

/**
 * Issue 9: "overdue" pages for a unit-scoped reader, page after page, with a case that has two
 * overdue clocks (PostgreSQL checks the scope while it walks the clocks; SQLite filters chunks).
 */
describe.each(BACKENDS)('overdue pages in scope on $name', (backend) => {
  it('pages through exactly the overdue cases in scope, newest first, each once', async () => {
    const { openStore } = await import('../src/store/db.ts');
    const { migrateUp } = await import('../src/store/migrate.ts');
    const { insertCases, listCases } = await import('../src/store/cases.repository.ts');
    const { insertClocks } = await import('../src/store/clocks.repository.ts');
    const { config, cleanup } = await backend.config();
    const store = openStore(config);
    try {
      await migrateUp(store);
      const at = '2026-11-01T01:00:00.000Z';
      const now = '2026-11-30T01:00:00.000Z';
      const rows = Array.from({ length: 60 }, (_, i) => ({
        id: `01KB${String(i).padStart(22, '0')}`,
        tracking_no: `TS-20261101-P${String(i).padStart(5, '0')}`,
        procedure_id: 'customer-complaint',
        procedure_version: 1,
        kind: 'complaint',
        status: 'accepted',
        version: 1,
        category: null,
        severity: null,
        outcome: null,
        assignee_id: null,
        channel: 'web',
        subject: '电梯',
        description: '电梯坏了',
        anonymous: 1,
        submitter_enc: null,
        respondents: '[]',
        received_by: null,
        receipt_hash: 'x',
        data: '{}',
        received_at: at,
        created_at: at,
        updated_at: at,
        closed_at: null,
        org_unit_id: null,
        org_unit_path: i % 3 === 0 ? '/a/' : '/b/',
        escalated_at: null,
        submitter_phone_bidx: null,
        submitter_email_bidx: null,
        submitter_id_bidx: null,
        hold_reason: null,
        held_at: null,
        deidentified_at: null,
      }));
      await store.transact((trx) => insertCases(trx, rows, 'now'));
      // Every case but the last five has an overdue clock; case 30 has two.
      const clock = (id: string, caseId: string) => ({
        id,
        case_id: caseId,
        clock: 'feedback',
        unit: 'working-days',
        length: 5,
        started_at: at,
        due_at: '2026-11-08T01:00:00.000Z',
        warn_at: '2026-11-06T01:00:00.000Z',
        paused_at: null,
        stopped_at: null,
        warned_at: null,
        breached_at: null,
        provisional: 0,
        calendar_version: 'v',
        extended_by: 0,
        paused_ms: 0,
      });
      const clocks = rows.slice(0, 55).map((r, i) => clock(`C${String(i).padStart(25, '0')}`, r.id));
      clocks.push(clock('D0000000000000000000000030', rows[30].id));
      await store.transact((trx) => insertClocks(trx, clocks));
      const scope = {
        everything: false,
        byProcedure: [{ procedureId: 'customer-complaint', all: false, unitPaths: ['/a/'] }],
        recused: null,
      };
      const seen: string[] = [];
      let beforeId: string | undefined;
      for (let page = 0; page < 10; page++) {
        const { rows: got, hasMore } = await listCases(store.db, {
          scope,
          limit: 4,
          beforeId,
          due: { kind: 'overdue', now },
        });
        seen.push(...got.map((r) => r.id));
        if (!hasMore) break;
        beforeId = got[got.length - 1].id;
      }
      const expected = rows
        .slice(0, 55)
        .filter((r) => r.org_unit_path === '/a/')
        .map((r) => r.id)
        .reverse();
      expect(seen).toEqual(expected);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
