import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { addOrgUnit, grantRole, orgUnits, revokeGrant, userGrants, ZOrgUnitInput } from '../app/org.ts';
import { addUser, listUsersWithGrants, ZPassword, ZUsername } from '../app/auth.ts';
import { DomainError } from '../domain/errors.ts';
import { setProcedureIntakeUnit } from '../app/reach.ts';
import { runDoctor } from '../app/doctor/index.ts';
import { requireStaff, staffOf } from './authenticate.ts';
import { msg } from '../domain/messages.ts';
import { NO_CONTENT, ok } from './contract.ts';
import { ZAdminUser, ZCreatedUser, ZDoctor, ZGranted, ZOrgUnit, ZUserGrant } from './admin.views.ts';

const ZId = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');
const ZGrant = z
  .object({ role: z.string().regex(/^[a-z][a-z0-9-]*$/), orgUnit: ZId.nullable().default(null) })
  .strict();

/** Organisation, users and role grants (admin only; every change audited). */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', async (request) => {
      if (!staffOf(request).isAdmin) throw new DomainError('FORBIDDEN', msg('common.adminsOnly'));
    });
    const by = (request: { staff?: { id: string } }) => `user:${request.staff!.id}`;

    app.get(
      '/api/v1/admin/org-units',
      {
        schema: {
          tags: ['admin'],
          summary: '组织单元 / org units',
          response: { 200: ok('every org unit', z.object({ items: z.array(ZOrgUnit) })) },
        },
      },
      async () => ({
        items: (await orgUnits(ctx)).map((u) => ({
          id: u.id,
          parentId: u.parent_id,
          name: u.name,
          level: Number(u.level),
          path: u.path,
        })),
      }),
    );

    app.post(
      '/api/v1/admin/org-units',
      {
        schema: {
          tags: ['admin'],
          summary: '添加组织单元 / add an org unit',
          body: ZOrgUnitInput,
          response: { 201: ok('the new unit', ZOrgUnit) },
        },
      },
      async (request, reply) => {
        const u = await addOrgUnit(ctx, request.body, by(request));
        return reply
          .status(201)
          .send({ id: u.id, parentId: u.parent_id, name: u.name, level: Number(u.level), path: u.path });
      },
    );

    app.get(
      '/api/v1/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: '用户及其角色 / users and their grants',
          response: { 200: ok('every user', z.object({ items: z.array(ZAdminUser) })) },
        },
      },
      async () => ({
        items: await listUsersWithGrants(ctx),
      }),
    );

    // Issue 16: plaint doctor over HTTP — unreachable cases, unheld roles, grants that cannot work.
    app.get(
      '/api/v1/admin/doctor',
      {
        schema: {
          tags: ['admin'],
          summary: '组织体检 / organisation health check',
          response: { 200: ok('what the checks found', ZDoctor) },
        },
      },
      async () => runDoctor(ctx),
    );

    // Issue 16: the unit a procedure's new cases land in when the submitter names none (客服部).
    app.put(
      '/api/v1/admin/procedures/:id/intake-unit',
      {
        schema: {
          tags: ['admin'],
          summary: '流程的受理单位 / the intake unit of a procedure',
          params: z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/) }),
          body: z.object({ orgUnit: ZId.nullable() }).strict(),
          response: {
            200: ok('the intake unit now', z.object({ procedure: z.string(), orgUnitId: z.string().nullable() })),
          },
        },
      },
      async (request) => setProcedureIntakeUnit(ctx, request.params.id, request.body.orgUnit, by(request)),
    );

    app.post(
      '/api/v1/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: '添加用户 / add a user',
          body: z
            .object({
              username: ZUsername,
              displayName: z.string().trim().min(1).max(100),
              /** Issue 16: matched against respondents at intake (recusal). */
              staffNo: z.string().trim().min(1).max(50).optional(),
              password: ZPassword,
              grants: z.array(ZGrant).max(50).default([]),
            })
            .strict(),
          response: { 201: ok('the new user', ZCreatedUser) },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const user = await addUser(
          ctx,
          {
            username: b.username,
            displayName: b.displayName,
            ...(b.staffNo ? { staffNo: b.staffNo } : {}),
            password: b.password,
            isAdmin: false,
            roles: b.grants.map((g) => ({ role: g.role, unitId: g.orgUnit })),
          },
          by(request),
        );
        return reply.status(201).send({
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          grants: await userGrants(ctx, user.id),
        });
      },
    );

    app.get(
      '/api/v1/admin/users/:id/grants',
      {
        schema: {
          tags: ['admin'],
          summary: '用户的角色 / the grants of a user',
          params: z.object({ id: ZId }),
          response: { 200: ok('the user’s grants', z.object({ items: z.array(ZUserGrant) })) },
        },
      },
      async (request) => ({ items: await userGrants(ctx, request.params.id) }),
    );

    app.post(
      '/api/v1/admin/users/:id/grants',
      {
        schema: {
          tags: ['admin'],
          summary: '授予角色 / grant a role',
          params: z.object({ id: ZId }),
          body: ZGrant,
          response: { 201: ok('the new grant', ZGranted) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await grantRole(ctx, request.params.id, request.body.role, request.body.orgUnit, by(request))),
    );

    app.delete(
      '/api/v1/admin/grants/:id',
      {
        schema: {
          tags: ['admin'],
          summary: '撤销角色 / revoke a grant',
          params: z.object({ id: ZId }),
          response: { 204: NO_CONTENT },
        },
      },
      async (request, reply) => {
        await revokeGrant(ctx, request.params.id, by(request));
        return reply.status(204).send(null);
      },
    );
  };
}
