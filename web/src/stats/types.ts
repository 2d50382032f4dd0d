import type { Answer } from '../api/answers.ts';

// Issue 15: aliases of the types generated from docs/openapi.json (src/api/schema.d.ts).
/**
 * GET /api/v1/stats (src/app/stats.ts computeStats), as a stored report may also hold it: one
 * stored before issue 17 has no `suggestions`, so the screens take the report's looser shape.
 */
export type Stats = Answer<'getReport'>['stats'];
export type Count = Stats['byKind'][number];

export type ReportSummary = Answer<'listReports'>['items'][number];
export type Report = Answer<'getReport'>;
export type ReportSection = Report['extra']['sections'][number];

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

/** The first and last local day of a `YYYY-MM` month. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
