import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { perform } from '../src/app/perform.ts';
import { setProcedureIntakeUnit } from '../src/app/reach.ts';
import { submitCase } from '../src/app/submit.ts';
import type { Actor } from '../src/domain/case.ts';
import { scope } from '../src/domain/policy.ts';
import { listCases } from '../src/store/cases.repository.ts';
import { openStore } from '../src/store/db.ts';
import { indexBatch, indexPending, pendingCount } from '../src/store/search-index.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { complaint } from './support/harness.ts';
import { staffMember } from './support/staff.ts';

/**
 * Issue 25, sessions 22 and 23: each search index row keeps its case's unit path, so a page joins
 * only its matches in scope to their cases (migrations 202612072300, PostgreSQL; 202612080300, SQLite). A copy must follow the
 * case: here a company as real ones are — 客服部 the intake unit, a shop whose clerk registers what
 * customers say at the counter and forwards it — and a case searched for before and after it moves.
 */
describe.each(BACKENDS)('search follows a case to its new unit, $name (issue 25)', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let clerk: Actor;
  let service: Actor;
  let shopId: string;
  const clock = new TestClock('2026-12-07T02:00:00.000Z');

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend, clock));
    const company = await addOrgUnit(ctx, { name: '华东零售公司' }, 'system:test');
    const desk = await addOrgUnit(ctx, { name: '客服部', parent: company.id }, 'system:test');
    shopId = (await addOrgUnit(ctx, { name: '南京路门店', parent: company.id }, 'system:test')).id;
    await setProcedureIntakeUnit(ctx, 'customer-complaint', desk.id, 'system:test');
    clerk = await staffMember(ctx, 'dianyuan', [{ role: 'intake-clerk', unitId: shopId }]);
    service = await staffMember(ctx, 'kefu', [{ role: 'customer-service', unitId: desk.id }]);
  }, 120_000);
  afterAll(async () => cleanup?.());

  const search = async (who: Actor, text: string) =>
    (await listCases(ctx.store.db, { text, limit: 50, scope: scope(who, ctx.procedures.latestAll()) })).rows.map(
      (r) => r.id,
    );

  /** A complaint a customer makes at the shop's counter, registered by its clerk. */
  const walkIn = (subject: string, description: string) =>
    submitCase(ctx, complaint({ channel: 'walk-in', subject, description, orgUnit: shopId }) as never, clerk);

  it('a case forwarded from the shop to 客服部 is found by 客服部 and no longer by the shop', async () => {
    const { id } = await walkIn('冰箱门封条脱落', '买了两个月的冰箱门封条脱落');
    await indexPending(ctx.store);
    expect(await search(clerk, '冰箱')).toEqual([id]);
    expect(await search(service, '冰箱')).toEqual([]);

    await perform(ctx, id, 'forward', { note: '顾客到门店反映' }, clerk);
    expect(await search(service, '冰箱')).toEqual([id]);
    expect(await search(clerk, '冰箱')).toEqual([]);
    const { rows } = await sql<{ copy: string; path: string }>`
      select s.org_unit_path as copy, c.org_unit_path as path
        from case_search s join cases c on c.id = s.case_id where c.id = ${id}`.execute(ctx.store.db);
    expect(rows[0]!.copy).toBe(rows[0]!.path);
  });

  it("session 23: the page narrows its matches by the index row's copy before it looks at their cases", async () => {
    const { id } = await walkIn('洗衣机漏水', '洗衣机底部漏水');
    await indexPending(ctx.store);
    expect(await search(clerk, '洗衣机')).toEqual([id]);
    // A copy that named another unit would hide the case from the shop: the case's own unit is
    // checked only for the matches the copy lets through (SQLite since migration 202612080300).
    await sql`update case_search set org_unit_path = '/elsewhere/' where case_id = ${id}`.execute(ctx.store.db);
    expect(await search(clerk, '洗衣机')).toEqual([]);
    await sql`update case_search set org_unit_path = (select c.org_unit_path from cases c where c.id = case_search.case_id)
                where case_id = ${id}`.execute(ctx.store.db);
    expect(await search(clerk, '洗衣机')).toEqual([id]);
  });

  // PostgreSQL alone has writers that run at once (SQLite has one).
  if (backend.name === 'postgres')
    it('a case moved while the indexer writes it: the batch leaves it queued, the next writes where it went', async () => {
      const { id } = await walkIn('空调不制冷', '安装第二天空调就不制冷');
      // Another connection holds the case as a transfer does between its update and its commit.
      const other = openStore(ctx.config);
      try {
        await other.db.transaction().execute(async (trx) => {
          await sql`select id from cases where id = ${id} for no key update`.execute(trx);
          // The batch does not wait for it (a change may wait for the batch's queue rows) and
          // does not write the case; its queue row stays.
          expect(await indexBatch(ctx.store)).toBe(0);
          expect(await pendingCount(ctx.store)).toBe(1);
          await trx
            .updateTable('cases')
            .set({
              org_unit_id: sql`(select id from org_units where name = '客服部')` as never,
              org_unit_path: sql`(select path from org_units where name = '客服部')` as never,
            })
            .where('id', '=', id)
            .execute();
        });
      } finally {
        await other.close();
      }
      expect(await indexPending(ctx.store)).toBe(1);
      expect(await search(service, '空调')).toEqual([id]);
      expect(await search(clerk, '空调')).toEqual([]);
    });
});
