import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Recorder } from './support/recorder.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { actorOfUser } from '../src/app/reach.ts';
import { scope } from '../src/domain/policy.ts';
import { type CaseFilter, listCases, type PageBudget } from '../src/store/cases.repository.ts';
import { indexPending } from '../src/store/search-index.ts';
import { findUserById } from '../src/store/users.repository.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 25: a page request looks at a bounded number of candidates, whatever the data. The
 * organisation is set up as real ones are: 总公司 with a busy 客服部 and a small 售后部 below it, and a
 * handler granted in the small one. Its three cases are older than the busy unit's twenty-four:
 * newest first, a page of `received` cases or of a search for a word every case has must look past
 * the others, and in the due order (oldest due first) the page after the handler's cases looks
 * through the others to find there are no more. With a budget of 10 candidates such a page comes
 * back short, with a cursor; following the cursors finds exactly the handler's three cases, once.
 */
describe.each(BACKENDS)('inbox pages look a bounded way ahead on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  const budget: PageBudget = { lookahead: 10, chunk: 5 };
  let h: Harness;
  let small: string[] = [];
  const busyCases: string[] = [];
  let intakeToken: string;
  let handlerScope: CaseFilter['scope'];

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const busy = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    const after = await addOrgUnit(h.ctx, { name: '售后部', parent: company.id }, 'system:test');
    const intake = await h.staff('intake', [{ role: 'customer-service', unitId: company.id }]);
    const handler = await h.staff('shouhou', [{ role: 'customer-service', unitId: after.id }]);
    const submit = async (unit: string, n: number) => {
      clock.advance(60_000);
      const res = await h.call('POST', '/api/v1/cases', {
        token: intake.token,
        body: complaint({
          channel: 'phone',
          orgUnit: unit,
          subject: `冰箱不制冷 ${n}`,
          description: '新买的冰箱坏了。',
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    for (let n = 0; n < 3; n++) small.push(await submit(after.id, n));
    for (let n = 0; n < 24; n++) busyCases.push(await submit(busy.id, n));
    intakeToken = intake.token;
    small = small.reverse(); // newest first, as pages list them
    await indexPending(h.ctx.store);
    const user = (await findUserById(h.ctx.store.db, handler.id))!;
    handlerScope = scope(await actorOfUser(h.ctx.store.db, user), h.ctx.procedures.latestAll());
  });
  afterAll(async () => h?.close());

  /** Every page from the first, following the cursors; the rows of each. */
  const pages = async (filter: Omit<CaseFilter, 'scope' | 'limit'>) => {
    const seen: string[][] = [];
    let cursor: Pick<CaseFilter, 'beforeId' | 'sort'> = {};
    for (let i = 0; i < 20; i++) {
      const page = await listCases(h.ctx.store.db, { ...filter, ...cursor, scope: handlerScope, limit: 2 }, budget);
      seen.push(page.rows.map((r) => r.id));
      if (!page.hasMore) return seen;
      const next = page.nextKey ?? page.rows[page.rows.length - 1].id;
      if (filter.sort) {
        const [key, id] = next.split('|');
        cursor = { sort: { ...filter.sort, after: { key, id } } };
      } else cursor = { beforeId: next };
    }
    throw new Error('the pages did not end');
  };

  /** A page that is not the last came back short: the budget, not the end of the cases, ended it. */
  const shortBeforeLast = (seen: string[][]) => seen.slice(0, -1).some((rows) => rows.length < 2);

  // PostgreSQL plans a state filter and a search itself, from its (status, unit path) and GIN
  // indexes; SQLite's pages walk an index in the page's order and stop at the budget.
  it('a state filter finds every case once; on SQLite a page stops at the budget', async () => {
    const seen = await pages({ status: ['received'] });
    expect(seen.flat()).toEqual(small);
    if (backend.name === 'sqlite') expect(seen[0]).toEqual([]);
  });

  it('the due order finds every case once, and a page stops at the budget', async () => {
    const seen = await pages({ sort: { by: 'due' } });
    expect(seen.flat().sort()).toEqual([...small].sort());
    expect(shortBeforeLast(seen)).toBe(true);
  });

  it('a search in the due order finds every match, however old (the order, not the search, is bounded)', async () => {
    const seen = await pages({ text: '冰箱', sort: { by: 'due' } });
    expect(seen.flat().sort()).toEqual([...small].sort());
  });

  it('a search for a word every case has finds every case once; on SQLite a page stops at the budget', async () => {
    const seen = await pages({ text: '冰箱' });
    expect(seen.flat()).toEqual(small);
    if (backend.name === 'sqlite') expect(seen[0]).toEqual([]);
  });

  it("issue 25, session 23: two states, interleaved, give each case once, newest first; on SQLite only the reader's cases are read whole", async () => {
    // The handler's middle case and every other case of the busy unit are accepted: the states
    // interleave, and every accepted case but one is the busy unit's.
    for (const id of [small[1], ...busyCases.filter((_, i) => i % 2 === 0)]) {
      const { version } = (await h.call('GET', `/api/v1/cases/${id}`, { token: intakeToken })).json();
      const res = await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: intakeToken,
        body: { input: { category: 'product-quality' }, expectedVersion: version },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const recorder = new Recorder();
    const db = h.ctx.store.db.withPlugin(recorder);
    const seen: string[] = [];
    let beforeId: string | undefined;
    for (let i = 0; i < 20; i++) {
      const filter = { status: ['accepted', 'received'], beforeId, scope: handlerScope, limit: 2 };
      const page = await listCases(db, filter, budget);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.hasMore) break;
      beforeId = page.nextKey ?? page.rows[page.rows.length - 1].id;
    }
    expect(seen).toEqual(small);
    if (backend.name !== 'sqlite') return;
    // The statements that read cases whole by id were asked for the handler's cases only; before,
    // each chunk of the state index was, the busy unit's cases and all (migration 202612080200).
    const asked = recorder.nodes
      .map((node) => h.ctx.store.db.getExecutor().compileQuery(node, { queryId: 'plan' } as never))
      .filter((q) => q.sql.includes('"cases"."id" in ('))
      .flatMap((q) => q.parameters.filter((p) => small.includes(p as string) || busyCases.includes(p as string)));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((id) => busyCases.includes(id as string))).toEqual([]);
  });
});
