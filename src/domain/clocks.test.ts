import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Calendar, mergeCalendarData, type CalendarData } from './calendar.ts';
import {
  clockLength,
  clockStatus,
  extendedDeadline,
  extensionApprovers,
  planClockOps,
  recomputedDeadline,
  startClock,
  warnInstant,
  type ClockPlan,
  type ClockState,
} from './clocks.ts';
import { DomainError } from './errors.ts';
import type { TClock, TProcedure } from './procedure.schema.ts';

/**
 * SLA-1 (clocks on the working-day calendar), SLA-2 (length by severity), SLA-3 (approved
 * extensions), SLA-7 (warn before breach) and RULES.md "Counting days" (pauses with a reason,
 * provisional deadlines recomputed). Expected instants are counted by hand.
 */

const DATA: CalendarData = JSON.parse(readFileSync(new URL('./calendar-data/cn.json', import.meta.url), 'utf8'));
const cal = new Calendar(DATA, 'Asia/Shanghai');
const with2027 = new Calendar(
  mergeCalendarData(DATA, {
    years: [2027],
    offDays: { '2027-01-01': "元旦 / New Year's Day" },
    workDays: {},
    version: 'cn-2004-2027-test',
  }),
  'Asia/Shanghai',
);

const HOUR = 3_600_000;

/** Shanghai wall time `2026-11-30 10:00` as an instant. */
function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
/** `YYYY-MM-DD 24:00` Shanghai as an ISO instant. */
function at24(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 16)).toISOString();
}
const iso = (local: string) => sh(local).toISOString();

/** A clock definition with every defaulted field of ZClock filled in. */
function makeDef(fields: Pick<TClock, 'id' | 'unit' | 'length'> & Partial<TClock>): TClock {
  return {
    label: { 'zh-CN': fields.id, en: fields.id },
    startsOn: 'action',
    countFrom: 'action',
    warnAt: 0.8,
    warnNotify: [],
    onBreach: [],
    ...fields,
  };
}

const DEFS = {
  /** SLA-2 (S9): 轻微 2, 重要 3, 重大 10; SLA-3: 轻微 by the responsible manager, 重要 by the general manager. */
  resolution: makeDef({
    id: 'resolution',
    rule: 'SLA-2',
    unit: 'working-days',
    length: 5,
    bySeverity: { minor: 2, major: 3, critical: 10 },
    extension: {
      approvers: ['manager'],
      approversBySeverity: { major: ['general-manager'], critical: ['general-manager'] },
      maxLength: 5,
    },
  }),
  /** SLA-4 (S6): feedback within 5 working days. */
  feedback: makeDef({ id: 'feedback', rule: 'SLA-4', unit: 'working-days', length: 5 }),
  /** SLA-5 (S5): forwarded within 24 hours. */
  forwarding: makeDef({ id: 'forwarding', rule: 'SLA-5', unit: 'hours', length: 24, startsOn: 'submit' }),
  /** WB-1: 7 days. */
  acknowledge: makeDef({ id: 'acknowledge', rule: 'WB-1', unit: 'natural-days', length: 7 }),
  /** WB-2: 3 calendar months. */
  wbFeedback: makeDef({ id: 'wb-feedback', rule: 'WB-2', unit: 'calendar-months', length: 3 }),
  /** A clock nobody may extend. */
  plain: makeDef({ id: 'plain', unit: 'working-days', length: 3 }),
};

/** planClockOps reads only the procedure's id and clocks. */
const procedure = { id: 'clock-test', clocks: Object.values(DEFS) } as unknown as TProcedure;
const NO_OPS = { start: [], stop: [], pause: [], resume: [] };

/** A stored clock: started by the code under test, given an id. */
function started(def: TClock, from: Date, severity: string | null = null, id = 'c1'): ClockState {
  return { id, ...startClock(cal, def, severity, from).clock };
}
/** The stored clock after applying the plan's updates to it. */
function apply(c: ClockState, plan: ClockPlan): ClockState {
  let next = c;
  for (const ch of plan.changes) if (ch.op === 'update' && ch.id === c.id) next = { ...next, ...ch.set };
  return next;
}

// ------------------------------------------------------------------ startClock

describe('SLA-2 startClock: the length by severity', () => {
  it.each([
    ['minor', 2],
    ['major', 3],
    ['critical', 10],
    [null, 5],
    ['unknown', 5],
  ] as const)('severity %s → %i working days', (severity, length) => {
    expect(clockLength(DEFS.resolution, severity)).toBe(length);
    expect(startClock(cal, DEFS.resolution, severity, sh('2026-11-30 10:00')).clock.length).toBe(length);
  });

  it('重要 (3 working days) from Wed 2026-09-30: Oct 8, 9, 10 (make-up Sat) → 2026-10-10 24:00', () => {
    const from = sh('2026-09-30 10:00');
    const { clock, note } = startClock(cal, DEFS.resolution, 'major', from);
    expect(clock).toMatchObject({
      clock: 'resolution',
      unit: 'working-days',
      length: 3,
      startedAt: from.toISOString(),
      dueAt: at24('2026-10-10'),
      pausedAt: null,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
      provisional: false,
      calendarVersion: DATA.version,
      extendedBy: 0,
      pausedMs: 0,
    });
    expect(note).toMatchObject({ clock: 'resolution', op: 'start', dueAt: at24('2026-10-10'), provisional: false });
    expect(note.label).toEqual(DEFS.resolution.label);
    expect(note.explanation).toEqual(cal.deadline(from, 3, 'working-days').explanation);
    expect(note.explanation!['zh-CN']).toContain('国庆节');
  });

  it('RULES.md: a clock running into 2027 starts provisional, and its note says so', () => {
    const { clock, note } = startClock(cal, DEFS.feedback, null, sh('2026-12-28 10:00'));
    expect(clock.dueAt).toBe(at24('2027-01-04'));
    expect(clock.provisional).toBe(true);
    expect(note.provisional).toBe(true);
    expect(note.explanation!['zh-CN']).toContain('临时');
  });

  it('SLA-5 an hours clock runs 24 hours of elapsed time, weekend or not', () => {
    const { clock } = startClock(cal, DEFS.forwarding, null, sh('2026-12-05 10:00'));
    expect(clock.dueAt).toBe(iso('2026-12-06 10:00'));
    expect(clock.provisional).toBe(false);
  });
});

describe('SLA-7 startClock: warnAt at the declared share of the period', () => {
  it('hours: 80 % of 24 hours is 19 h 12 min after the start', () => {
    const { clock } = startClock(cal, DEFS.forwarding, null, sh('2026-12-05 10:00'));
    expect(clock.warnAt).toBe(iso('2026-12-06 05:12'));
  });

  it('working days are counted in working time: 80 % of 5 working days from Sat 2026-11-28 is 24:00 of day 4 (Thu Dec 3), not 80 % of the elapsed time', () => {
    // Day 1 Mon Nov 30 … day 5 Fri Dec 4; four of five days have passed at Thu Dec 3 24:00.
    // 80 % of the elapsed 6 d 14 h would be Fri Dec 4 16:24.
    const { clock } = startClock(cal, DEFS.feedback, null, sh('2026-11-28 10:00'));
    expect(clock.dueAt).toBe(at24('2026-12-04'));
    expect(clock.warnAt).toBe(at24('2026-12-03'));
  });

  it('a make-up Saturday counts towards the share: 5 working days from Sat 2026-10-03 (holiday) are Oct 8, 9, 10 (make-up), 12, 13; warn at Oct 12 24:00', () => {
    const { clock } = startClock(cal, DEFS.feedback, null, sh('2026-10-03 10:00'));
    expect(clock.dueAt).toBe(at24('2026-10-13'));
    expect(clock.warnAt).toBe(at24('2026-10-12'));
  });

  it('Art 201: 80 % of 5 working days from an event at Mon 2026-11-30 10:00 is 24:00 of day 4 (Fri Dec 4), whatever the hour of the event', () => {
    // Day 1 Tue Dec 1 … day 5 Mon Dec 7. Four of the five days have passed at Fri Dec 4 24:00.
    const morning = startClock(cal, DEFS.feedback, null, sh('2026-11-30 10:00')).clock;
    const night = startClock(cal, DEFS.feedback, null, sh('2026-11-30 23:00')).clock;
    expect(morning.dueAt).toBe(at24('2026-12-07'));
    expect(night.dueAt).toBe(morning.dueAt);
    expect(morning.warnAt).toBe(at24('2026-12-04'));
    expect(night.warnAt).toBe(morning.warnAt);
  });
});

// ------------------------------------------------------------------ planClockOps

describe('planClockOps: start, stop, pause (with a reason), resume', () => {
  const now = sh('2026-11-30 10:00');

  it('starts a clock that is not running, as startClock would', () => {
    const plan = planClockOps(procedure, { ...NO_OPS, start: ['feedback'] }, [], null, now, cal);
    const expected = startClock(cal, DEFS.feedback, null, now);
    expect(plan.changes).toEqual([{ op: 'start', clock: expected.clock }]);
    expect(plan.notes).toEqual([expected.note]);
  });

  it('start is idempotent: a clock already running (even paused) is not started twice', () => {
    const running = started(DEFS.feedback, sh('2026-11-27 10:00'));
    const later = sh('2026-12-01 10:00');
    expect(planClockOps(procedure, { ...NO_OPS, start: ['feedback'] }, [running], null, later, cal)).toEqual({
      changes: [],
      notes: [],
    });
    const paused = { ...running, pausedAt: iso('2026-11-30 10:00') };
    expect(planClockOps(procedure, { ...NO_OPS, start: ['feedback'] }, [paused], null, later, cal)).toEqual({
      changes: [],
      notes: [],
    });
  });

  it('a stopped clock of the same id does not block a new start', () => {
    const stopped = { ...started(DEFS.feedback, sh('2026-11-27 10:00')), stoppedAt: iso('2026-11-30 09:00') };
    const plan = planClockOps(procedure, { ...NO_OPS, start: ['feedback'] }, [stopped], null, now, cal);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0].op).toBe('start');
  });

  it('the severity picks the length of a started clock (SLA-2)', () => {
    const plan = planClockOps(procedure, { ...NO_OPS, start: ['resolution'] }, [], 'minor', now, cal);
    const change = plan.changes[0];
    expect(change.op === 'start' && change.clock.length).toBe(2);
    expect(change.op === 'start' && change.clock.dueAt).toBe(at24('2026-12-02'));
  });

  it('stop sets stoppedAt (and clears a pause); the note carries the deadline', () => {
    const c = { ...started(DEFS.feedback, sh('2026-11-27 10:00')), pausedAt: iso('2026-11-30 08:00') };
    const plan = planClockOps(procedure, { ...NO_OPS, stop: ['feedback'] }, [c], null, now, cal);
    expect(plan.changes).toEqual([{ op: 'update', id: 'c1', set: { stoppedAt: now.toISOString(), pausedAt: null } }]);
    expect(plan.notes).toEqual([expect.objectContaining({ clock: 'feedback', op: 'stop', dueAt: c.dueAt })]);
  });

  it('stopping or pausing a clock that is not running does nothing', () => {
    const stopped = { ...started(DEFS.feedback, sh('2026-11-27 10:00')), stoppedAt: iso('2026-11-30 09:00') };
    expect(
      planClockOps(procedure, { ...NO_OPS, stop: ['feedback'], pause: ['feedback'] }, [stopped], null, now, cal),
    ).toEqual({ changes: [], notes: [] });
    expect(planClockOps(procedure, { ...NO_OPS, stop: ['feedback'] }, [], null, now, cal)).toEqual({
      changes: [],
      notes: [],
    });
  });

  it('RULES.md: a pause needs a reason — VALIDATION_FAILED without one', () => {
    const c = started(DEFS.feedback, sh('2026-11-27 10:00'));
    for (const reason of [undefined, '']) {
      let error: unknown;
      try {
        planClockOps(procedure, { ...NO_OPS, pause: ['feedback'] }, [c], null, now, cal, reason);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).details).toEqual({ issues: [{ path: 'input.reason', message: 'required' }] });
    }
  });

  it('pause sets pausedAt and records the reason; a clock already paused is left alone', () => {
    const c = started(DEFS.feedback, sh('2026-11-27 10:00'));
    const plan = planClockOps(
      procedure,
      { ...NO_OPS, pause: ['feedback'] },
      [c],
      null,
      now,
      cal,
      '等待检测结果 / waiting for test results',
    );
    expect(plan.changes).toEqual([{ op: 'update', id: 'c1', set: { pausedAt: now.toISOString() } }]);
    expect(plan.notes).toEqual([
      expect.objectContaining({ op: 'pause', reason: '等待检测结果 / waiting for test results', dueAt: c.dueAt }),
    ]);
    const paused = apply(c, plan);
    expect(
      planClockOps(procedure, { ...NO_OPS, pause: ['feedback'] }, [paused], null, sh('2026-12-01 10:00'), cal),
    ).toEqual({ changes: [], notes: [] });
  });

  it('resume of a clock that is not paused does nothing', () => {
    const c = started(DEFS.feedback, sh('2026-11-27 10:00'));
    expect(planClockOps(procedure, { ...NO_OPS, resume: ['feedback'] }, [c], null, now, cal)).toEqual({
      changes: [],
      notes: [],
    });
  });
});

describe('RULES.md excluded time: resume moves the deadline by exactly the paused time', () => {
  // SLA-4: 5 working days from Mon 2026-11-30 10:00 → Tue Dec 1 … Mon Dec 7 → due 2026-12-07 24:00.
  const start = sh('2026-11-30 10:00');
  const reason = '等待投诉人补充材料 / waiting for the complainant';

  function pauseAndResume(c: ClockState, pausedAt: Date, resumedAt: Date) {
    const paused = apply(c, planClockOps(procedure, { ...NO_OPS, pause: [c.clock] }, [c], null, pausedAt, cal, reason));
    const plan = planClockOps(procedure, { ...NO_OPS, resume: [c.clock] }, [paused], null, resumedAt, cal);
    return { plan, after: apply(paused, plan) };
  }

  it('working days: paused Fri Dec 4 15:00, resumed Mon Dec 7 09:00 — Friday 9 h + Monday 9 h are excluded, the weekend is not', () => {
    const c = started(DEFS.feedback, start);
    expect(c.dueAt).toBe(at24('2026-12-07'));
    const { plan, after } = pauseAndResume(c, sh('2026-12-04 15:00'), sh('2026-12-07 09:00'));
    expect(after.pausedAt).toBeNull();
    expect(after.pausedMs).toBe(18 * HOUR);
    // Dec 7 24:00 + 18 h of working time = Tue Dec 8 18:00.
    expect(after.dueAt).toBe(iso('2026-12-08 18:00'));
    expect(cal.workingMsBetween(new Date(c.dueAt), new Date(after.dueAt))).toBe(18 * HOUR);
    expect(after.provisional).toBe(false);
    expect(after.calendarVersion).toBe(DATA.version);
    expect(after.warnAt).toBe(warnInstant(cal, DEFS.feedback, start, new Date(after.dueAt)).toISOString());
    expect(after.warnAt > c.warnAt).toBe(true);
    expect(plan.notes).toEqual([expect.objectContaining({ clock: 'feedback', op: 'resume', dueAt: after.dueAt })]);
  });

  it('working days: paused Fri Dec 4 15:00, resumed Mon Dec 7 00:00 — only Friday’s remaining 9 hours are excluded', () => {
    const { after } = pauseAndResume(started(DEFS.feedback, start), sh('2026-12-04 15:00'), sh('2026-12-07 00:00'));
    expect(after.pausedMs).toBe(9 * HOUR);
    expect(after.dueAt).toBe(iso('2026-12-08 09:00'));
  });

  it('working days: a pause over the National Day week excludes only working time (Sep 30 12:00 → Oct 8 12:00 = 24 h)', () => {
    const c = started(DEFS.feedback, sh('2026-09-28 10:00')); // Sep 29, 30, Oct 8, 9, 10 → due Oct 10 24:00
    expect(c.dueAt).toBe(at24('2026-10-10'));
    const { after } = pauseAndResume(c, sh('2026-09-30 12:00'), sh('2026-10-08 12:00'));
    expect(after.pausedMs).toBe(24 * HOUR);
    // Oct 10 24:00 + 24 h of working time: Sun Oct 11 is off → Mon Oct 12 24:00.
    expect(after.dueAt).toBe(at24('2026-10-12'));
  });

  it('hours: the elapsed pause is added (SLA-5 paused 3.5 h → due 3.5 h later); over a weekend all of it counts', () => {
    const c = started(DEFS.forwarding, new Date('2026-11-28T02:00:00Z'));
    expect(c.dueAt).toBe('2026-11-29T02:00:00.000Z');
    const { after } = pauseAndResume(c, new Date('2026-11-28T10:00:00Z'), new Date('2026-11-28T13:30:00Z'));
    expect(after.pausedMs).toBe(3.5 * HOUR);
    expect(after.dueAt).toBe('2026-11-29T05:30:00.000Z');
    // 80 % of the 27.5 h from the start to the new deadline: 22 h after 02:00Z.
    expect(after.warnAt).toBe('2026-11-29T00:00:00.000Z');

    const weekend = started(DEFS.forwarding, sh('2026-12-04 18:00'), null, 'c2');
    const r = pauseAndResume(weekend, sh('2026-12-04 20:00'), sh('2026-12-07 08:00'));
    expect(r.after.pausedMs).toBe(60 * HOUR);
    expect(r.after.dueAt).toBe(iso('2026-12-08 06:00'));
  });

  it('pauses accumulate in pausedMs and each moves the deadline again', () => {
    const c = started(DEFS.feedback, start);
    const first = pauseAndResume(c, sh('2026-12-01 10:00'), sh('2026-12-01 14:00')).after; // 4 h
    expect(first.pausedMs).toBe(4 * HOUR);
    expect(first.dueAt).toBe(iso('2026-12-08 04:00'));
    const second = pauseAndResume(first, sh('2026-12-04 22:00'), sh('2026-12-07 03:00')).after; // 2 h + 3 h
    expect(second.pausedMs).toBe(9 * HOUR);
    expect(second.dueAt).toBe(iso('2026-12-08 09:00'));
    expect(cal.workingMsBetween(new Date(c.dueAt), new Date(second.dueAt))).toBe(9 * HOUR);
  });

  it('a clock paused after its deadline and resumed moves its deadline by the paused working time only (24 h), not to the resume instant', () => {
    const c = { ...started(DEFS.feedback, start), breachedAt: at24('2026-12-07') };
    // Paused Tue Dec 8 10:00 (already overdue), resumed Wed Dec 9 10:00: 24 h of working time.
    const { after } = pauseAndResume(c, sh('2026-12-08 10:00'), sh('2026-12-09 10:00'));
    expect(after.pausedMs).toBe(24 * HOUR);
    // Due Dec 7 24:00 + 24 h of working time = Dec 8 24:00 — which is also what recomputedDeadline says.
    expect(recomputedDeadline(cal, after).dueAt.toISOString()).toBe(at24('2026-12-08'));
    expect(after.dueAt).toBe(at24('2026-12-08'));
  });
});

// ------------------------------------------------------------------ recomputedDeadline

describe("RULES.md: a provisional deadline is recomputed when the year's data is added", () => {
  it('after merging 2027 (Jan 1 off) the deadline moves from Jan 4 to Jan 5 and is no longer provisional', () => {
    const c = started(DEFS.feedback, sh('2026-12-28 10:00'));
    expect(c.provisional).toBe(true);
    expect(c.dueAt).toBe(at24('2027-01-04'));
    const d = recomputedDeadline(with2027, c);
    expect(d.dueAt.toISOString()).toBe(at24('2027-01-05'));
    expect(d.provisional).toBe(false);
    expect(d.calendarVersion).toBe('cn-2004-2027-test');
    expect(d.explanation['zh-CN']).not.toContain('临时');
  });

  it('pausedMs is re-applied in working time after the new count', () => {
    const c = { ...started(DEFS.feedback, sh('2026-12-28 10:00')), pausedMs: 9 * HOUR };
    const d = recomputedDeadline(with2027, c);
    // Jan 5 24:00 + 9 h = Wed 2027-01-06 09:00.
    expect(d.dueAt.toISOString()).toBe(iso('2027-01-06 09:00'));
    expect(d.provisional).toBe(false);
  });

  it('with the calendar unchanged, a paused and resumed clock recomputes to its stored deadline', () => {
    const c = started(DEFS.feedback, sh('2026-11-30 10:00'));
    const paused = apply(
      c,
      planClockOps(procedure, { ...NO_OPS, pause: ['feedback'] }, [c], null, sh('2026-12-04 15:00'), cal, 'x'),
    );
    const resumed = apply(
      paused,
      planClockOps(procedure, { ...NO_OPS, resume: ['feedback'] }, [paused], null, sh('2026-12-07 09:00'), cal),
    );
    expect(recomputedDeadline(cal, resumed).dueAt.toISOString()).toBe(resumed.dueAt);
  });

  it('extensions count: length + extendedBy from the start', () => {
    const c = { ...started(DEFS.feedback, sh('2026-11-30 10:00')), extendedBy: 2 };
    expect(recomputedDeadline(cal, c).dueAt.toISOString()).toBe(at24('2026-12-09'));
  });

  it('a local closure inside the period moves the recomputed deadline (Thu Dec 3 closed: 5 working days from Mon Nov 30 end Tue Dec 8)', () => {
    const closed = new Calendar(
      mergeCalendarData(DATA, {
        years: [],
        offDays: { '2026-12-03': '公司停业 / Company closure' },
        workDays: {},
        version: 'closure',
      }),
    );
    const c = started(DEFS.feedback, sh('2026-11-30 10:00'));
    const d = recomputedDeadline(closed, c);
    expect(d.dueAt.toISOString()).toBe(at24('2026-12-08'));
    expect(d.calendarVersion).toBe('closure');
  });

  it('SLA-3 with the calendar unchanged, an extended natural-day clock keeps its extended deadline (WB-1 7 days from Sep 24 → Oct 8, +7 → Oct 15)', () => {
    const c = started(DEFS.acknowledge, sh('2026-09-24 10:00'));
    expect(c.dueAt).toBe(at24('2026-10-08')); // Oct 1 is off: moved to Oct 8 (Art 203)
    const ext = extendedDeadline(cal, c, 7);
    expect(ext.dueAt.toISOString()).toBe(at24('2026-10-15'));
    const extended = { ...c, dueAt: ext.dueAt.toISOString(), extendedBy: 7 };
    // Recounting with the same days must not take the extension back.
    expect(recomputedDeadline(cal, extended).dueAt.toISOString()).toBe(extended.dueAt);
  });

  it('SLA-3 with the calendar unchanged, a paused then extended working-day clock keeps its extended deadline', () => {
    // 3 working days from Mon Nov 30 10:00 → Thu Dec 3 24:00; paused Tue Dec 1 10:00–16:00 (6 h) → Fri Dec 4 06:00;
    // extended by 2 working days counted from Fri Dec 4 → Mon Dec 7, Tue Dec 8 → Dec 8 24:00.
    const c = started(DEFS.plain, sh('2026-11-30 10:00'));
    const paused = apply(
      c,
      planClockOps(procedure, { ...NO_OPS, pause: ['plain'] }, [c], null, sh('2026-12-01 10:00'), cal, 'x'),
    );
    const resumed = apply(
      paused,
      planClockOps(procedure, { ...NO_OPS, resume: ['plain'] }, [paused], null, sh('2026-12-01 16:00'), cal),
    );
    expect(resumed.dueAt).toBe(iso('2026-12-04 06:00'));
    const ext = extendedDeadline(cal, resumed, 2);
    expect(ext.dueAt.toISOString()).toBe(at24('2026-12-08'));
    const extended = { ...resumed, dueAt: ext.dueAt.toISOString(), extendedBy: 2 };
    expect(recomputedDeadline(cal, extended).dueAt.toISOString()).toBe(extended.dueAt);
  });
});

// ------------------------------------------------------------------ extensions (SLA-3)

describe('SLA-3 extendedDeadline: counted on from the old deadline’s last day', () => {
  it('5 working days added to a deadline of Wed 2026-09-30 24:00: Oct 8, 9, 10, 12, 13 → 2026-10-13 24:00', () => {
    // SLA-4 from Tue Sep 22: Sep 23, 24, (中秋 25–27), 28, 29, 30 → due Sep 30 24:00.
    const c = started(DEFS.feedback, sh('2026-09-22 10:00'));
    expect(c.dueAt).toBe(at24('2026-09-30'));
    const d = extendedDeadline(cal, c, 5);
    expect(d.dueAt.toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(d.provisional).toBe(false);
    expect(d.explanation['zh-CN']).toContain('自 2026-09-30 起 5 个工作日');
    expect(d.explanation['zh-CN']).toContain('国庆节');
  });

  it('a deadline in the middle of a day (after a pause) counts on from that day', () => {
    const c = { ...started(DEFS.plain, sh('2026-11-30 10:00')), dueAt: iso('2026-12-04 06:00') };
    expect(extendedDeadline(cal, c, 2).dueAt.toISOString()).toBe(at24('2026-12-08'));
  });

  it('hours are added to the old deadline instant', () => {
    const c = started(DEFS.forwarding, new Date('2026-11-28T02:00:00Z'));
    expect(extendedDeadline(cal, c, 12).dueAt.toISOString()).toBe('2026-11-29T14:00:00.000Z');
  });

  it('natural days: counted from the moved deadline and moved again off a day off (Oct 8 + 3 = Sun Oct 11 → Mon Oct 12)', () => {
    const c = started(DEFS.acknowledge, sh('2026-09-24 10:00'));
    expect(extendedDeadline(cal, c, 3).dueAt.toISOString()).toBe(at24('2026-10-12'));
  });

  it('WB-2 calendar months: Jan 31 + 3 months → Apr 30; extended 1 month → Sat May 30 → Mon Jun 1', () => {
    const c = started(DEFS.wbFeedback, sh('2026-01-31 10:00'));
    expect(c.dueAt).toBe(at24('2026-04-30'));
    expect(extendedDeadline(cal, c, 1).dueAt.toISOString()).toBe(at24('2026-06-01'));
  });

  it('an extension running into 2027 is provisional; a provisional clock stays provisional when extended', () => {
    const late = started(DEFS.feedback, sh('2026-12-14 10:00')); // Dec 15–18, 21 → Dec 21
    expect(late.provisional).toBe(false);
    const d = extendedDeadline(cal, late, 10); // Dec 22–25, 28–31, Jan 1 (assumed), Jan 4
    expect(d.dueAt.toISOString()).toBe(at24('2027-01-04'));
    expect(d.provisional).toBe(true);
    const provisional = { ...late, provisional: true };
    expect(extendedDeadline(cal, provisional, 1).provisional).toBe(true);
  });
});

describe('SLA-3 extensionApprovers: 轻微 by the responsible manager, 重要 by the general manager', () => {
  it.each([
    ['minor', ['manager']],
    ['major', ['general-manager']],
    ['critical', ['general-manager']],
    [null, ['manager']],
    ['unknown', ['manager']],
  ] as const)('severity %s → %j', (severity, approvers) => {
    expect(extensionApprovers(DEFS.resolution, severity)).toEqual(approvers);
  });

  it('a clock without an extension clause has no approvers', () => {
    expect(extensionApprovers(DEFS.plain, 'major')).toEqual([]);
  });
});

// ------------------------------------------------------------------ clockStatus

describe('SLA-7 clockStatus at given instants', () => {
  // 5 working days from Sat 2026-11-28 10:00: warn Thu Dec 3 24:00, due Fri Dec 4 24:00.
  const c = started(DEFS.feedback, sh('2026-11-28 10:00'));

  it.each([
    ['running before the warning', '2026-12-01 12:00', 'running'],
    ['warning from warnAt', '2026-12-04 00:00', 'warning'],
    ['warning just before the deadline', '2026-12-04 23:59', 'warning'],
    ['overdue from 24:00 of the last day', '2026-12-05 00:00', 'overdue'],
    ['overdue later', '2026-12-10 09:00', 'overdue'],
  ])('%s (%s) → %s', (_, at, status) => {
    expect(clockStatus(c, sh(at))).toBe(status);
  });

  it('a sent warning or a recorded breach decides, whatever the instant', () => {
    expect(clockStatus({ ...c, warnedAt: iso('2026-12-01 09:00') }, sh('2026-12-01 12:00'))).toBe('warning');
    expect(clockStatus({ ...c, breachedAt: iso('2026-12-01 09:00') }, sh('2026-12-01 12:00'))).toBe('overdue');
  });

  it('paused, even past the deadline', () => {
    expect(clockStatus({ ...c, pausedAt: iso('2026-12-02 09:00') }, sh('2026-12-02 10:00'))).toBe('paused');
    expect(clockStatus({ ...c, pausedAt: iso('2026-12-02 09:00') }, sh('2026-12-20 10:00'))).toBe('paused');
  });

  it('met when stopped at or before the deadline, missed after', () => {
    expect(clockStatus({ ...c, stoppedAt: iso('2026-12-04 23:59') }, sh('2026-12-20 10:00'))).toBe('met');
    expect(clockStatus({ ...c, stoppedAt: at24('2026-12-04') }, sh('2026-12-20 10:00'))).toBe('met');
    expect(clockStatus({ ...c, stoppedAt: iso('2026-12-05 00:01') }, sh('2026-12-05 00:02'))).toBe('missed');
    expect(
      clockStatus({ ...c, stoppedAt: iso('2026-12-05 00:01'), breachedAt: at24('2026-12-04') }, sh('2026-12-20 00:00')),
    ).toBe('missed');
  });
});
