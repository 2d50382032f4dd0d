import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { DingtalkClient } from '../src/app/directory/dingtalk.ts';
import { FeishuClient } from '../src/app/directory/feishu.ts';
import { syncDueDirectories } from '../src/app/directory/schedule.ts';
import { type DirectorySource, directorySourcesFromEnv, syncSource } from '../src/app/directory/sources.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { type DingtalkState, type Fake, type FeishuState, fakeDingtalk, fakeFeishu } from './support/fake-platforms.ts';

/** One source as PLAINT_DIRECTORY_SOURCES would configure it, validated by the same schema. */
function configured<K extends DirectorySource['kind']>(kind: K, fields: Record<string, unknown>) {
  const [source] = directorySourcesFromEnv({ PLAINT_DIRECTORY_SOURCES: JSON.stringify([{ kind, ...fields }]) });
  if (source?.kind !== kind) throw new Error(`not a ${kind} source`);
  return source as Extract<DirectorySource, { kind: K }>;
}

async function units(ctx: AppContext) {
  const rows = await ctx.store.db.selectFrom('org_units').selectAll().execute();
  return new Map(rows.map((r) => [r.name, r]));
}

async function user(ctx: AppContext, username: string) {
  return ctx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
}

/**
 * Issue 20: 钉钉 and 飞书 against local servers answering with their documented shapes — the token, the department
 * tree, the members by department (paged), the OAuth code exchange — and their error codes: an expired token is
 * replaced and the call retried, a rate limit is waited out with growing pauses. Both databases.
 */
describe.each(BACKENDS)('钉钉 and 飞书 directories (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  describe('钉钉', () => {
    let fake: Fake<DingtalkState>;
    beforeAll(async () => {
      ({ ctx, cleanup } = await openTestApp(backend, clock));
      fake = await fakeDingtalk();
    });
    afterAll(async () => {
      await fake.close();
      await cleanup();
    });
    const source = () =>
      configured('dingtalk', {
        name: 'dingtalk',
        appKey: 'ding-key',
        appSecret: 'ding-secret',
        corpId: 'ding-corp',
        baseUrl: fake.url,
        apiBaseUrl: fake.url,
        rules: [
          { department: '2', role: 'customer-service' },
          { department: '4', role: 'customer-service' },
        ],
      });

    it('syncs the tree from listsub and the members page by page; an expired token and a rate limit are survived', async () => {
      waits.length = 0;
      const report = await syncSource(ctx, source(), { dryRun: false, sleep });
      expect(report.counts).toMatchObject({ unitsCreated: 4, usersCreated: 5, grantsAdded: 4 });
      expect(fake.state.tokens).toBe(2); // 42001 → one new token
      expect(waits).toEqual([1000]); // 90018 → one pause
      const u = await units(ctx);
      expect(u.get('售后一组')?.parent_id).toBe(u.get('客户服务部')?.id);
      expect(await user(ctx, 'sunli')).toMatchObject({ display_name: '孙丽', staff_no: 'D1004' });
    });

    it('someone who left is deactivated; a department moved and renamed keeps its unit', async () => {
      fake.state.users = fake.state.users.filter((x) => x.userid !== 'zhaolei');
      const quality = fake.state.departments[2];
      Object.assign(quality, { parent_id: 2, name: '质量管理部' });
      const before = (await units(ctx)).get('质量部');
      const report = await syncSource(ctx, source(), { dryRun: false, sleep });
      expect(report.counts).toMatchObject({ usersDeactivated: 1, unitsMoved: 1, unitsRenamed: 1, unitsCreated: 0 });
      expect(await user(ctx, 'zhaolei')).toMatchObject({ disabled: 1 });
      const after = (await units(ctx)).get('质量管理部');
      expect(after?.id).toBe(before?.id);
      expect(after?.parent_id).toBe((await units(ctx)).get('客户服务部')?.id);
    });

    it('OAuth: a code becomes the member userid; a bad code, an outsider and another organisation are refused', async () => {
      const client = new DingtalkClient({ ...source(), sleep });
      expect(await client.userIdFromCode('good-code')).toBe('zhangwei');
      await expect(client.userIdFromCode('forged')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(client.userIdFromCode('outsider-code')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(client.userIdFromCode('other-corp-code')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      const url = new URL(client.authorizeUrl('https://plaint.example/cb', 'st4te'));
      expect(url.origin + url.pathname).toBe('https://login.dingtalk.com/oauth2/auth');
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: 'ding-key',
        redirect_uri: 'https://plaint.example/cb',
        response_type: 'code',
        scope: 'openid',
        state: 'st4te',
      });
    });

    it('a rate limit that does not end gives up after five pauses', async () => {
      const client = new DingtalkClient({ ...source(), sleep });
      waits.length = 0;
      fake.state.limitAlways = true;
      try {
        await expect(client.call('/topapi/v2/user/list', { dept_id: 2, cursor: 0, size: 100 })).rejects.toMatchObject({
          code: 'UNAVAILABLE',
        });
      } finally {
        fake.state.limitAlways = false;
      }
      expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    });
  });

  describe('the scheduled sync', () => {
    let fake: Fake<DingtalkState>;
    beforeAll(async () => {
      ({ ctx, cleanup } = await openTestApp(backend, clock));
      fake = await fakeDingtalk();
      fake.state.expireNext = false;
      fake.state.limitNext = false;
    });
    afterAll(async () => {
      await fake.close();
      await cleanup();
    });

    it('syncs each directory exactly once per interval, even when two instances tick at once', async () => {
      ctx.config.directory = {
        ...ctx.config.directory,
        sources: [
          configured('dingtalk', { name: 'dingtalk', appKey: 'ding-key', appSecret: 'ding-secret', baseUrl: fake.url }),
        ],
      };
      const hour = 3_600_000;
      const [a, b] = await Promise.all([syncDueDirectories(ctx, hour), syncDueDirectories(ctx, hour)]);
      expect([a, b].filter((x) => x !== null)).toHaveLength(1);
      expect(await syncDueDirectories(ctx, hour)).toBeNull();
      const runs = await ctx.store.db.selectFrom('directory_runs').selectAll().execute();
      expect(runs).toHaveLength(1);
      expect(JSON.parse(runs[0].report ?? '{}')).toMatchObject({ counts: { usersCreated: 5 } });
      clock.advance(hour);
      expect(await syncDueDirectories(ctx, hour)).toMatch(/dingtalk/);
      expect(await ctx.store.db.selectFrom('directory_runs').selectAll().execute()).toHaveLength(2);
      // Only the first sync wrote users: the audit has one directory.sync per run that ran.
      const audits = await ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'directory.sync')
        .execute();
      expect(audits).toHaveLength(2);
    });
  });

  describe('飞书', () => {
    let fake: Fake<FeishuState & { redirectUri: string }>;
    beforeAll(async () => {
      ({ ctx, cleanup } = await openTestApp(backend, clock));
      fake = await fakeFeishu('https://plaint.example/api/v1/auth/sso/feishu/callback');
    });
    afterAll(async () => {
      await fake.close();
      await cleanup();
    });
    const source = () =>
      configured('feishu', {
        name: 'feishu',
        appId: 'cli_test',
        appSecret: 'feishu-secret',
        baseUrl: fake.url,
        rules: [{ department: 'od-shouhou', role: 'customer-service' }],
      });

    it('syncs departments (fetch_child, paged) and members; an expired token and HTTP 429 are survived', async () => {
      waits.length = 0;
      const report = await syncSource(ctx, source(), { dryRun: false, sleep });
      expect(report.counts).toMatchObject({ unitsCreated: 4, usersCreated: 5, grantsAdded: 3 });
      expect(fake.state.tokens).toBe(2);
      expect(waits).toEqual([1000]);
      const rows = await ctx.store.db
        .selectFrom('directory_links')
        .innerJoin('org_units', 'org_units.id', 'directory_links.local_id')
        .select(['external_id', 'org_units.name', 'org_units.parent_id', 'org_units.id'])
        .where('source', '=', 'feishu')
        .where('kind', '=', 'unit')
        .execute();
      const byExt = new Map(rows.map((r) => [r.external_id, r]));
      expect(byExt.get('0')).toMatchObject({ name: '华东电器有限公司', parent_id: null });
      expect(byExt.get('od-shouhou')?.parent_id).toBe(byExt.get('od-kefu')?.id);
    });

    it('a resigned member is deactivated; one who returns is re-activated', async () => {
      fake.state.users[3].status.is_resigned = true;
      const first = await syncSource(ctx, source(), { dryRun: false, sleep });
      expect(first.counts).toMatchObject({ usersDeactivated: 1, usersCreated: 0 });
      expect(first.samples.usersDeactivated).toEqual(['孙丽 (sunli)']);
      fake.state.users[3].status.is_resigned = false;
      const back = await syncSource(ctx, source(), { dryRun: false, sleep });
      expect(back.counts).toMatchObject({ usersReactivated: 1, usersDeactivated: 0 });
    });

    it('OAuth: the code (with the same redirect URI) becomes the open_id; a bad code is refused', async () => {
      const client = new FeishuClient({ ...source(), sleep });
      const cb = fake.state.redirectUri;
      expect(await client.userIdFromCode('good-code', cb)).toBe('ou_zw');
      await expect(client.userIdFromCode('forged', cb)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(client.userIdFromCode('good-code', 'https://evil.example/cb')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
      const url = new URL(client.authorizeUrl(cb, 'st4te'));
      expect(url.origin + url.pathname).toBe('https://accounts.feishu.cn/open-apis/authen/v1/authorize');
      expect(url.searchParams.get('client_id')).toBe('cli_test');
    });
  });
});
