import { performance } from 'node:perf_hooks';
import {
  caseTextFeatures,
  learn,
  type ModelView,
  textFeatures,
  type TriageModel,
  type TrainingCase,
  untrained,
  viewKey,
  viewNormSteps,
} from '../domain/triage.ts';
import { ERASED_TEXT } from '../store/sealing.ts';
import { openCases, type CaseRow } from '../store/cases.repository.ts';
import { textWords } from '../store/search.ts';
import { nextTurn } from '../store/fair-share.ts';
import type { AppContext } from './context.ts';

/**
 * The triage models (issue 21), kept in memory per procedure: one nearest-centroid model per field, trained on
 * the procedure's closed cases. After a case of the procedure closed or reopened here
 * (`markTrainingStale`, called by perform) the next request starts a rebuild in the background
 * (at most one a minute); a model older than REFRESH_MS (another instance's closings) is rebuilt in
 * the background too, the old model answering meanwhile (stale-while-revalidate). Only the first
 * build of a procedure, with no model to answer from, is waited for. Memory is bounded: at most
 * MAX_TRAINING_CASES closed cases per procedure, the most recently closed.
 */
export const REFRESH_MS = 10 * 60_000;
/**
 * After a closing, the soonest the model is rebuilt again (the old one answers meanwhile); after a
 * failed rebuild, the soonest it is tried again.
 */
export const MIN_REBUILD_MS = 60_000;
/** Below this many training cases a stale model is rebuilt before it answers, not in the background. */
const SMALL_MODEL_CASES = 2_000;
export const MAX_TRAINING_CASES = 20_000;
/** Closed cases read (and opened) at a time while a model is built: one synchronous query on SQLite. */
const CHUNK = 200;
/** Cases opened (decrypted) at a time, between turns for other requests. */
const OPEN_AT_ONCE = 25;
/**
 * The longest a model build or a view's first preparation works before giving other requests a
 * turn of the event loop (#25: no request may hold it more than 50 ms). By the clock, not a count
 * of cases: a case's cost varies with its length and the machine's load (25 cases a turn took
 * 40–60 ms at load 7).
 */
const SLICE_MS = 8;

/** Gives other work a turn when the current slice has used up SLICE_MS; returns the new slice's start. */
async function pause(since: number): Promise<number> {
  if (performance.now() - since < SLICE_MS) return since;
  await nextTurn();
  return performance.now();
}

export type TriageField = 'category' | 'severity' | 'unit';
export const TRIAGE_FIELDS: TriageField[] = ['category', 'severity', 'unit'];

export type ProcedureModels = {
  builtAt: number;
  models: Record<TriageField, TriageModel>;
  /** The cases trained on: only these are ever subtracted from a view. */
  caseIds: Set<string>;
  /**
   * Training rows of the cases some answer subtracted (a reader's recusals, a closed case asked
   * about), by case id: opened and segmented once per model, not on every answer.
   */
  subtracted: Map<string, Partial<Record<TriageField, TrainingCase>>>;
};

type Entry = {
  stale: boolean;
  built?: ProcedureModels;
  building?: Promise<ProcedureModels>;
  /** When the last rebuild failed (ms): the next is not tried before MIN_REBUILD_MS after it. */
  failedAt?: number;
};
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
      // `closed_at <=` first, so the index gives the page a range: with the OR alone, SQLite walked
      // the procedure's index from its newest case every page (100–200 ms a page 15,000 cases deep
      // at 100,000, load 13, all of it holding the event loop).
      q = q
        .where('closed_at', '<=', closedAt)
        .where((eb) => eb.or([eb('closed_at', '<', closedAt), eb('id', '<', id)]));
    }
    const page = await q
      .orderBy('closed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(CHUNK, MAX_TRAINING_CASES - caseIds.size))
      .execute();
    if (page.length === 0) break;
    let since = performance.now();
    for (let from = 0; from < page.length; from += OPEN_AT_ONCE) {
      // Opening (AES-GCM) is synchronous too: 200 cases took 60–70 ms of CPU at load 13.
      const opened = await openCases(ctx.store.db, page.slice(from, from + OPEN_AT_ONCE));
      for (const row of opened) {
        // Segmenting and counting are synchronous: other requests get a turn every SLICE_MS, so a
        // rebuild of 20,000 cases never holds the event loop for more than a few milliseconds.
        since = await pause(since);
        caseIds.add(row.id);
        const made = trainingRows(row);
        for (const field of TRIAGE_FIELDS) if (made[field]) learn(models[field], made[field]);
      }
      since = await pause(since);
    }
    const last = page[page.length - 1]!;
    before = { closedAt: last.closed_at!, id: last.id };
    if (page.length < CHUNK) break;
  }
  return {
    builtAt: ctx.now().getTime(),
    models,
    caseIds,
    subtracted: new Map(),
  };
}

/**
 * The procedure's models. The first build is waited for (there is nothing else to answer with);
 * after it, a model that is stale (a closing here) or older than REFRESH_MS answers at once while
 * one rebuild runs in the background, except a small stale one, rebuilt first (milliseconds: a
 * new desk's first closings count at once). One build at a time per procedure; a failed rebuild
 * is logged, the old model kept, and tried again after MIN_REBUILD_MS.
 */
export async function procedureModels(ctx: AppContext, procedureId: string): Promise<ProcedureModels> {
  const cache = cacheOf(ctx);
  let entry = cache.get(procedureId);
  if (!entry) {
    entry = { stale: true };
    cache.set(procedureId, entry);
  }
  const old = entry.built;
  if (!old) return entry.building ?? startBuild(ctx, procedureId, entry);
  const now = ctx.now().getTime();
  const age = now - old.builtAt;
  if (!entry.stale && age < REFRESH_MS) return old;
  const mayTry = entry.failedAt === undefined || now - entry.failedAt >= MIN_REBUILD_MS;
  if (entry.stale && old.caseIds.size < SMALL_MODEL_CASES && (entry.building || mayTry))
    return (entry.building ?? rebuild(ctx, procedureId, entry)).catch(() => old);
  // A busy day's closings start at most one rebuild per MIN_REBUILD_MS; a model older than
  // REFRESH_MS (longer) one at once.
  if (!entry.building && mayTry && age >= MIN_REBUILD_MS) rebuild(ctx, procedureId, entry).catch(() => {});
  return old;
}

/** A rebuild while a model answers: its failure is logged and remembered, the old model kept. */
function rebuild(ctx: AppContext, procedureId: string, entry: Entry): Promise<ProcedureModels> {
  return startBuild(ctx, procedureId, entry).then(
    (built) => {
      entry.failedAt = undefined;
      return built;
    },
    (err: unknown) => {
      entry.failedAt = ctx.now().getTime();
      console.error(
        `分诊模型重建失败，沿用旧模型 / triage models of ${procedureId} not rebuilt, the old ones answer: ${(err as Error).stack ?? String(err)}`,
      );
      throw err;
    },
  );
}

/** Waits for the procedure's rebuild in progress, if any (tests; whatever its outcome). */
export async function modelsSettled(ctx: AppContext, procedureId: string): Promise<void> {
  await cacheOf(ctx)
    .get(procedureId)
    ?.building?.catch(() => {});
}

function startBuild(ctx: AppContext, procedureId: string, entry: Entry): Promise<ProcedureModels> {
  // A failed build leaves the entry as stale as it was (or was made meanwhile): a failed refresh of
  // an old model is not a closing here, and is retried in the background like any refresh.
  const wasStale = entry.stale;
  entry.stale = false;
  const building = build(ctx, procedureId).then(
    (built) => {
      entry.built = built;
      entry.building = undefined;
      return built;
    },
    (err: unknown) => {
      entry.stale ||= wasStale;
      entry.building = undefined;
      throw err;
    },
  );
  entry.building = building;
  return building;
}

const preparing = new WeakMap<TriageModel, Map<string, Promise<void>>>();

/**
 * Works out a view's centroid norms before `predict` needs them, in slices of SLICE_MS with turns
 * for other requests between: done in one go by the first answer of a view, the pass over every
 * feature of the view's partitions held the event loop for 1.5–3 s per field at 100,000 cases.
 * Concurrent first answers of the same view share one preparation.
 */
export async function prepareView(model: TriageModel, view: ModelView): Promise<void> {
  const key = viewKey(model, view);
  let byKey = preparing.get(model);
  if (!byKey) {
    byKey = new Map();
    preparing.set(model, byKey);
  }
  const running = byKey.get(key);
  if (running) return running;
  const steps = viewNormSteps(model, view, 256);
  const done = (async () => {
    let since = performance.now();
    while (!steps.next().done) since = await pause(since);
  })().finally(() => byKey.delete(key));
  byKey.set(key, done);
  return done;
}
