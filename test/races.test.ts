import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import { verifyAudit } from '../src/app/audit.ts';
import { openApp, type AppContext } from '../src/app/context.ts';
import { postgres } from './support/backends.ts';
import { cliEnv } from './support/cli.ts';
import { complaint } from './support/harness.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

type Call = { status: number; body: { error?: { code: string; message: string; details: unknown }; version?: number } };

const PAIRS = 60;
const COUNTER_CASES = 6;
const WRITES_PER_INSTANCE = 10;

/**
 * Issue 9, faults §3: two `plaint serve` processes on one PostgreSQL database, each with its own
 * port. Conflicting actions on the same case are sent at the same moment, one to each instance:
 * exactly one wins, the other gets 409, and the case, its timeline and the audit chain hold the
 * winner only. Writes that do not conflict (messages on the same cases from both instances) are
 * all kept.
 */
describe('two instances on PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let ctx: AppContext;
  let cleanup: () => Promise<void> = async () => {};
  const handlers: { id: string; token: string }[] = [];

  beforeAll(async () => {
    const made = await postgres.config();
    cleanup = made.cleanup;
    const env = cliEnv(made.config, {
      PLAINT_ADMIN_PASSWORD: 'correct horse battery',
      PLAINT_LOG: 'off',
      PLAINT_SWEEP_INTERVAL_MS: '1000',
      PLAINT_DISPATCH_INTERVAL_MS: '1000',
    });
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    // The test's own connection, for setting up staff and for reading what the instances wrote.
    ctx = await openApp(made.config);
    for (const name of ['handler-a', 'handler-b']) {
      const user = await addUser(
        ctx,
        {
          username: name,
          password: 'correct horse battery',
          roles: [{ role: 'customer-service', unitId: null }],
          isAdmin: false,
          displayName: name,
        },
        'system:test',
      );
      handlers.push({ id: user.id, token: (await createToken(ctx, name, 'race', 'system:test')).token });
    }
  }, 180_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await ctx?.close();
    await cleanup();
  });

  async function call(
    server: ServerProcess,
    method: string,
    path: string,
    body: unknown,
    token?: string,
  ): Promise<Call> {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  async function submitCases(n: number): Promise<{ id: string; trackingNo: string }[]> {
    const made: { id: string; trackingNo: string }[] = [];
    for (let i = 0; i < n; i++) {
      const res = await call(i % 2 ? b : a, 'POST', '/api/v1/public/cases', complaint({ subject: `竞争 ${i}` }));
      expect(res.status).toBe(201);
      const trackingNo = (res.body as { trackingNo: string }).trackingNo;
      const row = await ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      made.push({ id: row.id, trackingNo });
    }
    return made;
  }

  const moves = {
    accept: { category: 'product-quality', note: '受理' },
    reject: { reasonCode: 'out-of-scope', reason: '不属于本公司处理范围' },
    'close-invalid': { reply: '经核实为无效投诉', reason: '重复提交' },
  } as const;
  type Move = keyof typeof moves;

  it('lets exactly one of two conflicting actions win and answers the other 409', async () => {
    const cases = await submitCases(PAIRS);
    const pairs: [Move, Move][] = [
      ['accept', 'accept'],
      ['accept', 'reject'],
      ['reject', 'close-invalid'],
    ];
    const results = [];
    // Ten races at a time, each pair sent at the same moment: one action to each instance.
    for (let start = 0; start < cases.length; start += 10) {
      results.push(
        ...(await Promise.all(
          cases.slice(start, start + 10).map(async (c, j) => {
            const [first, second] = pairs[(start + j) % pairs.length];
            const [ra, rb] = await Promise.all([
              call(
                a,
                'POST',
                `/api/v1/cases/${c.id}/actions/${first}`,
                { input: moves[first], expectedVersion: 1 },
                handlers[0].token,
              ),
              call(
                b,
                'POST',
                `/api/v1/cases/${c.id}/actions/${second}`,
                { input: moves[second], expectedVersion: 1 },
                handlers[1].token,
              ),
            ]);
            return { c, moves: [first, second] as const, calls: [ra, rb] as const };
          }),
        )),
      );
    }

    for (const {
      c,
      moves: [first, second],
      calls,
    } of results) {
      const statuses = calls.map((r) => r.status).sort();
      expect(statuses, `${c.trackingNo}: ${JSON.stringify(calls)}`).toEqual([200, 409]);
      const loser = calls.find((r) => r.status === 409)!;
      expect(loser.body).toEqual({
        error: { code: 'VERSION_CONFLICT', message: expect.stringContaining('/'), details: expect.anything() },
      });
      const winnerIndex = calls[0].status === 200 ? 0 : 1;
      const winnerMove = winnerIndex === 0 ? first : second;
      expect(calls[winnerIndex].body.version).toBe(2);

      // The case moved once, by the winner; the timeline and the audit chain hold only the winner.
      const row = await ctx.store.db
        .selectFrom('cases')
        .select(['version', 'status'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.version)).toBe(2);
      expect(row.status).toBe({ accept: 'accepted', reject: 'rejected', 'close-invalid': 'closed' }[winnerMove]);
      const events = await ctx.store.db
        .selectFrom('case_events')
        .select(['seq', 'action', 'actor_id'])
        .where('case_id', '=', c.id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => [Number(e.seq), e.action, e.actor_id])).toEqual([
        [1, 'submit', null],
        [2, winnerMove, handlers[winnerIndex].id],
      ]);
      const audit = await ctx.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('entity_id', '=', c.id)
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { action: 'case.submit', actor: 'system:portal' },
        { action: `case.${winnerMove}`, actor: `user:${handlers[winnerIndex].id}` },
      ]);
    }
    // Both instances won some races: the conflicts really were decided between two processes.
    const winsOfA = results.filter((r) => r.calls[0].status === 200).length;
    expect(winsOfA).toBeGreaterThan(0);
    expect(winsOfA).toBeLessThan(results.length);
    expect((await verifyAudit(ctx)).ok).toBe(true);
    // A loser that read the case before the winner committed is stopped by `UPDATE … WHERE version`.
    const decidedInDatabase = results.filter((r) =>
      r.calls.some((c) => c.status === 409 && JSON.stringify(c.body.error?.details) === '{}'),
    ).length;
    console.info(
      `races: ${results.length} pairs, ${winsOfA} won by instance A, ${decidedInDatabase} decided by the conditional update`,
    );
  }, 180_000);

  it('keeps every one of many concurrent non-conflicting writes from both instances', async () => {
    const cases = await submitCases(COUNTER_CASES);
    const sent: string[] = [];
    const calls = await Promise.all(
      cases.flatMap((c) =>
        [a, b].flatMap((server, s) =>
          Array.from({ length: WRITES_PER_INSTANCE }, (_, k) => {
            const text = `留言 ${c.trackingNo} ${s}-${k}`;
            sent.push(text);
            return call(server, 'POST', `/api/v1/cases/${c.id}/messages`, { text }, handlers[s].token);
          }),
        ),
      ),
    );
    expect(calls.filter((r) => r.status !== 201)).toEqual([]);

    for (const c of cases) {
      const row = await ctx.store.db
        .selectFrom('cases')
        .select('version')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.version)).toBe(1 + 2 * WRITES_PER_INSTANCE);
      const events = await ctx.store.db
        .selectFrom('case_events')
        .select(['seq', 'input'])
        .where('case_id', '=', c.id)
        .orderBy('seq')
        .execute();
      // One event per version, numbered without gaps, each message once.
      expect(events.map((e) => Number(e.seq))).toEqual(
        Array.from({ length: 1 + 2 * WRITES_PER_INSTANCE }, (_, i) => i + 1),
      );
      // Timeline inputs are sealed under the case key on disk (issue 24).
      const { openerFor } = await import('../src/store/sealing.ts');
      const open = await openerFor(ctx.store.db, [c.id]);
      const texts = events
        .slice(1)
        .map((e) => (JSON.parse(open(c.id, e.input)) as { text: string }).text)
        .sort();
      expect(texts).toEqual(sent.filter((t) => t.includes(c.trackingNo)).sort());
      const audited = await ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', c.id)
        .where('action', '=', 'case.staff-message')
        .execute();
      expect(audited).toHaveLength(2 * WRITES_PER_INSTANCE);
    }
    expect((await verifyAudit(ctx)).ok).toBe(true);
  }, 180_000);
});
