import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { timeOrderedId } from '../../domain/ids.ts';
import { msg } from '../../domain/messages.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { decrypt, encrypt } from '../secrets.ts';
import { type DirectorySource, ZRule, ZSource } from './config.ts';
import { directorySource, directorySources } from './registry.ts';
import { resolveUnit } from './oidc.ts';
import { directoryDepartmentIds, syncSource } from './sources.ts';
import type { MappingRule, SyncReport } from './sync.ts';

/**
 * Issue 20, the directory admin page: the directories (from the environment, read-only, or configured here), the
 * admin's mapping rules, a dry run of the next sync, a sync now, and the last sync's report. Every change audited.
 */

/** Settings that are secrets: never answered, kept when an update leaves them out. */
const SECRET_KEYS = ['secret', 'bindPassword', 'appSecret', 'clientSecret'] as const;

export type RunView = {
  startedAt: string;
  finishedAt: string | null;
  /** `scheduled` (plaint serve's interval) or `admin` (a sync started on the admin page). */
  trigger: 'scheduled' | 'admin';
  report: SyncReport | null;
  error: string | null;
};

export type SourceView = {
  name: string;
  kind: DirectorySource['kind'];
  origin: 'env' | 'admin';
  /** The settings without their secrets (and without rules: those are listed apart). */
  settings: Record<string, unknown>;
  /** The rules written in the settings (PLAINT_DIRECTORY_SOURCES); the admin's own rules are in `rules`. */
  settingsRules: MappingRule[];
  lastRun: RunView | null;
};

export type RuleView = {
  id: string;
  source: string;
  group: string | null;
  department: string | null;
  role: string;
  unit: string | null;
  createdAt: string;
};

function withoutSecrets(source: DirectorySource): Record<string, unknown> {
  const { rules: _rules, ...rest } = source as DirectorySource & Record<string, unknown>;
  for (const key of SECRET_KEYS) delete rest[key];
  return rest;
}

/** Manual runs share the table with the scheduled ones; their slot says so and can never equal a number. */
const ADMIN_SLOT = 'admin:';

async function lastRuns(ctx: AppContext): Promise<Map<string, RunView>> {
  const rows = await ctx.store.db.selectFrom('directory_runs').selectAll().orderBy('started_at', 'desc').execute();
  const last = new Map<string, RunView>();
  for (const r of rows) {
    if (last.has(r.source)) continue;
    last.set(r.source, {
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      trigger: r.slot.startsWith(ADMIN_SLOT) ? 'admin' : 'scheduled',
      report: r.report ? (JSON.parse(r.report) as SyncReport) : null,
      error: r.error,
    });
  }
  return last;
}

/** The admin page's overview: every directory with its last run, and the admin's rules. */
export async function directoryOverview(ctx: AppContext): Promise<{ sources: SourceView[]; rules: RuleView[] }> {
  const runs = await lastRuns(ctx);
  const envRules = new Map(ctx.config.directory.sources.map((s) => [s.name, s.rules]));
  const sources = (await directorySources(ctx)).map(({ origin, ...s }) => ({
    name: s.name,
    kind: s.kind,
    origin,
    settings: withoutSecrets(s),
    settingsRules: origin === 'env' ? (envRules.get(s.name) ?? []) : [],
    lastRun: runs.get(s.name) ?? null,
  }));
  const rules = await ctx.store.db
    .selectFrom('directory_rules')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    sources,
    rules: rules.map((r) => ({
      id: r.id,
      source: r.source,
      group: r.group_name,
      department: r.department,
      role: r.role,
      unit: r.unit,
      createdAt: r.created_at,
    })),
  };
}

/** A source's settings as the admin sends them: those of PLAINT_DIRECTORY_SOURCES, secrets optional on an update. */
export const ZSourceSettings = z.record(z.string(), z.unknown());

/**
 * Saves a directory configured on the admin page (creates or replaces it). A secret left out keeps the stored one,
 * so the page never needs to show it. A name used by PLAINT_DIRECTORY_SOURCES is refused: that one is read-only here.
 */
export async function saveSource(
  ctx: AppContext,
  actor: string,
  name: string,
  settings: Record<string, unknown>,
): Promise<SourceView> {
  if (ctx.config.directory.sources.some((s) => s.name === name))
    throw new DomainError('CONFLICT', msg('directory.sourceFromEnv', { name }));
  if (settings.name !== undefined && settings.name !== name)
    throw new DomainError('VALIDATION_FAILED', msg('directory.renameNotAllowed'));
  const existing = await ctx.store.db
    .selectFrom('directory_sources')
    .select('settings_enc')
    .where('name', '=', name)
    .executeTakeFirst();
  const previous = existing ? (JSON.parse(decrypt(ctx.secrets, existing.settings_enc)) as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...settings, name, rules: [] };
  for (const key of SECRET_KEYS)
    if (merged[key] === undefined && previous[key] !== undefined && previous.kind === settings.kind)
      merged[key] = previous[key];
  const parsed = ZSource.safeParse(merged);
  if (!parsed.success)
    throw new DomainError(
      'VALIDATION_FAILED',
      msg('directory.invalidSettings', {
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      }),
      { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    const row = { settings_enc: encrypt(ctx.secrets, JSON.stringify(parsed.data)), updated_by: actor, updated_at: now };
    await trx
      .insertInto('directory_sources')
      .values({ name, ...row })
      .onConflict((oc) => oc.column('name').doUpdateSet(row))
      .execute();
    await appendAudit(trx, {
      at: now,
      actor,
      action: existing ? 'directory.source.update' : 'directory.source.add',
      entityType: 'directory_source',
      entityId: name,
      payload: { settings: withoutSecrets(parsed.data) },
    });
  });
  return {
    name,
    kind: parsed.data.kind,
    origin: 'admin',
    settings: withoutSecrets(parsed.data),
    settingsRules: [],
    lastRun: (await lastRuns(ctx)).get(name) ?? null,
  };
}

/** Removes a directory configured here, with its rules. What it synced stays (units, users, their links). */
export async function removeSource(ctx: AppContext, actor: string, name: string): Promise<void> {
  if (ctx.config.directory.sources.some((s) => s.name === name))
    throw new DomainError('CONFLICT', msg('directory.sourceFromEnv', { name }));
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    const gone = await trx.deleteFrom('directory_sources').where('name', '=', name).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new DomainError('NOT_FOUND', msg('directory.noSuchSource', { name }));
    await trx.deleteFrom('directory_rules').where('source', '=', name).execute();
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'directory.source.remove',
      entityType: 'directory_source',
      entityId: name,
      payload: {},
    });
  });
}

export const ZRuleInput = z
  .object({
    source: z.string().regex(/^[a-z0-9-]{1,40}$/),
    group: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(200).optional(),
    role: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(100),
    unit: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine(
    (r) => (r.group === undefined) !== (r.department === undefined),
    '规则需要 group 或 department 之一 / needs either group or department',
  );

/**
 * A rule's unit exists: an org unit's id, a department this directory synced (by its external id), or a department
 * the directory lists now (read from it, so a rule may be added before the first sync).
 */
async function unitKnown(ctx: AppContext, source: DirectorySource, unit: string): Promise<boolean> {
  if (await resolveUnit(ctx.store.db, source.name, unit)) return true;
  if (source.kind === 'oidc') return false;
  return (await directoryDepartmentIds(source)).has(unit);
}

/** Adds a mapping rule to a directory; it applies from the next sync on (grants are only ever added). */
export async function addRule(ctx: AppContext, actor: string, input: z.infer<typeof ZRuleInput>): Promise<RuleView> {
  ZRule.parse({ group: input.group, department: input.department, role: input.role, unit: input.unit });
  const source = await directorySource(ctx, input.source);
  if (!source) throw new DomainError('NOT_FOUND', msg('directory.noSuchSource', { name: input.source }));
  // Its people have no department to default to: an OpenID provider's rule names its unit.
  if (source.kind === 'oidc' && input.unit === undefined)
    throw new DomainError('UNKNOWN_ORG_UNIT', msg('directory.unitRequired'), {
      issues: [{ path: 'unit', message: 'required for an OpenID provider' }],
    });
  if (input.unit !== undefined && !(await unitKnown(ctx, source, input.unit)))
    throw new DomainError('UNKNOWN_ORG_UNIT', msg('directory.unknownUnit', { unit: input.unit }), {
      issues: [{ path: 'unit', message: 'unknown org unit' }],
    });
  const now = ctx.now().toISOString();
  const row = {
    id: timeOrderedId(ctx.now(), ctx.random(10)),
    source: input.source,
    group_name: input.group ?? null,
    department: input.department ?? null,
    role: input.role,
    unit: input.unit ?? null,
    created_by: actor,
    created_at: now,
  };
  await ctx.store.transact(async (trx) => {
    await trx.insertInto('directory_rules').values(row).execute();
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'directory.rule.add',
      entityType: 'directory_rule',
      entityId: row.id,
      payload: {
        source: row.source,
        group: row.group_name,
        department: row.department,
        role: row.role,
        unit: row.unit,
      },
    });
  });
  return {
    id: row.id,
    source: row.source,
    group: row.group_name,
    department: row.department,
    role: row.role,
    unit: row.unit,
    createdAt: now,
  };
}

/** Removes a rule. Grants it gave stay: a sync never takes a grant away (an admin revokes one by hand). */
export async function removeRule(ctx: AppContext, actor: string, id: string): Promise<void> {
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    const rule = await trx.selectFrom('directory_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!rule) throw new DomainError('NOT_FOUND', msg('directory.noSuchRule'));
    await trx.deleteFrom('directory_rules').where('id', '=', id).execute();
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'directory.rule.remove',
      entityType: 'directory_rule',
      entityId: id,
      payload: { source: rule.source, group: rule.group_name, department: rule.department, role: rule.role },
    });
  });
}

/**
 * A sync started on the admin page: a dry run reports what the next sync would create, move and deactivate and
 * changes nothing; a real one writes (audited by the sync with its counts) and is kept as the last run's report.
 */
export async function syncFromAdmin(
  ctx: AppContext,
  actor: string,
  name: string,
  dryRun: boolean,
): Promise<SyncReport> {
  const source = await directorySource(ctx, name);
  if (!source) throw new DomainError('NOT_FOUND', msg('directory.noSuchSource', { name }));
  if (dryRun) return syncSource(ctx, source, { dryRun: true, actor });
  const slot = `${ADMIN_SLOT}${ctx.now().toISOString()}:${Buffer.from(ctx.random(6)).toString('hex')}`;
  await ctx.store.db
    .insertInto('directory_runs')
    .values({ source: name, slot, started_at: ctx.now().toISOString(), finished_at: null, report: null, error: null })
    .execute();
  const done = ctx.store.db.updateTable('directory_runs').where('source', '=', name).where('slot', '=', slot);
  try {
    const report = await syncSource(ctx, source, { dryRun: false, actor });
    await done.set({ finished_at: ctx.now().toISOString(), report: JSON.stringify(report) }).execute();
    return report;
  } catch (err) {
    await done.set({ finished_at: ctx.now().toISOString(), error: (err as Error).message.slice(0, 2000) }).execute();
    throw err;
  }
}
