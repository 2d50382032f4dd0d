import {
  caseTextFeatures,
  learn,
  textFeatures,
  type TriageModel,
  type TrainingCase,
  untrained,
} from '../domain/triage.ts';
import { ERASED_TEXT } from '../store/sealing.ts';
import { openCases, type CaseRow } from '../store/cases.repository.ts';
import { textWords } from '../store/search.ts';
import type { AppContext } from './context.ts';

/**
 * The triage models (issue 21), kept in memory per procedure: one nearest-centroid model per field, trained on
 * the procedure's closed cases. After a case of the procedure closed or reopened here
 * (`markTrainingStale`, called by perform) the next request starts a rebuild in the background
 * (at most one a minute); a model older than REFRESH_MS is rebuilt before it answers, whatever
 * happened (another instance's closings). Memory is bounded: at most
 * MAX_TRAINING_CASES closed cases per procedure, the most recently closed.
 */
export const REFRESH_MS = 10 * 60_000;
/** After a closing, the soonest the model is rebuilt again (the old one answers meanwhile). */
const MIN_REBUILD_MS = 60_000;
/** Below this many training cases a stale model is rebuilt before it answers, not in the background. */
const SMALL_MODEL_CASES = 2_000;
export const MAX_TRAINING_CASES = 20_000;
const CHUNK = 500;
/** Cases segmented between two turns of the event loop while a model is built. */
const YIELD_EVERY = 25;

export type TriageField = 'category' | 'severity' | 'unit';
export const TRIAGE_FIELDS: TriageField[] = ['category', 'severity', 'unit'];

export type ProcedureModels = {
  builtAt: number;
  models: Record<TriageField, TriageModel>;
  /** The cases trained on: only these are ever subtracted from a view. */
  caseIds: Set<string>;
};

type Entry = { stale: boolean; built?: ProcedureModels; building?: Promise<ProcedureModels> };
const caches = new WeakMap<AppContext, Map<string, Entry>>();

function cacheOf(ctx: AppContext): Map<string, Entry> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

/** A case of the procedure closed or reopened: its models are rebuilt on next use. */
export function markTrainingStale(ctx: AppContext, procedureId: string): void {
  const entry = cacheOf(ctx).get(procedureId);
  if (entry) entry.stale = true;
}

/**
 * The features of a case's text: jieba words, characters and character bigrams of its subject and
 * description, and the subject's again (`caseTextFeatures`).
 */
export function caseFeatures(row: Pick<CaseRow, 'subject' | 'description'>): string[] {
  const description = row.description === ERASED_TEXT ? '' : row.description;
  const text = `${row.subject}\n${description}`;
  return caseTextFeatures(textFeatures(textWords(text), text), textFeatures(textWords(row.subject), row.subject));
}

/** A closed case as training rows, one per field it has a value for. */
export function trainingRows(
  row: Pick<CaseRow, 'subject' | 'description' | 'category' | 'severity' | 'org_unit_id' | 'org_unit_path'>,
  features = caseFeatures(row),
): Partial<Record<TriageField, TrainingCase>> {
  const partition = row.org_unit_path ?? '';
  const label: Record<TriageField, string | null> = {
    category: row.category,
    severity: row.severity,
    unit: row.org_unit_id,
  };
  const out: Partial<Record<TriageField, TrainingCase>> = {};
  for (const field of TRIAGE_FIELDS) {
    const value = label[field];
    if (value) out[field] = { partition, features, label: value };
  }
  return out;
}

async function build(ctx: AppContext, procedureId: string): Promise<ProcedureModels> {
  // Counted as the cases are read, between the turns given to other requests: counting them all
  // at the end held the event loop for up to 2.1 s at 100,000 cases (#21, #25).
  const models: Record<TriageField, TriageModel> = { category: untrained(), severity: untrained(), unit: untrained() };
  const caseIds = new Set<string>();
  let before: { closedAt: string; id: string } | undefined;
  while (caseIds.size < MAX_TRAINING_CASES) {
    let q = ctx.store.db
      .selectFrom('cases')
      .selectAll()
      .where('procedure_id', '=', procedureId)
      .where('closed_at', 'is not', null)
      .where('deidentified_at', 'is', null);
    if (before) {
      const { closedAt, id } = before;
      q = q.where((eb) =>
        eb.or([eb('closed_at', '<', closedAt), eb.and([eb('closed_at', '=', closedAt), eb('id', '<', id)])]),
      );
    }
    const page = await q
      .orderBy('closed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(CHUNK, MAX_TRAINING_CASES - caseIds.size))
      .execute();
    if (page.length === 0) break;
    const opened = await openCases(ctx.store.db, page);
    for (let i = 0; i < opened.length; i++) {
      // Segmenting is synchronous: give other requests a turn every few dozen cases, so a rebuild
      // of 20,000 cases never holds the event loop for more than a few milliseconds at a time.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = opened[i]!;
      caseIds.add(row.id);
      const made = trainingRows(row);
      for (const field of TRIAGE_FIELDS) if (made[field]) learn(models[field], made[field]);
    }
    const last = page[page.length - 1]!;
    before = { closedAt: last.closed_at!, id: last.id };
    if (page.length < CHUNK) break;
  }
  return {
    builtAt: ctx.now().getTime(),
    models,
    caseIds,
  };
}

/** The procedure's models, built or rebuilt when stale; concurrent callers share one build. */
export async function procedureModels(ctx: AppContext, procedureId: string): Promise<ProcedureModels> {
  const cache = cacheOf(ctx);
  let entry = cache.get(procedureId);
  if (!entry) {
    entry = { stale: true };
    cache.set(procedureId, entry);
  }
  const age = entry.built ? ctx.now().getTime() - entry.built.builtAt : Number.POSITIVE_INFINITY;
  if (entry.built && !entry.stale && age < REFRESH_MS) return entry.built;
  // A small model is rebuilt at once (milliseconds): a new desk's first closings count straight away.
  if (entry.stale && entry.built && entry.built.caseIds.size < SMALL_MODEL_CASES)
    return entry.building ?? startBuild(ctx, procedureId, entry);
  // After a closing, the model in hand answers while a new one is built (at most one per
  // MIN_REBUILD_MS): a busy day's closings do not make every request wait for a rebuild.
  if (entry.built && age < REFRESH_MS) {
    if (age >= MIN_REBUILD_MS && !entry.building) startBuild(ctx, procedureId, entry).catch(() => {});
    return entry.built;
  }
  return entry.building ?? startBuild(ctx, procedureId, entry);
}

function startBuild(ctx: AppContext, procedureId: string, entry: Entry): Promise<ProcedureModels> {
  entry.stale = false;
  const building = build(ctx, procedureId).then(
    (built) => {
      entry.built = built;
      entry.building = undefined;
      return built;
    },
    (err: unknown) => {
      entry.stale = true;
      entry.building = undefined;
      throw err;
    },
  );
  entry.building = building;
  return building;
}
