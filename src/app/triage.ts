import { timeOrderedId } from '../domain/ids.ts';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import type { TLabel } from '../domain/labels.ts';
import { msg } from '../domain/messages.ts';
import { hasPermission, scope, type Scope } from '../domain/policy.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { predict, suggest, type ModelView, type Ranked, type TrainingCase } from '../domain/triage.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { inScope, openCases, recusedCaseIds, type CaseRow } from '../store/cases.repository.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { statsScopeOf } from './stats.ts';
import {
  caseFeatures,
  prepareView,
  procedureModels,
  type ProcedureModels,
  TRIAGE_FIELDS,
  type TriageField,
  trainingRows,
} from './triage-model.ts';

export type Suggestion = { value: string; label: TLabel; confidence: number; because: string[] };
export type Suggestions = Partial<Record<TriageField, Suggestion>>;

/** The reader's view of one procedure's models: the units they read there, without their recused cases. */
async function viewFor(
  ctx: AppContext,
  actor: Actor,
  procedureId: string,
  built: ProcedureModels,
  asked: CaseRow,
): Promise<Record<TriageField, ModelView>> {
  const s = scope(actor, ctx.procedures.latestAll());
  const mine = s.byProcedure.find((p) => p.procedureId === procedureId);
  const covers = (partition: string) =>
    s.everything || mine?.all === true || (mine?.unitPaths.some((u) => partition.startsWith(u)) ?? false);
  // The cases the reader is recused from, and the case asked about (it must not suggest its own end).
  // Only cases the model counted are subtracted; each is opened and segmented once per model.
  const ids = new Set<string>();
  if (built.caseIds.has(asked.id)) {
    ids.add(asked.id);
    if (!built.subtracted.has(asked.id)) built.subtracted.set(asked.id, trainingRows(asked));
  }
  if (s.recused) for (const id of await recusedCaseIds(ctx.store.db, s.recused)) if (built.caseIds.has(id)) ids.add(id);
  const missing = [...ids].filter((id) => !built.subtracted.has(id));
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await ctx.store.db
      .selectFrom('cases')
      .selectAll()
      .where('id', 'in', missing.slice(i, i + 500))
      .execute();
    for (const row of await openCases(ctx.store.db, rows)) built.subtracted.set(row.id, trainingRows(row));
  }
  const subtracted = [...ids].flatMap((id) => (built.subtracted.has(id) ? [built.subtracted.get(id)!] : []));
  const minus: Record<TriageField, TrainingCase[]> = { category: [], severity: [], unit: [] };
  for (const made of subtracted) {
    for (const field of TRIAGE_FIELDS) if (made[field]) minus[field].push(made[field]);
  }
  return {
    category: { partitions: covers, minus: minus.category },
    severity: { partitions: covers, minus: minus.severity },
    unit: { partitions: covers, minus: minus.unit },
  };
}

/** The fields a procedure can be given suggestions for, with the label of each value. */
async function fieldLabels(
  ctx: AppContext,
  procedure: TProcedure,
): Promise<Partial<Record<TriageField, (v: string) => TLabel | undefined>>> {
  const fields: Partial<Record<TriageField, (v: string) => TLabel | undefined>> = {};
  if (procedure.categories.length > 0) fields.category = (v) => procedure.categories.find((c) => c.id === v)?.label;
  if (procedure.severities.length > 0) fields.severity = (v) => procedure.severities.find((c) => c.id === v)?.label;
  const units = new Map(
    (await ctx.store.db.selectFrom('org_units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  fields.unit = (v) => (units.has(v) ? { 'zh-CN': units.get(v)! } : undefined);
  return fields;
}

/** The ranked classes per field for a case the actor may see, from the closed cases the actor may see. */
async function rankFor(
  ctx: AppContext,
  row: CaseRow,
  procedure: TProcedure,
  actor: Actor,
): Promise<{ ranked: Partial<Record<TriageField, Ranked[]>>; labels: Awaited<ReturnType<typeof fieldLabels>> }> {
  const built = await procedureModels(ctx, procedure.id);
  const views = await viewFor(ctx, actor, procedure.id, built, row);
  const labels = await fieldLabels(ctx, procedure);
  const features = caseFeatures(row);
  const ranked: Partial<Record<TriageField, Ranked[]>> = {};
  for (const field of TRIAGE_FIELDS) {
    const label = labels[field];
    if (!label) continue;
    await prepareView(built.models[field], views[field]);
    // Classes the procedure no longer has (a category removed) are not offered.
    ranked[field] = predict(built.models[field], features, views[field]).filter((r) => label(r.value) !== undefined);
  }
  return { ranked, labels };
}

/** All classes ranked per field, for a case the actor may see (bench/triage.ts measures them). */
export async function rankedSuggestions(
  ctx: AppContext,
  caseId: string,
  actor: Actor,
): Promise<Partial<Record<TriageField, Ranked[]>>> {
  const { row, procedure } = await loadVisibleCase(ctx, caseId, actor);
  return (await rankFor(ctx, row, procedure, actor)).ranked;
}

/**
 * GET /api/v1/cases/{id}/suggestions (issue 21): category, severity (where the procedure has
 * severities) and handling unit, each only when the model of the closed cases the actor may see
 * is sure enough (domain/triage.ts `suggest`). The reasons are words of this case only.
 */
export async function suggestionsFor(ctx: AppContext, caseId: string, actor: Actor): Promise<Suggestions> {
  const { row, procedure } = await loadVisibleCase(ctx, caseId, actor);
  const { ranked, labels } = await rankFor(ctx, row, procedure, actor);
  const out: Suggestions = {};
  for (const field of TRIAGE_FIELDS) {
    const best = suggest(ranked[field] ?? []);
    const label = best ? labels[field]?.(best.value) : undefined;
    if (best && label)
      out[field] = {
        value: best.value,
        label,
        confidence: Math.round(best.probability * 100) / 100,
        because: best.because,
      };
  }
  return out;
}

/**
 * Staff took or set aside a suggestion (issue 21): the suggestion is worked out again here (the
 * client's word is not taken for it), compared with what they chose, recorded for the acceptance
 * rate and audited. The change itself is made by the procedure's action, as any change.
 */
export async function recordSuggestionDecision(
  ctx: AppContext,
  caseId: string,
  field: TriageField,
  chosen: string,
  actor: Actor,
): Promise<{ field: TriageField; suggested: string | null; chosen: string; accepted: boolean }> {
  const { row, state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  if (actor.kind !== 'user' || !hasPermission(actor, procedure, row.org_unit_path, 'read'))
    throw new DomainError('FORBIDDEN', msg('triage.onlyStaffOfTheCase'));
  const suggestions = await suggestionsFor(ctx, caseId, actor);
  const labels = await fieldLabels(ctx, procedure);
  if (!labels[field]?.(chosen))
    throw new DomainError('VALIDATION_FAILED', msg('triage.noSuchValue'), {
      issues: [{ path: 'chosen', message: `not a ${field} of this procedure` }],
    });
  const suggestion = suggestions[field];
  const accepted = suggestion?.value === chosen;
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .insertInto('suggestion_decisions')
      .values({
        id: timeOrderedId(ctx.now(), ctx.random(10)),
        case_id: state.id,
        procedure_id: procedure.id,
        field,
        suggested: suggestion?.value ?? null,
        confidence: suggestion?.confidence ?? null,
        chosen,
        accepted: accepted ? 1 : 0,
        actor_id: actor.id,
        at,
      })
      .execute();
    await appendAudit(trx, {
      at,
      actor: `user:${actor.id}`,
      action: accepted ? 'suggestion.accepted' : 'suggestion.overridden',
      entityType: 'case',
      entityId: state.id,
      payload: { field, suggested: suggestion?.value ?? null, confidence: suggestion?.confidence ?? null, chosen },
    });
  });
  return { field, suggested: suggestion?.value ?? null, chosen, accepted };
}

export type AcceptanceRate = {
  procedureId: string;
  field: TriageField;
  accepted: number;
  overridden: number;
  /** accepted / (accepted + overridden), of decisions where there was a suggestion. */
  rate: number | null;
};

/**
 * The acceptance rate of suggestions, per procedure and field, over the decisions on cases in the
 * actor's statistics scope (403 without a manager role) since `since`.
 */
export async function suggestionAcceptance(ctx: AppContext, actor: Actor, since: string): Promise<AcceptanceRate[]> {
  return acceptanceIn(ctx, statsScopeOf(ctx, actor), since);
}

async function acceptanceIn(ctx: AppContext, s: Scope, since: string): Promise<AcceptanceRate[]> {
  const rows = await ctx.store.db
    .selectFrom('suggestion_decisions as d')
    .select(['d.procedure_id', 'd.field', 'd.accepted', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('d.at', '>=', since)
    .where('d.suggested', 'is not', null)
    .where('d.case_id', 'in', (eb) =>
      eb
        .selectFrom('cases')
        .select('cases.id')
        .where((c) => inScope(c, s)),
    )
    .groupBy(['d.procedure_id', 'd.field', 'd.accepted'])
    .execute();
  const rates = new Map<string, AcceptanceRate>();
  for (const r of rows) {
    const id = `${r.procedure_id}\u0000${r.field}`;
    const rate = rates.get(id) ?? {
      procedureId: r.procedure_id,
      field: r.field as TriageField,
      accepted: 0,
      overridden: 0,
      rate: null,
    };
    if (Number(r.accepted) === 1) rate.accepted += Number(r.n);
    else rate.overridden += Number(r.n);
    rates.set(id, rate);
  }
  return [...rates.values()]
    .map((r) => ({ ...r, rate: Math.round((r.accepted / (r.accepted + r.overridden)) * 1000) / 1000 }))
    .sort((a, b) => (a.procedureId + a.field < b.procedureId + b.field ? -1 : 1));
}
