import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { TurnGauges } from '../src/app/metrics.ts';
import { errorHandler } from '../src/http/errors.ts';
import { installTurns } from '../src/http/turns.ts';

/**
 * Issue 25: a turn of the event loop starts requests until it has run its budget; the others wait
 * for later turns, in arrival order, with the loop's timers and sockets in between. The requests
 * here hold the loop as a synchronous SQLite statement does (by the clock the gate is given, not
 * by time: nothing here measures or waits for time).
 */
describe('turns of the event loop of bounded length', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** A server whose `/work` requests each "run" 4 ms of the gate's clock, and log their order. */
  async function server(budgetMs: number, maxWaiting = 1000) {
    let clock = 0;
    const order: string[] = [];
    app = Fastify();
    app.setErrorHandler(errorHandler);
    const gauges: () => TurnGauges = installTurns(app, { budgetMs, maxWaiting, now: () => clock });
    app.get('/work', async (request) => {
      const { n } = request.query as { n: string };
      clock += 4;
      order.push(`request ${n}`);
      return { n };
    });
    app.get('/api/v1/health', async () => {
      order.push('health');
      return { ok: true };
    });
    await app.ready();
    return { app, order, gauges };
  }

  it('lets a timer set before a burst run between its requests, where without the gate it runs after all of them', async () => {
    for (const budgetMs of [10, Number.POSITIVE_INFINITY]) {
      const { app, order, gauges } = await server(budgetMs);
      setTimeout(() => order.push('timer'), 0);
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => app.inject(`/work?n=${i}`)));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
      // Arrival order is kept whatever the gate does.
      expect(order.filter((o) => o !== 'timer')).toEqual(Array.from({ length: 12 }, (_, i) => `request ${i}`));
      const timerAt = order.indexOf('timer');
      if (budgetMs === 10) {
        // 10 ms of budget is three 4 ms requests: the fourth waited, and the timer ran before the last.
        expect(timerAt).toBeGreaterThan(0);
        expect(timerAt).toBeLessThan(order.length - 1);
        expect(gauges().deferred).toBeGreaterThan(0);
      } else {
        expect(timerAt === -1 || timerAt === order.length - 1).toBe(true);
        expect(gauges().deferred).toBe(0);
      }
      expect(gauges().waiting).toBe(0);
      await app.close();
      await new Promise((r) => setTimeout(r, 0));
    }
  });

  it('answers health checks at once, ahead of the requests waiting', async () => {
    const { app, order } = await server(4);
    const work = Array.from({ length: 6 }, (_, i) => app.inject(`/work?n=${i}`));
    const health = app.inject('/api/v1/health');
    await Promise.all([...work, health]);
    expect(order.indexOf('health')).toBeLessThan(order.indexOf('request 5'));
  });

  it('refuses with 503, in the API error shape with Retry-After, when too many wait, and answers the rest', async () => {
    const { app, gauges } = await server(4, 3);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => app.inject(`/work?n=${i}`)));
    const refused = answers.filter((a) => a.statusCode === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.statusCode === 200).length + refused.length).toBe(8);
    expect(refused[0].headers['retry-after']).toBe('1');
    expect(refused[0].json().error.code).toBe('UNAVAILABLE');
    expect(gauges().refused).toBe(refused.length);
    expect(gauges().waiting).toBe(0);
  });
});
