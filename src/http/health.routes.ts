import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { ok, ZError } from './contract.ts';

const ZHealthy = z
  .object({
    status: z.literal('ok'),
    database: z.string().describe('sqlite or postgres'),
    time: z.string().describe('the server clock (ISO 8601)'),
    databaseStatus: z.literal('up'),
  })
  .strict();

/** Down is still a health answer (for monitors), with the API's error inside. */
const ZUnhealthy = ZHealthy.extend({
  status: z.literal('unavailable'),
  databaseStatus: z.literal('down'),
  error: ZError.shape.error,
}).strict();

/** How long the health check waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 2000;

/** `select 1`, or the reason it did not answer in time. */
async function probeDatabase(ctx: AppContext): Promise<{ up: true } | { up: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(ctx.store.db), timeout]);
    return { up: true };
  } catch (err) {
    return { up: false, reason: (err as { code?: string }).code ?? (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // For load balancers and monitors: 200 while the database answers, 503 while it does not.
    app.get(
      '/api/v1/health',
      {
        schema: {
          tags: ['health'],
          summary: '健康检查 / health',
          response: {
            200: ok('the database answers', ZHealthy),
            // Also the plain Error: a request that fails before this handler (the instance sync's query) answers 503 too.
            503: ok('the database does not answer; Retry-After: 5', z.union([ZUnhealthy, ZError])),
          },
        },
      },
      async (_request, reply) => {
        const probe = await probeDatabase(ctx);
        const shown = { database: ctx.store.dialect, time: ctx.now().toISOString() };
        if (probe.up) return { status: 'ok' as const, ...shown, databaseStatus: 'up' as const };
        return reply
          .status(503)
          .header('Retry-After', '5')
          .send({
            status: 'unavailable' as const,
            ...shown,
            databaseStatus: 'down' as const,
            error: {
              code: 'DATABASE_UNAVAILABLE',
              message: '数据库暂时无法访问 / the database is unreachable',
              details: { reason: probe.reason },
            },
          });
      },
    );
  };
}
