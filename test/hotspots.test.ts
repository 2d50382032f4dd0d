import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHotspots, notifyHotspots } from '../src/app/hotspots.ts';
import { actorOfUser } from '../src/app/reach.ts';
import { statsScopeOf } from '../src/app/stats.ts';
import { findUserById } from '../src/store/users.repository.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { httpReceiver } from './support/http-receiver.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { submitCase } from '../src/app/submit.ts';
import { detectHotspots, HOTSPOT_DEFAULTS, placeOf, poissonTail } from '../src/domain/hotspots.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const DAY = 86_400_000;

describe('the hotspot test (issue 21)', () => {
  it('computes the Poisson tail', () => {
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
  });

  it('raises a spike over a quiet baseline, not a steady series, nor a spike below the minimum count', () => {
    const key = (value: string) => ({ procedureId: 'p', dimension: 'respondent' as const, value });
    const found = detectHotspots([
      { key: key('spike'), recent: 12, baseline: 4 },
      { key: key('steady'), recent: 14, baseline: 196 },
      { key: key('few'), recent: 4, baseline: 0 },
    ]);
    expect(found.map((h) => h.value)).toEqual(['spike']);
  });

  it('reads a building or a district from what people write', () => {
    expect(placeOf('3栋2单元501')).toBe('3栋');
    expect(placeOf('12 号楼 1202 室')).toBe('12号楼');
    expect(placeOf('广州市天河区体育西路 100 号')).toBe('广州市天河区');
    expect(placeOf('人民路 100 号')).toBeNull();
  });
});

/**
 * Issue 21, with a fixed clock: a spike of 12 complaints about one business in two days over a
 * baseline of one a week raises exactly one hotspot; a business complained of every day raises
 * none. Managers see hotspots from the cases they may see, and supervisors are told once.
 */
describe.each(BACKENDS)('hotspots on $name (issue 21)', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-22T02:00:00.000Z');
  let manager: { id: string; token: string };
  let otherManager: { id: string; token: string };
  let handler: { id: string; token: string };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    const sales = await addOrgUnit(h.ctx, { name: '销售部', parent: company.id }, 'system:test');
    manager = await h.staff('kf-manager', [{ role: 'customer-service-manager', unitId: service.id }] as never);
    otherManager = await h.staff('xs-manager', [{ role: 'customer-service-manager', unitId: sales.id }] as never);
    handler = await h.staff('kf-li', [{ role: 'customer-service', unitId: service.id }] as never);
    const start = clock.now().getTime();
    const file = async (business: string, at: number) => {
      clock.set(new Date(at).toISOString());
      await submitCase(
        h.ctx,
        complaint({
          channel: 'web',
          orgUnit: service.id,
          respondents: [{ name: business, type: 'business' }],
        }) as never,
        { kind: 'system', name: 'test' },
      );
    };
    for (let day = 0; day < 30; day++) await file('万家福商场', start + day * DAY + 3_600_000);
    for (const day of [0, 7, 14, 21]) await file('好又多超市', start + day * DAY + 7_200_000);
    for (let i = 0; i < 12; i++) await file('好又多超市', start + 28 * DAY + i * 3 * 3_600_000);
    clock.set(new Date(start + 30 * DAY).toISOString());
  }, 120_000);
  afterAll(async () => h?.close());

  it('one hotspot: the business with 12 complaints in two days after one a week; none for the steady one', async () => {
    const res = await h.call('GET', '/api/v1/hotspots', { token: manager.token });
    expect(res.statusCode, res.body).toBe(200);
    const { hotspots } = res.json();
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({
      procedureId: 'customer-complaint',
      dimension: 'respondent',
      value: '好又多超市',
      recent: 12,
    });
    expect(hotspots[0].caseIds).toHaveLength(12);
    expect(hotspots[0].expected).toBeLessThan(1);
  });

  it('follows the access policy: another unit’s manager sees none, a handler without a manager role gets 403', async () => {
    const other = await h.call('GET', '/api/v1/hotspots', { token: otherManager.token });
    expect(other.statusCode).toBe(200);
    expect(other.json().hotspots).toEqual([]);
    expect((await h.call('GET', '/api/v1/hotspots', { token: handler.token })).statusCode).toBe(403);
  });

  it('tells the supervisors of the unit and the group robot once, however often the pass runs', async () => {
    // The organisation's 企业微信 group robot: a real HTTP server answering as the service does.
    const robot = await httpReceiver(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    h.ctx.config.channels.hooks.push({ name: 'group', kind: 'wecom', url: `${robot.url}/wecom?key=k` });
    try {
      expect(await notifyHotspots(h.ctx)).toBe(1);
      expect(await notifyHotspots(h.ctx)).toBe(0);
      await dispatchOnce(h.ctx, 1000);
      await dispatchOnce(h.ctx, 1000);
      const told = robot.received
        .map((r) => JSON.parse(r.body).text.content as string)
        .filter((t) => t.startsWith('【热点】'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain('好又多超市');
      expect(told[0]).toMatch(/近 2 天收到 12 件/);
    } finally {
      h.ctx.config.channels.hooks.pop();
      await robot.close();
    }
    const notices = await h.ctx.store.db
      .selectFrom('staff_notifications')
      .select(['user_id', 'title'])
      .where('event', '=', 'hotspot')
      .execute();
    expect(notices.map((n) => n.user_id)).toEqual([manager.id]);
    expect(JSON.parse(notices[0].title)['zh-CN']).toContain('好又多超市');
  });

  it('on SQLite a read worker reads and tallies the window, for the board and for the pass (issue 25)', async () => {
    expect((await h.call('GET', '/api/v1/hotspots', { token: manager.token })).statusCode).toBe(200);
    expect(await notifyHotspots(h.ctx)).toBe(0);
    if (backend.name === 'postgres') {
      // PostgreSQL's driver is asynchronous: heavy reads run in the process, there is no pool.
      expect(h.ctx.reads).toBeUndefined();
      return;
    }
    const done = [...h.ctx.reads!.gauges().done.keys()].map((k) => k.split('\0')[0]);
    expect(done).toContain('hotspots');
    expect(done).toContain('allHotspots');
  });
});

describe.each(BACKENDS)(
  'category and place hotspots on $name, counted without reading the window at once (issue 25)',
  (backend) => {
    let h: Harness;
    const clock = new TestClock('2026-11-22T02:00:00.000Z');
    let manager: { id: string; token: string };
    let estateA: string;

    beforeAll(async () => {
      h = await startHarness(backend, clock);
      // A property company with two estates; the manager is granted in 一区 only.
      const company = await addOrgUnit(h.ctx, { name: '物业公司' }, 'system:test');
      const a = await addOrgUnit(h.ctx, { name: '一区', parent: company.id }, 'system:test');
      const b = await addOrgUnit(h.ctx, { name: '二区', parent: company.id }, 'system:test');
      estateA = a.path;
      manager = await h.staff('yq-manager', [{ role: 'manager', unitId: a.id }] as never);
      const start = clock.now().getTime();
      const file = async (unit: string, category: string, room: string, at: number) => {
        clock.set(new Date(at).toISOString());
        await submitCase(
          h.ctx,
          {
            procedure: 'property-complaint',
            kind: 'complaint',
            channel: 'phone',
            orgUnit: unit,
            category,
            subject: '报修无人处理',
            description: '报修后一直没人来。',
            anonymous: true,
            requestedOutcome: '尽快处理',
            fields: { room },
          } as never,
          { kind: 'system', name: 'test' },
        );
      };
      // Steady: security at 1栋, one a day for 30 days. Rising: repairs at 3栋, one a week, then 12
      // in two days. 二区's own spike at 9栋 is not the 一区 manager's to see.
      for (let day = 0; day < 30; day++)
        await file(a.id, 'security', `1栋${day + 101}室`, start + day * DAY + 3_600_000);
      for (const day of [0, 7, 14, 21]) await file(a.id, 'repair', `3栋${day + 201}室`, start + day * DAY + 7_200_000);
      for (let i = 0; i < 12; i++) await file(a.id, 'repair', `3栋${i + 501}室`, start + 28 * DAY + i * 3 * 3_600_000);
      for (let i = 0; i < 12; i++) await file(b.id, 'facilities', `9栋${i + 101}室`, start + 28 * DAY + i * 3_600_000);
      clock.set(new Date(start + 30 * DAY).toISOString());
    }, 120_000);
    afterAll(async () => h?.close());

    it('raises the category and the building that rose, with their cases newest first, only in the manager’s estate', async () => {
      const res = await h.call('GET', '/api/v1/hotspots?procedure=property-complaint', { token: manager.token });
      expect(res.statusCode, res.body).toBe(200);
      const hotspots = res.json().hotspots as {
        dimension: string;
        value: string;
        recent: number;
        caseIds: string[];
        label: { 'zh-CN': string };
      }[];
      const series = hotspots.map((s) => `${s.dimension}:${s.value}:${s.recent}`).sort();
      expect(series).toEqual(['category:repair:12', 'place:3栋:12']);
      for (const s of hotspots) {
        expect(s.caseIds).toHaveLength(12);
        expect(s.caseIds).toEqual([...s.caseIds].sort().reverse());
      }
      expect(hotspots.find((s) => s.dimension === 'category')!.label['zh-CN']).toBe('维修服务');
      const place = hotspots.find((s) => s.dimension === 'place')!;
      expect(place.caseIds).toEqual(hotspots.find((s) => s.dimension === 'category')!.caseIds);
    });

    it('counts places a few cases at a time with the same result as in one step', async () => {
      const user = (await findUserById(h.ctx.store.db, manager.id))!;
      const actor = await actorOfUser(h.ctx.store.db, user);
      const inOne = await findHotspots(h.ctx, statsScopeOf(h.ctx, actor), {}, HOTSPOT_DEFAULTS, 10_000);
      // 46 cases with a place in 一区's window: 16 steps of 3, the last short.
      const inSteps = await findHotspots(h.ctx, statsScopeOf(h.ctx, actor), {}, HOTSPOT_DEFAULTS, 3);
      expect(inSteps).toEqual(inOne);
      expect(inSteps.map((s) => `${s.dimension}:${s.value}`).sort()).toEqual(['category:repair', 'place:3栋']);
      expect(inSteps.every((s) => s.unitPaths.length === 1 && s.unitPaths[0] === estateA)).toBe(true);
    });
  },
);
