/**
 * Possible duplicates (issue 21, MS-12): how near two cases' matter is. Pure: the application gives
 * each case's features — the words (jieba's search mode) and the single characters of its subject
 * and description, as the search index holds them, hashed — and whether the two share a submitter
 * (blind index) or a respondent.
 *
 * Text similarity is the Jaccard index of the two feature sets. Candidates are few (one
 * procedure's open and recent cases in the reader's scope), so the exact index costs less than
 * keeping MinHash signatures in step with the cases, and is easier to explain.
 */
export const DUPLICATE_SETTINGS = {
  /**
   * A case with this text similarity or more is a possible duplicate whoever sent it. Common
   * characters (的, 了, 我) make two unrelated cases share a fifth or more of their features, so the
   * floors sit above that (bench/triage.ts: from 0.40 to 0.44 every corpus pair is found and no other; 0.38 adds a false pair, 0.45 misses one).
   */
  textFloor: 0.42,
  /** With the same submitter or respondent, a lower text similarity suffices. */
  partyFloor: 0.3,
  /** What the same submitter adds to the score; the same respondent adds half of it. */
  partyBonus: 0.2,
  /** At most this many are shown. */
  limit: 10,
};

export type DuplicateSettings = typeof DUPLICATE_SETTINGS;

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The same index for B given as a list of distinct items, `size` of which count (the others are
 * known not to be in A): a candidate's stored tokens are compared without building a set of them.
 */
export function jaccardOfList(a: ReadonlySet<string>, b: readonly string[], size: number): number {
  if (a.size === 0 && size === 0) return 0;
  let shared = 0;
  for (const x of b) if (a.has(x)) shared++;
  return shared / (a.size + size - shared);
}

/** A candidate with its text similarity to the case (jaccard or jaccardOfList) and what it shares. */
export type Candidate = { id: string; text: number; sameSubmitter: boolean; sameRespondent: boolean };
export type Duplicate = { id: string; score: number; text: number; sameSubmitter: boolean; sameRespondent: boolean };

/**
 * The candidates near enough to the case to be offered as duplicates, best first: text similarity
 * at least `textFloor`, or `partyFloor` with the same submitter or respondent; scored by the text
 * similarity plus the party bonus, at most 1.
 */
export function rankDuplicates(candidates: Candidate[], settings: DuplicateSettings = DUPLICATE_SETTINGS): Duplicate[] {
  const found: Duplicate[] = [];
  for (const c of candidates) {
    const text = c.text;
    const party = c.sameSubmitter || c.sameRespondent;
    if (text < settings.textFloor && !(party && text >= settings.partyFloor)) continue;
    const bonus = c.sameSubmitter ? settings.partyBonus : c.sameRespondent ? settings.partyBonus / 2 : 0;
    found.push({
      id: c.id,
      score: Math.min(1, Math.round((text + bonus) * 1000) / 1000),
      text: Math.round(text * 1000) / 1000,
      sameSubmitter: c.sameSubmitter,
      sameRespondent: c.sameRespondent,
    });
  }
  return found.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1)).slice(0, settings.limit);
}
