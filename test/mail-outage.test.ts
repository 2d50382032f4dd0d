import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppContext } from '../src/app/context.ts';
import { submitCase } from '../src/app/submit.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint } from './support/harness.ts';
import { freePort, smtpSink, type SmtpSink } from './support/smtp-sink.ts';

/**
 * The mail server is down while cases arrive (issue 7, INT-4): no receipt is lost — each waits,
 * visible as pending, retried with backoff — and when the server is back every receipt is
 * delivered exactly once per case, even with two dispatchers running at the same time.
 */
describe.each(BACKENDS)('receipts through an SMTP outage on $name', (backend) => {
  let a: AppContext;
  let b: AppContext;
  let sink: SmtpSink;
  let cleanup: () => Promise<void>;
  const clock = new TestClock('2026-11-30T02:00:00.000Z');

  beforeAll(async () => {
    const port = await freePort();
    sink = await smtpSink(port, { start: false });
    const made = await backend.config();
    const config = {
      ...made.config,
      channels: { ...made.config.channels, smtpUrl: `smtp://127.0.0.1:${port}`, retryBaseMs: 10_000, maxAttempts: 20 },
    };
    // Two instances on one database, as two `plaint serve` processes would be.
    a = await openApp(config, { now: clock.now });
    b = await openApp(config, { now: clock.now });
    cleanup = async () => {
      await a.close();
      await b.close();
      await made.cleanup();
    };
  });
  afterAll(async () => {
    await sink?.stop();
    await cleanup?.();
  });

  it('keeps every receipt pending while the server is down and sends each exactly once when it returns', async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) {
      cases.push(
        await submitCase(
          a,
          complaint({ channel: 'web', submitter: { name: `投诉人${i}`, email: `c${i}@example.com` } }) as never,
          { kind: 'system', name: 'test' },
        ),
      );
      if (i % 4 === 3) {
        const r = await dispatchOnce(i % 8 === 3 ? a : b);
        expect(r.sent).toBe(0);
        clock.advance(1_000);
      }
    }
    const pending = await a.store.db
      .selectFrom('deliveries')
      .select(['status', 'attempts', 'last_error'])
      .where('channel', '=', 'email')
      .execute();
    expect(pending).toHaveLength(12);
    expect(pending.every((d) => d.status === 'pending' && /ECONNREFUSED|connect/i.test(d.last_error ?? ''))).toBe(true);

    await sink.start();
    clock.advance(60_000);
    // Both instances dispatch at once; leases and SKIP LOCKED keep them off each other's rows.
    await Promise.all([dispatchOnce(a), dispatchOnce(b), dispatchOnce(a), dispatchOnce(b)]);
    await Promise.all([dispatchOnce(a), dispatchOnce(b)]);
    const perCase = new Map<string, number>();
    for (const m of sink.mails) {
      const no = cases.find((c) => m.subject?.includes(c.trackingNo))?.trackingNo ?? 'unknown';
      perCase.set(no, (perCase.get(no) ?? 0) + 1);
    }
    expect([...perCase.entries()].sort()).toEqual(cases.map((c) => [c.trackingNo, 1]).sort());
    const after = await a.store.db.selectFrom('deliveries').select('status').where('channel', '=', 'email').execute();
    expect(after.every((d) => d.status === 'sent')).toBe(true);
  });
});
