import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';

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
      { schema: { tags: ['health'], summary: '健康检查 / health' } },
      async (_request, reply) => {
        const probe = await probeDatabase(ctx);
        const shown = { database: ctx.store.dialect, time: ctx.now().toISOString() };
        if (probe.up) return { status: 'ok', ...shown, databaseStatus: 'up' };
        return reply
          .status(503)
          .header('Retry-After', '5')
          .send({
            status: 'unavailable',
            ...shown,
            databaseStatus: 'down',
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
