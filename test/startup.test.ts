import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgres } from './support/backends.ts';
import { cliEnv, runCli } from './support/cli.ts';
import { startServerProcess } from './support/server-process.ts';

/** Issue 2 §1 and §8: what `npm start` and the CLI do on a fresh machine. */
describe('first and second start on the embedded database', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'plaint-start-')), 'data');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PLAINT_DATA_DIR: dataDir };
  let password = '';

  it('creates the data folder, migrates, prints a generated admin password once and serves', async () => {
    const server = await startServerProcess(env);
    try {
      const match = /password: (\S+)/.exec(server.output());
      expect(match, server.output()).not.toBeNull();
      password = match![1];
      expect(existsSync(join(dataDir, 'plaint.sqlite'))).toBe(true);
      expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      // Issue 28: by default an administrator must enrol a second factor before anything else.
      expect(await login.json()).toMatchObject({ secondFactorSetupRequired: true });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const users = await fetch(`http://127.0.0.1:${server.port}/api/v1/admin/users`, { headers: { cookie } });
      expect(users.status).toBe(403);
      expect((await users.json()).error).toMatchObject({ details: { reason: 'second-factor-setup' } });
      expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
      const procedures = await (await fetch(`http://127.0.0.1:${server.port}/api/v1/public/procedures`)).json();
      expect(procedures.items.map((p: { id: string }) => p.id)).toContain('customer-complaint');
    } finally {
      await server.stop();
    }
  });

  it('reuses the data on a second start and prints no new password', async () => {
    const server = await startServerProcess(env);
    try {
      expect(server.output()).not.toMatch(/password:/);
      const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('limits public writes per client address (PLAINT_PUBLIC_WRITE_LIMIT): the next one is 429 with Retry-After, reading goes on', async () => {
    const server = await startServerProcess({ ...env, PLAINT_PUBLIC_WRITE_LIMIT: '3' });
    try {
      const submit = () =>
        fetch(`http://127.0.0.1:${server.port}/api/v1/public/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            procedure: 'customer-complaint',
            kind: 'complaint',
            subject: '电梯故障',
            description: '3号楼电梯停运三天。',
            anonymous: true,
            requestedOutcome: '尽快修好电梯',
            affirmTruthful: true,
          }),
        });
      for (let i = 0; i < 3; i++) expect((await submit()).status).toBe(201);
      const refused = await submit();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()).error).toMatchObject({ code: 'RATE_LIMITED', details: { limitPerMinute: 3 } });
      expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/public/procedures`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('start on PostgreSQL with PLAINT_ADMIN_PASSWORD', () => {
  it('uses the given password and prints none', async () => {
    const { config, cleanup } = await postgres.config();
    try {
      const server = await startServerProcess(cliEnv(config, { PLAINT_ADMIN_PASSWORD: 'a-chosen-admin-password' }));
      try {
        expect(server.output()).not.toMatch(/password:/);
        const health = await (await fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).json();
        expect(health.database).toBe('postgres');
        const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'a-chosen-admin-password' }),
        });
        expect(login.status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      await cleanup();
    }
  });
});

describe('the plaint CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PLAINT_DATA_DIR: dataDir };

  it('prints help in Chinese and English', async () => {
    const out = await runCli(['--help'], env);
    expect(out.code).toBe(0);
    for (const command of ['serve', 'migrate', 'user add', 'token create', 'verify-audit'])
      expect(out.stdout).toContain(command);
    expect(out.stdout).toContain('用法');
  });

  it('exits 2 on an unknown command and on missing options', async () => {
    expect((await runCli(['frobnicate'], env)).code).toBe(2);
    expect((await runCli(['user', 'add'], env)).code).toBe(2);
  });

  it('imports a year of holidays from CSV, shows the calendar and sweeps (SLA-1, SLA-7)', async () => {
    const csv = join(dataDir, '2027.csv');
    writeFileSync(
      csv,
      '# source: 国办发明电（测试）\n# years: 2027\ndate,kind,name\n2027-01-01,off,元旦\n2027-02-06,work,春节调休\n',
    );
    const imported = await runCli(['calendar', 'import', csv], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('1 休息日');
    const shown = await runCli(['calendar', 'show'], env);
    expect(shown.stdout).toMatch(/2004–2027 \(24\)/);
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, '2027-13-01,off,坏日期\n');
    const refused = await runCli(['calendar', 'import', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not a real date');
    const swept = await runCli(['sweep'], env);
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toContain('breached: 0');
  });

  it('migrates, adds a user and creates a token that the API accepts', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const added = await runCli(
      ['user', 'add', '--username', 'hotline-1', '--password', 'a-long-password', '--role', 'intake-clerk'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const duplicate = await runCli(['user', 'add', '--username', 'hotline-1', '--password', 'a-long-password'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('已存在');
    const token = await runCli(['token', 'create', '--user', 'hotline-1'], env);
    expect(token.code, token.stderr).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^plt_/);
    const server = await startServerProcess({ ...env, PLAINT_ADMIN_PASSWORD: 'first-admin-password' });
    try {
      // Users added from the CLI before the first start do not stand in for the admin account.
      const admin = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'first-admin-password' }),
      });
      expect(admin.status).toBe(200);
      const me = await (
        await fetch(`http://127.0.0.1:${server.port}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })
      ).json();
      expect(me).toMatchObject({ username: 'hotline-1', grants: [{ role: 'intake-clerk', unitId: null }] });
    } finally {
      await server.stop();
    }
  });
});
