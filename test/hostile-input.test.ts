import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/app/throttle.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const run = promisify(execFile);

/** Issue 19, hostile input round two, on both databases. */
describe.each(BACKENDS)('hostile input (issue 19) on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, clock);
  });
  afterAll(async () => h?.close());

  const track = (trackingNo: string, receipt: string, remoteAddress: string) =>
    h.http.inject({
      method: 'GET',
      url: `/api/v1/public/cases/${trackingNo}`,
      headers: { 'x-receipt': receipt },
      remoteAddress,
    });

  it('issue 19: 1,000 wrong receipts from other addresses leave the owner able to track the case from theirs', async () => {
    const { trackingNo, receipt } = (await h.call('POST', '/api/v1/public/cases', { body: complaint() })).json();
    const owner = '198.51.100.7';
    expect((await track(trackingNo, receipt, owner)).statusCode).toBe(200);
    // 100 addresses, each up to its own limit for this number: 1,000 wrong receipts in all.
    const perAddress = LIMITS.receiptPerCaseClient.max;
    const statuses = new Map<number, number>();
    for (let a = 0; a < 1000 / perAddress; a++) {
      const address = `203.0.113.${a}`;
      for (let i = 0; i < perAddress; i++) {
        const res = await track(trackingNo, `WRNG-${i}AAA-AAAA-AAAA-AAAA`, address);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    }
    expect(statuses).toEqual(new Map([[404, 1000]]));
    // Each guessing address is held back for this number, even with the right receipt …
    const guesser = await track(trackingNo, receipt, '203.0.113.0');
    expect(guesser.statusCode).toBe(429);
    expect(guesser.json().error.code).toBe('RATE_LIMITED');
    // … while the owner's address is not.
    const mine = await track(trackingNo, receipt, owner);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().trackingNo).toBe(trackingNo);
    // The ceiling over every address still holds, far above what one attacker reaches.
    expect(LIMITS.receiptPerCase.max).toBeGreaterThan(1000);
    const counted = await h.ctx.store.db
      .selectFrom('throttle')
      .select('count')
      .where('key', '=', `receipt:${trackingNo}`)
      .executeTakeFirstOrThrow();
    expect(Number(counted.count)).toBe(1000);
    await h.ctx.store.db
      .updateTable('throttle')
      .set({ count: LIMITS.receiptPerCase.max })
      .where('key', '=', `receipt:${trackingNo}`)
      .execute();
    expect((await track(trackingNo, receipt, owner)).statusCode).toBe(429);
    clock.advance(16 * 60_000);
    expect((await track(trackingNo, receipt, owner)).statusCode).toBe(200);
  });
});

describe('hostile input (issue 19) over a socket', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness(BACKENDS[0]!);
    await h.http.listen({ port: 0, host: '127.0.0.1' });
    const address = h.http.server.address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => h?.close());

  it('issue 19: a 5 MB JSON body gets the 413 in the API error shape over fetch, not EPIPE', async () => {
    // The client is another process, as a real one is: in this process the server would read the
    // body between the client's writes and the fault would not show.
    const client = `
      const body = JSON.stringify({ procedure: 'customer-complaint', description: 'x'.repeat(5 * 1024 * 1024) });
      const answers = [];
      for (let i = 0; i < 5; i++) {
        try {
          const res = await fetch(process.argv[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          answers.push({ status: res.status, body: await res.json() });
        } catch (err) {
          answers.push({ failed: err.cause?.code ?? err.message });
        }
      }
      console.log(JSON.stringify(answers));
    `;
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      client,
      `${base}/api/v1/public/cases`,
    ]);
    const answers = JSON.parse(stdout) as unknown[];
    expect(answers).toEqual(
      Array(5).fill({
        status: 413,
        body: { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: { limitBytes: null } } },
      }),
    );
  });
});
