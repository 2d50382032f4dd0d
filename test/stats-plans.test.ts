import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { submitCase } from '../src/app/submit.ts';
import { recusedCases, respondentSamples } from '../src/store/stats.repository.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { Recorder } from './support/recorder.ts';
import { complaint } from './support/harness.ts';

/**
 * Issue 25: the year's statistics at 1M cases, as a unit manager, took 870 ms where the target is
 * 100; two statements were 786 ms of it. Naming the top respondents read every case of each name
 * to take the greatest id (440 ms), where one case a name says the name; and the cases a reader is
 * recused from were found by walking every case of the period (346 ms), where the exclusions are a
 * few per thousand cases. Each is explained here on SQLite, and answered right on both databases.
 */
describe.each(BACKENDS)('statistics statements that read the period whole, $name (issue 25)', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  const clock = new TestClock('2026-03-02T02:00:00.000Z');
  const ids: string[] = [];

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend, clock));
    for (let i = 0; i < 12; i++) {
      ids.push(
        (
          await submitCase(ctx, complaint({ channel: 'web', subject: `冰箱不制冷 ${i}` }) as never, {
            kind: 'system',
            name: 'test',
          })
        ).id,
      );
      clock.advance(86_400_000);
    }
    const received = await ctx.store.db.selectFrom('cases').select(['id', 'received_at']).execute();
    const at = new Map(received.map((r) => [r.id, r.received_at]));
    // Two names (hashed, as the table holds them): A on every case, B on every third.
    await ctx.store.db
      .insertInto('case_respondents')
      .values(
        ids.flatMap((id, i) => [
          { case_id: id, procedure_id: 'customer-complaint', name: 'hash-a', received_at: at.get(id)! },
          ...(i % 3 === 0
            ? [{ case_id: id, procedure_id: 'customer-complaint', name: 'hash-b', received_at: at.get(id)! }]
            : []),
        ]),
      )
      .execute();
    // One person recused from case 4 by name, a unit's members from case 7.
    await ctx.store.db
      .insertInto('case_exclusions')
      .values([
        { case_id: ids[4]!, user_id: 'U1', unit_path: null, reason: '被投诉人本人', suggested: 0 },
        { case_id: ids[7]!, user_id: null, unit_path: '/A/B/', reason: '被投诉部门', suggested: 0 },
      ])
      .execute();
  }, 120_000);
  afterAll(async () => cleanup?.());

  async function explained(run: (db: AppContext['store']['db']) => Promise<unknown>) {
    const recorder = new Recorder();
    const value = await run(ctx.store.db.withPlugin(recorder));
    const plans: string[] = [];
    if (ctx.store.dialect === 'sqlite')
      for (const node of recorder.nodes) {
        const compiled = ctx.store.db.getExecutor().compileQuery(node, { queryId: 'plan' } as never);
        const r = await ctx.store.db.executeQuery<{ detail: string }>({
          ...compiled,
          sql: `explain query plan ${compiled.sql}`,
        });
        plans.push(r.rows.map((x) => x.detail).join('\n'));
      }
    return { value, plans };
  }

  it('one case of the period names each top respondent: one index entry a name, nothing grouped', async () => {
    const from = (
      await ctx.store.db.selectFrom('cases').select('received_at').where('id', '=', ids[2]!).executeTakeFirstOrThrow()
    ).received_at;
    const to = '2027-01-01T00:00:00.000Z';
    const { value, plans } = await explained((db) =>
      respondentSamples(
        db,
        [
          { procedureId: 'customer-complaint', hash: 'hash-a' },
          { procedureId: 'customer-complaint', hash: 'hash-b' },
          { procedureId: 'customer-complaint', hash: 'hash-none' },
        ],
        from,
        to,
      ),
    );
    const samples = value as Map<string, string>;
    // Each sample is a case of the period that names it (the newest).
    expect(samples.get('hash-a')).toBe(ids[11]);
    expect(samples.get('hash-b')).toBe(ids[9]);
    expect(samples.has('hash-none')).toBe(false);
    expect(
      plans.filter((p) => /TEMP B-TREE|SCAN case_respondents/.test(p)),
      plans.join('\n---\n'),
    ).toEqual([]);
  });

  it('the cases a reader is recused from: read from the exclusions, not from every case of the period', async () => {
    const { value, plans } = await explained((db) =>
      recusedCases(
        db,
        { userId: 'U1', memberPaths: ['/A/B/C/'] },
        '2026-01-01T00:00:00.000Z',
        '2027-01-01T00:00:00.000Z',
      ),
    );
    expect(new Set(value as string[])).toEqual(new Set([ids[4], ids[7]]));
    expect(
      plans.filter((p) => /cases_received_at/.test(p)),
      plans.join('\n---\n'),
    ).toEqual([]);
  });
});
