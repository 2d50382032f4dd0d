/**
 * Seeded randomness for the benches: the same numbers on every run and machine, so a dataset or a
 * corpus split can be made again exactly (bench/dataset.ts, bench/triage.ts, bench/triage-methods.ts).
 */

/** mulberry32: a small, fast generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded 70/30 split of a corpus' items, per procedure: indexes to train on and to test. */
export function splitCorpus(items: { procedure: string }[], seed: number): { train: number[]; test: number[] } {
  const random = seeded(seed);
  const train: number[] = [];
  const test: number[] = [];
  const byProcedure = new Map<string, number[]>();
  items.forEach((item, i) => byProcedure.set(item.procedure, [...(byProcedure.get(item.procedure) ?? []), i]));
  for (const ids of byProcedure.values()) {
    const shuffled = ids
      .map((i) => ({ i, r: random() }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.i);
    const cut = Math.round(shuffled.length * 0.7);
    train.push(...shuffled.slice(0, cut));
    test.push(...shuffled.slice(cut));
  }
  return { train, test };
}
