import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  Calendar,
  dayNumber,
  mergeCalendarData,
  type CalendarData,
  type ClockUnit,
} from './calendar.ts';

/**
 * SLA-1 and RULES.md "Counting days": the working-day calendar. Every expected date below was
 * counted by hand from the State Council notices (国办发明电) for 2025 and 2026, not from the code.
 */

const DATA: CalendarData = JSON.parse(readFileSync(new URL('./calendar-data/cn.json', import.meta.url), 'utf8'));
const cal = new Calendar(DATA, 'Asia/Shanghai');

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** An instant given as Shanghai wall time, `2026-09-30 10:00`. */
function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
/** `YYYY-MM-DD 24:00` Shanghai as an ISO instant: 16:00Z of the same date (UTC+8, no DST). */
function at24(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 16)).toISOString();
}
/** The local date a day-counted deadline ends on: the date of the last millisecond before dueAt. */
function dueDate(c: Calendar, dueAt: Date): string {
  return c.localDate(new Date(dueAt.getTime() - 1));
}
function* dates(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

// ------------------------------------------------------------------ the data itself

describe('SLA-1 built-in data: the official 2025 and 2026 arrangements (RULES.md "Counting days")', () => {
  it('covers 2004–2026 and not 2027', () => {
    expect(cal.covers(2025)).toBe(true);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.coveredYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it("2026's make-up working days are exactly Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10", () => {
    const makeUp2026 = Object.keys(DATA.workDays)
      .filter((d) => d.startsWith('2026-'))
      .sort();
    expect(makeUp2026).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of makeUp2026) {
      const kind = cal.dayKind(d);
      expect(kind).toMatchObject({ working: true, why: 'make-up' });
      expect(cal.isWorkingDay(d)).toBe(true);
    }
    expect(cal.dayKind('2026-10-10').name).toContain('国庆节');
    expect(cal.dayKind('2026-09-20').name).toContain('国庆节');
    expect(cal.dayKind('2026-02-14').name).toContain('春节');
  });

  const offRanges: [string, string, string, string][] = [
    // [first, last, name, what]
    ['2025-01-28', '2025-02-04', '春节', 'Spring Festival 2025: Jan 28 – Feb 4'],
    ['2025-10-01', '2025-10-05', '国庆节', 'National Day 2025: Oct 1–5'],
    ['2025-10-06', '2025-10-06', '中秋', 'Mid-autumn 2025 inside the National Day week: Oct 6'],
    ['2025-10-07', '2025-10-08', '国庆节', 'National Day 2025: Oct 7–8'],
    ['2026-01-01', '2026-01-03', '元旦', "New Year's Day 2026: Jan 1–3"],
    ['2026-02-15', '2026-02-23', '春节', 'Spring Festival 2026: Feb 15–23 (nine days)'],
    ['2026-04-04', '2026-04-06', '清明', 'Tomb-sweeping 2026: Apr 4–6'],
    ['2026-05-01', '2026-05-05', '劳动节', 'Labour Day 2026: May 1–5'],
    ['2026-06-19', '2026-06-21', '端午', 'Dragon Boat 2026: Jun 19–21'],
    ['2026-09-25', '2026-09-27', '中秋', 'Mid-autumn 2026: Sep 25–27'],
    ['2026-10-01', '2026-10-07', '国庆节', 'National Day 2026: Oct 1–7'],
  ];
  it.each(offRanges)('%s … %s are statutory days off (%s) — %s', (first, last, name) => {
    for (const d of dates(first, last)) {
      expect(cal.isWorkingDay(d), d).toBe(false);
      expect(cal.dayKind(d), d).toMatchObject({ working: false, why: 'holiday' });
      expect(cal.dayKind(d).name, d).toContain(name);
    }
  });

  const kinds: [string, boolean, string][] = [
    ['2025-01-26', true, 'make-up'], // Sunday worked for the Spring Festival 2025
    ['2025-02-08', true, 'make-up'], // Saturday worked for the Spring Festival 2025
    ['2025-09-28', true, 'make-up'], // Sunday worked for National Day 2025
    ['2025-10-11', true, 'make-up'], // Saturday worked for National Day 2025
    ['2025-10-09', true, 'weekday'], // Thursday after the 2025 holiday week
    ['2025-10-12', false, 'weekend'], // the Sunday after the make-up Saturday stays a day off
    ['2026-02-24', true, 'weekday'], // first working day after the 2026 Spring Festival
    ['2026-03-01', false, 'weekend'], // the Sunday after make-up Saturday Feb 28
    ['2026-10-08', true, 'weekday'],
    ['2026-10-11', false, 'weekend'],
    ['2026-11-28', false, 'weekend'],
    ['2026-11-30', true, 'weekday'],
  ];
  it.each(kinds)('%s: working %s (%s)', (date, working, why) => {
    expect(cal.isWorkingDay(date)).toBe(working);
    expect(cal.dayKind(date).why).toBe(why);
  });

  it('an uncovered year knows only weekends: 2027-01-01 (a Friday) reads as a plain weekday', () => {
    expect(cal.dayKind('2027-01-01')).toEqual({ working: true, why: 'weekday' });
    expect(cal.dayKind('2027-01-02')).toEqual({ working: false, why: 'weekend' });
  });
});

// ------------------------------------------------------------------ deadlines by hand

type Row = { what: string; from: string; n: number; unit: ClockUnit; due: string };

describe('SLA-1 working days: day 1 is the day after the event (Civil Code Art 201), days off skipped, 调休 counted', () => {
  const rows: Row[] = [
    {
      what: '5 from Wed 2026-09-30: Oct 8, 9, 10 (make-up Sat), 12, 13',
      from: '2026-09-30 10:00',
      n: 5,
      unit: 'working-days',
      due: '2026-10-13',
    },
    {
      what: '1 from Wed 2026-09-30: the holiday week is skipped to Thu Oct 8',
      from: '2026-09-30 23:59',
      n: 1,
      unit: 'working-days',
      due: '2026-10-08',
    },
    {
      what: '3 from Sat 2026-10-03 inside the holiday: Oct 8, 9, 10 (make-up)',
      from: '2026-10-03 12:00',
      n: 3,
      unit: 'working-days',
      due: '2026-10-10',
    },
    {
      what: '1 from Fri 2026-10-09: the make-up Saturday Oct 10 is day 1',
      from: '2026-10-09 16:00',
      n: 1,
      unit: 'working-days',
      due: '2026-10-10',
    },
    {
      what: '1 from the make-up Saturday 2026-10-10: Sunday off, Mon Oct 12',
      from: '2026-10-10 09:00',
      n: 1,
      unit: 'working-days',
      due: '2026-10-12',
    },
    {
      what: '1 from Sat 2026-09-19: the make-up Sunday Sep 20 is day 1',
      from: '2026-09-19 09:00',
      n: 1,
      unit: 'working-days',
      due: '2026-09-20',
    },
    {
      what: '7 from Fri 2026-09-18: Sep 20 (make-up), 21–24, skip 中秋 25–27, 28, 29',
      from: '2026-09-18 09:00',
      n: 7,
      unit: 'working-days',
      due: '2026-09-29',
    },
    {
      what: '5 from Thu 2026-02-12: Feb 13, 14 (make-up), skip 春节 15–23, 24, 25, 26',
      from: '2026-02-12 09:00',
      n: 5,
      unit: 'working-days',
      due: '2026-02-26',
    },
    {
      what: '5 from 2026-02-18 inside 春节: Feb 24, 25, 26, 27, 28 (make-up)',
      from: '2026-02-18 09:00',
      n: 5,
      unit: 'working-days',
      due: '2026-02-28',
    },
    {
      what: '2 from Wed 2025-12-31: skip 元旦 Jan 1–3, Jan 4 (make-up Sun), Jan 5',
      from: '2025-12-31 09:00',
      n: 2,
      unit: 'working-days',
      due: '2026-01-05',
    },
    {
      what: '3 from Thu 2026-04-30: skip 劳动节 May 1–5, May 6, 7, 8',
      from: '2026-04-30 09:00',
      n: 3,
      unit: 'working-days',
      due: '2026-05-08',
    },
    {
      what: '6 from Thu 2026-04-30: … May 9 (make-up Sat), 11, 12',
      from: '2026-04-30 09:00',
      n: 6,
      unit: 'working-days',
      due: '2026-05-12',
    },
    {
      what: '3 from Fri 2025-09-26: Sat 27 off, Sep 28 (make-up Sun), 29, 30',
      from: '2025-09-26 09:00',
      n: 3,
      unit: 'working-days',
      due: '2025-09-30',
    },
    {
      what: '5 from Tue 2025-09-30: skip Oct 1–8, Oct 9, 10, 11 (make-up Sat), 13, 14',
      from: '2025-09-30 09:00',
      n: 5,
      unit: 'working-days',
      due: '2025-10-14',
    },
    {
      what: '3 from Fri 2025-01-24: Jan 26 (make-up Sun), 27, skip 春节 Jan 28–Feb 4, Feb 5',
      from: '2025-01-24 09:00',
      n: 3,
      unit: 'working-days',
      due: '2025-02-05',
    },
    {
      what: '4 from 2025-01-30 inside 春节: Feb 5, 6, 7, 8 (make-up Sat)',
      from: '2025-01-30 09:00',
      n: 4,
      unit: 'working-days',
      due: '2025-02-08',
    },
    {
      what: 'MS-2 7 from Mon 2026-11-30: Dec 1–4, 7–9',
      from: '2026-11-30 10:00',
      n: 7,
      unit: 'working-days',
      due: '2026-12-09',
    },
  ];
  it.each(rows)('$what → due $due 24:00', ({ from, n, unit, due }) => {
    const d = cal.deadline(sh(from), n, unit);
    expect(d.dueAt.toISOString()).toBe(at24(due));
    expect(d.provisional).toBe(false);
    expect(d.calendarVersion).toBe(DATA.version);
    expect(d.explanation['zh-CN']).toContain(`${due} 24:00`);
    expect(d.explanation.en).toContain(`due ${due} 24:00`);
  });

  it('5 working days from 2026-09-30 end 2026-10-13 24:00 = 2026-10-13T16:00Z, and the explanation names 国庆节 and the make-up day 10-10', () => {
    const d = cal.deadline(sh('2026-09-30 10:00'), 5, 'working-days');
    expect(d.dueAt.toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(d.explanation['zh-CN']).toContain('自 2026-09-30 起 5 个工作日');
    expect(d.explanation['zh-CN']).toContain('10-01…10-07 国庆节');
    expect(d.explanation['zh-CN']).toContain('10-10（周六）为调休工作日');
    expect(d.explanation['zh-CN']).toContain('10-11 周日');
    expect(d.explanation.en).toContain('National Day');
    expect(d.explanation.en).toContain('Saturday 10-10 is a make-up working day');
    expect(d.explanation['zh-CN']).not.toContain('临时');
  });

  it('the 2025 National Day explanation names the Mid-autumn day inside the week and the make-up Saturday 10-11', () => {
    const d = cal.deadline(sh('2025-09-30 09:00'), 5, 'working-days');
    expect(d.explanation['zh-CN']).toContain('10-06 中秋');
    expect(d.explanation['zh-CN']).toContain('10-11（周六）为调休工作日');
  });

  it('the hour of the event does not matter: 00:00 and 23:59 on the same day give the same deadline (Art 201)', () => {
    const early = cal.deadline(sh('2026-09-30 00:00'), 5, 'working-days');
    const late = cal.deadline(sh('2026-09-30 23:59'), 5, 'working-days');
    expect(early.dueAt).toEqual(late.dueAt);
  });
});

describe('SLA-1 natural days: a period ending on a day off moves to the next working day (Civil Code Art 203)', () => {
  const rows: Row[] = [
    {
      what: '7 from 2026-09-24 end on Oct 1 (国庆节) → Oct 8',
      from: '2026-09-24 10:00',
      n: 7,
      unit: 'natural-days',
      due: '2026-10-08',
    },
    {
      what: 'XF-1 15 from 2026-09-16 end on Oct 1 → Oct 8',
      from: '2026-09-16 10:00',
      n: 15,
      unit: 'natural-days',
      due: '2026-10-08',
    },
    {
      what: '7 from 2026-09-23 end on Wed Sep 30, a working day: stays',
      from: '2026-09-23 10:00',
      n: 7,
      unit: 'natural-days',
      due: '2026-09-30',
    },
    {
      what: 'WB-1 7 from 2025-09-24 end on Oct 1 (2025: off until Oct 8) → Thu Oct 9',
      from: '2025-09-24 10:00',
      n: 7,
      unit: 'natural-days',
      due: '2025-10-09',
    },
    {
      what: '5 from 2026-02-10 end on Feb 15 (春节) → Tue Feb 24',
      from: '2026-02-10 10:00',
      n: 5,
      unit: 'natural-days',
      due: '2026-02-24',
    },
    {
      what: '7 from 2026-02-07 end on Sat Feb 14, a make-up working day: stays',
      from: '2026-02-07 10:00',
      n: 7,
      unit: 'natural-days',
      due: '2026-02-14',
    },
    {
      what: '2 from 2026-09-18 end on Sun Sep 20, a make-up working day: stays',
      from: '2026-09-18 10:00',
      n: 2,
      unit: 'natural-days',
      due: '2026-09-20',
    },
    {
      what: '1 from Fri 2026-11-20 ends on Sat Nov 21 → Mon Nov 23',
      from: '2026-11-20 10:00',
      n: 1,
      unit: 'natural-days',
      due: '2026-11-23',
    },
    {
      what: 'MS-6 60 from 2026-08-02 end on Thu Oct 1 → Oct 8',
      from: '2026-08-02 10:00',
      n: 60,
      unit: 'natural-days',
      due: '2026-10-08',
    },
  ];
  it.each(rows)('$what', ({ from, n, unit, due }) => {
    const d = cal.deadline(sh(from), n, unit);
    expect(d.dueAt.toISOString()).toBe(at24(due));
    expect(d.provisional).toBe(false);
  });

  it('the explanation says the last day fell on a day off and moved', () => {
    const d = cal.deadline(sh('2026-09-24 10:00'), 7, 'natural-days');
    expect(d.explanation['zh-CN']).toContain('期满日为休息日，顺延至 2026-10-08');
    expect(d.explanation.en).toContain('moved to 2026-10-08');
    const stays = cal.deadline(sh('2026-09-23 10:00'), 7, 'natural-days');
    expect(stays.explanation['zh-CN']).not.toContain('顺延');
  });
});

describe('SLA-1 calendar months: the corresponding day, else the month end (Civil Code Art 202), moved off days off (Art 203)', () => {
  const rows: Row[] = [
    {
      what: '2026-01-31 + 1 → Feb 28, a make-up Saturday: stays',
      from: '2026-01-31 10:00',
      n: 1,
      unit: 'calendar-months',
      due: '2026-02-28',
    },
    {
      what: '2026-03-31 + 1 → Apr 30 (Thu)',
      from: '2026-03-31 10:00',
      n: 1,
      unit: 'calendar-months',
      due: '2026-04-30',
    },
    {
      what: '2026-04-30 + 1 → Sat May 30 → Mon Jun 1',
      from: '2026-04-30 10:00',
      n: 1,
      unit: 'calendar-months',
      due: '2026-06-01',
    },
    {
      what: '2024-01-31 + 1 → Feb 29 in a leap year (Thu)',
      from: '2024-01-31 10:00',
      n: 1,
      unit: 'calendar-months',
      due: '2024-02-29',
    },
    {
      what: '2026-09-05 + 1 → Oct 5 (国庆节) → Oct 8',
      from: '2026-09-05 10:00',
      n: 1,
      unit: 'calendar-months',
      due: '2026-10-08',
    },
    {
      what: 'WB-2 3 from 2026-01-04 → Apr 4 (清明, Sat), 5, 6 off → Tue Apr 7',
      from: '2026-01-04 10:00',
      n: 3,
      unit: 'calendar-months',
      due: '2026-04-07',
    },
    {
      what: 'WB-2 3 from 2026-07-01 → Oct 1 → Oct 8',
      from: '2026-07-01 10:00',
      n: 3,
      unit: 'calendar-months',
      due: '2026-10-08',
    },
    {
      what: 'WB-2 3 from 2026-05-15 → Sat Aug 15 → Mon Aug 17 (months, not 90 days)',
      from: '2026-05-15 10:00',
      n: 3,
      unit: 'calendar-months',
      due: '2026-08-17',
    },
  ];
  it.each(rows)('$what', ({ from, n, unit, due }) => {
    const d = cal.deadline(sh(from), n, unit);
    expect(d.dueAt.toISOString()).toBe(at24(due));
    expect(d.provisional).toBe(false);
  });

  it('addMonths keeps the day or takes the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
  });
});

describe('SLA-1 hours: elapsed time, never moved, never provisional (RULES.md: "unless the procedure counts hours")', () => {
  it('SLA-5 24 hours run through the National Day holiday as plain elapsed time', () => {
    const from = new Date('2026-09-30T10:00:00.000Z');
    const d = cal.deadline(from, 24, 'hours');
    expect(d.dueAt.toISOString()).toBe('2026-10-01T10:00:00.000Z');
    expect(d.dueAt.getTime() - from.getTime()).toBe(24 * HOUR);
    expect(d.provisional).toBe(false);
    expect(d.explanation['zh-CN']).toBe('2026-10-01 18:00 截止 — 自 2026-09-30 18:00 起 24 小时');
    expect(d.explanation.en).toBe('due 2026-10-01 18:00 — 24 hours from 2026-09-30 18:00');
  });

  it('across local midnight: 23:30 + 1 hour is 00:30 of the next day', () => {
    const d = cal.deadline(sh('2026-11-29 23:30'), 1, 'hours');
    expect(d.dueAt.toISOString()).toBe('2026-11-29T16:30:00.000Z');
    expect(cal.formatLocal(d.dueAt)).toBe('2026-11-30 00:30');
  });

  it('hours ending at local midnight read as 24:00 of the day before', () => {
    const d = cal.deadline(sh('2026-11-28 00:00'), 48, 'hours');
    expect(cal.formatLocal(d.dueAt)).toBe('2026-11-29 24:00');
  });

  it('hours in a year without data are not provisional: the calendar is not consulted', () => {
    const d = cal.deadline(sh('2027-01-01 09:00'), 72, 'hours');
    expect(d.dueAt.toISOString()).toBe(sh('2027-01-04 09:00').toISOString());
    expect(d.provisional).toBe(false);
  });
});

// ------------------------------------------------------------------ time zone

describe('RULES.md: deadlines end at 24:00 Asia/Shanghai — local dates, not UTC dates', () => {
  it('an event at 2026-11-28T17:00Z is already 2026-11-29 in Shanghai, and counting starts from that date', () => {
    const event = new Date('2026-11-28T17:00:00Z');
    expect(cal.localDate(event)).toBe('2026-11-29');
    // 2 natural days from Sun Nov 29 → Tue Dec 1 (from the UTC date Nov 28 it would be Mon Nov 30).
    const d = cal.deadline(event, 2, 'natural-days');
    expect(d.dueAt.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(d.explanation['zh-CN']).toContain('自 2026-11-29 起');
    // 1 working day from Sun Nov 29 is Mon Nov 30.
    expect(cal.deadline(event, 1, 'working-days').dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // In UTC the same instant is still Nov 28.
    expect(new Calendar(DATA, 'UTC').localDate(event)).toBe('2026-11-28');
  });

  it('an event at 2026-11-29T17:00Z (Mon Nov 30, 01:00 in Shanghai): 1 working day is Tue Dec 1, not Mon Nov 30', () => {
    const d = cal.deadline(new Date('2026-11-29T17:00:00Z'), 1, 'working-days');
    expect(d.dueAt.toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('startOfDay / endOfDay are local 00:00 and 24:00', () => {
    expect(cal.startOfDay('2026-10-13').toISOString()).toBe('2026-10-12T16:00:00.000Z');
    expect(cal.endOfDay('2026-10-13').toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(cal.endOfDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(cal.localDate(new Date('2026-10-13T15:59:59.999Z'))).toBe('2026-10-13');
    expect(cal.localDate(new Date('2026-10-13T16:00:00.000Z'))).toBe('2026-10-14');
  });

  it('formatLocal shows YYYY-MM-DD 24:00 for a local midnight and HH:MM otherwise', () => {
    expect(cal.formatLocal(new Date('2026-10-13T16:00:00.000Z'))).toBe('2026-10-13 24:00');
    expect(cal.formatLocal(new Date('2026-12-31T16:00:00.000Z'))).toBe('2026-12-31 24:00');
    expect(cal.formatLocal(new Date('2026-10-13T16:01:00.000Z'))).toBe('2026-10-14 00:01');
    expect(cal.formatLocal(new Date('2026-10-13T02:00:00.000Z'))).toBe('2026-10-13 10:00');
  });

  it('property: localDate ∘ startOfDay is the identity, a local day is 24 hours, every instant lies inside its local day', () => {
    const day = fc.integer({ min: dayNumber('2005-01-01'), max: dayNumber('2030-12-31') });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: DAY - 1 }), (n, ms) => {
        const date = new Date(n * DAY).toISOString().slice(0, 10);
        const start = cal.startOfDay(date);
        const end = cal.endOfDay(date);
        expect(cal.localDate(start)).toBe(date);
        expect(cal.localDate(new Date(end.getTime() - 1))).toBe(date);
        expect(end.getTime() - start.getTime()).toBe(DAY);
        const [y, m, d] = date.split('-').map(Number);
        expect(start.getTime()).toBe(Date.UTC(y, m - 1, d) - 8 * HOUR);
        const instant = new Date(start.getTime() + ms);
        expect(cal.localDate(instant)).toBe(date);
        expect(cal.startOfDay(cal.localDate(instant)).getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(cal.endOfDay(cal.localDate(instant)).getTime()).toBeGreaterThan(instant.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ years without data

const Y2027 = {
  years: [2027],
  offDays: { '2027-01-01': "元旦 / New Year's Day" },
  workDays: {},
  version: 'cn-2004-2027-test',
};

describe('RULES.md: a year without data gives a provisional deadline, never a silent Monday–Friday count', () => {
  it('covers(2026) is true and covers(2027) false', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });

  it('5 working days from Mon 2026-12-28 run into 2027: Dec 29, 30, 31, Jan 1 (assumed), Jan 4 — provisional, and the explanation says so', () => {
    const d = cal.deadline(sh('2026-12-28 10:00'), 5, 'working-days');
    expect(d.dueAt.toISOString()).toBe(at24('2027-01-04'));
    expect(d.provisional).toBe(true);
    expect(d.calendarVersion).toBe(DATA.version);
    expect(d.explanation['zh-CN']).toContain('临时');
    expect(d.explanation['zh-CN']).toContain('尚未公布');
    expect(d.explanation.en).toContain('provisional');
  });

  it('3 working days from Mon 2026-12-28 end Dec 31 inside 2026: not provisional', () => {
    const d = cal.deadline(sh('2026-12-28 10:00'), 3, 'working-days');
    expect(d.dueAt.toISOString()).toBe(at24('2026-12-31'));
    expect(d.provisional).toBe(false);
    expect(d.explanation['zh-CN']).not.toContain('临时');
    expect(d.explanation.en).not.toContain('provisional');
  });

  it('natural days and calendar months running into 2027 are provisional too', () => {
    // 14 days from 2026-12-20 end on Sun 2027-01-03 → Mon Jan 4 (weekends only known).
    const natural = cal.deadline(sh('2026-12-20 10:00'), 14, 'natural-days');
    expect(natural.dueAt.toISOString()).toBe(at24('2027-01-04'));
    expect(natural.provisional).toBe(true);
    // WB-2: 3 months from 2026-11-30 end on Sun 2027-02-28 → Mon Mar 1.
    const months = cal.deadline(sh('2026-11-30 10:00'), 3, 'calendar-months');
    expect(months.dueAt.toISOString()).toBe(at24('2027-03-01'));
    expect(months.provisional).toBe(true);
    expect(months.explanation.en).toContain('provisional');
  });

  it("mergeCalendarData adding 2027's days covers 2027, changes the version and moves the deadline (Jan 1 off: Dec 29, 30, 31, Jan 4, Jan 5)", () => {
    const merged = new Calendar(mergeCalendarData(DATA, Y2027), 'Asia/Shanghai');
    expect(merged.covers(2027)).toBe(true);
    expect(merged.covers(2026)).toBe(true);
    expect(merged.version).toBe('cn-2004-2027-test');
    expect(merged.version).not.toBe(cal.version);
    const d = merged.deadline(sh('2026-12-28 10:00'), 5, 'working-days');
    expect(d.dueAt.toISOString()).toBe(at24('2027-01-05'));
    expect(d.provisional).toBe(false);
    expect(d.calendarVersion).toBe('cn-2004-2027-test');
    expect(d.explanation['zh-CN']).toContain('01-01 元旦');
    expect(d.explanation['zh-CN']).not.toContain('临时');
    // The built-in data is not changed by the merge.
    expect(DATA.offDays['2027-01-01']).toBeUndefined();
    expect(cal.covers(2027)).toBe(false);
  });

  it('a company closure on a weekday (local day off) is skipped: 3 working days from Mon 2026-11-30 with Thu Dec 3 closed end Fri Dec 4', () => {
    const closure = mergeCalendarData(DATA, {
      years: [],
      offDays: { '2026-12-03': '公司停业 / Company closure' },
      workDays: {},
      version: 'closure-1',
    });
    const local = new Calendar(closure, 'Asia/Shanghai');
    expect(local.isWorkingDay('2026-12-03')).toBe(false);
    expect(local.coveredYears()).toEqual(cal.coveredYears());
    expect(cal.deadline(sh('2026-11-30 10:00'), 3, 'working-days').dueAt.toISOString()).toBe(at24('2026-12-03'));
    const d = local.deadline(sh('2026-11-30 10:00'), 3, 'working-days');
    expect(d.dueAt.toISOString()).toBe(at24('2026-12-04'));
    expect(d.calendarVersion).toBe('closure-1');
    expect(d.explanation['zh-CN']).toContain('12-03 公司停业');
    expect(d.explanation.en).toContain('Company closure 12-03');
  });

  it('a local day off named only in Chinese still explains itself', () => {
    const local = new Calendar(
      mergeCalendarData(DATA, { years: [], offDays: { '2026-12-03': '公司停业' }, workDays: {}, version: 'closure-2' }),
    );
    const d = local.deadline(sh('2026-11-30 10:00'), 3, 'working-days');
    expect(d.explanation['zh-CN']).toContain('12-03 公司停业');
    expect(d.explanation.en).toContain('公司停业 12-03');
  });

  it('a merged day replaces the other kind: a closure on a make-up Saturday is off, a worked weekday off becomes working', () => {
    const merged = mergeCalendarData(DATA, {
      years: [],
      version: 'swap',
      offDays: { '2026-10-10': '公司停业 / Company closure' },
      workDays: { '2026-10-07': '值班 / On duty' },
    });
    expect(merged.workDays['2026-10-10']).toBeUndefined();
    expect(merged.offDays['2026-10-07']).toBeUndefined();
    const c = new Calendar(merged);
    expect(c.isWorkingDay('2026-10-10')).toBe(false);
    expect(c.dayKind('2026-10-07')).toEqual({ working: true, why: 'make-up', name: '值班 / On duty' });
  });
});

// ------------------------------------------------------------------ working time

describe('working time (pauses and shares): only working days count, each 24 hours', () => {
  it('from Fri 15:00 to Mon 09:00 is 9 + 9 hours: the weekend does not count', () => {
    expect(cal.workingMsBetween(sh('2026-12-04 15:00'), sh('2026-12-07 09:00'))).toBe(18 * HOUR);
  });

  it('across the 2026 National Day week: Sep 30 12:00 → Oct 8 12:00 is 24 hours', () => {
    expect(cal.workingMsBetween(sh('2026-09-30 12:00'), sh('2026-10-08 12:00'))).toBe(24 * HOUR);
  });

  it('a make-up Saturday counts: Fri Oct 9 00:00 → Mon Oct 12 00:00 is 48 hours', () => {
    expect(cal.workingMsBetween(sh('2026-10-09 00:00'), sh('2026-10-12 00:00'))).toBe(48 * HOUR);
  });

  it('nothing when b is not after a', () => {
    expect(cal.workingMsBetween(sh('2026-12-07 09:00'), sh('2026-12-04 15:00'))).toBe(0);
    expect(cal.workingMsBetween(sh('2026-12-07 09:00'), sh('2026-12-07 09:00'))).toBe(0);
  });

  it('addWorkingMs skips days off: Fri 15:00 + 9 h = Fri 24:00, + 10 h = Mon 01:00', () => {
    expect(cal.addWorkingMs(sh('2026-12-04 15:00'), 9 * HOUR).toISOString()).toBe(at24('2026-12-04'));
    expect(cal.addWorkingMs(sh('2026-12-04 15:00'), 10 * HOUR).toISOString()).toBe(
      sh('2026-12-07 01:00').toISOString(),
    );
    expect(cal.addWorkingMs(sh('2026-09-30 12:00'), 24 * HOUR).toISOString()).toBe(
      sh('2026-10-08 12:00').toISOString(),
    );
  });

  it('addWorkingMs of 0 ms is the starting instant itself, also on a day off (Sat 10:00 + 0 = Sat 10:00)', () => {
    // "The instant at which `ms` of working time has passed after `from`": at `from`, 0 ms have passed.
    expect(cal.addWorkingMs(sh('2026-12-05 10:00'), 0).toISOString()).toBe(sh('2026-12-05 10:00').toISOString());
  });
});

// ------------------------------------------------------------------ properties

const DAY_UNITS: Exclude<ClockUnit, 'hours'>[] = ['working-days', 'natural-days', 'calendar-months'];
const instantIn = (first: string, last: string) =>
  fc.integer({ min: sh(`${first} 00:00`).getTime(), max: sh(`${last} 23:59`).getTime() }).map((ms) => new Date(ms));
/** Events in years with data (2005–2026) and in years without (2027–2030). */
const covered = instantIn('2005-01-01', '2026-12-31');
const uncovered = instantIn('2027-01-01', '2030-12-31');
const unitAndLength = fc
  .constantFrom(...DAY_UNITS)
  .chain((unit) => fc.tuple(fc.constant(unit), fc.integer({ min: 1, max: unit === 'calendar-months' ? 24 : 60 })));
const year = (date: string) => Number(date.slice(0, 4));

describe('SLA-1 properties (RULES.md "Counting days")', () => {
  it('(a) no day-counted deadline lands on a day off, and it ends at local 24:00', () => {
    for (const events of [covered, uncovered]) {
      fc.assert(
        fc.property(events, unitAndLength, (from, [unit, n]) => {
          const { dueAt } = cal.deadline(from, n, unit);
          expect(cal.isWorkingDay(dueDate(cal, dueAt))).toBe(true);
          expect(cal.formatLocal(dueAt)).toMatch(/ 24:00$/);
          expect(cal.startOfDay(cal.localDate(dueAt)).getTime()).toBe(dueAt.getTime());
        }),
        { numRuns: 300 },
      );
    }
  });

  it('(b) adding then measuring round-trips: n working days after the event day are n × 24 h of working time', () => {
    for (const events of [covered, uncovered]) {
      fc.assert(
        fc.property(events, fc.integer({ min: 1, max: 60 }), (from, n) => {
          const { dueAt } = cal.deadline(from, n, 'working-days');
          expect(cal.workingMsBetween(cal.endOfDay(cal.localDate(from)), dueAt)).toBe(n * DAY);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('(c) deadlines are monotonic in n and never earlier than the event (strictly increasing for working days)', () => {
    fc.assert(
      fc.property(covered, unitAndLength, fc.integer({ min: 1, max: 20 }), (from, [unit, n], more) => {
        const a = cal.deadline(from, n, unit).dueAt.getTime();
        const b = cal.deadline(from, n + more, unit).dueAt.getTime();
        expect(a).toBeGreaterThan(from.getTime());
        expect(b).toBeGreaterThanOrEqual(a);
        if (unit === 'working-days') expect(b).toBeGreaterThan(a);
        expect(cal.deadline(from, n, 'hours').dueAt.getTime()).toBe(from.getTime() + n * HOUR);
      }),
      { numRuns: 300 },
    );
  });

  it('(d) addWorkingMs(a, workingMsBetween(a, b)) lands at or before b and at or after the last working moment before b', () => {
    /** b itself on a working day, else 24:00 of the last working day before it. */
    const lastWorkingMoment = (b: Date) => {
      let d = cal.localDate(b);
      if (cal.isWorkingDay(d)) return b.getTime();
      do d = addDays(d, -1);
      while (!cal.isWorkingDay(d));
      return cal.endOfDay(d).getTime();
    };
    const pair = fc.tuple(covered, fc.integer({ min: 0, max: 10 * DAY }));
    fc.assert(
      fc.property(pair, ([a, delta]) => {
        const b = new Date(a.getTime() + delta);
        const w = cal.workingMsBetween(a, b);
        const r = cal.addWorkingMs(a, w);
        expect(r.getTime()).toBeLessThanOrEqual(b.getTime());
        expect(r.getTime()).toBeGreaterThanOrEqual(lastWorkingMoment(b));
        expect(cal.workingMsBetween(a, r)).toBe(w);
      }),
      {
        numRuns: 300,
        // Sat 2026-12-05 10:00 → Sun 12-06 10:00: no working time in between.
        examples: [[[sh('2026-12-05 10:00'), DAY]], [[sh('2026-10-03 10:00'), 2 * HOUR]]],
      },
    );
  });

  it('(e) provisional exactly when some counted day lies in a year without data; hours never', () => {
    for (const events of [covered, uncovered]) {
      fc.assert(
        fc.property(events, unitAndLength, (from, [unit, n]) => {
          const d = cal.deadline(from, n, unit);
          const first = addDays(cal.localDate(from), 1);
          const last = dueDate(cal, d.dueAt);
          let expected = false;
          for (let y = year(first); y <= year(last); y++) if (!cal.covers(y)) expected = true;
          expect(d.provisional).toBe(expected);
          expect(d.explanation['zh-CN'].includes('临时')).toBe(expected);
          expect(d.explanation.en.includes('provisional')).toBe(expected);
          expect(cal.deadline(from, n, 'hours').provisional).toBe(false);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('(e) every deadline counted from an event in 2027–2030 is provisional', () => {
    fc.assert(
      fc.property(uncovered, unitAndLength, (from, [unit, n]) => {
        expect(cal.deadline(from, n, unit).provisional).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('(f) natural-day deadlines are at least n days after the event date, and every day they moved over is a day off', () => {
    for (const events of [covered, uncovered]) {
      fc.assert(
        fc.property(events, fc.integer({ min: 1, max: 90 }), (from, n) => {
          const { dueAt } = cal.deadline(from, n, 'natural-days');
          const nominal = addDays(cal.localDate(from), n);
          const due = dueDate(cal, dueAt);
          expect(due >= nominal).toBe(true);
          for (const d of dates(nominal, addDays(due, -1))) expect(cal.isWorkingDay(d), d).toBe(false);
          expect(cal.isWorkingDay(due)).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
  });
});
