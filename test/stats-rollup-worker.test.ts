import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { countDaySnapshot, refreshStatsRollup, writeDay } from '../src/app/stats-rollup.ts';
import { rollupSizes } from '../src/store/stats-rollup.repository.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';
import { rolledUpStats } from './support/stats.ts';

/**
 * Issue 25: on SQLite the rollup's recount of a day ran on the request thread, in one synchronous
 * unit: ~150 ms for an ordinary day at 1M cases, seconds for a busy one, every request waiting. It
 * is counted in a read worker now, in one snapshot, and written here in short units. A write that
 * lands between the count and its writing must leave the day dirty (counted live), as the single
 * transaction did. The organisation as a real one is set up: grants in a department.
 */
const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe('the statistics rollup counts in a read worker on SQLite', () => {
  let h: Harness;
  // 10:00 in Shanghai on 12-01.
  const clock = new TestClock('2026-12-01T02:00:00.000Z');
  let manager = '';
  let handler = '';
  let service = '';

  beforeAll(async () => {
    h = await startHarness(sqlite, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    service = (await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    manager = (await h.staff('jingli', [{ role: 'customer-service-manager', unitId: service }])).username;
    handler = (await h.staff('xiaowang', [{ role: 'customer-service', unitId: service }])).token;
    for (let i = 0; i < 3; i++) {
      const res = await h.call('POST', '/api/v1/public/cases', { body: complaint({ orgUnit: service }) });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => h?.close());

  const sameAsDirect = () => rolledUpStats(h, manager, { from: '2026-12-01', to: '2026-12-31' });

  it('a past day is counted, and its month folded, by a worker thread', async () => {
    clock.advance(86_400_000);
    expect(await refreshStatsRollup(h.ctx, 7)).toBe(1);
    const done = [...h.ctx.reads!.gauges().done.keys()].map((k) => k.split('\0'));
    expect(done.filter(([task]) => task === 'rollupDay').length).toBeGreaterThan(0);
    expect(done.filter(([task]) => task === 'rollupMonth').length).toBeGreaterThan(0);
    expect(done.every(([, thread]) => Number(thread) !== 0)).toBe(true);
    const sizes = await rollupSizes(h.ctx.store.db);
    expect(sizes.changes).toBe(0);
    expect(sizes.folded).toBe(1);
    expect(JSON.stringify(await sameAsDirect())).toContain('"total":3');
  });

  it('a write between the count and its writing leaves the day dirty, and the figures right', async () => {
    const page = (await h.call('GET', '/api/v1/cases', { token: handler })).json();
    expect(page.items).toHaveLength(3);
    // Something makes 12-01 dirty, so there is a day to count.
    await accept(page.items[0]);
    const counted = await countDaySnapshot(h.ctx, '2026-12-01');
    expect(counted.seen).toBeGreaterThan(0);
    // Another case of the day is accepted after the snapshot, before the rows are written.
    await accept(page.items[1]);
    await writeDay(h.ctx, counted);
    expect((await rollupSizes(h.ctx.store.db)).changes).toBe(1);
    const live = JSON.stringify(await sameAsDirect());
    // The next tick counts it; the figures stay the same.
    expect(await refreshStatsRollup(h.ctx, 7)).toBe(1);
    expect((await rollupSizes(h.ctx.store.db)).changes).toBe(0);
    expect(JSON.stringify(await sameAsDirect())).toBe(live);
  });

  async function accept(item: { id: string; version: number }): Promise<void> {
    const res = await h.call('POST', `/api/v1/cases/${item.id}/actions/accept`, {
      token: handler,
      body: { input: { category: 'product-quality' }, expectedVersion: item.version },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
