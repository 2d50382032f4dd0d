import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { deliveryOverview, markRead, myNotifications, retryDelivery } from '../app/notifications.ts';
import { DomainError } from '../domain/errors.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { ok } from './contract.ts';
import { ZRetryAccepted } from './views.ts';
import { ZDeliveries, ZNotifications } from './records.views.ts';

const ZDeliveryId = z.string().min(1).max(400);

/** In-app notifications for staff, and the delivery queue for admins (issue 7). */
export function notifyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get(
      '/api/v1/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: '我的通知 / my notifications',
          querystring: z
            .object({
              unread: z.enum(['true', 'false']).default('false'),
              limit: z.coerce.number().int().min(1).max(200).default(50),
            })
            .strict(),
          response: { 200: ok('newest first, and how many are unread', ZNotifications) },
        },
      },
      async (request) =>
        myNotifications(ctx, staffOf(request), { unread: request.query.unread === 'true', limit: request.query.limit }),
    );

    app.post(
      '/api/v1/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: '标为已读 / mark read',
          params: z.object({ id: ZDeliveryId }),
          response: { 200: ok('read (again: the first time)', z.object({ id: z.string(), readAt: z.string() })) },
        },
      },
      async (request) => markRead(ctx, staffOf(request), request.params.id),
    );

    const adminOnly = async (request: Parameters<typeof staffOf>[0]) => {
      if (!staffOf(request).isAdmin) throw new DomainError('FORBIDDEN', msg('common.adminsOnly'));
    };

    app.get(
      '/api/v1/admin/deliveries',
      {
        preHandler: adminOnly,
        schema: {
          tags: ['admin'],
          summary: '通知投递（待发、失败）/ notice deliveries: pending and dead',
          querystring: z
            .object({
              status: z.enum(['pending', 'sent', 'dead']).optional(),
              case: z
                .string()
                .regex(/^[0-9A-Z]{26}$/, 'a case id has 26 characters')
                .optional(),
              limit: z.coerce.number().int().min(1).max(500).default(100),
            })
            .strict(),
          response: { 200: ok('the deliveries', ZDeliveries) },
        },
      },
      async (request) =>
        deliveryOverview(ctx, { status: request.query.status, caseId: request.query.case, limit: request.query.limit }),
    );

    app.post(
      '/api/v1/admin/deliveries/:id/retry',
      {
        preHandler: adminOnly,
        schema: {
          tags: ['admin'],
          summary: '重新投递 / send a dead delivery again',
          response: { 202: ok('queued again', ZRetryAccepted) },
          params: z.object({ id: ZDeliveryId }),
        },
      },
      async (request, reply) => {
        await retryDelivery(ctx, staffOf(request), request.params.id);
        return reply.status(202).send({ id: request.params.id, status: 'pending' });
      },
    );
  };
}
