import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { ZLabel } from '../domain/labels.ts';
import { ProcedureFileError, parseProcedure } from '../domain/procedure.parse.ts';
import { ZProcedure, type TProcedure } from '../domain/procedure.schema.ts';
import { appendAudit } from '../store/audit.repository.ts';
import {
  allProcedureVersions,
  findProcedureVersion,
  insertProcedureVersion,
  procedureVersionKeys,
} from '../store/procedures.repository.ts';
import type { AppContext } from './context.ts';
import { isUniqueViolation } from './db-errors.ts';
import { definitionHash } from './procedures.ts';
import { msg } from '../domain/messages.ts';

/**
 * Versions another instance recorded since this one last looked (several instances share one
 * PostgreSQL): read from the database and added to the running registry. Returns how many.
 */
export async function refreshProcedures(ctx: AppContext): Promise<number> {
  ctx.procedures.checkedAt = ctx.now().getTime();
  let added = 0;
  for (const key of await procedureVersionKeys(ctx.store.db)) {
    if (ctx.procedures.get(key.id, Number(key.version))) continue;
    const row = await findProcedureVersion(ctx.store.db, key.id, Number(key.version));
    if (!row) continue;
    ctx.procedures.add(ZProcedure.parse(JSON.parse(row.definition)));
    added++;
  }
  return added;
}

/** A recorded version, looking in the database when this instance has not seen it yet (another instance uploaded it). */
export async function procedureVersion(ctx: AppContext, id: string, version: number): Promise<TProcedure | undefined> {
  const known = ctx.procedures.get(id, version);
  if (known) return known;
  await refreshProcedures(ctx);
  return ctx.procedures.get(id, version);
}

/** The newest version of a procedure, looking in the database when this instance does not know the procedure at all. */
export async function latestProcedure(ctx: AppContext, id: string): Promise<TProcedure | undefined> {
  const known = ctx.procedures.latest(id);
  if (known) return known;
  await refreshProcedures(ctx);
  return ctx.procedures.latest(id);
}

/** Every procedure with all its recorded versions, newest first. */
export async function listProcedures(ctx: AppContext) {
  await refreshProcedures(ctx);
  const rows = await allProcedureVersions(ctx.store.db);
  const byId = new Map<string, typeof rows>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return [...byId.entries()]
    .map(([id, versions]) => {
      const latest = ctx.procedures.latest(id)!;
      return {
        id,
        name: latest.name,
        latestVersion: latest.version,
        public: latest.intake.public,
        categories: latest.categories,
        versions: versions
          .map((v) => ({
            version: Number(v.version),
            loadedAt: v.loaded_at,
            latest: Number(v.version) === latest.version,
            hash: v.source_hash,
          }))
          .sort((a, b) => b.version - a.version),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** One recorded version: the validated definition and the same as YAML, a starting point for the next version. */
export async function procedureDefinition(ctx: AppContext, id: string, version: number) {
  const row = await findProcedureVersion(ctx.store.db, id, version);
  if (!row) throw new DomainError('NOT_FOUND', msg('procedureAdmin.noSuchProcedureVersion'));
  const definition = ZProcedure.parse(JSON.parse(row.definition));
  return {
    id,
    version,
    loadedAt: row.loaded_at,
    latest: ctx.procedures.latest(id)?.version === version,
    definition,
    yaml: toYaml(definition, { lineWidth: 0 }),
  };
}

/** A problem with an uploaded definition: the path in it, the line of the text where known, and what is wrong. */
export type UploadIssue = { path: string; line: number | null; message: string };

function invalid(issues: UploadIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', msg('procedureAdmin.procedureDefinitionHasProblems'), { issues });
}

/** Parses and validates an uploaded YAML definition; problems come back with path and line. */
function parseUpload(text: string): TProcedure {
  try {
    return parseProcedure(text, 'upload');
  } catch (err) {
    if (err instanceof ProcedureFileError)
      throw invalid(err.problems.map((p) => ({ path: p.path, line: p.line ?? null, message: p.problem })));
    throw err;
  }
}

/**
 * Refuses a version that would change rules under someone: a number not above the latest, or a
 * recorded number with other content.
 */
async function assertNewVersion(ctx: AppContext, p: TProcedure): Promise<void> {
  await refreshProcedures(ctx);
  const recorded = await findProcedureVersion(ctx.store.db, p.id, p.version);
  if (recorded && recorded.source_hash !== definitionHash(p)) {
    throw new DomainError(
      'CONFLICT',
      msg('procedureAdmin.versionRecordedWithOtherContent', { id: p.id, version: p.version }),
      { path: 'version', latestVersion: ctx.procedures.latest(p.id)?.version ?? null },
    );
  }
  const latest = ctx.procedures.latest(p.id)?.version ?? 0;
  if (p.version <= latest) {
    throw new DomainError('CONFLICT', msg('procedureAdmin.versionMustHigherThanLatest', { latest }), {
      path: 'version',
      latestVersion: latest,
    });
  }
}

/** Records a new version in the database and the running registry: new cases use it at once, open cases keep theirs. */
async function recordVersion(ctx: AppContext, p: TProcedure, by: string, how: Record<string, unknown>): Promise<void> {
  await assertNewVersion(ctx, p);
  const at = ctx.now().toISOString();
  const hash = definitionHash(p);
  try {
    await ctx.store.transact(async (trx) => {
      await insertProcedureVersion(trx, {
        id: p.id,
        version: p.version,
        definition: JSON.stringify(p),
        source_hash: hash,
        loaded_at: at,
      });
      await appendAudit(trx, {
        at,
        actor: by,
        action: 'procedure.version',
        entityType: 'procedure',
        entityId: `${p.id}@${p.version}`,
        payload: { hash, ...how },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new DomainError('CONFLICT', msg('procedureAdmin.versionWasJustRecordedBy', { version: p.version }), {
        path: 'version',
      });
    throw err;
  }
  ctx.procedures.add(p);
}

export const ZProcedureUpload = z
  .object({
    yaml: z.string().min(1).max(500_000),
    /** Validate only: nothing is stored. */
    dryRun: z.boolean().default(false),
  })
  .strict();

/** Uploads a new version as YAML (or only checks it with `dryRun`); audited. */
export async function uploadProcedure(ctx: AppContext, input: z.infer<typeof ZProcedureUpload>, by: string) {
  const p = parseUpload(input.yaml);
  if (input.dryRun) {
    await assertNewVersion(ctx, p);
    return { id: p.id, version: p.version, stored: false };
  }
  await recordVersion(ctx, p, by, { source: 'upload' });
  return { id: p.id, version: p.version, stored: true };
}

export const ZCategoryChange = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('add'),
      id: z.string().regex(/^[a-z][a-z0-9-]*$/, '编号为小写字母、数字和连字符 / lower-case kebab-case'),
      label: ZLabel,
    })
    .strict(),
  z.object({ op: z.literal('rename'), id: z.string().min(1), label: ZLabel }).strict(),
  z.object({ op: z.literal('remove'), id: z.string().min(1) }).strict(),
]);

/**
 * CLS-1: categories belong to a procedure, so adding, renaming or removing one makes the next
 * version of it (through the same checks as an upload); cases opened earlier keep theirs.
 */
export async function changeCategory(
  ctx: AppContext,
  procedureId: string,
  change: z.infer<typeof ZCategoryChange>,
  by: string,
) {
  const latest = await latestProcedure(ctx, procedureId);
  if (!latest) throw new DomainError('NOT_FOUND', msg('procedureAdmin.noSuchProcedure'));
  const exists = latest.categories.some((c) => c.id === change.id);
  if (change.op === 'add' && exists)
    throw new DomainError('CONFLICT', msg('procedureAdmin.categoryExists', { id: change.id }), { path: 'id' });
  if (change.op !== 'add' && !exists)
    throw new DomainError('NOT_FOUND', msg('procedureAdmin.noSuchCategory', { id: change.id }));
  const categories =
    change.op === 'add'
      ? [...latest.categories, { id: change.id, label: change.label }]
      : change.op === 'rename'
        ? latest.categories.map((c) => (c.id === change.id ? { id: c.id, label: change.label } : c))
        : latest.categories.filter((c) => c.id !== change.id);
  const parsed = ZProcedure.safeParse({ ...latest, version: latest.version + 1, categories });
  if (!parsed.success)
    throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), line: null, message: i.message })));
  await recordVersion(ctx, parsed.data, by, { source: 'category', change });
  return { id: procedureId, version: parsed.data.version, categories: parsed.data.categories };
}
