import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directorySourcesFromEnv } from '../src/app/directory/sources.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { cliEnv, runCli } from './support/cli.ts';
import { type Harness, startHarness } from './support/harness.ts';
import {
  DEPARTMENT_FILTER,
  PASSWORDS,
  SERVICE_DN,
  SERVICE_PASSWORD,
  SUFFIX,
  UUID,
  COMPANY_LDIF,
} from './support/huadong.ts';
import { type Slapd, startSlapd } from './support/slapd.ts';

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd(SUFFIX, COMPANY_LDIF);
});
afterAll(async () => slapd?.stop());

/**
 * Issue 20, the directory admin API over HTTP against a real slapd: an admin configures an LDAP directory (its
 * password stored encrypted, never answered), adds group → grant rules, sees a dry run of the next sync (nothing
 * written), syncs (audited with counts, kept as the last run's report), and the synced people sign in. Admin only;
 * directories from PLAINT_DIRECTORY_SOURCES are read-only here. Both databases.
 */
describe.each(BACKENDS)('directory admin API (#20) on $name', (backend) => {
  const clock = new TestClock('2026-12-06T02:00:00.000Z');
  let h: Harness;
  let admin: { id: string; token: string };
  let clerk: { token: string };
  const settings = () => ({
    kind: 'ldap',
    url: slapd.url,
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    baseDn: SUFFIX,
    departmentFilter: DEPARTMENT_FILTER,
  });
  const asAdmin = (method: string, url: string, body?: unknown) =>
    h.call(method, `/api/v1/admin/directory${url}`, { token: admin.token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    admin = await h.staff('root-admin', [], { isAdmin: true });
    clerk = await h.staff('clerk', ['customer-service']);
    // One directory from the environment: listed, but read-only on the admin page.
    h.ctx.config.directory = {
      ...h.ctx.config.directory,
      sources: directorySourcesFromEnv({
        PLAINT_DIRECTORY_SOURCES: JSON.stringify([
          {
            name: 'wecom',
            kind: 'wecom',
            corpId: 'ww1',
            secret: 'env-secret',
            rules: [{ group: 'x', role: 'auditor' }],
          },
        ]),
      }),
    };
  });
  afterAll(async () => h?.close());

  it('is for admins only', async () => {
    for (const [method, url, body] of [
      ['GET', '', undefined],
      ['PUT', '/sources/ldap', settings()],
      ['POST', '/sources/wecom/sync', { dryRun: true }],
      ['POST', '/rules', { source: 'wecom', group: '客服', role: 'customer-service' }],
    ] as const) {
      const res = await h.call(method, `/api/v1/admin/directory${url}`, { token: clerk.token, body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('an admin configures an LDAP directory: its password is stored encrypted, never answered, and audited without it', async () => {
    const res = await asAdmin('PUT', '/sources/ldap', settings());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'ldap', kind: 'ldap', origin: 'admin', lastRun: null });
    expect(res.body).not.toContain(SERVICE_PASSWORD);
    const row = await h.ctx.store.db.selectFrom('directory_sources').selectAll().executeTakeFirstOrThrow();
    expect(row.settings_enc).not.toContain(SERVICE_PASSWORD);
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'directory.source.add')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`user:${admin.id}`);
    expect(audit.payload).not.toContain(SERVICE_PASSWORD);

    const overview = (await asAdmin('GET', '')).json();
    expect(overview.sources.map((s: { name: string; origin: string }) => [s.name, s.origin])).toEqual([
      ['wecom', 'env'],
      ['ldap', 'admin'],
    ]);
    expect(JSON.stringify(overview)).not.toContain('env-secret');
    expect(overview.sources[0].settingsRules).toEqual([{ group: 'x', role: 'auditor' }]);

    // Wrong settings are refused with the field named; the environment's directory cannot be changed here.
    const bad = await asAdmin('PUT', '/sources/other', { ...settings(), url: 'http://ldap.example' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('url');
    expect((await asAdmin('PUT', '/sources/wecom', settings())).statusCode).toBe(409);
    expect((await asAdmin('DELETE', '/sources/wecom')).statusCode).toBe(409);
  });

  it('mapping rules: added (audited), checked, listed', async () => {
    expect(
      (await asAdmin('POST', '/rules', { source: 'nope', group: '客服', role: 'customer-service' })).statusCode,
    ).toBe(404);
    const both = await asAdmin('POST', '/rules', {
      source: 'ldap',
      group: '客服',
      department: 'x',
      role: 'customer-service',
    });
    expect(both.statusCode).toBe(400);
    const service = await asAdmin('POST', '/rules', { source: 'ldap', group: '客服', role: 'customer-service' });
    expect(service.statusCode).toBe(201);
    const manager = await asAdmin('POST', '/rules', {
      source: 'ldap',
      group: '客服经理',
      role: 'customer-service-manager',
      unit: UUID.service,
    });
    expect(manager.statusCode).toBe(201);
    // #20: a unit that is neither an org unit nor a department of the directory is refused when the rule is saved.
    const nowhere = await asAdmin('POST', '/rules', {
      source: 'ldap',
      group: '客服经理',
      role: 'customer-service-manager',
      unit: 'no-such-department',
    });
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().error).toMatchObject({
      code: 'UNKNOWN_ORG_UNIT',
      details: { issues: [{ path: 'unit', message: 'unknown org unit' }] },
    });
    const stray = await asAdmin('POST', '/rules', { source: 'ldap', department: UUID.quality, role: 'auditor' });
    expect((await asAdmin('DELETE', `/rules/${stray.json().id}`)).statusCode).toBe(204);
    expect((await asAdmin('DELETE', `/rules/${stray.json().id}`)).statusCode).toBe(404);
    const { rules } = (await asAdmin('GET', '')).json();
    // Same clock, so the order is the ids' (random within a millisecond): compared as a set.
    expect(rules.map((r: { group: string; role: string }) => `${r.group}:${r.role}`).sort()).toEqual([
      '客服:customer-service',
      '客服经理:customer-service-manager',
    ]);
    const actions = await h.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'directory.rule.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'directory.rule.add',
      'directory.rule.add',
      'directory.rule.add',
      'directory.rule.remove',
    ]);
  });

  it('a dry run shows what the sync would do and writes nothing; the sync does it, audited and kept as the last report', async () => {
    const dry = await asAdmin('POST', '/sources/ldap/sync', { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      counts: { unitsCreated: 5, usersCreated: 4, grantsAdded: 3, usersDeactivated: 0 },
    });
    expect(dry.json().samples.usersCreated).toEqual(expect.arrayContaining(['张伟 (zhangwei)', '李娜 (lina)']));
    expect(
      await h.ctx.store.db.selectFrom('users').select('username').where('username', '=', 'zhangwei').execute(),
    ).toEqual([]);
    expect((await asAdmin('GET', '')).json().sources[1].lastRun).toBeNull();

    clock.advance(60_000);
    const run = await asAdmin('POST', '/sources/ldap/sync', { dryRun: false });
    expect(run.json()).toMatchObject({ dryRun: false, counts: { unitsCreated: 5, usersCreated: 4, grantsAdded: 3 } });
    const last = (await asAdmin('GET', '')).json().sources[1].lastRun;
    expect(last).toMatchObject({ trigger: 'admin', error: null, report: { counts: { usersCreated: 4 } } });
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'directory.sync')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`user:${admin.id}`);
    expect(JSON.parse(audit.payload)).toMatchObject({ counts: { usersCreated: 4, grantsAdded: 3 } });

    // A synced person signs in with the directory's password: the admin-configured source answers the bind.
    const login = await h.call('POST', '/api/v1/auth/login', {
      body: { username: 'zhangwei', password: PASSWORDS.zhangwei },
    });
    expect(login.statusCode).toBe(200);
  });

  it('an update that leaves the password out keeps it; a removed directory is gone, what it synced stays', async () => {
    const { bindPassword: _kept, ...withoutPassword } = settings();
    expect(
      (await asAdmin('PUT', '/sources/ldap', { ...withoutPassword, disabledFilter: '(employeeType=离职)' })).statusCode,
    ).toBe(200);
    const again = await asAdmin('POST', '/sources/ldap/sync', { dryRun: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().counts).toMatchObject({
      unitsCreated: 0,
      usersCreated: 0,
      grantsAdded: 0,
      usersDeactivated: 0,
    });
    // The command line (cron) syncs a directory configured on the admin page too, with the admin's rules.
    const cli = await runCli(['directory', 'sync', '--source', 'ldap', '--dry-run'], cliEnv(h.ctx.config));
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ source: 'ldap', dryRun: true, counts: { usersCreated: 0 } });
    // The password is not kept across a change of kind: a different directory needs its own secret.
    const other = await asAdmin('PUT', '/sources/ldap', { kind: 'dingtalk', appKey: 'k' });
    expect(other.statusCode).toBe(400);

    expect((await asAdmin('DELETE', '/sources/ldap')).statusCode).toBe(204);
    expect((await asAdmin('DELETE', '/sources/ldap')).statusCode).toBe(404);
    const overview = (await asAdmin('GET', '')).json();
    expect(overview.sources.map((s: { name: string }) => s.name)).toEqual(['wecom']);
    expect(overview.rules).toEqual([]);
    expect((await asAdmin('POST', '/sources/ldap/sync', { dryRun: true })).statusCode).toBe(404);
    const zhang = await h.ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'zhangwei')
      .executeTakeFirst();
    expect(zhang?.disabled).toBe(0);
  });
});
