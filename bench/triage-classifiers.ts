/**
 * Classifiers for `npx tsx bench/triage-methods.ts [corpus] --validate` (issue 21): each trains on
 * a list of cases (their features, with repeats where a feature occurs more than once, and a label)
 * and scores every class for a new case. Variants of the app's nearest centroid (feature weights,
 * the subject weighted above the description, sublinear term frequency, a stop-list learned from
 * the training data) and linear models trained in process (one-vs-rest linear SVM and logistic
 * regression over L2-normalised TF-IDF), so that they are compared on the same splits.
 */

export type Case = { features: string[]; label: string };
/** Trained on the cases, returns a scorer: higher is better, one score per label (in `labels`' order). */
export type Classifier = (cases: Case[], labels: string[]) => (features: string[]) => Float64Array;

/** A feature's weight by its kind (the prefix before ':'), 1 when not named. */
export type KindWeights = Record<string, number>;
const kindOf = (f: string) => f.slice(0, f.indexOf(':') + 1);

type Vector = Map<string, number>;

/** The term frequencies of a case's features: binary, or 1 + ln tf (sublinear). */
function tf(features: string[], sublinear: boolean): Vector {
  const out: Vector = new Map();
  for (const f of features) out.set(f, (out.get(f) ?? 0) + 1);
  for (const [f, n] of out) out.set(f, sublinear ? 1 + Math.log(n) : 1);
  return out;
}

function documentFrequency(cases: Case[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const c of cases) for (const f of new Set(c.features)) df.set(f, (df.get(f) ?? 0) + 1);
  return df;
}

/** TF-IDF of a case, idf as the app's, times its kind's weight; unknown features at the highest idf. */
function tfidf(
  features: string[],
  df: Map<string, number>,
  n: number,
  opts: { sublinear: boolean; kinds: KindWeights; drop?: Set<string> },
): Vector {
  const v = tf(features, opts.sublinear);
  for (const [f, x] of v) {
    if (opts.drop?.has(f)) {
      v.delete(f);
      continue;
    }
    const idf = Math.log((n + 1) / ((df.get(f) ?? 0) + 1)) + 1;
    v.set(f, x * idf * (opts.kinds[kindOf(f)] ?? 1));
  }
  return v;
}

function normalise(v: Vector): Vector {
  let s = 0;
  for (const x of v.values()) s += x * x;
  const n = Math.sqrt(s) || 1;
  for (const [f, x] of v) v.set(f, x / n);
  return v;
}

/**
 * Features spread evenly over the classes (normalised entropy of their per-class rate above
 * `above`): the stop-list learned from the training data.
 */
function stopList(cases: Case[], labels: string[], above: number): Set<string> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = new Float64Array(labels.length);
  const held = new Map<string, Float64Array>();
  for (const c of cases) {
    const i = index.get(c.label)!;
    docs[i]!++;
    for (const f of new Set(c.features)) {
      let h = held.get(f);
      if (!h) {
        h = new Float64Array(labels.length);
        held.set(f, h);
      }
      h[i]!++;
    }
  }
  const out = new Set<string>();
  for (const [f, h] of held) {
    const rates = Array.from(h, (x, i) => x / Math.max(1, docs[i]!));
    const total = rates.reduce((a, r) => a + r, 0);
    let e = 0;
    for (const r of rates) if (r > 0) e -= (r / total) * Math.log(r / total);
    if (h.reduce((a, x) => a + x, 0) >= 3 && e / Math.log(labels.length) > above) out.add(f);
  }
  return out;
}

/**
 * Nearest centroid: the class is the sum of its cases' vectors (binary or sublinear tf, each case
 * L2-normalised or not), cosine to the case. With `sublinear: false, normaliseCases: false` and no
 * weights it is the app's model.
 */
export function centroid(
  opts: { sublinear?: boolean; normaliseCases?: boolean; kinds?: KindWeights; stop?: number } = {},
): Classifier {
  return (cases, labels) => {
    const df = documentFrequency(cases);
    const n = cases.length;
    const drop = opts.stop === undefined ? undefined : stopList(cases, labels, opts.stop);
    const o = { sublinear: opts.sublinear ?? false, kinds: opts.kinds ?? {}, drop };
    const index = new Map(labels.map((l, i) => [l, i]));
    const sums = labels.map(() => new Map<string, number>());
    for (const c of cases) {
      // The app sums binary counts and weighs them by idf afterwards: the same thing for a sum.
      const v = tfidf(c.features, df, n, o);
      if (opts.normaliseCases) normalise(v);
      const sum = sums[index.get(c.label)!]!;
      for (const [f, x] of v) sum.set(f, (sum.get(f) ?? 0) + x);
    }
    for (const s of sums) normalise(s);
    return (features) => {
      const q = normalise(tfidf(features, df, n, o));
      return Float64Array.from(sums, (s) => {
        let dot = 0;
        for (const [f, x] of q) dot += x * (s.get(f) ?? 0);
        return dot;
      });
    };
  };
}

/** Sparse vectors as parallel arrays of feature ids and values, for the linear models' loops. */
type Sparse = { ids: Int32Array; xs: Float64Array };

function sparse(v: Vector, ids: Map<string, number>, grow: boolean): Sparse {
  const is: number[] = [];
  const xs: number[] = [];
  for (const [f, x] of v) {
    let id = ids.get(f);
    if (id === undefined && grow) {
      id = ids.size;
      ids.set(f, id);
    }
    if (id !== undefined) {
      is.push(id);
      xs.push(x);
    }
  }
  return { ids: Int32Array.from(is), xs: Float64Array.from(xs) };
}

/**
 * One-vs-rest linear models over L2-normalised TF-IDF (with a bias feature): `svm` is the
 * L2-regularised L2-loss (squared hinge) SVM, `logistic` L2-regularised logistic regression, both
 * trained by dual coordinate descent (Hsieh et al. 2008; Yu et al. 2011, as LIBLINEAR does), C the
 * inverse of the regularisation.
 */
export function linear(
  loss: 'svm' | 'logistic',
  C: number,
  opts: { sublinear?: boolean; kinds?: KindWeights } = {},
): Classifier {
  return (cases, labels) => {
    const df = documentFrequency(cases);
    const n = cases.length;
    const o = { sublinear: opts.sublinear ?? false, kinds: opts.kinds ?? {} };
    const ids = new Map<string, number>([['\u0000bias', 0]]);
    const xs = cases.map((c) => {
      const v = normalise(tfidf(c.features, df, n, o));
      v.set('\u0000bias', 1);
      return sparse(v, ids, true);
    });
    const weights = labels.map((label) =>
      train(
        xs,
        cases.map((c) => (c.label === label ? 1 : -1)),
        ids.size,
        loss,
        C,
      ),
    );
    return (features) => {
      const v = normalise(tfidf(features, df, n, o));
      v.set('\u0000bias', 1);
      const x = sparse(v, ids, false);
      return Float64Array.from(weights, (w) => {
        let s = 0;
        for (let k = 0; k < x.ids.length; k++) s += w[x.ids[k]!]! * x.xs[k]!;
        return s;
      });
    };
  };
}

function train(xs: Sparse[], y: number[], dim: number, loss: 'svm' | 'logistic', C: number): Float64Array {
  const w = new Float64Array(dim);
  const q = xs.map((x) => x.xs.reduce((a, v) => a + v * v, 0));
  const dot = (x: Sparse) => {
    let s = 0;
    for (let k = 0; k < x.ids.length; k++) s += w[x.ids[k]!]! * x.xs[k]!;
    return s;
  };
  const move = (x: Sparse, d: number) => {
    for (let k = 0; k < x.ids.length; k++) w[x.ids[k]!]! += d * x.xs[k]!;
  };
  const order = xs.map((_, i) => i);
  // A fixed shuffle per pass (deterministic): coordinate descent converges faster in random order.
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  if (loss === 'svm') {
    const alpha = new Float64Array(xs.length);
    const diag = 1 / (2 * C);
    for (let pass = 0; pass < 50; pass++) {
      let change = 0;
      order.sort(() => random() - 0.5);
      for (const i of order) {
        const g = y[i]! * dot(xs[i]!) - 1 + diag * alpha[i]!;
        const a = Math.max(0, alpha[i]! - g / (q[i]! + diag));
        const d = a - alpha[i]!;
        if (d !== 0) {
          move(xs[i]!, d * y[i]!);
          alpha[i] = a;
          change = Math.max(change, Math.abs(d));
        }
      }
      if (change < 1e-4) break;
    }
    return w;
  }
  // Logistic regression's dual: 0 < α < C, a one-variable Newton step per coordinate.
  const alpha = new Float64Array(xs.length).fill(Math.min(0.001 * C, 1e-8));
  for (let i = 0; i < xs.length; i++) move(xs[i]!, alpha[i]! * y[i]!);
  for (let pass = 0; pass < 50; pass++) {
    let change = 0;
    order.sort(() => random() - 0.5);
    for (const i of order) {
      const b = y[i]! * dot(xs[i]!) - q[i]! * alpha[i]!;
      let a = alpha[i]!;
      for (let step = 0; step < 10; step++) {
        const g = q[i]! * a + b + Math.log(a / (C - a));
        const h = q[i]! + C / (a * (C - a));
        let next = a - g / h;
        if (next <= 0) next = a / 10;
        if (next >= C) next = (a + C) / 2;
        if (Math.abs(next - a) < 1e-10) break;
        a = next;
      }
      const d = a - alpha[i]!;
      move(xs[i]!, d * y[i]!);
      alpha[i] = a;
      change = Math.max(change, Math.abs(d));
    }
    if (change < 1e-4) break;
  }
  return w;
}

/**
 * k nearest neighbours over L2-normalised TF-IDF (session 12): a class scores the summed cosines of
 * its cases among the k most similar training cases; with `blend`, that score (divided by k) is
 * added × blend to the nearest centroid's cosine. Not additive (it needs every case's vector, not
 * per-class counts): tried to see whether local structure would lift property complaints, whose
 * categories overlap at the edges.
 */
export function neighbours(k: number, opts: { kinds?: KindWeights; blend?: number } = {}): Classifier {
  return (cases, labels) => {
    const df = documentFrequency(cases);
    const n = cases.length;
    const o = { sublinear: false, kinds: opts.kinds ?? {} };
    const index = new Map(labels.map((l, i) => [l, i]));
    const vectors = cases.map((c) => normalise(tfidf(c.features, df, n, o)));
    const of = cases.map((c) => index.get(c.label)!);
    const near = centroid({ kinds: opts.kinds })(cases, labels);
    return (features) => {
      const q = normalise(tfidf(features, df, n, o));
      const sims = vectors.map((v, i) => {
        let dot = 0;
        for (const [f, x] of q) dot += x * (v.get(f) ?? 0);
        return { i, dot };
      });
      sims.sort((a, b) => b.dot - a.dot);
      const out = new Float64Array(labels.length);
      for (const s of sims.slice(0, k)) out[of[s.i]!]! += s.dot / k;
      if (opts.blend !== undefined) {
        const c = near(features);
        for (let j = 0; j < out.length; j++) out[j] = c[j]! + opts.blend * out[j]!;
      }
      return out;
    };
  };
}
