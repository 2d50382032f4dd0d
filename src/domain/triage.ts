/**
 * Triage suggestions (issue 21): which category, severity or handling unit a new case will most
 * likely end with, learned from the organisation's own closed cases. Pure: the application gives
 * the words of each case (jieba, store/search.ts) and the labels; nothing here reads a database.
 *
 * The method is multinomial naive Bayes over binary features (each word or character bigram counts
 * once per case — "binarised" NB, which does better than raw counts on short texts), with Laplace
 * smoothing. Why: it trains by counting, so a model is rebuilt from thousands of cases in well under
 * a second and needs no tuning; it predicts in microseconds; it works with a few dozen cases per
 * class where a linear model would overfit; and its counts are additive, so the model of exactly
 * the cases a reader may see is the sum of the per-unit counts in their scope minus the cases they
 * are recused from (`predict`'s view) — no model per user.
 *
 * Naive Bayes is overconfident (its features are far from independent), so the log score (prior
 * and likelihood together, which keeps plain NB's ranking) is divided by √(number of known
 * features) before the posterior is normalised. The temperature and the floor were chosen on the
 * bench corpus (docs/triage.md).
 */
export const TRIAGE_SETTINGS = {
  /** No class is suggested that has fewer closed cases than this in the reader's scope. */
  minPerClass: 5,
  /** No suggestion below this posterior probability. */
  floor: 0.7,
  /** Words shown as the reason of a suggestion. */
  because: 3,
};

export type TriageSettings = typeof TRIAGE_SETTINGS;

/** One closed case for training: its features, its label, and the partition (its unit path) it counts in. */
export type TrainingCase = { partition: string; features: string[]; label: string };

type ClassCounts = { docs: number; features: number };
type PartitionCounts = {
  classes: Map<string, ClassCounts>;
  /** feature → label → number of training cases holding it. */
  counts: Map<string, Map<string, number>>;
};

/** The counts of one field of one procedure, by partition (the owning unit's path of each case). */
export type NaiveBayes = {
  partitions: Map<string, PartitionCounts>;
  /** Vocabulary sizes already worked out, by the sorted partitions they cover. */
  vocabulary: Map<string, number>;
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

/**
 * The features of a text: its words (as jieba cut them, lower-cased) and the character bigrams of
 * each run of letters and digits — bigrams catch what segmentation splits differently or a typo
 * breaks (物业费 / 物业 费 / 物也费 share 物业 or 业费). Each once.
 */
export function textFeatures(words: string[], text: string): string[] {
  const out = new Set<string>();
  for (const w of words) if (w) out.add(w.toLowerCase());
  for (const run of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${BIGRAM}${chars[i]}${chars[i + 1]}`);
  }
  return [...out];
}

/** A feature as a person reads it (a bigram without its marker). */
export function featureText(feature: string): string {
  return feature.startsWith(BIGRAM) ? feature.slice(1) : feature;
}

function emptyPartition(): PartitionCounts {
  return { classes: new Map(), counts: new Map() };
}

function add(p: PartitionCounts, c: TrainingCase, sign: 1 | -1): void {
  const cls = p.classes.get(c.label) ?? { docs: 0, features: 0 };
  cls.docs += sign;
  cls.features += sign * c.features.length;
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
export function untrained(): NaiveBayes {
  return { partitions: new Map(), vocabulary: new Map() };
}

/**
 * Counts one more training case. A caller that builds from many cases counts them as they are
 * read, between its turns to other work, so no single step has to count them all at once.
 */
export function learn(model: NaiveBayes, c: TrainingCase): void {
  let p = model.partitions.get(c.partition);
  if (!p) {
    p = emptyPartition();
    model.partitions.set(c.partition, p);
  }
  add(p, { ...c, features: [...new Set(c.features)] }, 1);
  model.vocabulary.clear();
}

/** Counts the training cases, by partition. */
export function train(cases: Iterable<TrainingCase>): NaiveBayes {
  const model = untrained();
  for (const c of cases) learn(model, c);
  return model;
}

function vocabularySize(model: NaiveBayes, keys: string[]): number {
  const id = keys.join('\u0000');
  const known = model.vocabulary.get(id);
  if (known !== undefined) return known;
  const seen = new Set<string>();
  for (const k of keys) for (const f of model.partitions.get(k)!.counts.keys()) seen.add(f);
  model.vocabulary.set(id, seen.size);
  return seen.size;
}

/**
 * The classes ranked for a case's features, as the view's cases would rank them: the counts of the
 * partitions the view covers, less the cases it subtracts (nothing of a subtracted case — not even
 * a word only it had — changes the answer). Empty when the view holds no case.
 */
export function predict(
  model: NaiveBayes,
  features: string[],
  view: ModelView,
  settings: TriageSettings = TRIAGE_SETTINGS,
): Ranked[] {
  const keys = [...model.partitions.keys()].filter(view.partitions).sort();
  if (keys.length === 0) return [];
  const parts = keys.map((k) => model.partitions.get(k)!);
  // Subtracted cases count in a partition of their own with negative counts.
  const minus = emptyPartition();
  for (const c of view.minus ?? [])
    if (view.partitions(c.partition)) add(minus, { ...c, features: [...new Set(c.features)] }, -1);
  const all = [...parts, minus];

  const classes = new Map<string, ClassCounts>();
  for (const p of all)
    for (const [label, c] of p.classes) {
      const sum = classes.get(label) ?? { docs: 0, features: 0 };
      sum.docs += c.docs;
      sum.features += c.features;
      classes.set(label, sum);
    }
  for (const [label, c] of classes) if (c.docs <= 0) classes.delete(label);
  const total = [...classes.values()].reduce((n, c) => n + c.docs, 0);
  if (total === 0) return [];

  let vocabulary = vocabularySize(model, keys);
  // A feature that only subtracted cases held leaves the vocabulary with them.
  for (const f of minus.counts.keys()) {
    let left = 0;
    for (const p of all) for (const n of p.counts.get(f)?.values() ?? []) left += n;
    if (left <= 0) vocabulary--;
  }

  // Per known feature, its count in each class of the view — as an array over the classes, not a
  // map per feature: a suggestion reads a few hundred features in each of dozens of partitions.
  const labels = [...classes.keys()];
  const index = new Map(labels.map((label, i) => [label, i]));
  const known: { feature: string; counts: Float64Array }[] = [];
  for (const f of new Set(features)) {
    const counts = new Float64Array(labels.length);
    let any = 0;
    for (const p of all) {
      const byLabel = p.counts.get(f);
      if (!byLabel) continue;
      for (const [label, n] of byLabel) {
        any += n;
        const i = index.get(label);
        if (i !== undefined) counts[i]! += n;
      }
    }
    if (any > 0) known.push({ feature: f, counts });
  }
  const temper = 1 / Math.sqrt(Math.max(1, known.length));
  const logLikelihood = (i: number, c: ClassCounts, f: { counts: Float64Array }) =>
    Math.log((f.counts[i]! + 1) / (c.features + vocabulary));

  const scored = labels.map((label, i) => {
    const c = classes.get(label)!;
    let sum = 0;
    for (const f of known) sum += logLikelihood(i, c, f);
    return { label, i, c, score: (Math.log(c.docs / total) + sum) * temper };
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
      weight: logLikelihood(first.i, first.c, f) - (rival ? logLikelihood(rival.i, rival.c, f) : 0),
    }))
    .filter((f) => f.weight > 0 && f.inClass > 0)
    .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return scored.map((s, i) => ({
    value: s.label,
    probability: Math.exp(s.score - top) / z,
    cases: s.c.docs,
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
  const words = features.filter((f) => !f.startsWith(BIGRAM) && [...f].length >= 2);
  const chosen = words.slice(0, n);
  for (const f of features) {
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
