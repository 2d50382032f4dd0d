import { z } from 'zod';
import type { Calendar } from './calendar.ts';
import { dayNumber } from './calendar.ts';
import type { TLabel } from './labels.ts';

/**
 * Pure parts of the statistics (STA-1): percentiles, working-day durations, rates. No I/O.
 */

/** A share rounded to four places, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Handling time in working days (RULES.md counting: day 1 is the day after receipt): the working
 * days after the local day of receipt up to and including the local day of closing. A case closed
 * on the day it arrived took 0. Computed with one prefix sum over the days spanned, so 40k cases
 * cost one calendar lookup per day, not per case.
 */
export function workingDayDurations(calendar: Calendar, spans: { received_at: string; closed_at: string }[]): number[] {
  if (spans.length === 0) return [];
  // Zone offsets are whole quarter hours and change on quarter hours: the local day is constant
  // within each UTC quarter hour, so one calendar lookup per quarter hour serves every case in it.
  const quarter = new Map<number, number>();
  const localDay = (iso: string) => {
    const q = Math.floor(Date.parse(iso) / 900_000);
    let d = quarter.get(q);
    if (d === undefined) {
      d = dayNumber(calendar.localDate(new Date(q * 900_000)));
      quarter.set(q, d);
    }
    return d;
  };
  const pairs = spans.map((s) => [localDay(s.received_at), localDay(s.closed_at)] as const);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, b] of pairs) {
    lo = Math.min(lo, a, b);
    hi = Math.max(hi, a, b);
  }
  // cumulative[i]: working days among lo..lo+i
  const cumulative = new Int32Array(hi - lo + 1);
  let running = 0;
  for (let d = lo; d <= hi; d++) {
    if (calendar.isWorkingDay(new Date(d * 86_400_000).toISOString().slice(0, 10))) running++;
    cumulative[d - lo] = running;
  }
  return pairs.map(([a, b]) => (b <= a ? 0 : cumulative[b - lo] - cumulative[a - lo]));
}

/**
 * Issue 25: `workingDayDurations` from counted pairs of local days (received, closed), as the
 * statistics' rollup keeps them: duration → number of cases. Same counting, so the same figures.
 */
export function workingDayHistogram(
  calendar: Calendar,
  pairs: { day: string; closed_day: string; n: number }[],
): Map<number, number> {
  const out = new Map<number, number>();
  if (pairs.length === 0) return out;
  const numbered = pairs.map((p) => [dayNumber(p.day), dayNumber(p.closed_day), p.n] as const);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, b] of numbered) {
    lo = Math.min(lo, a, b);
    hi = Math.max(hi, a, b);
  }
  const cumulative = new Int32Array(hi - lo + 1);
  let running = 0;
  for (let d = lo; d <= hi; d++) {
    if (calendar.isWorkingDay(new Date(d * 86_400_000).toISOString().slice(0, 10))) running++;
    cumulative[d - lo] = running;
  }
  for (const [a, b, n] of numbered) {
    const days = b <= a ? 0 : cumulative[b - lo] - cumulative[a - lo];
    out.set(days, (out.get(days) ?? 0) + n);
  }
  return out;
}

/**
 * Nearest-rank percentile (p in 0..100) of the values a histogram (value → how many) holds, as of
 * the sorted list of those values; null for none.
 */
export function histogramPercentile(histogram: Map<number, number>, p: number): number | null {
  const sorted = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [value, n] of sorted) {
    seen += n;
    if (seen >= rank) return value;
  }
  return null;
}

/** The local month (`YYYY-MM`) of each UTC hour bucket `YYYY-MM-DDTHH`. */
export function monthOfHour(calendar: Calendar, hour: string): string {
  return calendar.localDate(new Date(`${hour}:00:00.000Z`)).slice(0, 7);
}

/** A breakdown entry: a key (an id), its label where known, and the count. */
export type TCount = { key: string; label: TLabel; count: number };

export const ZStatsQuery = z
  .object({
    from: z.iso.date().describe('first local day received (inclusive)'),
    to: z.iso.date().describe('last local day received (inclusive)'),
    unit: z
      .string()
      .regex(/^[0-9A-Z]{26}$/, 'an org unit id')
      .optional(),
    procedure: z.string().max(100).optional(),
    format: z.enum(['json', 'xlsx']).default('json'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['to'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) <= 3 * 366, {
    message: '期间最长三年 / at most three years',
    path: ['to'],
  });

/** `YYYY-MM` → its first and last local day. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${month}-01`, to: last };
}

/**
 * The local dates a month's report covers (issue 17, S9 二.4): the calendar month, or — with the
 * report day D — from D of the month before to the day before D of this month (inclusive), so the
 * report made on D of the month covers everything since the last one.
 */
export function reportPeriod(
  month: string,
  period: 'to-report-day' | 'calendar-month',
  day: number,
): { from: string; to: string } {
  if (period === 'calendar-month') return monthRange(month);
  const [y, m] = month.split('-').map(Number);
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: date(Date.UTC(y, m - 2, day)), to: date(Date.UTC(y, m - 1, day - 1)) };
}

/** The month before the one containing the local date. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().slice(0, 7);
}
