import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../src/app/context.ts';
import { submitCase } from '../src/app/submit.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { buildServer } from '../src/http/server.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { webhookSignature } from '../src/notify/senders.ts';
import type { AppContext } from '../src/app/context.ts';
import type { FastifyInstance } from 'fastify';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint } from './support/harness.ts';
import { httpReceiver } from './support/http-receiver.ts';
import { checkContract } from '../src/http/contract-check.ts';

const SYSTEM = { kind: 'system' as const, name: 'test' };

/** Notices through the outbox (issue 7): webhooks with retries, group robots, in-app, dead letters. */
describe.each(BACKENDS)('notifications on $name', (backend) => {
  let ctx: AppContext;
  let http: FastifyInstance;
  // Issue 26: every answer is checked against the OpenAPI document, as the harness does.
  let contract: ReturnType<typeof checkContract> | undefined;
  afterEach(() => {
    expect(contract?.take() ?? [], 'API contract broken').toEqual([]);
  });
  let cleanup: () => Promise<void>;
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  // The webhook fails its first two deliveries; the robots answer as their real services do.
  let hookFails = 2;
  let receiver: Awaited<ReturnType<typeof httpReceiver>>;
  let admin: string;
  let service: { id: string; token: string };
  let clerkToken: string;

  beforeAll(async () => {
    receiver = await httpReceiver((n, path) => {
      if (path === '/hook')
        return n <= hookFails ? { status: 503, body: { error: 'down' } } : { status: 200, body: { ok: true } };
      if (path === '/dead') return { status: 500, body: { error: 'always' } };
      if (path === '/feishu') return { status: 200, body: { code: 0, msg: 'success' } };
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    });
    const made = await backend.config();
    const channels = {
      ...made.config.channels,
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      maxAttempts: 5,
      hooks: [
        { name: 'webhook', kind: 'webhook' as const, url: `${receiver.url}/hook`, secret: 's3cret' },
        { name: 'wecom', kind: 'wecom' as const, url: `${receiver.url}/wecom?key=k` },
        {
          name: 'dingtalk',
          kind: 'dingtalk' as const,
          url: `${receiver.url}/dingtalk?access_token=t`,
          secret: 'SECdd',
        },
        { name: 'feishu', kind: 'feishu' as const, url: `${receiver.url}/feishu`, secret: 'fs' },
      ],
    };
    ctx = await openApp({ ...made.config, channels }, { now: clock.now });
    http = await buildServer(ctx);
    contract = checkContract(http);
    cleanup = async () => {
      await http.close();
      await ctx.close();
      await made.cleanup();
    };
    const a = await addUser(
      ctx,
      { username: 'root', password: 'correct horse battery', roles: [], isAdmin: true },
      'system:test',
    );
    admin = (await createToken(ctx, a.username, 't', 'system:test')).token;
    const s = await addUser(
      ctx,
      {
        username: 'service',
        displayName: '客服小王',
        password: 'correct horse battery',
        roles: ['customer-service'],
        isAdmin: false,
      },
      'system:test',
    );
    service = { id: s.id, token: (await createToken(ctx, 'service', 't', 'system:test')).token };
    await addUser(
      ctx,
      { username: 'clerk', password: 'correct horse battery', roles: ['intake-clerk'], isAdmin: false },
      'system:test',
    );
    clerkToken = (await createToken(ctx, 'clerk', 't', 'system:test')).token;
  });
  afterAll(async () => {
    await cleanup?.();
    await receiver?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string) =>
    http.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

  it('retries a failing webhook with exponential backoff and the same idempotency key, signed with HMAC-SHA256', async () => {
    const c = await submitCase(
      ctx,
      complaint({ channel: 'web', submitter: { name: '张三', phone: '13812345678' } }) as never,
      SYSTEM,
    );
    await dispatchOnce(ctx);
    const hookRows = () =>
      ctx.store.db
        .selectFrom('deliveries')
        .selectAll()
        .where('case_id', '=', c.id)
        .where('channel', '=', 'webhook')
        .orderBy('id')
        .execute();
    let rows = await hookRows();
    // One webhook call per notice: the receipt (to the submitter) and the new-case notice (to staff).
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.status, Number(r.attempts), r.next_attempt_at])).toEqual([
      ['pending', 1, '2026-11-30T02:00:01.000Z'],
      ['pending', 1, '2026-11-30T02:00:01.000Z'],
    ]);
    hookFails = 4; // the first two calls failed; two more (the second attempt of each) fail too
    clock.advance(999);
    await dispatchOnce(ctx);
    expect((await hookRows()).every((r) => Number(r.attempts) === 1)).toBe(true); // not due yet
    clock.advance(1);
    await dispatchOnce(ctx);
    rows = await hookRows();
    expect(rows.map((r) => [r.status, Number(r.attempts), r.next_attempt_at])).toEqual([
      ['pending', 2, '2026-11-30T02:00:03.000Z'],
      ['pending', 2, '2026-11-30T02:00:03.000Z'],
    ]);
    clock.advance(2_000);
    await dispatchOnce(ctx);
    rows = await hookRows();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ['sent', 3],
      ['sent', 3],
    ]);
    const calls = receiver.received.filter((r) => r.path === '/hook');
    expect(calls).toHaveLength(6);
    for (const call of calls) {
      const ts = String(call.headers['x-plaint-timestamp']);
      expect(call.headers['x-plaint-signature']).toBe(
        `sha256=${createHmac('sha256', 's3cret').update(`${ts}.${call.body}`).digest('hex')}`,
      );
      expect(call.headers['x-plaint-signature']).toBe(webhookSignature('s3cret', ts, call.body));
    }
    const keys = calls.map((x) => x.headers['x-plaint-idempotency-key']);
    expect(new Set(keys).size).toBe(2);
    const body = JSON.parse(calls[5].body);
    expect(body).toMatchObject({ case: { id: c.id, trackingNo: c.trackingNo, status: 'received' }, event: 'submit' });
    // No personal data leaves by webhook.
    expect(calls.map((x) => x.body).join('')).not.toMatch(/张三|13812345678/);
  });

  it('posts staff notices to WeCom, DingTalk (signed) and Feishu (signed) in their formats, never submitter notices', async () => {
    const wecom = receiver.received.filter((r) => r.path.startsWith('/wecom'));
    const ding = receiver.received.filter((r) => r.path.startsWith('/dingtalk'));
    const feishu = receiver.received.filter((r) => r.path.startsWith('/feishu'));
    expect([wecom.length, ding.length, feishu.length]).toEqual([1, 1, 1]); // new-case only, not the receipt
    expect(JSON.parse(wecom[0].body)).toEqual({
      msgtype: 'text',
      text: { content: expect.stringMatching(/^【新案件】/) },
    });
    const dingUrl = new URL(ding[0].path, 'http://x');
    const ts = dingUrl.searchParams.get('timestamp')!;
    expect(dingUrl.searchParams.get('sign')).toBe(
      createHmac('sha256', 'SECdd').update(`${ts}\nSECdd`).digest('base64'),
    );
    expect(JSON.parse(ding[0].body)).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('新案件') },
    });
    const fs = JSON.parse(feishu[0].body);
    expect(fs).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('新案件') } });
    expect(fs.sign).toBe(createHmac('sha256', `${fs.timestamp}\nfs`).update('').digest('base64'));
  });

  it('gives staff who may see the case an in-app notice they can list and mark read (audited)', async () => {
    const mine = await call('GET', '/api/v1/notifications', service.token);
    expect(mine.statusCode).toBe(200);
    const list = mine.json() as {
      unread: number;
      items: { id: string; title: Record<string, string>; readAt: string | null }[];
    };
    expect(list.unread).toBe(1);
    expect(list.items[0].title['zh-CN']).toMatch(/^【新案件】/);
    // The intake clerk holds no role the procedure notifies: nothing for them.
    expect((await call('GET', '/api/v1/notifications', clerkToken)).json().items).toEqual([]);
    // Someone else's notice is not found, not readable.
    const other = await call('POST', `/api/v1/notifications/${encodeURIComponent(list.items[0].id)}/read`, clerkToken);
    expect(other.statusCode).toBe(404);
    const read = await call(
      'POST',
      `/api/v1/notifications/${encodeURIComponent(list.items[0].id)}/read`,
      service.token,
    );
    expect(read.statusCode).toBe(200);
    expect((await call('GET', '/api/v1/notifications?unread=true', service.token)).json()).toMatchObject({
      unread: 0,
      items: [],
    });
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'notification.read')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await call('GET', '/api/v1/notifications?unread=maybe', service.token)).statusCode).toBe(400);
  });

  it('marks a delivery dead after the last attempt, shows it to admins only, and lets an admin send it again', async () => {
    ctx.config.channels.hooks.push({ name: 'dead', kind: 'webhook', url: `${receiver.url}/dead` });
    ctx.config.channels.maxAttempts = 2;
    const c = await submitCase(
      ctx,
      complaint({ channel: 'web', anonymous: true, submitter: undefined }) as never,
      SYSTEM,
    );
    await dispatchOnce(ctx);
    clock.advance(1_000);
    await dispatchOnce(ctx);
    const res = await call('GET', `/api/v1/admin/deliveries?status=dead&case=${c.id}`, admin);
    expect(res.statusCode).toBe(200);
    const dead = res.json() as {
      counts: Record<string, number>;
      items: { id: string; target: string; attempts: number; lastError: string }[];
    };
    expect(dead.items.map((d) => [d.target, d.attempts])).toEqual([['hook:dead', 2]]);
    expect(dead.items[0].lastError).toMatch(/HTTP 500/);
    expect(dead.counts.dead).toBe(1);
    expect((await call('GET', '/api/v1/admin/deliveries', service.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/admin/deliveries?status=lost', admin)).statusCode).toBe(400);
    const retry = await call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(dead.items[0].id)}/retry`, admin);
    expect(retry.statusCode).toBe(202);
    expect(
      (await call('POST', `/api/v1/admin/deliveries/${encodeURIComponent(dead.items[0].id)}/retry`, admin)).statusCode,
    ).toBe(404);
    const pending = (await call('GET', `/api/v1/admin/deliveries?status=pending&case=${c.id}`, admin)).json();
    expect(pending.items.map((d: { target: string; attempts: number }) => [d.target, d.attempts])).toEqual([
      ['hook:dead', 0],
    ]);
    expect(
      await ctx.store.db.selectFrom('audit_log').select('action').where('action', '=', 'delivery.retry').execute(),
    ).toHaveLength(1);
  });
});
