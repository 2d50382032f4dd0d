import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { directorySourcesFromEnv, syncSource } from '../src/app/directory/sources.ts';
import { WecomClient } from '../src/app/directory/wecom.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { fakeWecom } from './support/fake-wecom.ts';

describe.each(BACKENDS)('企业微信 directory (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  const fake = fakeWecom();
  let baseUrl = '';
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend, clock));
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await cleanup();
    await new Promise((r) => fake.server.close(r));
  });

  const source = () =>
    directorySourcesFromEnv({
      PLAINT_DIRECTORY_SOURCES: JSON.stringify([
        {
          name: 'wecom',
          kind: 'wecom',
          corpId: 'ww-test',
          secret: 's3cret',
          baseUrl,
          rules: [{ department: '2', role: 'customer-service' }],
        },
      ]),
    })[0];

  it('syncs departments and members, refreshing an expired token and backing off when rate limited', async () => {
    const report = await syncSource(ctx, source(), { dryRun: false, sleep });
    expect(report.counts).toMatchObject({ unitsCreated: 3, usersCreated: 3, grantsAdded: 2 });
    expect(fake.state.tokens).toBe(2); // the expired token was replaced once
    expect(waits).toEqual([1000]); // one back-off after 45009
    const units = await ctx.store.db
      .selectFrom('org_units')
      .select(['name', 'parent_id', 'level'])
      .orderBy('level')
      .execute();
    expect(units[0]).toMatchObject({ name: '华东电器有限公司', parent_id: null });
  });

  it('a member who left (status 5) is deactivated; a renamed department keeps its unit', async () => {
    fake.state.users[1].status = 5;
    fake.state.departments[2].name = '质量管理部';
    const dry = await syncSource(ctx, source(), { dryRun: true, sleep });
    expect(dry.counts).toMatchObject({ usersDeactivated: 1, unitsRenamed: 1, unitsCreated: 0 });
    const report = await syncSource(ctx, source(), { dryRun: false, sleep });
    expect(report.counts).toMatchObject({ usersDeactivated: 1, unitsRenamed: 1, unitsCreated: 0, usersCreated: 0 });
    const lina = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'LiNa')
      .executeTakeFirstOrThrow();
    expect(lina.disabled).toBe(1);
    expect(await ctx.store.db.selectFrom('org_units').selectAll().execute()).toHaveLength(3);
  });

  it('OAuth sign-in: a code becomes the member id; a bad code is refused; redirects are not followed', async () => {
    const client = new WecomClient({ corpId: 'ww-test', secret: 's3cret', baseUrl, sleep });
    expect(await client.userIdFromCode('good-code')).toBe('ZhangWei');
    await expect(client.userIdFromCode('forged')).rejects.toThrow(/40029/);
    await expect(client.call('/redirect')).rejects.toThrow(/重定向/);
  });
});
