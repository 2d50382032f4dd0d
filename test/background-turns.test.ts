import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneOnce } from '../src/app/housekeeping.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { sqlite, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 25 "no request holds the event loop more than 50 ms": on SQLite every statement is
 * synchronous and awaiting one never lets the event loop turn, so a background job that loops over
 * hundreds of rows holds every request for the whole loop unless it yields. A soak measured the
 * dispatcher's fan-out of 200 outbox rows in one unit of the group commit at 130 ms on average and
 * 206 ms at most, every 5 s. Here a watcher on its own connection reads the committed rows at
 * every turn of the loop while a job runs: the job must have let it run in the middle of its work,
 * not only before and after. The org: 总公司 with 客服部 below it, the handler's grant in 客服部.
 */
describe('background jobs take turns with the requests on sqlite (issue 25)', () => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  let serviceUnit: string;

  beforeAll(async () => {
    h = await startHarness(sqlite, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    serviceUnit = (await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    await h.staff('kefu', [{ role: 'customer-service', unitId: serviceUnit }] as never);
  });
  afterAll(async () => h?.close());

  /** Runs `job`; meanwhile reads the counts `probes` on another connection at every turn of the event loop. */
  async function watchTurns<T, K extends string>(
    probes: Record<K, string>,
    job: () => Promise<T>,
  ): Promise<{ result: T; seen: Record<K, number>[] }> {
    const watcher = new Database(h.ctx.store.location, { readonly: true });
    const statements = Object.entries(probes).map(([k, q]) => [k, watcher.prepare(q as string)] as const);
    const read = () =>
      Object.fromEntries(statements.map(([k, s]) => [k, Number((s.get() as { n: number }).n)])) as Record<K, number>;
    const seen = [read()];
    let done = false;
    const turn = () => {
      if (done) return;
      seen.push(read());
      setImmediate(turn);
    };
    setImmediate(turn);
    try {
      const result = await job();
      return { result, seen };
    } finally {
      done = true;
      seen.push(read());
      watcher.close();
    }
  }

  /** Some turn saw the work begun and not finished: the job was not one stretch of the loop. */
  const midway = (seen: number[], from: number, to: number) =>
    seen.some((n) => n !== from && n !== to && n >= Math.min(from, to) && n <= Math.max(from, to));

  it('the dispatcher fans out and delivers 40 notices in slices, with turns of the loop between', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await h.call('POST', '/api/v1/public/cases', {
        body: {
          ...complaint({ subject: `第${i}号 电梯故障` }),
          orgUnit: serviceUnit,
          submitter: undefined,
          anonymous: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { result, seen } = await watchTurns(
      {
        pending: `select count(*) as n from outbox where status = 'pending'`,
        notices: `select count(*) as n from staff_notifications`,
      },
      () => dispatchOnce(h.ctx),
    );
    const [first, last] = [seen[0]!, seen.at(-1)!];
    expect(result.fannedOut).toBe(first.pending);
    expect(first.pending).toBeGreaterThanOrEqual(40);
    expect(last.pending).toBe(0);
    // The handler of 客服部 is told of each new case in-app.
    expect(result.sent).toBeGreaterThanOrEqual(40);
    expect(last.notices - first.notices).toBe(result.sent);
    expect(
      midway(
        seen.map((s) => s.pending),
        first.pending,
        0,
      ),
    ).toBe(true);
    expect(
      midway(
        seen.map((s) => s.notices),
        first.notices,
        last.notices,
      ),
    ).toBe(true);
  });

  it('pruning deletes expired rows a batch at a time, with turns of the loop between', async () => {
    const old = new Date(clock.now().getTime() - 2 * 24 * 3_600_000).toISOString();
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      key: `old-key-${i}`,
      request_hash: 'x',
      status_code: 201,
      response_enc: 'x',
      created_at: old,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await h.ctx.store.db
        .insertInto('idempotency_keys')
        .values(rows.slice(i, i + 200))
        .execute();
    const { result, seen } = await watchTurns({ keys: 'select count(*) as n from idempotency_keys' }, () =>
      pruneOnce(h.ctx),
    );
    expect(result.idempotencyKeys).toBe(1_200);
    expect(seen[0]!.keys).toBe(1_200);
    expect(seen.at(-1)!.keys).toBe(0);
    expect(
      midway(
        seen.map((s) => s.keys),
        1_200,
        0,
      ),
    ).toBe(true);
  });
});
