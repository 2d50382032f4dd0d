import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser, enableUser } from '../src/app/account-lifecycle.ts';
import { addUser, createToken, login, sessionUser, tokenUser } from '../src/app/auth.ts';
import type { AppContext } from '../src/app/context.ts';
import { type DirectorySnapshot, type MappingRule, syncDirectory } from '../src/app/directory/sync.ts';
import { BACKENDS, openTestApp, TestClock } from './support/backends.ts';

/** A small Chinese company as its directory (企业微信, 钉钉, 飞书 or LDAP) reports it. */
function company(): DirectorySnapshot {
  return {
    departments: [
      { externalId: '1', parentExternalId: null, name: '华东电器有限公司' },
      { externalId: '2', parentExternalId: '1', name: '客户服务部' },
      { externalId: '3', parentExternalId: '1', name: '质量部' },
      { externalId: '4', parentExternalId: '2', name: '售后一组' },
    ],
    people: [
      {
        externalId: 'u1',
        username: 'zhangwei',
        displayName: '张伟',
        departmentIds: ['2'],
        groups: ['kefu'],
        active: true,
      },
      { externalId: 'u2', username: 'lina', displayName: '李娜', departmentIds: ['4'], groups: ['kefu'], active: true },
      {
        externalId: 'u3',
        username: 'wangfang',
        displayName: '王芳',
        departmentIds: ['3'],
        groups: ['zhijian'],
        active: true,
      },
    ],
  };
}

const rules: MappingRule[] = [
  { group: 'kefu', role: 'customer-service' },
  { group: 'zhijian', role: 'customer-service-manager', unit: '1' },
];

async function unitsByName(ctx: AppContext) {
  const rows = await ctx.store.db.selectFrom('org_units').selectAll().execute();
  return new Map(rows.map((r) => [r.name, r]));
}

describe.each(BACKENDS)('directory sync (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z');
  let ctx: AppContext;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend, clock));
  });
  afterAll(async () => cleanup());

  it('a dry run reports what the first sync would create and writes nothing but its audit entry', async () => {
    const report = await syncDirectory(ctx, 'wecom', company(), rules, { dryRun: true });
    expect(report.counts).toMatchObject({
      unitsCreated: 4,
      usersCreated: 3,
      grantsAdded: 3,
      usersDeactivated: 0,
      unknownUnits: 0,
    });
    expect(await ctx.store.db.selectFrom('org_units').selectAll().execute()).toEqual([]);
    expect(await ctx.store.db.selectFrom('users').selectAll().execute()).toEqual([]);
    expect(await ctx.store.db.selectFrom('directory_links').selectAll().execute()).toEqual([]);
    // #20: who looked at a dry run, and what it said, is audited.
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'directory.sync.dry-run')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe('system:directory:wecom');
    expect(JSON.parse(audit.payload)).toMatchObject({ counts: { unitsCreated: 4, usersCreated: 3 }, people: 3 });
  });

  it('a rule naming a unit that does not exist is reported, not skipped silently; an org unit id is a unit', async () => {
    const report = await syncDirectory(
      ctx,
      'wecom',
      company(),
      [...rules, { group: 'kefu', role: 'auditor', unit: 'no-such-department' }],
      { dryRun: true },
    );
    expect(report.counts.unknownUnits).toBe(1);
    expect(report.samples.unknownUnits).toEqual(['kefu → auditor@no-such-department']);
  });

  it('the first sync builds the unit tree under the company, the users and their mapped grants; audited', async () => {
    const report = await syncDirectory(ctx, 'wecom', company(), rules, { dryRun: false });
    expect(report.counts).toMatchObject({ unitsCreated: 4, usersCreated: 3, grantsAdded: 3 });
    const units = await unitsByName(ctx);
    const root = units.get('华东电器有限公司');
    expect(root?.parent_id).toBeNull();
    expect(units.get('售后一组')?.path).toBe(
      `/${root?.id}/${units.get('客户服务部')?.id}/${units.get('售后一组')?.id}/`,
    );
    expect(Number(units.get('售后一组')?.level)).toBe(2);
    const grants = await ctx.store.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .innerJoin('org_units', 'org_units.id', 'role_grants.org_unit_id')
      .select(['users.username', 'role_grants.role', 'org_units.name'])
      .orderBy('users.username')
      .execute();
    expect(grants).toEqual([
      { username: 'lina', role: 'customer-service', name: '售后一组' },
      { username: 'wangfang', role: 'customer-service-manager', name: '华东电器有限公司' },
      { username: 'zhangwei', role: 'customer-service', name: '客户服务部' },
    ]);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'directory.sync')
      .execute();
    expect(audit).toHaveLength(1);
    // A second run with nothing changed changes nothing.
    const again = await syncDirectory(ctx, 'wecom', company(), rules, { dryRun: false });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });

  it('a rename and a move update the same unit; a removed person loses session and token and is deactivated, not deleted', async () => {
    const before = await unitsByName(ctx);
    const lina = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'lina')
      .executeTakeFirstOrThrow();
    const { token } = await createToken(ctx, 'lina', 'sync test', 'system:test');
    await ctx.store.db
      .insertInto('sessions')
      .values({
        id_hash: 'h-lina',
        user_id: lina.id,
        created_at: clock.now().toISOString(),
        expires_at: '2099-01-01T00:00:00.000Z',
      })
      .execute();
    expect(await tokenUser(ctx, token)).toBeDefined();

    const next = company();
    next.departments[1].name = '客户服务中心';
    next.departments[3].parentExternalId = '3'; // 售后一组 moves from 客户服务部 to 质量部
    next.people = next.people.filter((p) => p.username !== 'lina');
    const dry = await syncDirectory(ctx, 'wecom', next, rules, { dryRun: true });
    expect(dry.counts).toMatchObject({ unitsRenamed: 1, unitsMoved: 1, usersDeactivated: 1, unitsCreated: 0 });
    expect(dry.samples.usersDeactivated).toEqual(['李娜 (lina)']);
    expect(await tokenUser(ctx, token)).toBeDefined();

    await syncDirectory(ctx, 'wecom', next, rules, { dryRun: false });
    const after = await unitsByName(ctx);
    expect(after.size).toBe(4);
    expect(after.get('客户服务中心')?.id).toBe(before.get('客户服务部')?.id);
    const group = after.get('售后一组');
    expect(group?.id).toBe(before.get('售后一组')?.id);
    expect(group?.path).toBe(`/${after.get('华东电器有限公司')?.id}/${after.get('质量部')?.id}/${group?.id}/`);
    const gone = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'lina')
      .executeTakeFirstOrThrow();
    expect(gone.disabled).toBe(1);
    expect(gone.disabled_at).toBe(clock.now().toISOString());
    expect(await tokenUser(ctx, token)).toBeUndefined();
    expect(await ctx.store.db.selectFrom('sessions').selectAll().where('user_id', '=', lina.id).execute()).toEqual([]);
    // Her history stays named: the grants and the user row remain.
    expect(
      await ctx.store.db.selectFrom('role_grants').selectAll().where('user_id', '=', lina.id).execute(),
    ).toHaveLength(1);
  });

  it('disableUser ends sessions and tokens at once and refuses sign-in; enableUser lets them back in', async () => {
    const admin = await addUser(
      ctx,
      { username: 'breakglass', password: 'correct horse battery', roles: [], isAdmin: true },
      'system:test',
    );
    const { sessionId } = await login(ctx, 'breakglass', 'correct horse battery', '127.0.0.1');
    const { token } = await createToken(ctx, 'breakglass', 't', 'system:test');
    await disableUser(ctx, 'system:test', admin.id, 'left the company');
    expect(await sessionUser(ctx, sessionId)).toBeUndefined();
    expect(await tokenUser(ctx, token)).toBeUndefined();
    await expect(login(ctx, 'breakglass', 'correct horse battery', '127.0.0.1')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await enableUser(ctx, 'system:test', admin.id);
    expect((await login(ctx, 'breakglass', 'correct horse battery', '127.0.0.1')).user.id).toBe(admin.id);
  });
});
