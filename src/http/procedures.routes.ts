import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import {
  changeCategory,
  listProcedures,
  procedureDefinition,
  uploadProcedure,
  ZProcedureUpload,
} from '../app/procedure-admin.ts';
import { ZLabel } from '../domain/labels.ts';
import { requireAdmin, requireStaff } from './authenticate.ts';
import { ok } from './contract.ts';
import { ZOption, ZProcedure } from '../domain/procedure.schema.ts';

const ZProcedureId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/)
  .max(100);
const ZCategoryId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, '编号为小写字母、数字和连字符 / lower-case kebab-case')
  .max(100);

/**
 * Procedures as data (CLS-1, DESIGN "Procedures as data"): the versions recorded, one version's
 * definition, uploading the next version (or only checking it), and categories, whose every
 * change is the next version. Admins only; every change audited.
 */
const ZProcedureSummary = z.object({
  id: z.string(),
  name: ZLabel,
  latestVersion: z.number().int(),
  public: z.boolean().describe('open to the public portal'),
  categories: z.array(ZOption).describe('of the latest version'),
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        loadedAt: z.string(),
        latest: z.boolean(),
        hash: z.string().describe('SHA-256 of the source'),
      }),
    )
    .describe('newest first'),
});

const ZStoredVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  stored: z.boolean().describe('false: only validated (dryRun)'),
});

const ZCategoriesNow = z.object({
  id: z.string(),
  version: z.number().int().describe('the new version'),
  categories: z.array(ZOption),
});

export function procedureRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    app.addHook('preHandler', requireAdmin);
    const by = (request: { staff?: { id: string } }) => `user:${request.staff!.id}`;

    app.get(
      '/api/v1/admin/procedures',
      {
        schema: {
          tags: ['admin'],
          summary: '流程及其版本 / procedures and their versions',
          response: { 200: ok('every procedure', z.object({ items: z.array(ZProcedureSummary) })) },
        },
      },
      async () => ({
        items: await listProcedures(ctx),
      }),
    );

    app.get(
      '/api/v1/admin/procedures/:id/versions/:version',
      {
        schema: {
          tags: ['admin'],
          summary: '某版本的定义 / one version’s definition',
          params: z.object({ id: ZProcedureId, version: z.coerce.number().int().positive() }),
          response: {
            200: ok(
              'the version as recorded',
              z.object({
                id: z.string(),
                version: z.number().int(),
                loadedAt: z.string(),
                latest: z.boolean(),
                definition: ZProcedure.describe('the validated definition (docs/procedures.md)'),
                yaml: z.string().describe('the same as YAML: a starting point for the next version'),
              }),
            ),
          },
        },
      },
      async (request) => procedureDefinition(ctx, request.params.id, request.params.version),
    );

    app.post(
      '/api/v1/admin/procedures',
      {
        schema: {
          tags: ['admin'],
          summary: '上传新版本（YAML），或仅校验 / upload a new version (YAML), or only validate it',
          description:
            'Problems come back as 400 VALIDATION_FAILED with details.issues[] = { path, line, message }; a version not above the latest, or a recorded version with other content, is 409 CONFLICT.',
          body: ZProcedureUpload,
          response: {
            201: ok('stored as the next version', ZStoredVersion),
            200: ok('valid, not stored (dryRun)', ZStoredVersion),
          },
        },
      },
      async (request, reply) => {
        const result = await uploadProcedure(ctx, request.body, by(request));
        return reply.status(result.stored ? 201 : 200).send(result);
      },
    );

    app.post(
      '/api/v1/admin/procedures/:id/categories',
      {
        schema: {
          tags: ['admin'],
          summary: '添加分类（生成新版本）/ add a category (a new version)',
          params: z.object({ id: ZProcedureId }),
          body: z.object({ id: ZCategoryId, label: ZLabel }).strict(),
          response: { 201: ok('the next version, with the category', ZCategoriesNow) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await changeCategory(ctx, request.params.id, { op: 'add', ...request.body }, by(request))),
    );

    app.patch(
      '/api/v1/admin/procedures/:id/categories/:category',
      {
        schema: {
          tags: ['admin'],
          summary: '重命名分类（生成新版本）/ rename a category (a new version)',
          params: z.object({ id: ZProcedureId, category: ZCategoryId }),
          body: z.object({ label: ZLabel }).strict(),
          response: { 201: ok('the next version, with the new label', ZCategoriesNow) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await changeCategory(
              ctx,
              request.params.id,
              { op: 'rename', id: request.params.category, label: request.body.label },
              by(request),
            ),
          ),
    );

    app.delete(
      '/api/v1/admin/procedures/:id/categories/:category',
      {
        schema: {
          tags: ['admin'],
          summary: '删除分类（生成新版本）/ remove a category (a new version)',
          params: z.object({ id: ZProcedureId, category: ZCategoryId }),
          response: { 201: ok('the next version, without the category', ZCategoriesNow) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await changeCategory(ctx, request.params.id, { op: 'remove', id: request.params.category }, by(request)),
          ),
    );
  };
}
