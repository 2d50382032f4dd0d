import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';

/**
 * How many writes to the public API (submissions, messages, material, appeals, survey answers …)
 * one client address may make per minute on one instance: PLAINT_PUBLIC_WRITE_LIMIT, default 60,
 * 0 switches it off. A person filing a complaint makes a handful; a flood from one address would
 * fill the database and the handlers' inboxes. Counted in memory: with several instances behind a
 * load balancer each counts its own share (docs/deploy.md). Behind a proxy set PLAINT_TRUST_PROXY
 * so the address is the client's.
 */
export function publicWriteLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PLAINT_PUBLIC_WRITE_LIMIT ?? '60';
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`PLAINT_PUBLIC_WRITE_LIMIT must be a whole number (0 = off), not "${raw}"`);
  return limit;
}

const WINDOW_MS = 60_000;

/** An onRequest hook counting public writes per client address in fixed one-minute windows. */
export function publicWriteLimit(limit: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (limit === 0 || request.method !== 'POST' || !request.url.startsWith('/api/v1/public/')) return;
    const at = now();
    if (windows.size > 50_000) for (const [key, w] of windows) if (at - w.start >= WINDOW_MS) windows.delete(key);
    const w = windows.get(request.ip);
    if (!w || at - w.start >= WINDOW_MS) {
      windows.set(request.ip, { start: at, count: 1 });
      return;
    }
    if (++w.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - at) / 1000));
      throw new DomainError('RATE_LIMITED', msg('publicLimit.tooManySubmissionsFromAddress'), {
        retryAfterSeconds,
        limitPerMinute: limit,
      });
    }
  };
}
