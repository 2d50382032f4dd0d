import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { LOGIN_LIMITS } from '../src/app/throttle.ts';
import { totpCode } from '../src/app/totp.ts';
import { buildServer, trustProxyOption } from '../src/http/server.ts';
import { accountConfigFromEnv } from '../src/app/context.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { cliEnv, runCli } from './support/cli.ts';
import { checkContract } from '../src/http/contract-check.ts';

const PASSWORD = 'correct horse battery';

type SignIn = {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } };
  session?: string;
  device?: string;
  csrf?: string;
  retryAfter?: number;
};

/**
 * Issue 28 on both databases: sign-in throttles that cannot be turned against the owner, the
 * staff account lifecycle and the TOTP second factor — a company with departments below, every
 * grant held in a unit, real HTTP through the full stack.
 */
describe.each(BACKENDS)('staff accounts (issue 28) on $name', (backend) => {
  const clock = new TestClock('2026-12-01T02:00:00.000Z');
  let h: Harness;
  const units: Record<string, string> = {};

  async function signIn(
    username: string,
    password: string,
    options: { ip?: string; code?: string; device?: string; server?: FastifyInstance; xff?: string } = {},
  ): Promise<SignIn> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.device) headers.cookie = `plaint_device=${options.device}`;
    if (options.xff) headers['x-forwarded-for'] = options.xff;
    const res = await (options.server ?? h.http).inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: options.ip ?? '192.0.2.10',
      headers,
      payload: JSON.stringify({ username, password, ...(options.code ? { code: options.code } : {}) }),
    });
    const body = res.json();
    return {
      status: res.statusCode,
      body,
      session: res.cookies.find((c) => c.name === 'plaint_session')?.value,
      device: res.cookies.find((c) => c.name === 'plaint_device')?.value,
      csrf: body.csrfToken,
      retryAfter: res.headers['retry-after'] ? Number(res.headers['retry-after']) : undefined,
    };
  }

  /** A request with a session cookie (and its CSRF token for writes). */
  function withSession(s: SignIn, method: string, url: string, body?: unknown) {
    return h.http.inject({
      method: method as 'GET',
      url,
      headers: {
        cookie: `plaint_session=${s.session}`,
        ...(s.csrf ? { 'x-csrf-token': s.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function staffUser(username: string, role: string, unit: string, isAdmin = false) {
    const row = await addUser(
      h.ctx,
      { username, displayName: username, password: PASSWORD, roles: [{ role, unitId: unit }], isAdmin },
      'system:test',
    );
    return { id: row.id, token: (await createToken(h.ctx, username, 't', 'system:test')).token };
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const hr = await addOrgUnit(h.ctx, { name: '人力资源部', parent: company.id }, 'system:test');
    const cs = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    Object.assign(units, { company: company.id, hr: hr.id, cs: cs.id });
  });
  afterAll(async () => h?.close());

  describe('throttling that cannot be turned against the owner', () => {
    it('1,000 wrong passwords for admin from 20 addresses leave the admin able to sign in from their own; the owner is told', async () => {
      const admin = await staffUser('admin', 'auditor', units.company, true);
      // The admin signed in from their browser before: it holds the "known device" cookie.
      const earlier = await signIn('admin', PASSWORD, { ip: '198.51.100.7' });
      expect(earlier.status).toBe(200);
      expect(earlier.device).toBeTruthy();

      const statuses = new Map<number, number>();
      for (let i = 0; i < 1000; i++) {
        const res = await signIn('admin', `wrong-guess-${i}`, { ip: `203.0.113.${(i % 20) + 1}` });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([401, 429]).toContain(res.status);
        if (i % 20 === 19) clock.advance(1000); // the attack runs for 50 seconds
      }
      // Most guesses never reached the password check.
      expect(statuses.get(429)).toBeGreaterThan(800);

      // From their own browser: at once.
      const known = await signIn('admin', PASSWORD, { ip: '198.51.100.7', device: earlier.device });
      expect(known.status, JSON.stringify(known.body)).toBe(200);

      // From a new browser on their own address: at most the documented account-wide delay.
      let fresh = await signIn('admin', PASSWORD, { ip: '198.51.100.8' });
      if (fresh.status === 429) {
        expect(fresh.retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount.maxDelayMs / 1000);
        clock.advance(fresh.retryAfter! * 1000);
        fresh = await signIn('admin', PASSWORD, { ip: '198.51.100.8' });
      }
      expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);

      // The owner is told, in the app.
      const notes = (await h.call('GET', '/api/v1/notifications?limit=50', { token: admin.token })).json() as {
        items: { event: string; title: { 'zh-CN': string } }[];
      };
      const notices = notes.items.filter((n) => n.event === 'auth.failures');
      expect(notices.length).toBeGreaterThanOrEqual(1);
      expect(notices[0].title['zh-CN']).toContain('登录失败');

      // The administrator sees the throttles and clears them.
      const list = (await h.call('GET', '/api/v1/admin/throttles', { token: admin.token })).json();
      expect(
        list.items.some((t: { kind: string; username: string }) => t.kind === 'account' && t.username === 'admin'),
      ).toBe(true);
      expect(JSON.stringify(list)).not.toContain('203.0.113.'); // addresses only as keyed hashes
      const cleared = await h.call('POST', '/api/v1/admin/throttles/clear', {
        token: admin.token,
        body: { username: 'admin' },
      });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().cleared).toBeGreaterThan(20);
      expect((await signIn('admin', PASSWORD, { ip: '203.0.113.1' })).status).toBe(200);
      clock.advance(60 * 60_000);
    }, 120_000);

    it('a throttled address for one account does not hold back the same account from another address', async () => {
      await staffUser('hr-handler', 'department-handler', units.hr);
      for (let i = 0; i < 12; i++) await signIn('hr-handler', `nope-${i}`, { ip: '203.0.113.99' });
      expect((await signIn('hr-handler', PASSWORD, { ip: '203.0.113.99' })).status).toBe(429);
      expect((await signIn('hr-handler', PASSWORD, { ip: '192.0.2.50' })).status).toBe(200);
      clock.advance(60 * 60_000);
    });

    it('clearing the throttles of one username leaves a look-alike name alone (no LIKE wildcards)', async () => {
      const admin = await staffUser('sec-admin', 'auditor', units.company, true);
      for (let i = 0; i < 10; i++) {
        await signIn('hr_a', `nope-${i}`, { ip: '203.0.113.150' });
        await signIn('hrxa', `nope-${i}`, { ip: '203.0.113.151' });
      }
      const cleared = await h.call('POST', '/api/v1/admin/throttles/clear', {
        token: admin.token,
        body: { username: 'hr_a' },
      });
      expect(cleared.json().cleared).toBe(2); // its (username, address) pair and its account
      const left = (await h.call('GET', '/api/v1/admin/throttles', { token: admin.token })).json().items;
      expect(left.filter((t: { username: string }) => t.username === 'hrxa')).toHaveLength(2);
      expect(left.filter((t: { username: string }) => t.username === 'hr_a')).toHaveLength(0);
      clock.advance(60 * 60_000);
    });

    it('spoofed X-Forwarded-For from an untrusted peer does not change the counted address', async () => {
      const behindProxy = await buildServer(h.ctx, { trustProxy: '10.0.0.1' });
      const oneHop = await buildServer(h.ctx, { trustProxy: '1' });
      // Issue 26: these servers' answers are checked against the OpenAPI document, as the harness's are.
      const contracts = [checkContract(behindProxy), checkContract(oneHop)];
      try {
        const counted = async (server: FastifyInstance, ip: string, xff: (i: number) => string) => {
          const seen: number[] = [];
          for (let i = 0; i < 35; i++)
            seen.push((await signIn(`nobody-${i}`, 'wrong password', { server, ip, xff: xff(i) })).status);
          return seen;
        };
        // A client talking to us directly (not the proxy) writes whatever it likes: ignored.
        const direct = await counted(behindProxy, '198.18.0.5', (i) => `100.64.0.${i}`);
        expect(direct.slice(0, LOGIN_LIMITS.perClient.free)).toEqual(Array(LOGIN_LIMITS.perClient.free).fill(401));
        expect(direct.slice(LOGIN_LIMITS.perClient.free)).toEqual(Array(5).fill(429));
        // Through one proxy hop: the address the proxy appended counts, not what the client wrote left of it.
        const viaProxy = await counted(oneHop, '10.0.0.1', (i) => `100.64.1.${i}, 198.18.0.6`);
        expect(viaProxy.slice(LOGIN_LIMITS.perClient.free)).toEqual(Array(5).fill(429));
        // …and a different real client behind the same proxy is counted on its own.
        expect(
          (await signIn('nobody-x', 'wrong password', { server: oneHop, ip: '10.0.0.1', xff: '198.18.0.7' })).status,
        ).toBe(401);
        expect(
          contracts.flatMap((c) => c.take()),
          'API contract broken',
        ).toEqual([]);
      } finally {
        await behindProxy.close();
        await oneHop.close();
      }
      clock.advance(60 * 60_000);
    });
  });

  describe('account lifecycle', () => {
    it('changing one’s password needs the old one and ends other sessions and tokens', async () => {
      const u = await staffUser('cs-lead', 'customer-service-manager', units.cs);
      const a = await signIn('cs-lead', PASSWORD, { ip: '192.0.2.21' });
      const b = await signIn('cs-lead', PASSWORD, { ip: '192.0.2.22' });
      const sessions = (await withSession(a, 'GET', '/api/v1/account/sessions')).json().items;
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

      const wrongOld = await withSession(a, 'POST', '/api/v1/account/password', {
        oldPassword: 'not my password',
        newPassword: 'a brand new secret',
      });
      expect(wrongOld.statusCode).toBe(400);
      const changed = await withSession(a, 'POST', '/api/v1/account/password', {
        oldPassword: PASSWORD,
        newPassword: 'a brand new secret',
      });
      expect(changed.statusCode, changed.body).toBe(204);
      expect((await withSession(a, 'GET', '/api/v1/me')).statusCode).toBe(200);
      expect((await withSession(b, 'GET', '/api/v1/me')).statusCode).toBe(401);
      expect((await h.call('GET', '/api/v1/me', { token: u.token })).statusCode).toBe(401);
      expect((await signIn('cs-lead', PASSWORD, { ip: '192.0.2.21' })).status).toBe(401);
      expect((await signIn('cs-lead', 'a brand new secret', { ip: '192.0.2.21' })).status).toBe(200);
    });

    it('one’s own sessions are listed and one can be ended', async () => {
      await staffUser('cs-agent', 'customer-service', units.cs);
      const a = await signIn('cs-agent', PASSWORD);
      const b = await signIn('cs-agent', PASSWORD);
      const other = (await withSession(a, 'GET', '/api/v1/account/sessions'))
        .json()
        .items.find((s: { current: boolean }) => !s.current);
      expect((await withSession(a, 'DELETE', `/api/v1/account/sessions/${other.id}`)).statusCode).toBe(204);
      expect((await withSession(b, 'GET', '/api/v1/me')).statusCode).toBe(401);
      // Someone else's session is not found.
      const c = await signIn('cs-lead', 'a brand new secret');
      const mine = (await withSession(c, 'GET', '/api/v1/account/sessions')).json().items[0].id;
      expect((await withSession(a, 'DELETE', `/api/v1/account/sessions/${mine}`)).statusCode).toBe(404);
    });

    it('a disabled user’s session and token answer 401 at once; re-enabled, they sign in again', async () => {
      const admin = await staffUser('it-admin', 'auditor', units.company, true);
      const leaver = await staffUser('leaver', 'department-handler', units.hr);
      const s = await signIn('leaver', PASSWORD);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(200);
      // Only an administrator may.
      expect(
        (
          await h.call('POST', `/api/v1/admin/users/${admin.id}/disable`, {
            token: leaver.token,
            body: { reason: 'x' },
          })
        ).statusCode,
      ).toBe(403);
      const disabled = await h.call('POST', `/api/v1/admin/users/${leaver.id}/disable`, {
        token: admin.token,
        body: { reason: '已离职 / left the company' },
      });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(401);
      expect((await h.call('GET', '/api/v1/me', { token: leaver.token })).statusCode).toBe(401);
      expect((await signIn('leaver', PASSWORD)).status).toBe(401);
      const users = (await h.call('GET', '/api/v1/admin/users', { token: admin.token })).json().items;
      expect(users.find((x: { id: string }) => x.id === leaver.id).disabledAt).toBeTruthy();
      expect((await h.call('POST', `/api/v1/admin/users/${leaver.id}/enable`, { token: admin.token })).statusCode).toBe(
        200,
      );
      expect((await signIn('leaver', PASSWORD)).status).toBe(200);
      const audit = await h.ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', leaver.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
    });

    it('an idle session expires before its absolute lifetime (PLAINT_SESSION_IDLE_MINUTES)', async () => {
      await staffUser('night-shift', 'customer-service', units.cs);
      const s = await signIn('night-shift', PASSWORD);
      const idle = h.ctx.config.accounts.idleMs;
      clock.advance(idle - 5 * 60_000);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(200); // used: the idle time starts again
      clock.advance(idle - 5 * 60_000);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(200);
      clock.advance(idle + 60_000);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(401);
    });

    it('an administrator’s reset gives a one-time password that must be changed at the next sign-in', async () => {
      const admin = await staffUser('hr-admin', 'auditor', units.company, true);
      const forgetful = await staffUser('forgetful', 'department-handler', units.hr);
      const before = await signIn('forgetful', PASSWORD);
      const reset = await h.call('POST', `/api/v1/admin/users/${forgetful.id}/reset-password`, { token: admin.token });
      expect(reset.statusCode).toBe(200);
      const oneTime = reset.json().password as string;
      expect(oneTime.length).toBeGreaterThanOrEqual(12);
      expect((await withSession(before, 'GET', '/api/v1/me')).statusCode).toBe(401);
      expect((await h.call('GET', '/api/v1/me', { token: forgetful.token })).statusCode).toBe(401);
      expect((await signIn('forgetful', PASSWORD)).status).toBe(401);
      const s = await signIn('forgetful', oneTime);
      expect(s.status).toBe(200);
      expect(s.body.mustChangePassword).toBe(true);
      // Nothing but the password change until then.
      const blocked = await withSession(s, 'GET', '/api/v1/cases');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.details.reason).toBe('password-change');
      expect((await withSession(s, 'GET', '/api/v1/me')).json().mustChangePassword).toBe(true);
      expect(
        (
          await withSession(s, 'POST', '/api/v1/account/password', {
            oldPassword: oneTime,
            newPassword: 'my own new password',
          })
        ).statusCode,
      ).toBe(204);
      expect((await withSession(s, 'GET', '/api/v1/cases')).statusCode).toBe(200);
    });
    it('plaint user disable / enable / reset-password / unthrottle do the same from the command line', async () => {
      await staffUser('cli-user', 'department-handler', units.hr);
      const env = cliEnv(h.ctx.config);
      const s = await signIn('cli-user', PASSWORD, { ip: '192.0.2.77' });
      const off = await runCli(['user', 'disable', '--username', 'cli-user', '--reason', '调岗 / moved'], env);
      expect(off.code, off.stderr).toBe(0);
      expect((await withSession(s, 'GET', '/api/v1/me')).statusCode).toBe(401);
      expect((await runCli(['user', 'enable', '--username', 'cli-user'], env)).code).toBe(0);
      const reset = await runCli(['user', 'reset-password', '--username', 'cli-user'], env);
      expect(reset.code, reset.stderr).toBe(0);
      const oneTime = reset.stdout.trim().split('\n').at(-1)!;
      for (let i = 0; i < 10; i++) await signIn('cli-user', `wrong-${i}`, { ip: '192.0.2.77' });
      expect((await signIn('cli-user', oneTime, { ip: '192.0.2.77' })).status).toBe(429);
      // (`plaint user throttles` lists by the real clock, which this test's fixed clock is not.)
      expect((await runCli(['user', 'throttles'], env)).code).toBe(0);
      expect((await runCli(['user', 'unthrottle', '--username', 'cli-user'], env)).code).toBe(0);
      const again = await signIn('cli-user', oneTime, { ip: '192.0.2.77' });
      expect(again.status).toBe(200);
      expect(again.body.mustChangePassword).toBe(true);
    }, 60_000);
  });

  describe('TOTP second factor', () => {
    it('enrols, signs in with a code, refuses a wrong or reused code, accepts a recovery code once', async () => {
      await staffUser('whistle-handler', 'department-handler', units.hr);
      const s = await signIn('whistle-handler', PASSWORD);
      const setup = await withSession(s, 'POST', '/api/v1/account/totp/setup');
      expect(setup.statusCode, setup.body).toBe(200);
      const { secret, otpauthUrl, qrSvg } = setup.json();
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Plaint%3Awhistle-handler\?secret=/);
      expect(qrSvg).toContain('<svg');
      const wrong = await withSession(s, 'POST', '/api/v1/account/totp/confirm', { code: '000000' });
      expect(wrong.statusCode).toBe(400);
      const confirmed = await withSession(s, 'POST', '/api/v1/account/totp/confirm', {
        code: totpCode(secret, clock.now()),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const recovery = confirmed.json().recoveryCodes as string[];
      expect(recovery).toHaveLength(10);
      const stored = await h.ctx.store.db.selectFrom('recovery_codes').select('code_hash').execute();
      expect(JSON.stringify(stored)).not.toContain(recovery[0]);
      const row = await h.ctx.store.db
        .selectFrom('users')
        .select('totp_secret')
        .where('username', '=', 'whistle-handler')
        .executeTakeFirstOrThrow();
      expect(row.totp_secret).not.toContain(secret); // encrypted at rest

      clock.advance(60_000);
      const noCode = await signIn('whistle-handler', PASSWORD);
      expect(noCode.status).toBe(401);
      expect(noCode.body.error!.details!.secondFactor).toBe('required');
      expect((await signIn('whistle-handler', PASSWORD, { code: '123456' })).status).toBe(401);
      const code = totpCode(secret, clock.now());
      expect((await signIn('whistle-handler', PASSWORD, { code })).status).toBe(200);
      expect((await signIn('whistle-handler', PASSWORD, { code })).status).toBe(401); // a code is good once
      expect((await signIn('whistle-handler', 'wrong password', { code: totpCode(secret, clock.now()) })).status).toBe(
        401,
      );
      expect((await signIn('whistle-handler', PASSWORD, { code: recovery[3] })).status).toBe(200);
      expect((await signIn('whistle-handler', PASSWORD, { code: recovery[3] })).status).toBe(401);
      const status = (await withSession(s, 'GET', '/api/v1/account/totp')).json();
      expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
      clock.advance(60 * 60_000);
    });

    it('once required for administrators, an administrator without a second factor can only enrol', async () => {
      const rule = h.ctx.config.accounts.secondFactor;
      const before = { ...rule };
      rule.admins = true;
      try {
        await staffUser('sys-admin', 'auditor', units.company, true);
        const s = await signIn('sys-admin', PASSWORD);
        expect(s.status).toBe(200);
        expect(s.body.secondFactorSetupRequired).toBe(true);
        const refused = await withSession(s, 'GET', '/api/v1/admin/users');
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.details.reason).toBe('second-factor-setup');
        expect((await withSession(s, 'GET', '/api/v1/me')).json().secondFactor).toEqual({
          enabled: false,
          required: true,
        });
        const { secret } = (await withSession(s, 'POST', '/api/v1/account/totp/setup')).json();
        expect(
          (await withSession(s, 'POST', '/api/v1/account/totp/confirm', { code: totpCode(secret, clock.now()) }))
            .statusCode,
        ).toBe(200);
        expect((await withSession(s, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);
        // …and cannot remove it while it is required.
        expect((await withSession(s, 'POST', '/api/v1/account/totp/remove', { password: PASSWORD })).statusCode).toBe(
          403,
        );
        // A handler (not an administrator) is not held to it…
        await staffUser('plain-handler', 'department-handler', units.hr);
        const p = await signIn('plain-handler', PASSWORD);
        expect((await withSession(p, 'GET', '/api/v1/cases')).statusCode).toBe(200);
        // …unless their role is named (PLAINT_2FA_REQUIRED=admin,department-handler).
        rule.roles = ['department-handler'];
        const again = await signIn('plain-handler', PASSWORD);
        expect(again.body.secondFactorSetupRequired).toBe(true);
        expect((await withSession(again, 'GET', '/api/v1/cases')).statusCode).toBe(403);
      } finally {
        Object.assign(rule, before);
      }
    });
  });
});

describe('account settings from the environment (issue 28)', () => {
  it('reads PLAINT_2FA_REQUIRED and PLAINT_SESSION_IDLE_MINUTES, and refuses nonsense', () => {
    // By default administrators need a second factor; `none` turns that off.
    expect(accountConfigFromEnv({})).toEqual({
      idleMs: 60 * 60_000,
      secondFactor: { admins: true, all: false, roles: [] },
    });
    expect(accountConfigFromEnv({ PLAINT_2FA_REQUIRED: 'none' }).secondFactor).toEqual({
      admins: false,
      all: false,
      roles: [],
    });
    expect(
      accountConfigFromEnv({ PLAINT_2FA_REQUIRED: 'admin, neutral-investigator', PLAINT_SESSION_IDLE_MINUTES: '15' }),
    ).toEqual({
      idleMs: 15 * 60_000,
      secondFactor: { admins: true, all: false, roles: ['neutral-investigator'] },
    });
    expect(accountConfigFromEnv({ PLAINT_2FA_REQUIRED: 'all' }).secondFactor).toMatchObject({
      admins: true,
      all: true,
    });
    expect(() => accountConfigFromEnv({ PLAINT_SESSION_IDLE_MINUTES: '0' })).toThrow(/PLAINT_SESSION_IDLE_MINUTES/);
    expect(() => accountConfigFromEnv({ PLAINT_2FA_REQUIRED: 'Admin!' })).toThrow(/PLAINT_2FA_REQUIRED/);
  });

  it('reads PLAINT_TRUST_PROXY as a hop count or proxy addresses, never "believe anyone"', () => {
    expect(trustProxyOption(undefined)).toBe(false);
    expect(trustProxyOption('0')).toBe(false);
    const hops = trustProxyOption('2') as (a: string, hop: number) => boolean;
    expect([hops('x', 0), hops('x', 1), hops('x', 2)]).toEqual([true, true, false]);
    expect(trustProxyOption('10.0.0.1, 172.16.0.0/12')).toEqual(['10.0.0.1', '172.16.0.0/12']);
    expect(() => trustProxyOption('true')).toThrow(/PLAINT_TRUST_PROXY/);
    expect(() => trustProxyOption('proxy.example')).toThrow(/PLAINT_TRUST_PROXY/);
  });
});
