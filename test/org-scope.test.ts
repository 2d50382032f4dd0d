import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Org units and supervision (RTE-1, SLA-6): a role held in a unit reaches that unit's subtree
 * and no further; the unit above sees overdue cases below it, urges and takes over.
 */
describe.each(BACKENDS)('org scope and supervision on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  const units: Record<string, string> = {};
  const users: Record<string, { id: string; token: string }> = {};
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: '市局' }, 'system:test');
    const countyA = await addOrgUnit(h.ctx, { name: '甲县局', parent: city.id }, 'system:test');
    const countyB = await addOrgUnit(h.ctx, { name: '乙县局', parent: city.id }, 'system:test');
    const officeA1 = await addOrgUnit(h.ctx, { name: '甲县城关所', parent: countyA.id }, 'system:test');
    Object.assign(units, { city: city.id, countyA: countyA.id, countyB: countyB.id, officeA1: officeA1.id });
    const admin = await h.staff('root-admin', [], { isAdmin: true });
    const grant = async (name: string, role: string, unit: string) => {
      const res = await h.call('POST', '/api/v1/admin/users', {
        token: admin.token,
        body: {
          username: name,
          displayName: name,
          password: 'correct horse battery',
          grants: [{ role, orgUnit: unit }],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { token } = await (await import('../src/app/auth.ts')).createToken(h.ctx, name, 't', 'system:test');
      users[name] = { id: res.json().id, token };
    };
    await grant('city-supervisor', 'customer-service-manager', units.city);
    await grant('county-a', 'customer-service', units.countyA);
    await grant('county-b', 'customer-service', units.countyB);
    await grant('office-a1', 'customer-service', units.officeA1);
    for (const [name, who, unit] of [
      ['inA1', 'county-a', units.officeA1],
      ['inB', 'county-b', units.countyB],
    ] as const) {
      const res = await h.call('POST', '/api/v1/cases', {
        token: users[who].token,
        body: complaint({ channel: 'phone', orgUnit: unit, subject: `案件 ${name}` }),
      });
      expect(res.statusCode, res.body).toBe(201);
      cases[name] = res.json().id;
    }
  });
  afterAll(async () => h?.close());

  const ids = async (who: string) =>
    ((await h.call('GET', '/api/v1/cases', { token: users[who].token })).json().items as { id: string }[]).map(
      (i) => i.id,
    );

  it('a role reaches its unit and the units below, never a sibling; outside scope is 404', async () => {
    expect(await ids('county-a')).toEqual([cases.inA1]);
    expect(await ids('office-a1')).toEqual([cases.inA1]);
    expect(await ids('county-b')).toEqual([cases.inB]);
    expect((await ids('city-supervisor')).sort()).toEqual([cases.inA1, cases.inB].sort());
    expect((await h.call('GET', `/api/v1/cases/${cases.inB}`, { token: users['county-a'].token })).statusCode).toBe(
      404,
    );
    const act = await h.call('POST', `/api/v1/cases/${cases.inB}/actions/accept`, {
      token: users['county-a'].token,
      body: { input: { category: 'other' }, expectedVersion: 1 },
    });
    expect(act.statusCode).toBe(404);
  });

  it('staff register cases only where they hold intake', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: users['county-a'].token,
      body: complaint({ channel: 'phone', orgUnit: units.countyB }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('the unit above sees overdue and at-risk cases below it, grouped by level and unit (SLA-6)', async () => {
    expect(
      (await h.call('GET', '/api/v1/supervision', { token: users['city-supervisor'].token })).json().totals,
    ).toEqual({ overdue: 0, atRisk: 0, unreached: 0 });
    clock.set('2026-12-01T03:00:00.000Z'); // the 24-hour forwarding limit has passed
    const board = (await h.call('GET', '/api/v1/supervision', { token: users['city-supervisor'].token })).json();
    expect(board.totals).toEqual({ overdue: 2, atRisk: 0, unreached: 0 });
    expect(
      board.levels.map((l: { level: number; units: { unit: { name: string } }[] }) => [
        l.level,
        l.units.map((u) => u.unit.name),
      ]),
    ).toEqual([
      [1, ['乙县局']],
      [2, ['甲县城关所']],
    ]);
    const county = (await h.call('GET', '/api/v1/supervision', { token: users['county-a'].token })).json();
    expect(county.totals).toEqual({ overdue: 0, atRisk: 0, unreached: 0 }); // customer-service has no supervise permission
  });

  it('urges (催办) with a record and a notice, and only from above', async () => {
    expect(
      (
        await h.call('POST', `/api/v1/supervision/cases/${cases.inA1}/urge`, {
          token: users['county-b'].token,
          body: { note: '请尽快办理' },
        })
      ).statusCode,
    ).toBe(404);
    const res = await h.call('POST', `/api/v1/supervision/cases/${cases.inA1}/urge`, {
      token: users['city-supervisor'].token,
      body: { note: '请尽快办理' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await h.call('GET', `/api/v1/cases/${cases.inA1}`, { token: users['county-a'].token })).json();
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'supervision-urge',
      input: { note: '请尽快办理' },
      actor: { id: users['city-supervisor'].id },
    });
  });

  it('takes a case over: it moves up to the supervisor, out of the lower unit’s reach', async () => {
    const res = await h.call('POST', `/api/v1/supervision/cases/${cases.inB}/take-over`, {
      token: users['city-supervisor'].token,
      body: { note: '乙县局超期未转交，市局接管' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (
      await h.call('GET', `/api/v1/cases/${cases.inB}`, { token: users['city-supervisor'].token })
    ).json();
    expect(detail.assigneeId).toBe(users['city-supervisor'].id);
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'supervision-take-over',
      input: { fromUnit: units.countyB, toUnit: units.city },
    });
    expect(await ids('county-b')).toEqual([]);
  });

  it('only admins manage units and grants; every grant is audited', async () => {
    const res = await h.call('POST', '/api/v1/admin/org-units', {
      token: users['city-supervisor'].token,
      body: { name: '新单位' },
    });
    expect(res.statusCode).toBe(403);
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['org-unit.add', 'user.add'])
      .execute();
    expect(audit.filter((a) => a.action === 'org-unit.add')).toHaveLength(4);
  });
});
