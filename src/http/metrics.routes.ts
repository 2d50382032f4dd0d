import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { startMetrics, type TurnGauges } from '../app/metrics.ts';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * `GET /metrics` in Prometheus text format (issue 25). Scraped from the same machine (loopback), or
 * from anywhere with `Authorization: Bearer $PLAINT_METRICS_TOKEN`; others get 404, as for a path
 * that does not exist, so the endpoint tells an outsider nothing.
 */
export function installMetrics(
  app: FastifyInstance,
  ctx: AppContext,
  token: string | undefined,
  turns?: () => TurnGauges,
): void {
  // Installed on the root instance, not registered as a plugin: the response hook must see every route.
  const metrics = startMetrics();
  app.addHook('onClose', async () => metrics.stop());
  app.addHook('onResponse', async (_request, reply) => {
    metrics.observe(reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const allowed = token ? tokenMatches(request.headers.authorization, token) : LOOPBACK.test(request.ip);
    if (!allowed) throw new DomainError('NOT_FOUND', msg('metricsRoutes.notFound'));
    return reply
      .header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await metrics.render(ctx, turns?.()));
  });
}
