/**
 * `npx tsx bench/triage-methods.ts [corpus.json …]` (issue 21): compares classification methods for
 * the category suggestion offline, on the same seeded 70/30 splits as bench/triage.ts (seeds 21, 1,
 * 2, 3, 4), with no database: the features are worked out as the app does (jieba words of subject
 * and description, character n-grams). Every method here is a function of per-class feature counts
 * (additive, so the access policy's view — partitions in scope minus recused cases — stays exact).
 *
 * Prints top-1 / top-3 per procedure as the mean over the five seeds, and a leave-one-seed-out
 * check of the choice of hyperparameters: for each seed, the setting of each family that is best
 * on the other four, scored on that seed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textWords } from '../src/store/search.ts';
import { centroid as centroidOf, type Classifier, linear, neighbours } from './triage-classifiers.ts';
import { type CorpusItem, readCorpus } from './corpus.ts';
import { seeded, splitCorpus } from './seeded.ts';
import { sharpnessFor } from '../src/domain/triage.ts';

type Item = CorpusItem;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = [21, 1, 2, 3, 4];

/** Feature kinds, each prefixed so they never collide. */
type Kinds = { words: string[]; wordPairs: string[]; chars: string[]; bigrams: string[]; trigrams: string[] };

function kindsOf(item: Item): Kinds {
  const text = `${item.subject}\n${item.description}`;
  const words = textWords(text).map((w) => w.toLowerCase());
  const runs = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((r) => [...r]);
  const grams = (n: number) => {
    const out: string[] = [];
    for (const c of runs) for (let i = 0; i + n <= c.length; i++) out.push(c.slice(i, i + n).join(''));
    return out;
  };
  const content = words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  const wordPairs: string[] = [];
  for (let i = 0; i + 1 < content.length; i++) wordPairs.push(`${content[i]}_${content[i + 1]}`);
  return { words, wordPairs, chars: grams(1), bigrams: grams(2), trigrams: grams(3) };
}

type FeatureSet = (k: Kinds) => string[];
const SETS: Record<string, FeatureSet> = {
  'words+bigrams': (k) => [...k.words.map((w) => `w:${w}`), ...k.bigrams.map((b) => `b:${b}`)],
  words: (k) => k.words.map((w) => `w:${w}`),
  bigrams: (k) => k.bigrams.map((b) => `b:${b}`),
  'words+bigrams+trigrams': (k) => [
    ...k.words.map((w) => `w:${w}`),
    ...k.bigrams.map((b) => `b:${b}`),
    ...k.trigrams.map((b) => `t:${b}`),
  ],
  'words+bigrams+wordpairs': (k) => [
    ...k.words.map((w) => `w:${w}`),
    ...k.bigrams.map((b) => `b:${b}`),
    ...k.wordPairs.map((b) => `p:${b}`),
  ],
  'chars+bigrams': (k) => [...k.chars.map((b) => `c:${b}`), ...k.bigrams.map((b) => `b:${b}`)],
  'words+chars+bigrams+trigrams': (k) => [
    ...k.words.map((w) => `w:${w}`),
    ...k.chars.map((b) => `c:${b}`),
    ...k.bigrams.map((b) => `b:${b}`),
    ...k.trigrams.map((b) => `t:${b}`),
  ],
  'words+chars+bigrams': (k) => [
    ...k.words.map((w) => `w:${w}`),
    ...k.chars.map((b) => `c:${b}`),
    ...k.bigrams.map((b) => `b:${b}`),
  ],
};

/** Per-class counts of a training set: what a view sums. `weight` is what one case adds per feature. */
type Counts = {
  labels: string[];
  docs: Float64Array;
  /** Σ weights of all features per class. */
  mass: Float64Array;
  /** feature → per class Σ weights. */
  byFeature: Map<string, Float64Array>;
  /** feature → number of cases holding it (any class). */
  df: Map<string, number>;
  n: number;
};

type Weighting = 'binary' | 'l1' | 'l2';

function count(cases: { features: string[]; label: string }[], labels: string[], weighting: Weighting): Counts {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts: Counts = {
    labels,
    docs: new Float64Array(labels.length),
    mass: new Float64Array(labels.length),
    byFeature: new Map(),
    df: new Map(),
    n: cases.length,
  };
  for (const c of cases) {
    const i = index.get(c.label)!;
    const fs = [...new Set(c.features)];
    const w = weighting === 'binary' ? 1 : weighting === 'l1' ? 1 / fs.length : 1 / Math.sqrt(fs.length);
    counts.docs[i]!++;
    for (const f of fs) {
      let v = counts.byFeature.get(f);
      if (!v) {
        v = new Float64Array(labels.length);
        counts.byFeature.set(f, v);
      }
      v[i]! += w;
      counts.mass[i]! += w;
      counts.df.set(f, (counts.df.get(f) ?? 0) + 1);
    }
  }
  return counts;
}

/** A method scores every class for a case's (deduplicated, known) features; higher is better. */
type Method = { family: string; name: string; set: string; weighting: Weighting; score: Scorer };
type Scorer = (counts: Counts, features: string[]) => Float64Array;

function known(counts: Counts, features: string[]): string[] {
  return [...new Set(features)].filter((f) => counts.byFeature.has(f));
}

/** Multinomial NB, additive smoothing alpha; `idf` weighs each query feature by log(N/df). */
function multinomial(alpha: number, opts: { idf?: boolean; uniformPrior?: boolean; stop?: number } = {}): Scorer {
  return (counts, features) => {
    const k = counts.labels.length;
    const v = counts.byFeature.size;
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) out[i] = opts.uniformPrior ? 0 : Math.log(counts.docs[i]! / counts.n);
    for (const f of known(counts, features)) {
      const c = counts.byFeature.get(f)!;
      if (opts.stop !== undefined && spread(c, counts.docs) > opts.stop) continue;
      const w = opts.idf ? Math.log(counts.n / counts.df.get(f)!) : 1;
      for (let i = 0; i < k; i++) out[i]! += w * Math.log((c[i]! + alpha) / (counts.mass[i]! + alpha * v));
    }
    return out;
  };
}

/**
 * How evenly a feature falls over the classes, 0 (one class) to 1 (as the classes' sizes): the
 * normalised entropy of its per-class rate.
 */
function spread(c: Float64Array, docs: Float64Array): number {
  let total = 0;
  const rates = Array.from(c, (x, i) => x / Math.max(1, docs[i]!));
  for (const r of rates) total += r;
  if (total === 0) return 0;
  let h = 0;
  for (const r of rates) if (r > 0) h -= (r / total) * Math.log(r / total);
  return h / Math.log(c.length);
}

/**
 * Complement NB (Rennie et al. 2003): a class scores by how unlike its complement the case is.
 * Weight normalisation divides each class's weights by their L1 norm over the whole vocabulary
 * (worked out per view: not a sum of counts).
 */
function complement(alpha: number, normalise: boolean): Scorer {
  return (counts, features) => {
    const k = counts.labels.length;
    const v = counts.byFeature.size;
    let massAll = 0;
    for (const m of counts.mass) massAll += m;
    const rest = Array.from(counts.mass, (m) => massAll - m);
    const norm = new Float64Array(k).fill(1);
    if (normalise) {
      norm.fill(0);
      for (const c of counts.byFeature.values()) {
        let all = 0;
        for (const x of c) all += x;
        for (let i = 0; i < k; i++) norm[i]! += Math.abs(Math.log((all - c[i]! + alpha) / (rest[i]! + alpha * v)));
      }
    }
    const out = new Float64Array(k);
    for (const f of known(counts, features)) {
      const c = counts.byFeature.get(f)!;
      let all = 0;
      for (const x of c) all += x;
      for (let i = 0; i < k; i++) out[i]! -= Math.log((all - c[i]! + alpha) / (rest[i]! + alpha * v)) / norm[i]!;
    }
    return out;
  };
}

/** One NB per feature kind, log scores summed with weights (an ensemble of words-NB and bigrams-NB). */
function perKind(alpha: number, kindWeights: Record<string, number>): Scorer {
  return (counts, features) => {
    const k = counts.labels.length;
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) out[i] = Math.log(counts.docs[i]! / counts.n);
    // Per kind: its own vocabulary and class masses (additive: sums over the kind's features).
    const cache = kindCache.get(counts) ?? kindTotals(counts);
    kindCache.set(counts, cache);
    for (const f of known(counts, features)) {
      const kind = f.slice(0, 2);
      const w = kindWeights[kind] ?? 1;
      const t = cache.get(kind)!;
      const c = counts.byFeature.get(f)!;
      for (let i = 0; i < k; i++) out[i]! += w * Math.log((c[i]! + alpha) / (t.mass[i]! + alpha * t.v));
    }
    return out;
  };
}
const kindCache = new WeakMap<Counts, Map<string, { mass: Float64Array; v: number }>>();
function kindTotals(counts: Counts): Map<string, { mass: Float64Array; v: number }> {
  const out = new Map<string, { mass: Float64Array; v: number }>();
  for (const [f, c] of counts.byFeature) {
    const kind = f.slice(0, 2);
    const t = out.get(kind) ?? { mass: new Float64Array(c.length), v: 0 };
    t.v++;
    for (let i = 0; i < c.length; i++) t.mass[i]! += c[i]!;
    out.set(kind, t);
  }
  return out;
}

/**
 * Class centroids of L2-normalised binary TF-IDF vectors, cosine to the case (Rocchio). The sums
 * are additive; the norms of the centroids are worked out per view.
 */
function centroid(): Scorer {
  return (counts, features) => {
    const k = counts.labels.length;
    const idf = (f: string) => Math.log((counts.n + 1) / (counts.df.get(f)! + 1)) + 1;
    const norms = new Float64Array(k);
    for (const [f, c] of counts.byFeature) {
      const w = idf(f);
      for (let i = 0; i < k; i++) norms[i]! += (c[i]! * w) ** 2;
    }
    const out = new Float64Array(k);
    for (const f of known(counts, features)) {
      const c = counts.byFeature.get(f)!;
      const w = idf(f);
      for (let i = 0; i < k; i++) out[i]! += c[i]! * w * w;
    }
    for (let i = 0; i < k; i++) out[i] = out[i]! / Math.sqrt(norms[i]! || 1);
    return out;
  };
}

function methods(): Method[] {
  const out: Method[] = [];
  const alphas = [1, 0.5, 0.3, 0.2, 0.1, 0.05];
  const best = 'words+chars+bigrams';
  for (const set of Object.keys(SETS))
    for (const a of alphas)
      out.push({ family: `NB ${set}`, name: `α=${a}`, set, weighting: 'binary', score: multinomial(a) });
  for (const set of ['words+bigrams', best])
    for (const a of alphas) {
      const m = (family: string, name: string, score: Scorer, weighting: Weighting = 'binary') =>
        out.push({ family: `${family} (${set})`, name, set, weighting, score });
      m('NB idf-query', `α=${a}`, multinomial(a, { idf: true }));
      m('NB l2-length', `α=${a / 10}`, multinomial(a / 10), 'l2');
      m('CNB', `α=${a}`, complement(a, false));
      m('CNB normalised', `α=${a}`, complement(a, true));
      for (const stop of [0.9, 0.95]) m('NB stop-list', `α=${a} spread>${stop}`, multinomial(a, { stop }));
      for (const wb of [0.5, 1, 2])
        m('NB per kind', `α=${a} bigrams×${wb}`, perKind(a, { 'w:': 1, 'c:': 1, 'b:': wb }));
    }
  for (const set of ['words+bigrams', best])
    out.push({ family: `centroid tf-idf (${set})`, name: '-', set, weighting: 'binary', score: centroid() });
  return out;
}

type Result = Record<string, { top1: number; top3: number; n: number }>;

function evaluate(items: Item[], feats: Map<string, string[][]>, m: Method, seed: number): Result {
  const { train, test } = splitCorpus(items, seed);
  const result: Result = {};
  const all = feats.get(m.set)!;
  for (const procedure of new Set(items.map((i) => i.procedure))) {
    const mineTrain = train.filter((i) => items[i]!.procedure === procedure);
    const labels = [...new Set(mineTrain.map((i) => items[i]!.category))].sort();
    const counts = count(
      mineTrain.map((i) => ({ features: all[i]!, label: items[i]!.category })),
      labels,
      m.weighting,
    );
    const r = { top1: 0, top3: 0, n: 0 };
    for (const i of test.filter((i) => items[i]!.procedure === procedure)) {
      const s = m.score(counts, all[i]!);
      const order = labels.map((l, j) => ({ l, s: s[j]! })).sort((a, b) => b.s - a.s);
      r.n++;
      if (order[0]!.l === items[i]!.category) r.top1++;
      if (order.slice(0, 3).some((o) => o.l === items[i]!.category)) r.top3++;
    }
    result[procedure] = r;
  }
  return result;
}

/**
 * Calibration of the chosen method: softmax of β × cosine (the case's vector normalised too, its
 * unknown features counted at the highest idf); per β, how often the first class is right when its
 * probability is at or above each floor, and the share of cases that get one. Over the five seeds.
 */
function calibrate(items: Item[], feats: Map<string, string[][]>): void {
  const betas = [20, 30, 40, 50, 70];
  const floors = [0.4, 0.5, 0.6, 0.7, 0.8];
  const all = feats.get('words+chars+bigrams')!;
  console.log('\ncentroid calibration (words+chars+bigrams): β → per floor right / shown share, all seeds');
  for (const procedure of new Set(items.map((i) => i.procedure))) {
    const tally = betas.map(() => floors.map(() => ({ shown: 0, right: 0, n: 0 })));
    for (const seed of SEEDS) {
      const { train, test } = splitCorpus(items, seed);
      const mineTrain = train.filter((i) => items[i]!.procedure === procedure);
      const labels = [...new Set(mineTrain.map((i) => items[i]!.category))].sort();
      const counts = count(
        mineTrain.map((i) => ({ features: all[i]!, label: items[i]!.category })),
        labels,
        'binary',
      );
      const raw = centroid();
      for (const i of test.filter((i) => items[i]!.procedure === procedure)) {
        const fs = [...new Set(all[i]!)];
        const q = Math.sqrt(
          fs.reduce((a, f) => a + (Math.log((counts.n + 1) / ((counts.df.get(f) ?? 0) + 1)) + 1) ** 2, 0),
        );
        const cos = Array.from(raw(counts, fs), (x) => x / (q || 1));
        const order = cos.map((c, j) => ({ c, j })).sort((a, b) => b.c - a.c);
        betas.forEach((b, bi) => {
          const z = cos.reduce((a, c) => a + Math.exp(b * (c - order[0]!.c)), 0);
          const p = 1 / z;
          floors.forEach((f, fi) => {
            const t = tally[bi]![fi]!;
            t.n++;
            if (p >= f) {
              t.shown++;
              if (labels[order[0]!.j] === items[i]!.category) t.right++;
            }
          });
        });
      }
    }
    console.log(procedure);
    betas.forEach((b, bi) =>
      console.log(
        `  β=${b}: ${floors
          .map((f, fi) => {
            const t = tally[bi]![fi]!;
            return `${f}: ${((100 * t.right) / Math.max(1, t.shown)).toFixed(1)} % of ${((100 * t.shown) / t.n).toFixed(0)} %`;
          })
          .join('; ')}`,
      ),
    );
  }
}

function main(): void {
  const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const items = readCorpus(named.length > 0 ? named : [join(ROOT, 'bench/triage-corpus-large.json')]);
  const kinds = items.map(kindsOf);
  const feats = new Map(Object.entries(SETS).map(([name, f]) => [name, kinds.map(f)]));
  const procedures = [...new Set(items.map((i) => i.procedure))];
  if (process.argv.includes('--sharpness')) {
    // `--severity`: the same study for the severity field (the items that have one), as the category.
    sharpnessStudy(
      process.argv.includes('--severity')
        ? items.filter((i) => i.severity).map((i) => ({ ...i, category: i.severity! }))
        : items,
    );
    return;
  }
  if (process.argv.includes('--validate')) {
    validate(items);
    return;
  }
  if (process.argv.includes('--curve')) {
    learningCurve(items, named.length > 1 ? readCorpus(named.slice(0, 1)).length : items.length);
    return;
  }
  if (process.argv.includes('--calibrate')) {
    calibrate(items, feats);
    return;
  }
  const rows: { m: Method; bySeed: Result[] }[] = methods().map((m) => ({
    m,
    bySeed: SEEDS.map((s) => evaluate(items, feats, m, s)),
  }));
  const mean = (bySeed: Result[], p: string, k: 'top1' | 'top3', seeds = SEEDS.map((_, i) => i)) =>
    (100 * seeds.reduce((a, s) => a + bySeed[s]![p]![k] / bySeed[s]![p]!.n, 0)) / seeds.length;
  // The objective a choice is made on: mean top-1 over the procedures (equal weight).
  const objective = (bySeed: Result[], seeds: number[]) =>
    procedures.reduce((a, p) => a + mean(bySeed, p, 'top1', seeds), 0) / procedures.length;

  console.log(
    `corpus ${named.join(' + ') || 'bench/triage-corpus-large.json'}, seeds ${SEEDS.join(', ')}; mean top-1 / top-3 per procedure`,
  );
  console.log(['family', 'setting', ...procedures.map((p) => `${p} top-1 / top-3`), 'mean top-1'].join(' | '));
  for (const { m, bySeed } of rows)
    console.log(
      [
        m.family,
        m.name,
        ...procedures.map((p) => `${mean(bySeed, p, 'top1').toFixed(1)} / ${mean(bySeed, p, 'top3').toFixed(1)}`),
        objective(bySeed, [0, 1, 2, 3, 4]).toFixed(1),
      ].join(' | '),
    );

  console.log('\nleave-one-seed-out: per family, the setting best on four seeds, scored on the fifth');
  for (const family of [...new Set(rows.map((r) => r.m.family))]) {
    const mine = rows.filter((r) => r.m.family === family);
    const held = SEEDS.map((_, s) => {
      const others = SEEDS.map((_, i) => i).filter((i) => i !== s);
      const best = mine.reduce((a, b) => (objective(b.bySeed, others) > objective(a.bySeed, others) ? b : a));
      return { chosen: best.m.name, per: procedures.map((p) => mean(best.bySeed, p, 'top1', [s])) };
    });
    console.log(
      `${family}: ${procedures
        .map((p, j) => `${p} ${(held.reduce((a, h) => a + h.per[j]!, 0) / held.length).toFixed(1)}`)
        .join(', ')} (chosen: ${held.map((h) => h.chosen).join('; ')})`,
    );
  }
}

/** Features with their repeats, each kind prefixed (w: c: b:), and the subject's again as sw: sc: sb:. */
function validationFeatures(item: Item): string[] {
  const all = kindsOf(item);
  const subject = kindsOf({ ...item, description: '' });
  return [
    ...all.words.map((w) => `w:${w}`),
    ...all.chars.map((c) => `c:${c}`),
    ...all.bigrams.map((b) => `b:${b}`),
    ...subject.words.map((w) => `sw:${w}`),
    ...subject.chars.map((c) => `sc:${c}`),
    ...subject.bigrams.map((b) => `sb:${b}`),
  ];
}

/** Subject features left out (weight 0), as the app has them. */
const NO_SUBJECT = { 'sw:': 0, 'sc:': 0, 'sb:': 0 };
const subjectAt = (k: number) => ({ 'sw:': k, 'sc:': k, 'sb:': k });

function candidates(): { family: string; name: string; make: Classifier }[] {
  const out: { family: string; name: string; make: Classifier }[] = [];
  const add = (family: string, name: string, make: Classifier) => out.push({ family, name, make });
  add('centroid (the app)', '-', centroidOf({ kinds: NO_SUBJECT }));
  for (const c of [0.5, 1])
    for (const b of [0.5, 1, 1.5, 2])
      add('centroid, kind weights', `c×${c} b×${b}`, centroidOf({ kinds: { ...NO_SUBJECT, 'c:': c, 'b:': b } }));
  add('centroid + subject (fixed: subject×1)', '-', centroidOf({ kinds: subjectAt(1) }));
  for (const k of [0.5, 1, 2]) add('centroid + subject', `subject×${k}`, centroidOf({ kinds: subjectAt(k) }));
  for (const norm of [false, true])
    add(
      'centroid, sublinear tf',
      `cases normalised: ${norm}`,
      centroidOf({ sublinear: true, normaliseCases: norm, kinds: NO_SUBJECT }),
    );
  add('centroid, cases L2-normalised', '-', centroidOf({ normaliseCases: true, kinds: NO_SUBJECT }));
  for (const stop of [0.9, 0.95, 0.98])
    add('centroid, learned stop-list', `spread>${stop}`, centroidOf({ stop, kinds: NO_SUBJECT }));
  for (const C of [0.1, 0.3, 1, 3, 10])
    add('OvR linear SVM (L2-loss)', `C=${C}`, linear('svm', C, { kinds: NO_SUBJECT }));
  for (const C of [0.1, 0.3, 1, 3, 10])
    add('OvR linear SVM + subject', `C=${C}`, linear('svm', C, { kinds: subjectAt(1) }));
  for (const k of [0.5, 1, 2])
    for (const norm of [false, true])
      add(
        'centroid + subject, sublinear tf',
        `subject×${k}, cases normalised: ${norm}`,
        centroidOf({ sublinear: true, normaliseCases: norm, kinds: subjectAt(k) }),
      );
  for (const k of [0.5, 1, 2])
    for (const stop of [0.9, 0.95, 0.98])
      add('centroid + subject, stop-list', `subject×${k}, spread>${stop}`, centroidOf({ stop, kinds: subjectAt(k) }));
  for (const k of [0.5, 1, 2])
    for (const b of [0.5, 1, 2])
      add(
        'centroid + subject, kind weights',
        `subject×${k}, b×${b}`,
        centroidOf({ kinds: { ...subjectAt(k), 'b:': b, 'sb:': k * b } }),
      );
  for (const C of [1, 3, 10, 30, 100])
    add('OvR logistic regression', `C=${C}`, linear('logistic', C, { kinds: NO_SUBJECT }));
  for (const k of [5, 10, 20, 40]) add('kNN + subject', `k=${k}`, neighbours(k, { kinds: subjectAt(1) }));
  for (const k of [10, 20, 40])
    for (const blend of [0.5, 1, 2])
      add('centroid + kNN + subject', `k=${k}, kNN×${blend}`, neighbours(k, { kinds: subjectAt(1), blend }));
  return out;
}

/**
 * The honest protocol (`--validate`): per seed, the training 70 % is split again 80/20 (seeded);
 * each family's setting is chosen on that validation part (mean top-1 of the procedures), then
 * trained on the whole 70 % and scored once on the held-out 30 %. The test split chooses nothing.
 * Also prints which categories the first family confuses on the test splits, pooled.
 */
function validate(items: Item[]): void {
  const feats = items.map(validationFeatures);
  const procedures = [...new Set(items.map((i) => i.procedure))];
  // `--only=word`: the families whose name holds the word (and the app's, first, for the confusions).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const list = candidates().filter((c, i) => !only || i === 0 || c.family.includes(only));
  type Score = { top1: number; top3: number; n: number };
  const run = (make: Classifier, train: number[], test: number[], confusions?: Map<string, number>) => {
    const out: Record<string, Score> = {};
    for (const p of procedures) {
      const tr = train.filter((i) => items[i]!.procedure === p);
      const labels = [...new Set(tr.map((i) => items[i]!.category))].sort();
      const score = make(
        tr.map((i) => ({ features: feats[i]!, label: items[i]!.category })),
        labels,
      );
      const r = { top1: 0, top3: 0, n: 0 };
      for (const i of test.filter((i) => items[i]!.procedure === p)) {
        const s = score(feats[i]!);
        const order = labels.map((l, j) => ({ l, s: s[j]! })).sort((a, b) => b.s - a.s);
        r.n++;
        if (order[0]!.l === items[i]!.category) r.top1++;
        else if (confusions) {
          const key = `${p}: ${items[i]!.category} → ${order[0]!.l}`;
          confusions.set(key, (confusions.get(key) ?? 0) + 1);
        }
        if (order.slice(0, 3).some((o) => o.l === items[i]!.category)) r.top3++;
      }
      out[p] = r;
    }
    return out;
  };
  const pct = (s: Score, k: 'top1' | 'top3') => (100 * s[k]) / s.n;
  const families = [...new Set(list.map((c) => c.family))];
  const tally = new Map(
    families.map((f) => [f, { chosen: [] as string[], val: [] as number[], test: [] as Record<string, Score>[] }]),
  );
  const confusions = new Map<string, number>();
  for (const seed of SEEDS) {
    const { train, test } = splitCorpus(items, seed);
    const random = seeded(seed + 1000);
    const fit: number[] = [];
    const val: number[] = [];
    for (const p of procedures) {
      const mine = train.filter((i) => items[i]!.procedure === p).map((i) => ({ i, r: random() }));
      mine.sort((a, b) => a.r - b.r);
      const cut = Math.round(mine.length * 0.8);
      fit.push(...mine.slice(0, cut).map((x) => x.i));
      val.push(...mine.slice(cut).map((x) => x.i));
    }
    for (const family of families) {
      const mine = list.filter((c) => c.family === family);
      const scored = mine.map((c) => {
        const r = run(c.make, fit, val);
        return { c, v: procedures.reduce((a, p) => a + pct(r[p]!, 'top1'), 0) / procedures.length };
      });
      const best = scored.reduce((a, b) => (b.v > a.v ? b : a));
      const t = tally.get(family)!;
      t.chosen.push(best.c.name);
      t.val.push(best.v);
      t.test.push(run(best.c.make, train, test, family === families[0] ? confusions : undefined));
    }
  }
  console.log(
    `validation protocol, seeds ${SEEDS.join(', ')}: setting chosen on 20 % of the training part, scored on the test part`,
  );
  console.log(['family', ...procedures.map((p) => `${p} top-1 / top-3`), 'validation top-1', 'chosen'].join(' | '));
  for (const [family, t] of tally) {
    const mean = (p: string, k: 'top1' | 'top3') => t.test.reduce((a, r) => a + pct(r[p]!, k), 0) / t.test.length;
    console.log(
      [
        family,
        ...procedures.map((p) => `${mean(p, 'top1').toFixed(1)} / ${mean(p, 'top3').toFixed(1)}`),
        (t.val.reduce((a, v) => a + v, 0) / t.val.length).toFixed(1),
        t.chosen.join('; '),
      ].join(' | '),
    );
  }
  console.log(`\nconfusions of ${families[0]} on the test splits (true → predicted), all seeds:`);
  for (const [k, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${n}  ${k}`);
}

/**
 * `--curve`: top-1 and top-3 of the app's classifier (centroid + subject) as its training part
 * grows, on the same test splits: per seed, a seeded 25, 50, 75 and 100 % of each procedure's
 * training 70 %. Says whether more labelled cases would do more than another classifier. With
 * several corpus files, top-1 is also given on the first file's test items alone (the items before
 * `firstFile`): whether more cases help on the old items too, not only on the new ones.
 */
function learningCurve(items: Item[], firstFile: number): void {
  const feats = items.map(validationFeatures);
  const make = centroidOf({ kinds: subjectAt(1) });
  const procedures = [...new Set(items.map((i) => i.procedure))];
  const fractions = [0.25, 0.5, 0.75, 1];
  const several = firstFile < items.length;
  console.log(
    ['procedure', 'share of training', 'cases per class', 'top-1 (mean; min–max)', 'top-3']
      .concat(several ? ['top-1 on the first file'] : [])
      .join(' | '),
  );
  for (const p of procedures) {
    for (const f of fractions) {
      const top1: number[] = [];
      const top3: number[] = [];
      const firstTop1: number[] = [];
      let perClass = 0;
      for (const seed of SEEDS) {
        const { train, test } = splitCorpus(items, seed);
        const random = seeded(seed + 2000);
        const mine = train
          .filter((i) => items[i]!.procedure === p)
          .map((i) => ({ i, r: random() }))
          .sort((a, b) => a.r - b.r)
          .map((x) => x.i);
        const tr = mine.slice(0, Math.round(mine.length * f));
        const labels = [...new Set(tr.map((i) => items[i]!.category))].sort();
        perClass += tr.length / labels.length / SEEDS.length;
        const score = make(
          tr.map((i) => ({ features: feats[i]!, label: items[i]!.category })),
          labels,
        );
        const mineTest = test.filter((i) => items[i]!.procedure === p);
        let one = 0;
        let three = 0;
        let firstOne = 0;
        for (const i of mineTest) {
          const s = score(feats[i]!);
          const order = labels.map((l, j) => ({ l, s: s[j]! })).sort((a, b) => b.s - a.s);
          if (order[0]!.l === items[i]!.category) {
            one++;
            if (i < firstFile) firstOne++;
          }
          if (order.slice(0, 3).some((o) => o.l === items[i]!.category)) three++;
        }
        top1.push((100 * one) / mineTest.length);
        top3.push((100 * three) / mineTest.length);
        firstTop1.push((100 * firstOne) / Math.max(1, mineTest.filter((i) => i < firstFile).length));
      }
      const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
      console.log(
        [
          p,
          `${f * 100} %`,
          perClass.toFixed(1),
          `${mean(top1).toFixed(1)} (${Math.min(...top1).toFixed(1)}–${Math.max(...top1).toFixed(1)})`,
          mean(top3).toFixed(1),
          ...(several ? [mean(firstTop1).toFixed(1)] : []),
        ].join(' | '),
      );
    }
  }
}

const BETAS = [15, 20, 25, 30, 40, 50, 60, 80, 100];
const FLOOR = 0.8;

/** The first class's softmax probability at β, from the classes' cosines. */
function first(cos: Float64Array, beta: number): number {
  const top = Math.max(...cos);
  return 1 / cos.reduce((a, c) => a + Math.exp(beta * (c - top)), 0);
}

/**
 * `--sharpness`: how sure the model should be for the number of cases per class it learnt from.
 * Per seed, the training 70 % is split 80/20; models are trained on fractions of the 80 % (fewer
 * cases per class) and asked about the 20 %; per size, for each β, how often the first class is
 * right when its probability is ≥ 0.8 and how many get one. The test split is not read.
 * Then, for the rule chosen from this, and for a constant β, the same on the test split.
 */
function sharpnessStudy(items: Item[]): void {
  const feats = items.map(validationFeatures);
  const procedures = [...new Set(items.map((i) => i.procedure))];
  const make = centroidOf({ kinds: subjectAt(1) });
  type Asked = { p: string; m: number; cos: Float64Array; right: boolean };
  const asked: Asked[] = [];
  const ask = (tr: number[], te: number[]) => {
    const labels = [...new Set(tr.map((i) => items[i]!.category))].sort();
    const score = make(
      tr.map((i) => ({ features: feats[i]!, label: items[i]!.category })),
      labels,
    );
    const m = tr.length / labels.length;
    return te.map((i) => {
      const cos = score(feats[i]!);
      return {
        p: items[te[0]!]!.procedure,
        m,
        cos,
        right: labels[cos.indexOf(Math.max(...cos))] === items[i]!.category,
      };
    });
  };
  const fractions = [0.2, 0.35, 0.5, 0.75, 1];
  const test: Asked[] = [];
  for (const seed of SEEDS) {
    const { train, test: held } = splitCorpus(items, seed);
    const random = seeded(seed + 1000);
    for (const p of procedures) {
      const mine = train.filter((i) => items[i]!.procedure === p).map((i) => ({ i, r: random() }));
      mine.sort((a, b) => a.r - b.r);
      const cut = Math.round(mine.length * 0.8);
      const fit = mine.slice(0, cut).map((x) => x.i);
      const val = mine.slice(cut).map((x) => x.i);
      for (const f of fractions) asked.push(...ask(fit.slice(0, Math.round(fit.length * f)), val));
      test.push(
        ...ask(
          train.filter((i) => items[i]!.procedure === p),
          held.filter((i) => items[i]!.procedure === p),
        ),
      );
    }
  }
  const line = (xs: Asked[], beta: (m: number) => number) => {
    let shown = 0;
    let right = 0;
    for (const a of xs)
      if (first(a.cos, beta(a.m)) >= FLOOR) {
        shown++;
        if (a.right) right++;
      }
    return `${((100 * right) / Math.max(1, shown)).toFixed(1)} % of ${((100 * shown) / xs.length).toFixed(0)} %`;
  };
  console.log(`validation parts: right / shown at floor ${FLOOR}, by cases per class learnt from (bins) and β`);
  const bins = [0, 8, 16, 32, 64, 1000];
  for (let b = 0; b + 1 < bins.length; b++) {
    const xs = asked.filter((a) => a.m >= bins[b]! && a.m < bins[b + 1]!);
    if (xs.length === 0) continue;
    const mean = xs.reduce((a, x) => a + x.m, 0) / xs.length;
    console.log(`  ${bins[b]}–${bins[b + 1]} cases per class (mean ${mean.toFixed(1)}, ${xs.length} asked):`);
    console.log(`    ${BETAS.map((beta) => `β=${beta}: ${line(xs, () => beta)}`).join('; ')}`);
  }
  const rules: [string, (m: number) => number][] = [
    ['β=40 (before)', () => 40],
    ...[6, 7, 8, 10].map((k): [string, (m: number) => number] => [
      `β=min(80, ${k}√m)`,
      (m) => Math.min(80, k * Math.sqrt(m)),
    ]),
    ['the app (sharpnessFor)', sharpnessFor],
  ];
  console.log('rules (m: cases per class learnt from), on the validation parts by bin and on the test parts:');
  for (const [name, rule] of rules) {
    const byBin = bins.slice(0, -1).map((lo, b) => asked.filter((a) => a.m >= lo && a.m < bins[b + 1]!));
    console.log(
      `  ${name}: validation ${byBin
        .filter((xs) => xs.length > 0)
        .map((xs) => line(xs, rule))
        .join(' | ')}; test ${procedures
        .map(
          (p) =>
            `${p} ${line(
              test.filter((a) => a.p === p),
              rule,
            )}`,
        )
        .join(', ')}`,
    );
  }
}

main();
