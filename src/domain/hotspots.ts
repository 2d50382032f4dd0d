/**
 * 热点 (issue 21): a series — complaints of one procedure about one business, in one category or
 * at one place — is rising when its count in the last few days is improbable under its own
 * baseline rate. Pure: the application gives daily counts; nothing here reads a clock or a database.
 *
 * The test is a one-sided Poisson tail: with λ = baseline rate × recent days, a hotspot is a recent
 * count k ≥ `minCount` with P(X ≥ k | λ) < `alpha`. The baseline rate has half a case added
 * (a series first seen this week has rate 0.5 / baselineDays, not 0), so a brand-new business
 * needs the minimum count and a real surprise, not just any first complaints.
 */
export type HotspotSettings = {
  /** Days counted as "recent" (the window that rises), ending today. */
  recentDays: number;
  /** Days before the recent window that make the series' own baseline. */
  baselineDays: number;
  /** No hotspot with fewer recent cases than this, however rare the series was. */
  minCount: number;
  /** The tail probability below which the recent count is a surprise. */
  alpha: number;
};

export const HOTSPOT_DEFAULTS: HotspotSettings = { recentDays: 2, baselineDays: 28, minCount: 5, alpha: 0.001 };

export type Dimension = 'respondent' | 'category' | 'place';
export type SeriesKey = { procedureId: string; dimension: Dimension; value: string };
export type Hotspot = SeriesKey & { recent: number; expected: number; ratio: number; pValue: number };

/** P(X ≥ k) for X ~ Poisson(λ), summed from the lower tail in log space (k stays small: tens). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/**
 * The hotspots among the series, given per series the number of cases in the recent window and in
 * the baseline window before it.
 */
export function detectHotspots(
  series: { key: SeriesKey; recent: number; baseline: number }[],
  settings: HotspotSettings = HOTSPOT_DEFAULTS,
): Hotspot[] {
  const found: Hotspot[] = [];
  for (const s of series) {
    if (s.recent < settings.minCount) continue;
    const rate = (s.baseline + 0.5) / settings.baselineDays;
    const expected = rate * settings.recentDays;
    const pValue = poissonTail(s.recent, expected);
    if (pValue < settings.alpha)
      found.push({ ...s.key, recent: s.recent, expected, ratio: s.recent / expected, pValue });
  }
  return found.sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
}

/**
 * The place a case is about, for the place series: a building (3栋, 12号楼, 5幢) in a property
 * case's flat, else the district or county (…区, …县) of an address; null when neither is written.
 */
export function placeOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const building = /([0-9]+|[一二三四五六七八九十]+)\s*(栋|号楼|幢|座)/.exec(text);
  if (building) return `${building[1]}${building[2]}`;
  const district = /([\u4e00-\u9fff]{1,6}?(?:区|县))/.exec(text);
  return district ? district[1] : null;
}
