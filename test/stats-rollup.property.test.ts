import { seeded } from '../bench/seeded.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { actorOfUser } from '../src/app/reach.ts';
import { deleteCase } from '../src/app/retention.ts';
import { findCaseById } from '../src/store/cases.repository.ts';
import { computeStats, statsScopeOf, type StatsPeriod } from '../src/app/stats.ts';
import { refreshAllStatsRollup, refreshStatsRollup } from '../src/app/stats-rollup.ts';
import { addDays } from '../src/domain/calendar.ts';
import { rollupSizes } from '../src/store/stats-rollup.repository.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 25: statistics read from the rollup equal the direct GROUP BYs over the cases, at every
 * moment of a random working life: cases arrive (some around local midnight, Asia/Shanghai),
 * move through their procedure, are closed, rated, found, recused from; the refresher recounts a
 * few dirty days now and then. After each step, for admins and unit-scoped managers (one recused
 * from some cases, one holding two subtrees, one holding a unit and a unit below it), with and
 * without unit and procedure filters, over periods whose edges are local days and over whole months
 * (read from the month rows once folded), both computations must give the same statistics.
 */

type Life = {
  id: string;
  trackingNo: string;
  version: number;
  unit: 'a' | 'a1' | 'b';
  step: number;
  invalid: boolean;
  person: boolean;
  /** Local day received. */
  day: string;
};

const CATEGORIES = ['product-quality', 'service-attitude', 'after-sales', 'delivery'];
const FINDINGS = ['substantiated', 'partly-substantiated', 'not-substantiated'];
const CHANNELS = ['phone', 'email', 'letter', 'walk-in'];

describe.each(BACKENDS)('statistics from the rollup equal the direct count on $name', (backend) => {
  const seed = Number(process.env.STATS_ROLLUP_SEED ?? Date.now() % 1_000_000);
  // A seeded walk (bench/seeded.ts's mulberry32), so a failure names the seed that reproduces it.
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  let h: Harness;
  const clock = new TestClock('2026-10-29T09:00:00.000Z');
  const units: Record<'city' | 'a' | 'a1' | 'b', string> = { city: '', a: '', a1: '', b: '' };
  const tokens: Record<string, string> = {};
  const viewers: string[] = ['stats-admin', 'mgr-a', 'mgr-a1', 'mgr-a1-b', 'mgr-a-a1'];
  const cases: Life[] = [];
  let compared = 0;
  let recusals = 0;
  let links = 0;

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: '市公司' }, 'system:test');
    const a = await addOrgUnit(h.ctx, { name: '甲分公司', parent: city.id }, 'system:test');
    const a1 = await addOrgUnit(h.ctx, { name: '甲一营业部', parent: a.id }, 'system:test');
    const b = await addOrgUnit(h.ctx, { name: '乙分公司', parent: city.id }, 'system:test');
    Object.assign(units, { city: city.id, a: a.id, a1: a1.id, b: b.id });
    const at = (role: string, unitId: string) => ({ role, unitId });
    const add = async (name: string, roles: { role: string; unitId: string }[], isAdmin = false) => {
      tokens[name] = (await h.staff(name, roles, { isAdmin })).token;
    };
    await add('stats-admin', [], true);
    await add('mgr-a', [at('customer-service-manager', a.id)]);
    await add('mgr-a1', [at('customer-service-manager', a1.id)]);
    await add('mgr-a1-b', [at('customer-service-manager', a1.id), at('customer-service-manager', b.id)]);
    // Overlapping grants (a and a unit below it): the month rows of a1 must not be added twice.
    await add('mgr-a-a1', [at('customer-service-manager', a.id), at('customer-service-manager', a1.id)]);
    await add('svc-a', [at('customer-service', a.id)]);
    await add('svc-b', [at('customer-service', b.id)]);
  }, 60_000);
  afterAll(async () => h?.close());

  const handler = (c: Life) => (c.unit === 'b' ? 'svc-b' : 'svc-a');

  async function intake(): Promise<void> {
    // The first case names a person in unit a: the walk always has a case its manager can be recused from.
    const unit = cases.length === 0 ? 'a' : pick(['a', 'a1', 'b'] as const);
    const person = cases.length === 0 || rnd() < 0.25;
    const res = await h.call('POST', '/api/v1/cases', {
      token: tokens[unit === 'b' ? 'svc-b' : 'svc-a'],
      body: complaint({
        channel: pick(CHANNELS),
        orgUnit: units[unit],
        subject: `案件 ${cases.length}`,
        respondents: [
          person
            ? { name: '客服主管老王', type: 'person' }
            : { name: pick(['人民路门店', '解放路门店']), type: 'business' },
        ],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const found =
      (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: tokens['svc-a'] })).json().items[0] ??
      (await h.call('GET', `/api/v1/cases?q=${res.json().trackingNo}`, { token: tokens['svc-b'] })).json().items[0];
    cases.push({
      id: found.id,
      trackingNo: res.json().trackingNo,
      version: found.version,
      unit,
      step: 0,
      invalid: rnd() < 0.2,
      person,
      day: h.ctx.calendar.localDate(clock.now()),
    });
  }

  /** One step of a case's life: the happy path of customer-complaint, or closed as invalid. */
  async function advance(c: Life): Promise<void> {
    const path: [string, Record<string, unknown>][] = c.invalid
      ? [
          ['accept', { category: pick(CATEGORIES) }],
          ['close-invalid', { reply: '您好，该事项不属于我司受理范围。', reason: '非本公司商品' }],
        ]
      : [
          ['accept', { category: pick(CATEGORIES) }],
          ['assign', { responsible: handler(c) }],
          ['start-investigation', { plan: '核对记录' }],
          ['decide', { cause: '原因', nature: '性质', outcome: pick(FINDINGS), solution: '处理' }],
          ['resolve', { summary: '已处理' }],
          ['reply', { reply: '已为您处理。', method: 'letter' }],
          ['rate', { satisfaction: 1 + Math.floor(rnd() * 5) }],
          ['close', { note: '归档' }],
        ];
    if (c.step >= path.length) return;
    const [action, input] = path[c.step];
    const res = await h.call('POST', `/api/v1/cases/${c.id}/actions/${action}`, {
      token: tokens[handler(c)],
      body: { input, expectedVersion: c.version },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    c.version = res.json().version;
    c.step++;
  }

  /** The manager names themself among the respondents: they are recused from the case (COI). */
  async function recuse(c: Life): Promise<void> {
    const res = await h.call('POST', `/api/v1/cases/${c.id}/respondents/0/link`, {
      token: tokens[handler(c)],
      body: { user: 'mgr-a' },
    });
    expect(res.statusCode, res.body).toBe(200);
    c.person = false;
    c.version++;
    recusals++;
  }

  /** A handler marks a case as a repeat of an earlier one they also handle (INT-6): a link, not a case write. */
  async function linkRepeat(c: Life): Promise<void> {
    const earlier = cases.find((e) => e !== c && handler(e) === handler(c) && e.id < c.id);
    if (!earlier) return;
    const res = await h.call('POST', `/api/v1/cases/${c.id}/links`, {
      token: tokens[handler(c)],
      body: { trackingNo: earlier.trackingNo, kind: 'repeat', note: '同一事项再次投诉' },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    // The link is recorded on the cases' timelines: their versions move on.
    for (const x of [c, earlier]) {
      const got = await h.call('GET', `/api/v1/cases/${x.id}`, { token: tokens[handler(x)] });
      x.version = got.json().version;
    }
    links++;
  }

  async function scopeOf(username: string) {
    const user = await h.ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return statsScopeOf(h.ctx, await actorOfUser(h.ctx.store.db, user));
  }

  async function same(viewer: string, period: StatsPeriod): Promise<void> {
    const scope = await scopeOf(viewer);
    const direct = await computeStats(h.ctx, scope, period, { direct: true });
    const rolled = await computeStats(h.ctx, scope, period);
    expect(rolled, `seed ${seed}, ${viewer}, ${JSON.stringify(period)}`).toEqual(direct);
    compared++;
  }

  /** Every viewer over the whole span; then a random viewer, filter and period with local-day edges. */
  async function compareAll(): Promise<void> {
    const today = h.ctx.calendar.localDate(clock.now());
    for (const v of viewers) await same(v, { from: '2026-10-25', to: '2026-11-30' });
    for (let i = 0; i < 3; i++) {
      const from = addDays('2026-10-29', Math.floor(rnd() * 12));
      const to = addDays(from, Math.floor(rnd() * 4));
      const filter = pick([{}, { unitId: units.a1 }, { unitId: units.b }, { procedureId: 'customer-complaint' }]);
      await same(pick(viewers), { from, to, ...filter });
    }
    await same(pick(viewers), { from: today, to: today });
    await same(pick(viewers), { from: '2026-10-31', to: '2026-11-01', unitId: units.a });
    // Whole months (read from the month rows once folded) next to partial ones, and the year.
    await same(pick(viewers), { from: '2026-10-01', to: '2026-11-30' });
    await same(pick(viewers), { from: '2026-10-15', to: '2026-11-30', ...pick([{}, { unitId: units.a }]) });
    await same(pick(viewers), { from: '2026-01-01', to: '2026-12-31' });
  }

  it('after every step of a random walk', async () => {
    for (let step = 0; step < 70; step++) {
      // Minutes to hours between steps; many arrivals land near local midnight (16:00 UTC).
      clock.advance(rnd() < 0.3 ? Math.floor(rnd() * 40) * 60_000 : Math.floor(rnd() * 9 * 3_600_000));
      const r = rnd();
      if (r < 0.35 || cases.length < 3) await intake();
      else if (r < 0.7) await advance(pick(cases));
      else if (r < 0.75) await linkRepeat(pick(cases));
      else if (r < 0.85 && cases.some((c) => c.person && c.unit !== 'b'))
        await recuse(cases.find((c) => c.person && c.unit !== 'b')!);
      else await refreshStatsRollup(h.ctx, 1 + Math.floor(rnd() * 3));
      if (step % 3 === 0) await compareAll();
    }
    const named = cases.find((c) => c.person && c.unit !== 'b');
    if (named) await recuse(named);
    await linkRepeat(cases[cases.length - 1]);
    // A day on, every day written is in the past: the refresher leaves today alone (it is counted live).
    clock.advance(24 * 3_600_000);
    await refreshAllStatsRollup(h.ctx);
    const sizes = await rollupSizes(h.ctx.store.db);
    expect(sizes.changes).toBe(0);
    expect(sizes.rollup).toBeGreaterThan(0);
    // October and November are folded: whole months are read from the month rows.
    expect(sizes.folded).toBeGreaterThanOrEqual(2);
    expect(sizes.monthFacts).toBeGreaterThan(0);
    // All clean: every figure now comes from the rollup (less the recused cases).
    await compareAll();
    // Weeks later, running clocks have come due: judged at reading, not when rolled up.
    clock.advance(20 * 86_400_000);
    await compareAll();
    // A late change to an October case: October is dirty again (read from its days and live), then refolded.
    // (the first case arrived in October: if none of October's can move on, a case links to it.)
    expect(cases[0].day.startsWith('2026-10')).toBe(true);
    const october = cases.find((c) => c.day.startsWith('2026-10') && c.step < (c.invalid ? 2 : 8));
    if (october) await advance(october);
    else await linkRepeat([...cases].reverse().find((c) => c !== cases[0] && handler(c) === handler(cases[0]))!);
    expect((await rollupSizes(h.ctx.store.db)).changes).toBeGreaterThan(0);
    await compareAll();
    for (const c of cases) await advance(c);
    await compareAll();
    await refreshAllStatsRollup(h.ctx);
    expect((await rollupSizes(h.ctx.store.db)).folded).toBeGreaterThanOrEqual(sizes.folded);
    await compareAll();
    // Retention deletes cases (CON-4): their days turn dirty, then are recounted without them.
    for (const c of cases.slice(0, 4)) await deleteCase(h.ctx, (await findCaseById(h.ctx.store.db, c.id))!);
    await compareAll();
    await refreshAllStatsRollup(h.ctx);
    await compareAll();
    expect(compared).toBeGreaterThan(100);
    // The walk did what it is for: mgr-a is recused from some cases the rollup counts for everyone.
    expect(recusals).toBeGreaterThan(0);
    expect(links).toBeGreaterThan(0);
    const excluded = await h.ctx.store.db.selectFrom('case_exclusions').select('case_id').execute();
    expect(excluded.length).toBeGreaterThan(0);
  }, 600_000);
});
