import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';

/**
 * The benchmark's baseline: validate a small body and insert one row into the same database,
 * the least a write endpoint can do. Registered only when PLAINT_BENCH_ROUTES=1.
 */
export function benchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await sql`create table if not exists bench_rows (id text primary key, body text not null, created_at text not null)`.execute(
      ctx.store.db,
    );
    app.post(
      '/api/v1/bench/one-row',
      {
        schema: { hide: true, body: z.object({ text: z.string().max(1000) }).strict() },
      },
      async (request, reply) => {
        const id = Buffer.from(ctx.random(16)).toString('hex');
        await sql`insert into bench_rows (id, body, created_at) values (${id}, ${request.body.text}, ${ctx.now().toISOString()})`.execute(
          ctx.store.db,
        );
        return reply.status(201).send({ id });
      },
    );
  };
}
