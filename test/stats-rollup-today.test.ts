import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { refreshStatsRollup } from '../src/app/stats-rollup.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';
import { rolledUpStats } from './support/stats.ts';

/**
 * Issue 25: the rollup's refresher leaves today (local) to the live count. Recounting the day being
 * written was stale at the next submit and scanned all of today's cases each tick: bench:soak's event
 * loop stalled for seconds once a busy day held tens of thousands. Statistics stay exact: today is
 * dirty and counted live, and the first tick of tomorrow recounts it.
 */
describe.each(BACKENDS)('the statistics rollup and today, $name', (backend) => {
  let h: Harness;
  // 23:00 in Shanghai on 12-01: the local day ends an hour later.
  const clock = new TestClock('2026-12-01T15:00:00.000Z');
  let manager = '';

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    manager = (await h.staff('jingli', [{ role: 'customer-service-manager', unitId: service.id }])).username;
    for (let i = 0; i < 3; i++) {
      const res = await h.call('POST', '/api/v1/public/cases', { body: complaint({ orgUnit: service.id }) });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => h?.close());

  async function sameAsDirect(): Promise<void> {
    const rolled = await rolledUpStats(h, manager, { from: '2026-12-01', to: '2026-12-02' });
    expect(JSON.stringify(rolled)).toContain('"total":3');
  }

  it('today is not recounted while it is today, and is counted live', async () => {
    expect(await refreshStatsRollup(h.ctx, 7)).toBe(0);
    await sameAsDirect();
  });

  it('the first tick of tomorrow recounts it', async () => {
    clock.advance(2 * 3_600_000);
    expect(await refreshStatsRollup(h.ctx, 7)).toBe(1);
    expect(await refreshStatsRollup(h.ctx, 7)).toBe(0);
    await sameAsDirect();
  });
});
