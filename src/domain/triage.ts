/**
 * Triage suggestions (issue 21): which category, severity or handling unit a new case will most
 * likely end with, learned from the organisation's own closed cases. Pure: the application gives
 * the words of each case (jieba, store/search.ts) and the labels; nothing here reads a database.
 *
 * The method is a nearest-centroid classifier over TF-IDF (Rocchio): each class is the sum of its
 * cases' binary feature vectors (a word, character or character bigram counts once per case), every
 * feature weighed by its idf in the reader's view, and a case goes to the class whose centroid has
 * the largest cosine with it. It won on the bench against naive Bayes (with any smoothing, feature
 * set, idf weighting, complement NB or a stop-list; bench/triage-methods.ts, docs/triage.md).
 *
 * Everything it needs is additive: per class, the number of cases holding each feature. So the
 * model of exactly the cases a reader may see is the sum of the per-unit counts in their scope
 * minus the cases they are recused from (`predict`'s view) — no model per user. The centroids'
 * norms are not sums of counts; they are worked out once per set of partitions (grouped by document
 * frequency, in integers, so the sum is exact and the same as a model trained on the view alone)
 * and corrected for the subtracted cases' features only.
 *
 * The probability is a softmax of a sharpness × cosine, the sharpness growing with the cases per
 * class in the view (`sharpnessFor`); the rule and the floor were chosen on the bench corpora
 * (docs/triage.md).
 */
export const TRIAGE_SETTINGS = {
  /** No class is suggested that has fewer closed cases than this in the reader's scope. */
  minPerClass: 5,
  /** No suggestion below this posterior probability. */
  floor: 0.8,
  /**
   * The softmax's inverse temperature over the classes' cosines is this × √(cases per class in the
   * view), at most `maxSharpness` (`sharpnessFor`).
   */
  sharpnessPerRootCase: 6,
  maxSharpness: 80,
  /** Words shown as the reason of a suggestion. */
  because: 3,
};

export type TriageSettings = typeof TRIAGE_SETTINGS;

/**
 * The softmax's sharpness for a view whose classes hold `casesPerClass` closed cases on average:
 * k·√(cases per class), at most a cap. With few cases per class the centroids are rough and a
 * cosine's lead says less, so the model must be less sure; with many it may be surer. A constant
 * (40) was too sure on a small desk (5 cases per class: category right 77 % above the 0.8 floor on
 * the validation splits) and too shy on a larger one. k was chosen on validation splits of the
 * training data, for category and severity alike: 8 suited categories but made severity (3
 * classes, many cases each) too sure; 6 kept both near or above 90 %. The cap is where the evidence
 * ends, so a long history is not trusted further than was measured
 * (`npx tsx bench/triage-methods.ts [corpus] --sharpness [--severity]`, docs/triage.md).
 */
export function sharpnessFor(casesPerClass: number, settings: TriageSettings = TRIAGE_SETTINGS): number {
  return Math.min(settings.maxSharpness, settings.sharpnessPerRootCase * Math.sqrt(Math.max(0, casesPerClass)));
}

/** One closed case for training: its features, its label, and the partition (its unit path) it counts in. */
export type TrainingCase = { partition: string; features: string[]; label: string };

type ClassCounts = { docs: number };
type PartitionCounts = {
  classes: Map<string, ClassCounts>;
  /** feature → label → number of training cases holding it. */
  counts: Map<string, Map<string, number>>;
};

/**
 * Per class, Σ (cases of the class holding a feature)² over the features held by d cases of the
 * view, by d: the centroids' squared norms are Σ_d this × idf(d)², and integers sum exactly.
 */
type Norms = Map<string, Map<number, number>>;
/**
 * What is worked out once per set of partitions: the norm sums, the norms they give for a number of
 * cases in the view (idf's N), and — filled as cases ask for them — each feature's counts summed
 * over the partitions, by class (`labels`), so that a frequent feature (a character) is not summed
 * over dozens of partitions on every answer.
 */
type PartitionNorms = {
  sums: Norms;
  byTotal: Map<number, Map<string, number>>;
  labels: Map<string, number>;
  counts: Map<string, Float64Array>;
};

/** The counts of one field of one procedure, by partition (the owning unit's path of each case). */
export type TriageModel = {
  partitions: Map<string, PartitionCounts>;
  /** Norm sums already worked out, by the sorted partitions they cover. */
  norms: Map<string, PartitionNorms>;
};

/** What a reader may learn from: the partitions in their scope, less the cases they are recused from. */
export type ModelView = { partitions: (partition: string) => boolean; minus?: TrainingCase[] };

export type Ranked = {
  value: string;
  probability: number;
  /** Closed cases of this class in the view. */
  cases: number;
  /** The case's own words that most favour this class over the next best (the first class only; else empty). */
  because: string[];
};

const BIGRAM = '\u0001';
const CHAR = '\u0002';
const SUBJECT = '\u0003';

/**
 * The features of a text: its words (as jieba cut them, lower-cased) and the characters and
 * character bigrams of each run of letters and digits — bigrams catch what segmentation splits
 * differently or a typo breaks (物业费 / 物业 费 / 物也费 share 物业 or 业费), single characters what
 * a short text says in one (漏, 吵, 贵). Each once.
 */
export function textFeatures(words: string[], text: string): string[] {
  const out = new Set<string>();
  for (const w of words) if (w) out.add(w.toLowerCase());
  for (const run of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (const c of chars) out.add(`${CHAR}${c}`);
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${BIGRAM}${chars[i]}${chars[i + 1]}`);
  }
  return [...out];
}

/**
 * The features of a case: those of its whole text, and those of its subject again, marked as the
 * subject's. The subject is what a person chose to say first (物业费乱收, 电梯又坏了); counted once
 * more, it moved category top-1 on the held-out splits from 84.1 to 86.6 % (customer) and 76.1 to
 * 77.9 % (property), a weight with no knob to tune (bench/triage-methods.ts --validate,
 * docs/triage.md).
 */
export function caseTextFeatures(text: string[], subject: string[]): string[] {
  return [...text, ...subject.map((f) => `${SUBJECT}${f}`)];
}

/** A feature as a person reads it (a character or bigram without its markers). */
export function featureText(feature: string): string {
  const f = feature.startsWith(SUBJECT) ? feature.slice(1) : feature;
  return f.startsWith(BIGRAM) || f.startsWith(CHAR) ? f.slice(1) : f;
}

function emptyPartition(): PartitionCounts {
  return { classes: new Map(), counts: new Map() };
}

function add(p: PartitionCounts, c: TrainingCase, sign: 1 | -1): void {
  const cls = p.classes.get(c.label) ?? { docs: 0 };
  cls.docs += sign;
  p.classes.set(c.label, cls);
  for (const f of c.features) {
    let byLabel = p.counts.get(f);
    if (!byLabel) {
      byLabel = new Map();
      p.counts.set(f, byLabel);
    }
    byLabel.set(c.label, (byLabel.get(c.label) ?? 0) + sign);
  }
}

/** A model that has counted nothing yet; `learn` adds cases to it one by one. */
export function untrained(): TriageModel {
  return { partitions: new Map(), norms: new Map() };
}

/**
 * Counts one more training case. A caller that builds from many cases counts them as they are
 * read, between its turns to other work, so no single step has to count them all at once.
 */
export function learn(model: TriageModel, c: TrainingCase): void {
  let p = model.partitions.get(c.partition);
  if (!p) {
    p = emptyPartition();
    model.partitions.set(c.partition, p);
  }
  add(p, { ...c, features: [...new Set(c.features)] }, 1);
  model.norms.clear();
}

/** Counts the training cases, by partition. */
export function train(cases: Iterable<TrainingCase>): TriageModel {
  const model = untrained();
  for (const c of cases) learn(model, c);
  return model;
}

function addNorm(norms: Norms, byLabel: Map<string, number>, sign: 1 | -1): void {
  let df = 0;
  for (const n of byLabel.values()) df += n;
  for (const [label, n] of byLabel) {
    if (n === 0) continue;
    let byDf = norms.get(label);
    if (!byDf) {
      byDf = new Map();
      norms.set(label, byDf);
    }
    byDf.set(df, (byDf.get(df) ?? 0) + sign * n * n);
  }
}

/** What identifies a view's norm sums: the partitions it covers (its subtracted cases do not change them). */
export function viewKey(model: TriageModel, view: ModelView): string {
  return viewPartitions(model, view).keys.join('\u0000');
}

/** The partitions a view covers, sorted (the key of its norm sums), and their counts. */
function viewPartitions(model: TriageModel, view: ModelView): { keys: string[]; parts: PartitionCounts[] } {
  const keys = [...model.partitions.keys()].filter(view.partitions).sort();
  return { keys, parts: keys.map((k) => model.partitions.get(k)!) };
}

/**
 * Works out the norm sums of the partitions a view covers, `every` features at a time, pausing
 * (yield) between: one pass over every feature of 20,000 cases took 1.5–3 s per field at 100,000
 * cases, which a first answer spent holding the event loop (#21, #25). The caller gives other work
 * a turn at each pause (app/triage-model.ts `prepareView`); `predict` runs it to the end at once
 * when nobody prepared the view. The sums are the same whatever `every` is: integers, added in the
 * order of d (byOrder) at the end.
 */
export function* viewNormSteps(model: TriageModel, view: ModelView, every = 4096): Generator<void, void> {
  const { keys, parts } = viewPartitions(model, view);
  const id = keys.join('\u0000');
  if (keys.length === 0 || model.norms.has(id)) return;
  const summed = new Map<string, Map<string, number>>();
  let done = 0;
  for (const p of parts)
    for (const [f, byLabel] of p.counts) {
      let sum = summed.get(f);
      if (!sum) {
        sum = new Map();
        summed.set(f, sum);
      }
      for (const [label, n] of byLabel) sum.set(label, (sum.get(label) ?? 0) + n);
      if (++done % every === 0) yield;
    }
  const norms: Norms = new Map();
  for (const byLabel of summed.values()) {
    addNorm(norms, byLabel, 1);
    if (++done % every === 0) yield;
  }
  for (const [label, byDf] of norms) norms.set(label, byOrder(byDf));
  const labels = new Map<string, number>();
  for (const p of parts) for (const label of p.classes.keys()) if (!labels.has(label)) labels.set(label, labels.size);
  // Another caller may have finished the same view meanwhile: the first one's sums are kept.
  if (!model.norms.has(id)) model.norms.set(id, { sums: norms, byTotal: new Map(), labels, counts: new Map() });
}

/** The norm sums of the partitions' union, worked out once per set of partitions (one pass over their features). */
function partitionNorms(model: TriageModel, keys: string[], view: ModelView): PartitionNorms {
  const id = keys.join('\u0000');
  const known = model.norms.get(id);
  if (known) return known;
  const steps = viewNormSteps(model, view, Number.POSITIVE_INFINITY);
  while (!steps.next().done);
  return model.norms.get(id)!;
}

/** A feature's counts summed over the partitions, by `base.labels`; undefined when none holds it. */
function summedCounts(base: PartitionNorms, parts: PartitionCounts[], feature: string): Float64Array | undefined {
  const known = base.counts.get(feature);
  if (known) return known;
  let summed: Float64Array | undefined;
  for (const p of parts)
    for (const [label, n] of p.counts.get(feature) ?? []) {
      summed ??= new Float64Array(base.labels.size);
      summed[base.labels.get(label)!]! += n;
    }
  // Only features some case holds are kept: a query's unknown words must not grow the cache.
  if (summed) base.counts.set(feature, summed);
  return summed;
}

/** √(Σ_d sums × idf(d)²), added in the order of d (byOrder). */
function normOf(byDf: Map<number, number>, idf: (df: number) => number): number {
  let sum = 0;
  for (const [df, n] of byDf) sum += n * idf(df) ** 2;
  return Math.sqrt(sum) || 1;
}

/**
 * `normOf(byOrder(sums + changes))` for sums already in the order of d, without copying or sorting
 * them: the changes (a subtracted case's features, a few hundred d) are merged in as the sums are
 * read, so the terms are the same and added in the same order, to the last bit. Copying and
 * sorting every class's sums on each answer about a closed case was most of its time at 100,000
 * cases (session 13).
 */
function normWithChanges(sums: Map<number, number>, changes: Map<number, number>, idf: (df: number) => number): number {
  const extra = [...changes].sort((a, b) => a[0] - b[0]);
  let sum = 0;
  let j = 0;
  for (const [df, n] of sums) {
    for (; j < extra.length && extra[j]![0] < df; j++) sum += extra[j]![1] * idf(extra[j]![0]) ** 2;
    let count = n;
    if (j < extra.length && extra[j]![0] === df) count += extra[j++]![1];
    sum += count * idf(df) ** 2;
  }
  for (; j < extra.length; j++) sum += extra[j]![1] * idf(extra[j]![0]) ** 2;
  return Math.sqrt(sum) || 1;
}

/**
 * The sums in the order of d: added up in this order, the same integers give the same norm
 * whatever partitions they came from (a view equals the model of its cases, to the last bit).
 */
function byOrder(byDf: Map<number, number>): Map<number, number> {
  return new Map([...byDf].sort((a, b) => a[0] - b[0]));
}

/**
 * The classes ranked for a case's features, as the view's cases would rank them: the counts of the
 * partitions the view covers, less the cases it subtracts (nothing of a subtracted case — not even
 * a word only it had — changes the answer). Empty when the view holds no case.
 */
export function predict(
  model: TriageModel,
  features: string[],
  view: ModelView,
  settings: TriageSettings = TRIAGE_SETTINGS,
): Ranked[] {
  const { keys, parts } = viewPartitions(model, view);
  if (keys.length === 0) return [];
  // Subtracted cases count in a partition of their own with negative counts.
  const minus = emptyPartition();
  for (const c of view.minus ?? [])
    if (view.partitions(c.partition)) add(minus, { ...c, features: [...new Set(c.features)] }, -1);
  const all = [...parts, minus];

  const classes = new Map<string, ClassCounts>();
  for (const p of all)
    for (const [label, c] of p.classes) {
      const sum = classes.get(label) ?? { docs: 0 };
      sum.docs += c.docs;
      classes.set(label, sum);
    }
  for (const [label, c] of classes) if (c.docs <= 0) classes.delete(label);
  const total = [...classes.values()].reduce((n, c) => n + c.docs, 0);
  if (total === 0) return [];
  const idf = (df: number) => Math.log((total + 1) / (df + 1)) + 1;
  const sharpness = sharpnessFor(total / classes.size, settings);

  const base = partitionNorms(model, keys, view);
  // The subtracted cases' features move in the norm sums: out at their old count, in at the new.
  const delta: Norms = new Map();
  for (const [f, subtracted] of minus.counts) {
    const summed = summedCounts(base, parts, f);
    const before = new Map<string, number>();
    if (summed) for (const [label, j] of base.labels) if (summed[j]) before.set(label, summed[j]!);
    addNorm(delta, before, -1);
    const after = new Map(before);
    for (const [label, n] of subtracted) after.set(label, (after.get(label) ?? 0) + n);
    addNorm(delta, after, 1);
  }
  const labels = [...classes.keys()];
  // Without subtracted cases (most answers), the norms for this N are those of the last answer.
  let cached = base.byTotal.get(total);
  if (!cached) {
    cached = new Map();
    base.byTotal.set(total, cached);
  }
  const norms = labels.map((label) => {
    const changes = delta.get(label);
    const byDf = base.sums.get(label) ?? new Map<number, number>();
    if (changes) return normWithChanges(byDf, changes, idf);
    let norm = cached.get(label);
    if (norm === undefined) {
      norm = normOf(byDf, idf);
      cached.set(label, norm);
    }
    return norm;
  });

  // Per known feature, its count in each class of the view — as an array over the classes, not a
  // map per feature: a suggestion reads a few hundred features in each of dozens of partitions.
  const index = new Map(labels.map((label, i) => [label, i]));
  const at = labels.map((label) => base.labels.get(label) ?? -1);
  const known: { feature: string; counts: Float64Array; weight: number }[] = [];
  let length = 0;
  for (const f of new Set(features)) {
    const summed = summedCounts(base, parts, f);
    const counts = new Float64Array(labels.length);
    let df = 0;
    if (summed) {
      for (const n of summed) df += n;
      for (let i = 0; i < at.length; i++) if (at[i]! >= 0) counts[i] = summed[at[i]!]!;
    }
    for (const [label, n] of minus.counts.get(f) ?? []) {
      df += n;
      const i = index.get(label);
      if (i !== undefined) counts[i]! += n;
    }
    // A feature no case of the view has still makes the case longer (less like any class).
    const weight = idf(Math.max(0, df)) ** 2;
    length += weight;
    if (df > 0) known.push({ feature: f, counts, weight });
  }
  length = Math.sqrt(length) || 1;
  const share = (i: number, f: (typeof known)[number]) => (f.counts[i]! * f.weight) / (norms[i]! * length);

  const scored = labels.map((label, i) => {
    let cosine = 0;
    for (const f of known) cosine += share(i, f);
    return { label, i, docs: classes.get(label)!.docs, score: cosine * sharpness };
  });
  const top = Math.max(...scored.map((s) => s.score));
  const z = scored.reduce((n, s) => n + Math.exp(s.score - top), 0);
  scored.sort((a, b) => b.score - a.score);

  // Only the first class is ever suggested, so only its reasons are worked out: doing it for every
  // class (30 units, hundreds of features each) was most of the time of a suggestion at scale.
  const first = scored[0]!;
  const rival = scored[1];
  const because = known
    .map((f) => ({
      feature: f.feature,
      inClass: f.counts[first.i]!,
      weight: share(first.i, f) - (rival ? share(rival.i, f) : 0),
    }))
    .filter((f) => f.weight > 0 && f.inClass > 0)
    .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return scored.map((s, i) => ({
    value: s.label,
    probability: Math.exp(s.score - top) / z,
    cases: s.docs,
    because:
      i === 0
        ? reasons(
            because.map((f) => f.feature),
            settings.because,
          )
        : [],
  }));
}

/** Words first (a person reads 物业费, not 业费), then bigrams not inside a chosen word. */
function reasons(features: string[], n: number): string[] {
  // A subject's feature reads as the same word: shown once, where it first ranks.
  const plain = features.map((f) => (f.startsWith(SUBJECT) ? f.slice(1) : f));
  // Single characters are never a reason: 漏 or 费 alone tells a person nothing.
  const words = [...new Set(plain.filter((f) => !f.startsWith(BIGRAM) && !f.startsWith(CHAR) && [...f].length >= 2))];
  const chosen = words.slice(0, n);
  for (const f of plain) {
    if (chosen.length >= n) break;
    if (!f.startsWith(BIGRAM)) continue;
    const text = featureText(f);
    if (!chosen.some((w) => w.includes(text))) chosen.push(text);
  }
  return chosen;
}

/**
 * The suggestion among ranked classes: the first, when it is above the floor, has at least
 * `minPerClass` closed cases, and the view knows at least two classes (with one, there is nothing
 * to choose between and its probability means nothing). Else null.
 */
export function suggest(ranked: Ranked[], settings: TriageSettings = TRIAGE_SETTINGS): Ranked | null {
  const first = ranked[0];
  if (!first || ranked.length < 2) return null;
  if (first.cases < settings.minPerClass || first.probability < settings.floor) return null;
  return first;
}
