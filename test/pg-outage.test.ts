import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, postgres, sqlite } from './support/backends.ts';
import { cliEnv } from './support/cli.ts';
import { complaint, startHarness } from './support/harness.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

/**
 * Issue 9, faults §2: PostgreSQL goes away under a running `plaint serve` and comes back. The
 * shared PostgreSQL cannot be stopped (other tests use it), so the server reaches it through a
 * TCP proxy that the test cuts (open connections destroyed, new ones refused) and restores.
 */
describe('PostgreSQL outage through a cut proxy', () => {
  let proxy: TcpProxy;
  let server: ServerProcess;
  let schema = '';
  let cleanup: () => Promise<void> = async () => {};
  let base = '';
  let cookie = '';
  const acknowledged: string[] = [];

  beforeAll(async () => {
    const made = await postgres.config();
    cleanup = made.cleanup;
    schema = made.config.pgSchema!;
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(PG_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServerProcess(
      cliEnv(
        { ...made.config, databaseUrl: viaProxy.toString() },
        {
          PLAINT_ADMIN_PASSWORD: 'correct horse battery',
          // The background jobs run often, so they meet the outage while the test watches.
          PLAINT_SWEEP_INTERVAL_MS: '200',
          PLAINT_DISPATCH_INTERVAL_MS: '200',
          PLAINT_RETENTION_INTERVAL_MS: '300',
          PLAINT_PG_CONNECT_TIMEOUT_MS: '2000',
        },
      ),
    );
    base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0];
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await cleanup();
  });

  const submit = (key?: string) =>
    fetch(`${base}/api/v1/public/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(complaint()),
      signal: AbortSignal.timeout(30_000),
    });

  async function trackingNumbersInDatabase(): Promise<string[]> {
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query<{ tracking_no: string }>('select tracking_no from cases')).rows.map(
        (r) => r.tracking_no,
      );
    } finally {
      await client.end();
    }
  }

  it('answers 503 in the API error shape while the database is unreachable, keeps running, and recovers by itself', async () => {
    expect(proxy.accepted()).toBeGreaterThan(0); // the server really talks to PostgreSQL through the proxy
    for (let i = 0; i < 5; i++) {
      const res = await submit();
      expect(res.status).toBe(201);
      acknowledged.push((await res.json()).trackingNo);
    }

    // Load runs while the link is cut: whatever is acknowledged must survive.
    let loading = true;
    const outcomes: number[] = [];
    const load = Promise.all(
      [1, 2, 3].map(async () => {
        while (loading) {
          const res = await submit().catch(() => undefined);
          if (!res) continue;
          outcomes.push(res.status);
          if (res.status === 201) acknowledged.push((await res.json()).trackingNo);
          else await res.arrayBuffer();
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut();
    const outageStarted = Date.now();

    // The API: quick 503s with a clear message, in the error shape, with no stack trace.
    for (const [method, path, headers] of [
      ['POST', '/api/v1/public/cases', { 'content-type': 'application/json' }],
      ['GET', '/api/v1/cases', { cookie }],
      ['GET', '/api/v1/public/cases/TS-20261130-AAAAAA', { 'x-receipt': 'R-XXXX' }],
    ] as const) {
      const started = Date.now();
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(method === 'POST' ? { body: JSON.stringify(complaint()) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      const body = JSON.parse(text);
      expect(body).toEqual({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: expect.stringMatching(/数据库.*\/ the database/),
          details: { retryAfterSeconds: 5 },
        },
      });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|postgres:\/\/|password/);
    }

    // Health says the database is down, with a non-200 status.
    const health = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'unavailable',
      database: 'postgres',
      databaseStatus: 'down',
      error: { code: 'DATABASE_UNAVAILABLE' },
    });

    // A client retrying with the same key during the outage gets 503s, then one case afterwards.
    const retried = await submit('outage-retry-1');
    expect(retried.status).toBe(503);
    await retried.arrayBuffer();

    // The background jobs meet the outage, log it and carry on.
    while (Date.now() - outageStarted < 2500) await new Promise((r) => setTimeout(r, 100));
    loading = false;
    await load;
    expect(outcomes).toContain(503);
    expect(outcomes.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    const log = server.output();
    expect(log).toMatch(/sweeper failed; will retry/);
    expect(log).toMatch(/dispatcher failed; will retry/);
    expect(log).toMatch(/retention failed; will retry/);
    expect(log).not.toMatch(/unhandled|uncaught/i);

    // The database comes back: the same process recovers without a restart.
    await proxy.restore();
    const deadline = Date.now() + 30_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      const res = await fetch(`${base}/api/v1/health`).catch(() => undefined);
      recovered = res?.status === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(true);
    const again = await (await fetch(`${base}/api/v1/health`)).json();
    expect(again).toMatchObject({ status: 'ok', databaseStatus: 'up' });
    const after = await submit();
    expect(after.status).toBe(201);
    acknowledged.push((await after.json()).trackingNo);
    const first = await submit('outage-retry-1');
    expect(first.status).toBe(201);
    const replayed = await submit('outage-retry-1');
    expect(replayed.status).toBe(201);
    const firstBody = await first.json();
    expect((await replayed.json()).trackingNo).toBe(firstBody.trackingNo);
    const inbox = await fetch(`${base}/api/v1/cases?limit=5`, { headers: { cookie } });
    expect(inbox.status).toBe(200);

    // Nothing acknowledged is lost, and the retried key made one case.
    const present = await trackingNumbersInDatabase();
    expect(acknowledged.filter((t) => !present.includes(t))).toEqual([]);
    expect(present.filter((t) => t === firstBody.trackingNo)).toHaveLength(1);
    expect(server.child.exitCode).toBeNull();

    // The jobs work again too: the acknowledgement mails of the new cases are fanned out.
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const until = Date.now() + 20_000;
      let pending = 1;
      while (pending > 0 && Date.now() < until) {
        pending = Number((await client.query(`select count(*) as n from outbox where status = 'pending'`)).rows[0].n);
        if (pending > 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(pending).toBe(0);
    } finally {
      await client.end();
    }
  }, 180_000);
});

describe('health on SQLite', () => {
  it('reports the database state: up while it answers, 503 and down once it cannot', async () => {
    const h = await startHarness(sqlite);
    try {
      const up = await h.call('GET', '/api/v1/health');
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: 'ok', database: 'sqlite', databaseStatus: 'up' });
      // The database handle goes away under the running server (as when the file system fails).
      await h.ctx.store.db.destroy();
      const down = await h.call('GET', '/api/v1/health');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({
        database: 'sqlite',
        databaseStatus: 'down',
        error: { code: 'DATABASE_UNAVAILABLE' },
      });
    } finally {
      await h.close().catch(() => {});
    }
  });
});
