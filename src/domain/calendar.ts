/**
 * The working-day calendar (SLA-1, RULES.md "Counting days"), pure: no I/O, no clock reads.
 * Dates are local calendar dates `YYYY-MM-DD` in the organisation's time zone; instants are Dates.
 */

export type CalendarData = {
  /** Identifies the data a deadline was computed with; changes whenever the days change. */
  version: string;
  source: string;
  /** Years whose days off and make-up days are known. */
  years: number[];
  /** Statutory and local days off (weekends inside a holiday period included), with their name. */
  offDays: Record<string, string>;
  /** Make-up working days (调休) on weekends, with the holiday they belong to. */
  workDays: Record<string, string>;
};

/** `same-day`: by 24:00 of the day the clock starts (S9 REP-2: the form is returned the day the work is done). */
export type ClockUnit = 'hours' | 'same-day' | 'natural-days' | 'working-days' | 'calendar-months';

export type DayKind =
  | { working: true; why: 'weekday' | 'make-up'; name?: string }
  | { working: false; why: 'weekend' | 'holiday'; name?: string };

export type Deadline = {
  dueAt: Date;
  /** Some day counted lies in a year the calendar has no data for: Monday–Friday was assumed. */
  provisional: boolean;
  calendarVersion: string;
  explanation: { 'zh-CN': string; en: string };
};

const DAY_MS = 86_400_000;
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Days since 1970-01-01 of a local date, and back: plain date arithmetic without time zones. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}
function weekday(date: string): number {
  return (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday
}

export class Calendar {
  readonly version: string;
  private readonly years: Set<number>;
  private readonly offsetCache = new Map<number, number>();
  private readonly partsFormat: Intl.DateTimeFormat;

  constructor(
    readonly data: CalendarData,
    readonly timeZone = 'Asia/Shanghai',
  ) {
    this.version = data.version;
    this.years = new Set(data.years);
    this.partsFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Whether the year's days off and make-up days are known. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** Why a day is or is not a working day. In an uncovered year only weekends are known. */
  dayKind(date: string): DayKind {
    const off = this.data.offDays[date];
    if (off !== undefined) return { working: false, why: 'holiday', name: off };
    const work = this.data.workDays[date];
    if (work !== undefined) return { working: true, why: 'make-up', name: work };
    const wd = weekday(date);
    return wd === 0 || wd === 6 ? { working: false, why: 'weekend' } : { working: true, why: 'weekday' };
  }

  isWorkingDay(date: string): boolean {
    return this.dayKind(date).working;
  }

  /** The local calendar date of an instant. */
  localDate(instant: Date): string {
    return new Date(instant.getTime() + this.offsetAt(instant.getTime())).toISOString().slice(0, 10);
  }

  /** The instant a local date begins (00:00). */
  startOfDay(date: string): Date {
    const utcMidnight = dayNumber(date) * DAY_MS;
    // The offset at local midnight; a second pass settles zones whose offset changes that day.
    let guess = utcMidnight - this.offsetAt(utcMidnight);
    guess = utcMidnight - this.offsetAt(guess);
    return new Date(guess);
  }

  /** 24:00 of a local date, i.e. the start of the next day: when a day-counted deadline ends. */
  endOfDay(date: string): Date {
    return this.startOfDay(addDays(date, 1));
  }

  /** The first working day on or after `date`. */
  nextWorkingDay(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /**
   * When a period of `length` units that starts with an event at `from` ends (RULES.md):
   * day 1 is the day after the event; working days skip days off and count make-up days;
   * natural days and calendar months that end on a day off move to the next working day;
   * day-counted deadlines end at 24:00; hours are counted as elapsed time.
   */
  deadline(from: Date, length: number, unit: ClockUnit): Deadline {
    if (unit === 'hours') {
      const dueAt = new Date(from.getTime() + length * 3_600_000);
      return {
        dueAt,
        provisional: false,
        calendarVersion: this.version,
        explanation: this.hoursText(from, dueAt, length),
      };
    }
    const start = this.localDate(from);
    if (unit === 'same-day') {
      const provisional = this.spansUncovered(start, start);
      return {
        dueAt: this.endOfDay(start),
        provisional,
        calendarVersion: this.version,
        explanation: { 'zh-CN': `${start} 24:00 截止 — 当日办结`, en: `due ${start} 24:00 — the same day` },
      };
    }
    let end: string;
    if (unit === 'working-days') {
      end = start;
      for (let counted = 0; counted < length; ) {
        end = addDays(end, 1);
        if (this.isWorkingDay(end)) counted++;
      }
    } else {
      const nominal = unit === 'natural-days' ? addDays(start, length) : addMonths(start, length);
      end = this.nextWorkingDay(nominal);
    }
    // The event day itself is not counted: only the days from day 1 on decide provisionality.
    const provisional = this.spansUncovered(addDays(start, 1), end);
    return {
      dueAt: this.endOfDay(end),
      provisional,
      calendarVersion: this.version,
      explanation: this.daysText(start, end, length, unit, provisional),
    };
  }

  /** Milliseconds of working days between two instants (for elapsed shares and pauses). */
  workingMsBetween(a: Date, b: Date): number {
    if (b <= a) return 0;
    let total = 0;
    for (let d = this.localDate(a); ; d = addDays(d, 1)) {
      const dayStart = this.startOfDay(d).getTime();
      if (dayStart >= b.getTime()) break;
      if (this.isWorkingDay(d)) {
        total += Math.max(0, Math.min(b.getTime(), this.endOfDay(d).getTime()) - Math.max(a.getTime(), dayStart));
      }
    }
    return total;
  }

  /** The instant at which `ms` of working time has passed after `from`. */
  addWorkingMs(from: Date, ms: number): Date {
    if (ms <= 0) return from;
    let left = ms;
    let at = from.getTime();
    for (let d = this.localDate(from); ; d = addDays(d, 1)) {
      const dayEnd = this.endOfDay(d).getTime();
      if (this.isWorkingDay(d)) {
        const available = dayEnd - Math.max(at, this.startOfDay(d).getTime());
        if (left <= available) return new Date(Math.max(at, this.startOfDay(d).getTime()) + left);
        left -= available;
      }
      at = dayEnd;
    }
  }

  /** Whether any day from `start` to `end` lies in a year without data. */
  spansUncovered(start: string, end: string): boolean {
    for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) if (!this.covers(y)) return true;
    return false;
  }

  private offsetAt(ms: number): number {
    // Zone offsets change only on whole minutes, so one lookup per minute is exact.
    const minute = Math.floor(ms / 60_000);
    const cached = this.offsetCache.get(minute);
    if (cached !== undefined) return cached;
    const parts = this.partsFormat.formatToParts(new Date(minute * 60_000));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    const offset = asUtc - minute * 60_000;
    if (this.offsetCache.size > 100_000) this.offsetCache.clear();
    this.offsetCache.set(minute, offset);
    return offset;
  }

  private hoursText(from: Date, dueAt: Date, hours: number) {
    const at = this.formatLocal(dueAt);
    const since = this.formatLocal(from);
    return { 'zh-CN': `${at} 截止 — 自 ${since} 起 ${hours} 小时`, en: `due ${at} — ${hours} hours from ${since}` };
  }

  private daysText(
    start: string,
    end: string,
    length: number,
    unit: Exclude<ClockUnit, 'hours' | 'same-day'>,
    provisional: boolean,
  ) {
    const unitZh = { 'working-days': '个工作日', 'natural-days': '日', 'calendar-months': '个月' }[unit];
    const unitEn = { 'working-days': 'working days', 'natural-days': 'days', 'calendar-months': 'calendar months' }[
      unit
    ];
    const { skippedZh, skippedEn, makeUpZh, makeUpEn } = this.describeRange(addDays(start, 1), end);
    let zh = `${end} 24:00 截止 — 自 ${start} 起 ${length} ${unitZh}`;
    let en = `due ${end} 24:00 — ${length} ${unitEn} from ${start}`;
    if (
      unit !== 'working-days' &&
      !this.isWorkingDay(unit === 'natural-days' ? addDays(start, length) : addMonths(start, length))
    ) {
      zh += `（期满日为休息日，顺延至 ${end}）`;
      en += ` (the last day fell on a day off and moved to ${end})`;
    }
    if (unit === 'working-days' && skippedZh.length) {
      zh += `，跳过 ${skippedZh.join('、')}`;
      en += `, skipping ${skippedEn.join(', ')}`;
    }
    if (unit === 'working-days' && makeUpZh.length) {
      zh += `；${makeUpZh.join('、')}为调休工作日`;
      en += `; ${makeUpEn.join(', ')} ${makeUpEn.length > 1 ? 'are make-up working days' : 'is a make-up working day'}`;
    }
    if (provisional) {
      zh += '；该年度节假日安排尚未公布，暂按周一至周五计算（临时）';
      en += "; the year's holidays are not yet published: counted Monday–Friday (provisional)";
    }
    return { 'zh-CN': zh, en };
  }

  /** Days off between two dates, in runs of the same name, and the make-up days among them. */
  private describeRange(from: string, to: string) {
    const skippedZh: string[] = [];
    const skippedEn: string[] = [];
    const makeUpZh: string[] = [];
    const makeUpEn: string[] = [];
    let run: { first: string; last: string; zh: string; en: string } | null = null;
    const flush = () => {
      if (!run) return;
      const span = run.first === run.last ? run.first.slice(5) : `${run.first.slice(5)}…${run.last.slice(5)}`;
      skippedZh.push(`${span} ${run.zh}`);
      skippedEn.push(run.first === run.last ? `${run.en} ${span}` : `${span} ${run.en}`);
      run = null;
    };
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const kind = this.dayKind(d);
      if (kind.working) {
        flush();
        if (kind.why === 'make-up') {
          makeUpZh.push(`${d.slice(5)}（${WEEKDAY_ZH[weekday(d)]}）`);
          makeUpEn.push(`${WEEKDAY_EN[weekday(d)]} ${d.slice(5)}`);
        }
        continue;
      }
      const [zh, en] =
        kind.why === 'holiday'
          ? (kind.name ?? '节假日 / Holiday').split(' / ')
          : [WEEKDAY_ZH[weekday(d)], WEEKDAY_EN[weekday(d)]];
      if (run && run.zh === zh && addDays(run.last, 1) === d) run.last = d;
      else {
        flush();
        run = { first: d, last: d, zh, en: en ?? zh };
      }
    }
    flush();
    return { skippedZh, skippedEn, makeUpZh, makeUpEn };
  }

  /** `2026-10-13 24:00` style: an instant at local midnight reads as 24:00 of the day before. */
  formatLocal(instant: Date): string {
    const local = new Date(instant.getTime() + this.offsetAt(instant.getTime())).toISOString();
    if (local.slice(11, 16) === '00:00') return `${addDays(local.slice(0, 10), -1)} 24:00`;
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  }
}

/** The same day `n` months later; a day the month lacks becomes its last day (Civil Code Art 202). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Adds days off and make-up days (a local closure, a new year's notice) on top of existing data. */
export function mergeCalendarData(
  base: CalendarData,
  extra: { years: number[]; offDays: Record<string, string>; workDays: Record<string, string>; version: string },
): CalendarData {
  const offDays = { ...base.offDays };
  const workDays = { ...base.workDays };
  for (const [d, name] of Object.entries(extra.offDays)) {
    offDays[d] = name;
    delete workDays[d];
  }
  for (const [d, name] of Object.entries(extra.workDays)) {
    workDays[d] = name;
    delete offDays[d];
  }
  return {
    version: extra.version,
    source: `${base.source}; local additions`,
    years: [...new Set([...base.years, ...extra.years])].sort((a, b) => a - b),
    offDays,
    workDays,
  };
}
