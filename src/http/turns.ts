import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { TurnGauges } from '../app/metrics.ts';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';

/**
 * Issue 25: turns of the event loop of bounded length. A request's work runs on the event loop
 * from its first statement to its answer (better-sqlite3 is synchronous), and Node starts every
 * request that arrived since the last turn within that one turn. Under a working day's load (40
 * clients without pause, bench/soak.ts) a turn held the work of dozens of requests, 100–300 ms,
 * and every timer, read worker's answer and newly arrived request waited that long.
 *
 * Here a turn starts requests until it has run `budgetMs`; those that arrive later wait, in arrival
 * order, and are started in the following turns, for `budgetMs` of each, every turn after the
 * loop has seen its timers and sockets. The work is the same; it is cut into turns with everything
 * else in between. Health checks and metrics never wait. More than `maxWaiting` waiting: 503.
 */
export type TurnOptions = { budgetMs: number; maxWaiting: number; now?: () => number };

/** Requests that never wait: a load balancer's health check, the metrics scrape. */
const NEVER_WAIT = /^\/(api\/v1\/health|metrics)(\/|\?|$)/;

export function installTurns(app: FastifyInstance, options: TurnOptions): () => TurnGauges {
  const now = options.now ?? (() => performance.now());
  const waiting: HookHandlerDoneFunction[] = [];
  let deferred = 0;
  let refused = 0;
  // The turn the requests arriving now belong to: when it started; ended by an immediate (the
  // loop's check phase comes after it has read its sockets).
  let turnStarted = 0;
  let inTurn = false;
  let roundPending = false;

  const endTurn = () => {
    inTurn = false;
  };

  /**
   * Starts waiting requests in the next check phase, one per immediate: Node runs the microtasks a
   * started request queued (its synchronous statements) before the next immediate, which then sees
   * how long the turn has run. The last immediate of the round plans the next round.
   */
  const planRound = () => {
    if (roundPending) return;
    roundPending = true;
    const n = Math.min(waiting.length, 64);
    let started = 0;
    for (let i = 0; i < n; i++)
      setImmediate(() => {
        if (i === 0) {
          roundPending = false;
          started = now();
        }
        if (waiting.length > 0 && now() - started < options.budgetMs) waiting.shift()!();
        if (i === n - 1 && waiting.length > 0) planRound();
      });
  };

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (NEVER_WAIT.test(request.url)) return done();
    const t = now();
    if (!inTurn) {
      inTurn = true;
      turnStarted = t;
      setImmediate(endTurn);
    }
    if (waiting.length === 0 && t - turnStarted < options.budgetMs) return done();
    if (waiting.length >= options.maxWaiting) {
      refused++;
      reply.header('retry-after', '1');
      return done(new DomainError('UNAVAILABLE', msg('turns.full')));
    }
    deferred++;
    waiting.push(done);
    planRound();
  });

  return () => ({ waiting: waiting.length, deferred, refused });
}
