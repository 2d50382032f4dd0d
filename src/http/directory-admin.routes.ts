import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addRule,
  directoryOverview,
  removeRule,
  removeSource,
  saveSource,
  syncFromAdmin,
  ZRuleInput,
  ZSourceSettings,
} from '../app/directory/admin.ts';
import type { AppContext } from '../app/context.ts';
import { errors, NO_CONTENT, ok } from './contract.ts';
import { requireAdmin, requireStaff, staffOf } from './authenticate.ts';

const ZName = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, '小写字母、数字和 - / lower-case letters, digits and -')
  .describe('目录名称 / the directory’s name');
const ZId = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');

const ZCounts = z
  .object({
    unitsCreated: z.number().int(),
    unitsRenamed: z.number().int(),
    unitsMoved: z.number().int(),
    usersCreated: z.number().int(),
    usersUpdated: z.number().int(),
    usersDeactivated: z.number().int(),
    usersReactivated: z.number().int(),
    grantsAdded: z.number().int(),
    unknownUnits: z.number().int().describe('rules naming a unit that is neither synced nor an org unit (skipped)'),
  })
  .describe('how many of each kind of change');

const ZReport = z
  .object({
    source: z.string(),
    dryRun: z.boolean(),
    counts: ZCounts,
    samples: z.record(z.string(), z.array(z.string())).describe('up to 50 names per kind of change'),
  })
  // No schema id: a $ref beside `nullable` (lastRun.report) is not valid in the document.
  .describe('a sync’s report / 同步报告');

const ZRuleShape = z.object({
  group: z.string().optional(),
  department: z.string().optional(),
  role: z.string(),
  unit: z.string().optional(),
});

const ZRuleView = z
  .object({
    id: z.string(),
    source: z.string(),
    group: z.string().nullable(),
    department: z.string().nullable(),
    role: z.string(),
    unit: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'DirectoryRule' });

const ZSourceView = z
  .object({
    name: z.string(),
    kind: z.enum(['wecom', 'ldap', 'dingtalk', 'feishu', 'oidc']),
    origin: z.enum(['env', 'admin']).describe('env: PLAINT_DIRECTORY_SOURCES (read-only here); admin: this page'),
    settings: z.record(z.string(), z.unknown()).describe('the settings without secrets and rules'),
    settingsRules: z.array(ZRuleShape).describe('rules written in PLAINT_DIRECTORY_SOURCES'),
    lastRun: z
      .object({
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        trigger: z.enum(['scheduled', 'admin']),
        report: ZReport.nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'DirectorySource' });

/** Issue 20: the directory admin API (admin only; every change audited; docs/sso.md). */
export function directoryAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', requireAdmin);
    const by = (request: FastifyRequest) => `user:${staffOf(request).id}`;

    app.get(
      '/api/v1/admin/directory',
      {
        schema: {
          tags: ['admin'],
          operationId: 'getDirectoryOverview',
          summary: '组织目录：目录、映射规则、上次同步 / directories, mapping rules, last sync',
          response: {
            200: ok(
              'the directories and the admin’s rules',
              z.object({ sources: z.array(ZSourceView), rules: z.array(ZRuleView) }),
            ),
          },
        },
      },
      async () => directoryOverview(ctx),
    );

    app.put(
      '/api/v1/admin/directory/sources/:name',
      {
        schema: {
          tags: ['admin'],
          operationId: 'saveDirectorySource',
          summary: '配置目录 / configure a directory',
          description:
            'The settings of one PLAINT_DIRECTORY_SOURCES entry (docs/sso.md), without rules; a secret left out keeps the stored one.',
          params: z.object({ name: ZName }),
          body: ZSourceSettings,
          response: { 200: ok('the directory as saved (without secrets)', ZSourceView), ...errors(409) },
        },
      },
      async (request) => saveSource(ctx, by(request), request.params.name, request.body),
    );

    app.delete(
      '/api/v1/admin/directory/sources/:name',
      {
        schema: {
          tags: ['admin'],
          operationId: 'removeDirectorySource',
          summary: '删除目录配置 / remove a directory',
          params: z.object({ name: ZName }),
          response: { 204: NO_CONTENT, ...errors(404, 409) },
        },
      },
      async (request, reply) => {
        await removeSource(ctx, by(request), request.params.name);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/admin/directory/sources/:name/sync',
      {
        schema: {
          tags: ['admin'],
          operationId: 'syncDirectorySource',
          summary: '同步或预演同步 / sync a directory, or a dry run of it',
          params: z.object({ name: ZName }),
          body: z.object({ dryRun: z.boolean() }).strict(),
          response: { 200: ok('what the sync changed, or would change', ZReport), ...errors(404) },
        },
      },
      async (request) => syncFromAdmin(ctx, by(request), request.params.name, request.body.dryRun),
    );

    app.post(
      '/api/v1/admin/directory/rules',
      {
        schema: {
          tags: ['admin'],
          operationId: 'addDirectoryRule',
          summary: '添加映射规则 / add a mapping rule',
          body: ZRuleInput,
          response: { 201: ok('the rule', ZRuleView), ...errors(404, 422, 503) },
        },
      },
      async (request, reply) => reply.status(201).send(await addRule(ctx, by(request), request.body)),
    );

    app.delete(
      '/api/v1/admin/directory/rules/:id',
      {
        schema: {
          tags: ['admin'],
          operationId: 'removeDirectoryRule',
          summary: '删除映射规则 / remove a mapping rule',
          params: z.object({ id: ZId }),
          response: { 204: NO_CONTENT, ...errors(404) },
        },
      },
      async (request, reply) => {
        await removeRule(ctx, by(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
