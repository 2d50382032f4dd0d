import { hash as argonHash } from '@node-rs/argon2';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken, login, sessionUser, tokenUser } from '../src/app/auth.ts';
import { directoryConfigFromEnv } from '../src/app/directory/config.ts';
import type { AppContext } from '../src/app/context.ts';
import { directorySourcesFromEnv, syncSource } from '../src/app/directory/sources.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';
import { type Slapd, startSlapd } from './support/slapd.ts';
import {
  AFTER_SALES,
  COMPANY_LDIF,
  PASSWORDS,
  PRODUCTION,
  QUALITY,
  SERVICE_DN,
  SERVICE_PASSWORD,
  SUFFIX,
  UUID,
} from './support/huadong.ts';

/**
 * Issue 20 against a real OpenLDAP (slapd on a loopback port, loaded from an LDIF): bind sign-in with the
 * directory's password, a sync of departments (OUs), people and groups with group → grant rules, and a second sync
 * after a person is removed and a department moved — deactivated with their sessions and tokens ended, the unit moved
 * and not duplicated. Both databases.
 */
describe.each(BACKENDS)('LDAP directory (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let slapd: Slapd;

  const source = () =>
    directorySourcesFromEnv({
      PLAINT_DIRECTORY_SOURCES: JSON.stringify([
        {
          name: 'ldap',
          kind: 'ldap',
          url: slapd.url,
          bindDn: SERVICE_DN,
          bindPassword: SERVICE_PASSWORD,
          baseDn: SUFFIX,
          // The groups' OU is a container, not a department.
          departmentFilter: '(|(objectClass=organization)(&(objectClass=organizationalUnit)(!(ou=群组))))',
          disabledFilter: '(employeeType=离职)',
          rules: [
            { group: '客服', role: 'customer-service' },
            { group: '客服经理', role: 'customer-service-manager', unit: UUID.service },
            { group: '质检', role: 'customer-service', unit: UUID.quality },
          ],
        },
      ]),
    })[0];

  /** The directory as its administrator changes it. */
  async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: slapd.url });
    await client.bind(slapd.rootDn, slapd.rootPassword);
    try {
      return await fn(client);
    } finally {
      await client.unbind();
    }
  }

  const signIn = (username: string, password: string) => login(ctx, username, password, '192.0.2.7');

  async function user(username: string) {
    return ctx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  }

  async function unit(externalId: string) {
    return ctx.store.db
      .selectFrom('directory_links')
      .innerJoin('org_units', 'org_units.id', 'directory_links.local_id')
      .selectAll('org_units')
      .where('directory_links.kind', '=', 'unit')
      .where('directory_links.external_id', '=', externalId)
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    slapd = await startSlapd(SUFFIX, COMPANY_LDIF);
    ({ ctx, cleanup } = await openTestApp(backend, clock));
    ctx.config.directory = { ...ctx.config.directory, sources: [source()] };
  });
  afterAll(async () => {
    await cleanup();
    await slapd.stop();
  });

  it('a dry run shows the first sync; the sync builds the company from the OUs, people and groups', async () => {
    const dry = await syncSource(ctx, source(), { dryRun: true });
    expect(dry.counts).toMatchObject({ unitsCreated: 5, usersCreated: 4, grantsAdded: 4 });
    expect(await ctx.store.db.selectFrom('users').selectAll().execute()).toEqual([]);

    const report = await syncSource(ctx, source(), { dryRun: false });
    expect(report.counts).toMatchObject({ unitsCreated: 5, usersCreated: 4, grantsAdded: 4, usersDeactivated: 0 });
    const company = await unit(UUID.company);
    expect(company).toMatchObject({ name: '华东电器有限公司', parent_id: null });
    const afterSales = await unit(UUID.afterSales);
    expect(afterSales.path).toBe(`/${company.id}/${(await unit(UUID.service)).id}/${afterSales.id}/`);
    const names = (await ctx.store.db.selectFrom('org_units').select('name').execute()).map((u) => u.name);
    expect(names).not.toContain('群组');

    const zhang = await user('zhangwei');
    expect(zhang).toMatchObject({ display_name: '张伟', staff_no: '1001', disabled: 0 });
    const grants = await ctx.store.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .innerJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
      .select(['users.username', 'role_grants.role', 'org_units.name'])
      .orderBy('users.username')
      .orderBy('role_grants.role')
      .execute();
    // 客服 in their own department; 客服经理 (listed by a differently written DN) in 客户服务部; 质检 in 质量部.
    expect(grants).toEqual([
      { username: 'lina', role: 'customer-service', name: '售后一组' },
      { username: 'wangfang', role: 'customer-service', name: '质量部' },
      { username: 'zhangwei', role: 'customer-service', name: '客户服务部' },
      { username: 'zhangwei', role: 'customer-service-manager', name: '客户服务部' },
    ]);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'directory.sync')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.payload)).toMatchObject({ counts: { usersCreated: 4 } });
  });

  it('signs in by binding with the directory password; a wrong one and the local password are refused', async () => {
    const ok = await signIn('zhangwei', PASSWORDS.zhangwei);
    expect(ok.user.username).toBe('zhangwei');
    await expect(signIn('zhangwei', 'Zhang-Wei-2025')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // An empty password would be an unauthenticated bind, which LDAP servers accept: never a sign-in.
    await expect(signIn('zhangwei', '')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // Even a local password set on the account does not sign a directory user in.
    await ctx.store.db
      .updateTable('users')
      .set({ password_hash: await argonHash('a local password') })
      .where('username', '=', 'zhangwei')
      .execute();
    await expect(signIn('zhangwei', 'a local password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // Someone in the directory but not yet synced has no account here.
    await expect(signIn('nobody', 'whatever-password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('a person removed and one marked 离职 are deactivated (sessions and tokens end); a moved department moves', async () => {
    const lina = await signIn('lina', PASSWORDS.lina);
    const liuyang = await signIn('liuyang', PASSWORDS.liuyang);
    const { token } = await createToken(ctx, 'lina', 'script', 'system:test');
    expect(await sessionUser(ctx, lina.sessionId)).toBeDefined();
    expect(await tokenUser(ctx, token)).toBeDefined();
    const quality = await unit(UUID.quality);

    await admin(async (c) => {
      await c.del(`uid=lina,${AFTER_SALES}`);
      await c.modify(
        `uid=liuyang,${PRODUCTION}`,
        new Change({ operation: 'add', modification: new Attribute({ type: 'employeeType', values: ['离职'] }) }),
      );
      // 质量部 (with 王芳 in it) moves under 生产中心 and is renamed.
      await c.modifyDN(QUALITY, `ou=质量管理部,${PRODUCTION}`);
    });

    const dry = await syncSource(ctx, source(), { dryRun: true });
    expect(dry.counts).toMatchObject({ usersDeactivated: 2, unitsMoved: 1, unitsRenamed: 1, unitsCreated: 0 });
    expect(dry.samples.usersDeactivated).toEqual(expect.arrayContaining(['李娜 (lina)', '刘洋 (liuyang)']));
    const report = await syncSource(ctx, source(), { dryRun: false });
    expect(report.counts).toMatchObject({ usersDeactivated: 2, unitsMoved: 1, unitsCreated: 0, usersCreated: 0 });

    expect(await user('lina')).toMatchObject({ disabled: 1, disabled_at: clock.now().toISOString() });
    expect(await user('liuyang')).toMatchObject({ disabled: 1 });
    expect(await sessionUser(ctx, lina.sessionId)).toBeUndefined();
    expect(await sessionUser(ctx, liuyang.sessionId)).toBeUndefined();
    expect(await tokenUser(ctx, token)).toBeUndefined();
    // Deactivated, never deleted: their grants and name stay for the cases they worked on.
    expect(await ctx.store.db.selectFrom('users').selectAll().execute()).toHaveLength(4);

    const moved = await unit(UUID.quality);
    expect(moved.id).toBe(quality.id);
    expect(moved).toMatchObject({ name: '质量管理部', parent_id: (await unit(UUID.production)).id });
    expect(await ctx.store.db.selectFrom('org_units').selectAll().execute()).toHaveLength(5);
    expect(await user('wangfang')).toMatchObject({ disabled: 0 });

    // The moved person still signs in (found again at their new DN); the disabled one is refused by the directory.
    expect((await signIn('wangfang', PASSWORDS.wangfang)).user.username).toBe('wangfang');
    await expect(signIn('liuyang', PASSWORDS.liuyang)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const disables = await ctx.store.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'user.disable')
      .execute();
    expect(disables.map((d) => JSON.parse(d.payload).username).sort()).toEqual(['lina', 'liuyang']);
  });

  it('a directory that cannot be reached is "unavailable", not a wrong password', async () => {
    const down = { ...source(), url: 'ldap://127.0.0.1:1', timeoutMs: 2000 };
    ctx.config.directory = { ...ctx.config.directory, sources: [down] };
    try {
      await expect(signIn('wangfang', PASSWORDS.wangfang)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(syncSource(ctx, down, { dryRun: true })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      ctx.config.directory = { ...ctx.config.directory, sources: [source()] };
    }
  });

  it('with local passwords off, only the break-glass admin uses one; directory people still sign in', async () => {
    await addUser(ctx, { username: 'admin', password: 'break-glass-pass', roles: [], isAdmin: true }, 'system:test');
    await addUser(ctx, { username: 'clerk', password: 'clerk-password', roles: [], isAdmin: false }, 'system:test');
    expect((await signIn('clerk', 'clerk-password')).user.username).toBe('clerk');
    ctx.config.directory = {
      ...ctx.config.directory,
      ...directoryConfigFromEnv({ PLAINT_LOCAL_PASSWORDS: 'break-glass', PLAINT_BREAK_GLASS_USERS: 'admin' }),
      sources: [source()],
    };
    try {
      await expect(signIn('clerk', 'clerk-password')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
        said: { key: 'auth.localPasswordsOff' },
      });
      // The same answer for a name that does not exist: nothing is learnt about which accounts are there.
      await expect(signIn('ghost', 'whatever-password')).rejects.toMatchObject({
        said: { key: 'auth.localPasswordsOff' },
      });
      expect((await signIn('admin', 'break-glass-pass')).user.username).toBe('admin');
      expect((await signIn('wangfang', PASSWORDS.wangfang)).user.username).toBe('wangfang');
    } finally {
      ctx.config.directory = { ...ctx.config.directory, localPasswords: 'on' };
    }
    expect(() => directoryConfigFromEnv({ PLAINT_LOCAL_PASSWORDS: 'off' })).toThrow(/PLAINT_LOCAL_PASSWORDS/);
    expect(() =>
      directoryConfigFromEnv({ PLAINT_LOCAL_PASSWORDS: 'break-glass', PLAINT_BREAK_GLASS_USERS: ' ' }),
    ).toThrow(/PLAINT_BREAK_GLASS_USERS/);
  });
});
