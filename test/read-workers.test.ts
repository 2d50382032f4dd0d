import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { createToken } from '../src/app/auth.ts';
import { buildReport, generateMonthlyReports } from '../src/app/monthly-report.ts';
import { ReadPool } from '../src/app/read-pool.ts';
import { buildServer } from '../src/http/server.ts';
import { findOrgUnit } from '../src/store/org.repository.ts';
import { findReport } from '../src/store/reports.repository.ts';
import { BACKENDS, sqlite, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 25: on SQLite the heavy reads (statistics and their workbook, case files, archive bundles,
 * the monthly report's numbers) run in read worker threads with their own connection, and so do
 * inbox and search pages when a worker is idle (a light read never waits for one). Each answers
 * exactly what the same computation in the request thread answers, for a unit-scoped manager and an
 * organisation-wide one; a dead worker is replaced; while a worker is held at a latch the server
 * goes on answering. The organisation: 市公司 at the top, 甲部 and 乙部 below it, grants in units.
 */

type Org = { company: string; deptA: string; deptB: string };
type Users = Record<'admin' | 'svcA' | 'svcB' | 'mgrA' | 'sup', { id: string; token: string }>;

/** The organisation, its staff and four cases (two closed), written through the API on a fixed clock. */
async function seed(h: Harness, clock: TestClock): Promise<{ org: Org; users: Users; cases: Record<string, string> }> {
  const company = await addOrgUnit(h.ctx, { name: '市公司' }, 'system:test');
  const deptA = await addOrgUnit(h.ctx, { name: '甲部', parent: company.id }, 'system:test');
  const deptB = await addOrgUnit(h.ctx, { name: '乙部', parent: company.id }, 'system:test');
  const org = { company: company.id, deptA: deptA.id, deptB: deptB.id };
  const admin = await h.staff('rw-admin', [], { isAdmin: true });
  const grant = async (name: string, role: string, unit: string) => {
    const res = await h.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: { username: name, displayName: name, password: 'correct horse battery', grants: [{ role, orgUnit: unit }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, token: (await createToken(h.ctx, name, 't', 'system:test')).token };
  };
  const users: Users = {
    admin,
    svcA: await grant('rw-svc-a', 'customer-service', org.deptA),
    svcB: await grant('rw-svc-b', 'customer-service', org.deptB),
    mgrA: await grant('rw-mgr-a', 'customer-service-manager', org.deptA),
    sup: await grant('rw-sup', 'customer-service-manager', org.company),
  };
  const cases: Record<string, string> = {};
  const intake = async (key: string, at: string, who: 'svcA' | 'svcB', unit: string) => {
    clock.set(at);
    const res = await h.call('POST', '/api/v1/cases', {
      token: users[who].token,
      body: complaint({ channel: 'phone', orgUnit: unit, subject: `读取 ${key}` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    cases[key] = res.json().id;
  };
  const closeInvalid = async (key: string, who: 'svcA' | 'svcB') => {
    clock.advance(3600_000);
    const { version } = (await h.call('GET', `/api/v1/cases/${cases[key]}`, { token: users[who].token })).json();
    const res = await h.call('POST', `/api/v1/cases/${cases[key]}/actions/close-invalid`, {
      token: users[who].token,
      body: { input: { reply: '您好，该商品不在我司销售范围。', reason: '非本公司商品' }, expectedVersion: version },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  await intake('A1', '2026-10-12T02:00:00.000Z', 'svcA', org.deptA);
  await intake('A2', '2026-10-12T03:00:00.000Z', 'svcA', org.deptA);
  await closeInvalid('A2', 'svcA');
  await intake('B1', '2026-10-13T02:00:00.000Z', 'svcB', org.deptB);
  await closeInvalid('B1', 'svcB');
  await intake('B2', '2026-10-14T02:00:00.000Z', 'svcB', org.deptB);
  clock.set('2026-10-20T02:00:00.000Z');
  return { org, users, cases };
}

/** A ZIP's files as text, ZIPs inside it opened too (their dates are the moment they were made). */
function zipContents(bytes: Uint8Array): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [
      name,
      name.endsWith('.zip') ? zipContents(data) : strFromU8(data),
    ]),
  );
}

/** A workbook's sheets and cell values (the file itself carries the moment it was written). */
async function sheets(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => [ws.name, ws.getSheetValues()]);
}

describe.each(BACKENDS)('heavy reads in read workers on $name', (backend) => {
  let h: Harness;
  let here: FastifyInstance;
  const clock = new TestClock('2026-10-01T02:00:00.000Z');
  let seeded: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    seeded = await seed(h, clock);
    // The same server over the same database with no read workers: what the request thread computes.
    here = await buildServer({ ...h.ctx, reads: undefined }, { bodyLimit: 64 * 1024 });
  });
  afterAll(async () => {
    await here?.close();
    await h?.close();
  });

  const both = async (url: string, token: string) => {
    const headers = { authorization: `Bearer ${token}` };
    const [worker, inProcess] = [await h.call('GET', url, { token }), await here.inject({ url, headers })];
    expect(worker.statusCode, worker.body).toBe(inProcess.statusCode);
    return { worker, inProcess };
  };

  it('statistics and their workbook are the same as computed in the request thread, for a unit manager and an organisation-wide one', async () => {
    const url = '/api/v1/stats?from=2026-10-01&to=2026-10-31';
    const totals: number[] = [];
    for (const who of ['mgrA', 'sup'] as const) {
      const { worker, inProcess } = await both(url, seeded.users[who].token);
      expect(worker.statusCode).toBe(200);
      expect(worker.body).toBe(inProcess.body);
      totals.push(worker.json().total);
      const xlsx = await both(`${url}&format=xlsx`, seeded.users[who].token);
      expect(await sheets(xlsx.worker.rawPayload)).toEqual(await sheets(xlsx.inProcess.rawPayload));
    }
    // The scope was applied inside: the unit manager counts 甲部's two cases, the organisation all four.
    expect(totals).toEqual([2, 4]);
    // A period the API refuses is refused the same way (the error crosses the thread as it was).
    const bad = await both('/api/v1/stats?from=2026-10-31&to=2026-10-01', seeded.users.sup.token);
    expect(bad.worker.statusCode).toBe(400);
    expect(bad.worker.body).toBe(bad.inProcess.body);
  });

  it('case files and archive bundles hold the same files, scoped to the reader', async () => {
    const { cases, users } = seeded;
    for (const who of ['mgrA', 'sup'] as const) {
      const file = await both(`/api/v1/cases/${cases.A2}/archive`, users[who].token);
      expect(file.worker.statusCode).toBe(200);
      expect(zipContents(file.worker.rawPayload)).toEqual(zipContents(file.inProcess.rawPayload));
      const bundle = await both('/api/v1/archive?from=2026-10-01&to=2026-11-01', users[who].token);
      expect(bundle.worker.statusCode).toBe(200);
      expect(bundle.worker.headers['x-case-count']).toBe(who === 'mgrA' ? '1' : '2');
      expect(zipContents(bundle.worker.rawPayload)).toEqual(zipContents(bundle.inProcess.rawPayload));
    }
    // 乙部's case does not exist for 甲部's manager, from the worker as from the request thread.
    const hidden = await both(`/api/v1/cases/${cases.B1}/archive`, users.mgrA.token);
    expect(hidden.worker.statusCode).toBe(404);
    expect(hidden.worker.body).toBe(hidden.inProcess.body);
  });

  it('inbox and search pages from an idle worker are those of the request thread, scoped to each reader', async () => {
    // A statistics read first: the worker is then loaded, and a page goes to it only when it is.
    await both('/api/v1/stats?from=2026-10-01&to=2026-10-31', seeded.users.sup.token);
    const seen: Record<string, number> = {};
    for (const who of ['svcA', 'svcB', 'mgrA', 'sup'] as const) {
      for (const url of [
        '/api/v1/cases',
        '/api/v1/cases?status=received&sort=due',
        `/api/v1/cases?q=${encodeURIComponent('读取')}`,
        `/api/v1/cases?orgUnit=${seeded.org.deptB}&limit=1`,
      ]) {
        const { worker, inProcess } = await both(url, seeded.users[who].token);
        expect(worker.statusCode, `${who} ${url}`).toBe(200);
        expect(worker.body, `${who} ${url}`).toBe(inProcess.body);
      }
      seen[who] = (await h.call('GET', '/api/v1/cases', { token: seeded.users[who].token })).json().items.length;
    }
    // The scope was applied inside: each department's staff see its two cases, the company all four.
    expect(seen).toEqual({ svcA: 2, svcB: 2, mgrA: 2, sup: 4 });
  });

  it('possible duplicates from an idle worker are those of the request thread, scoped to each reader', async () => {
    // The four cases share their text: 甲部's staff are shown A2 alone, the company's manager all three others.
    const found: Record<string, number> = {};
    for (const who of ['svcA', 'mgrA', 'sup', 'svcB'] as const) {
      const url = `/api/v1/cases/${seeded.cases.A1}/similar`;
      const { worker, inProcess } = await both(url, seeded.users[who].token);
      expect(worker.body, who).toBe(inProcess.body);
      found[who] = worker.statusCode === 200 ? worker.json().similar.length : -worker.statusCode;
    }
    // 乙部's handler may not see A1 at all: the same 404 from the worker as from the request thread.
    expect(found).toEqual({ svcA: 1, mgrA: 1, sup: 3, svcB: -404 });
  });

  it("a unit's monthly report stores the numbers the request thread computes", async () => {
    const [made] = await generateMonthlyReports(h.ctx, '2026-10', { unitId: seeded.org.deptA, by: 'system:test' });
    expect(made.created).toBe(true);
    const row = await findReport(h.ctx.store.db, '2026-10', seeded.org.deptA);
    const unit = await findOrgUnit(h.ctx.store.db, seeded.org.deptA);
    const expected = JSON.parse(JSON.stringify(await buildReport({ ...h.ctx, reads: undefined }, '2026-10', unit!)));
    expect({
      stats: JSON.parse(row!.stats),
      notable: JSON.parse(row!.notable),
      extra: JSON.parse(row!.extra),
    }).toEqual(expected);
    expect(expected.stats.total).toBe(2);
  });

  it('on SQLite every one of them ran in a read worker, as /metrics shows; on PostgreSQL none did', async () => {
    const text = (await h.call('GET', '/metrics')).body;
    const ran = [...text.matchAll(/^plaint_read_tasks_total\{task="(\w+)",thread="(\d+)"\} (\d+)$/gm)];
    if (backend.name === 'postgres') {
      expect(h.ctx.reads).toBeUndefined();
      expect(ran).toEqual([]);
      return;
    }
    expect(new Set(ran.map((m) => m[1]))).toEqual(
      new Set(['stats', 'statsWorkbook', 'caseFile', 'archiveBundle', 'monthlyReport', 'caseList', 'similar']),
    );
    // Thread 0 is the main thread: a worker's id is never 0.
    expect(ran.every((m) => Number(m[2]) > 0)).toBe(true);
    expect(text).toMatch(/^plaint_read_workers 1$/m);
    expect(text).toMatch(/^plaint_read_workers_busy 0$/m);
    expect(text).toMatch(/^plaint_read_queue_length 0$/m);
  });
});

describe('a read worker held or lost, on sqlite', () => {
  let h: Harness;
  let base: string;
  let token: string;
  const clock = new TestClock('2026-10-01T02:00:00.000Z');
  // [0]: 0 hold, 1 go, 2 exit once; [1]: tasks that reached the latch (read-pool.ts, ReadPoolOptions).
  const latch = new Int32Array(new SharedArrayBuffer(8));
  const statsUrl = '/api/v1/stats?from=2026-10-01&to=2026-10-31';

  beforeAll(async () => {
    h = await startHarness(sqlite, clock);
    const seeded = await seed(h, clock);
    token = seeded.users.sup.token;
    await h.ctx.reads?.close();
    h.ctx.reads = new ReadPool(h.ctx.config, { size: 1, latch });
    base = await h.http.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    Atomics.store(latch, 0, 1);
    Atomics.notify(latch, 0);
    await h?.close();
  });

  const get = (url: string) => fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
  /** Waits (by turns of the event loop, not by a time) until `n` tasks have reached the latch. */
  const reached = async (n: number) => {
    while (Atomics.load(latch, 1) < n) await new Promise((r) => setTimeout(r, 20));
  };
  const set = (value: number) => {
    Atomics.store(latch, 0, value);
    Atomics.notify(latch, 0);
  };

  it('answers other requests while a statistics read is held in its worker, then answers that read too', async () => {
    set(0);
    const before = Atomics.load(latch, 1);
    const held = get(statsUrl);
    await reached(before + 1);
    // The worker is blocked inside the task; the request thread still serves the inbox (itself, not
    // behind the held read) and /metrics.
    const inbox = await get('/api/v1/cases');
    expect(inbox.status).toBe(200);
    expect((await inbox.json()).items.length).toBe(4);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^plaint_read_workers_busy 1$/m);
    set(1);
    const answer = await held;
    expect(answer.status).toBe(200);
    expect((await answer.json()).total).toBe(4);
  });

  it('issue 25: inbox pages wait for a worker busy with another page, two per worker; the next is read on the request thread', async () => {
    const ranInWorkers = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return [...text.matchAll(/^plaint_read_tasks_total\{task="caseList",thread="\d+"\} (\d+)$/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
    };
    const workedBefore = await ranInWorkers();
    set(0);
    const before = Atomics.load(latch, 1);
    const held = get('/api/v1/cases');
    await reached(before + 1);
    const answered: string[] = [];
    const waiting = ['second', 'third'].map((name) =>
      get('/api/v1/cases').then(async (r) => {
        answered.push(name);
        return r;
      }),
    );
    // The queue is full: this page is read here, and answered while the worker is still held.
    const here = await get('/api/v1/cases');
    expect(here.status).toBe(200);
    expect((await here.json()).items.length).toBe(4);
    expect(answered).toEqual([]);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^plaint_read_queue_length 2$/m);
    set(1);
    for (const page of [held, ...waiting]) {
      const r = await page;
      expect(r.status).toBe(200);
      expect((await r.json()).items.length).toBe(4);
    }
    expect(await ranInWorkers()).toBe(workedBefore + 3);
  });

  it('a worker that dies fails its request with a 503 to retry, in the error shape, and a new worker answers the next', async () => {
    set(0);
    const before = Atomics.load(latch, 1);
    const lost = get(statsUrl);
    await reached(before + 1);
    set(2);
    const failed = await lost;
    expect(failed.status).toBe(503);
    expect((await failed.json()).error.code).toBe('UNAVAILABLE');
    // The latch is back at 1 (the exit takes the 2): the replacement runs the next read freely.
    const again = await get(statsUrl);
    expect(again.status).toBe(200);
    expect((await again.json()).total).toBe(4);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^plaint_read_worker_restarts_total 1$/m);
    expect(metrics).toMatch(/^plaint_read_workers 1$/m);
  });

  it('closing the pool waits for the read in flight, which is answered, and refuses new reads', async () => {
    set(0);
    const before = Atomics.load(latch, 1);
    const inFlight = get(statsUrl);
    await reached(before + 1);
    const pool = h.ctx.reads!;
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    // Requests keep being served meanwhile; the pool is still waiting for its held task.
    expect((await get('/api/v1/cases')).status).toBe(200);
    expect(closed).toBe(false);
    const refused = await get(statsUrl);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('UNAVAILABLE');
    set(1);
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(pool.gauges().workers).toBe(0);
  });
});
