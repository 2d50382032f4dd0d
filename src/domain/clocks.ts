import type { Calendar, ClockUnit, Deadline } from './calendar.ts';
import type { TLabel } from './labels.ts';
import type { TClock, TProcedure } from './procedure.schema.ts';
import { DomainError } from './errors.ts';
import { msg } from './messages.ts';

/** A clock running (or run) on a case, as stored. */
export type ClockState = {
  id: string;
  clock: string;
  unit: ClockUnit;
  length: number;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  pausedAt: string | null;
  stoppedAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  provisional: boolean;
  calendarVersion: string;
  /** Units added by approved extensions. */
  extendedBy: number;
  /** Time excluded by pauses so far, in the clock's own measure (working time for working days). */
  pausedMs: number;
};

/** A clock that starts now; the store gives it an id. */
export type NewClock = Omit<ClockState, 'id'>;

/** What the timeline says about a clock change: which clock, what happened, the deadline explained. */
export type ClockNote = {
  clock: string;
  label: TLabel;
  op: 'start' | 'stop' | 'pause' | 'resume' | 'extend' | 'warn' | 'breach' | 'recompute';
  dueAt: string | null;
  provisional: boolean;
  explanation: TLabel | null;
  reason?: string;
};

export type ClockChange =
  | { op: 'start'; clock: NewClock }
  | { op: 'update'; id: string; set: Partial<Omit<ClockState, 'id' | 'clock'>> };

export type ClockPlan = { changes: ClockChange[]; notes: ClockNote[] };

export function clockDef(procedure: TProcedure, id: string): TClock {
  const def = procedure.clocks.find((c) => c.id === id);
  if (!def) throw new Error(`procedure ${procedure.id} has no clock ${id}`);
  return def;
}

/** The clock's length for the case's severity (S9: 2/3/10 days by severity). */
export function clockLength(def: TClock, severity: string | null): number {
  return (severity && def.bySeverity?.[severity]) || def.length;
}

/**
 * When a clock warns: after `warnAt` of its period, counted in working time for working-day
 * clocks. A day-counted period begins when day 1 begins — the day after the event (Art 201) —
 * so 80 % of 5 working days is the end of the 4th working day.
 */
export function warnInstant(calendar: Calendar, def: TClock, from: Date, dueAt: Date): Date {
  const periodStart =
    def.unit === 'hours' || def.unit === 'same-day' ? from : calendar.endOfDay(calendar.localDate(from));
  if (def.unit === 'working-days')
    return calendar.addWorkingMs(periodStart, Math.floor(calendar.workingMsBetween(periodStart, dueAt) * def.warnAt));
  return new Date(periodStart.getTime() + Math.floor((dueAt.getTime() - periodStart.getTime()) * def.warnAt));
}

function note(def: TClock, op: ClockNote['op'], deadline: Deadline | null, reason?: string): ClockNote {
  return {
    clock: def.id,
    label: def.label,
    op,
    dueAt: deadline ? deadline.dueAt.toISOString() : null,
    provisional: deadline?.provisional ?? false,
    explanation: deadline?.explanation ?? null,
    ...(reason ? { reason } : {}),
  };
}

/** A new clock from `from`, with its deadline explained. */
export function startClock(
  calendar: Calendar,
  def: TClock,
  severity: string | null,
  from: Date,
): { clock: NewClock; note: ClockNote } {
  const length = clockLength(def, severity);
  const deadline = calendar.deadline(from, length, def.unit);
  return {
    clock: {
      clock: def.id,
      unit: def.unit,
      length,
      startedAt: from.toISOString(),
      dueAt: deadline.dueAt.toISOString(),
      warnAt: warnInstant(calendar, def, from, deadline.dueAt).toISOString(),
      pausedAt: null,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
      provisional: deadline.provisional,
      calendarVersion: deadline.calendarVersion,
      extendedBy: 0,
      pausedMs: 0,
    },
    note: note(def, 'start', deadline),
  };
}

/** Whether the case's data lets this clock start (`when`); clocks without a condition always may. */
export function clockApplies(def: TClock, data: Record<string, unknown>): boolean {
  if (!def.when) return true;
  const value = data[def.when.target.slice('data.'.length)];
  return def.when.equals !== undefined ? value === def.when.equals : value !== def.when.notEquals;
}

/** The date a clock runs to instead of its length (`dueFrom`), if the case holds one from today on. */
function askedDate(def: TClock, severity: string | null, data: Record<string, unknown>, today: string): string | null {
  const date = targetDate(def, severity, data);
  return date !== null && date >= today ? date : null;
}

/**
 * The date the case holds for a clock with `dueFrom`, past or not: the target's value, or of a
 * list's items the latest date — or, with `pick: earliest-open`, the earliest among the items not
 * yet done (issue 17, S4 四.2: the first measure to fall due).
 */
export function targetDate(def: TClock, severity: string | null, data: Record<string, unknown>): string | null {
  if (!def.dueFrom || (def.dueFrom.severities && !def.dueFrom.severities.includes(severity ?? ''))) return null;
  const value = data[def.dueFrom.target.slice('data.'.length)];
  const isDate = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (!def.dueFrom.item) return isDate(value) ? value : null;
  const dates = targetItems(def, data, null)
    .map((x) => x[def.dueFrom!.item!])
    .filter(isDate)
    .sort();
  return (def.dueFrom.pick === 'earliest-open' ? dates[0] : dates.at(-1)) ?? null;
}

/**
 * The list items a clock with `dueFrom.item` counts (all of them, or those not done for
 * `earliest-open`); with a date, only those due that day — the ones the clock runs to now.
 */
function targetItems(def: TClock, data: Record<string, unknown>, date: string | null): Record<string, unknown>[] {
  const list = def.dueFrom ? data[def.dueFrom.target.slice('data.'.length)] : undefined;
  return (Array.isArray(list) ? list : [])
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    .filter((x) => def.dueFrom?.pick !== 'earliest-open' || x.done !== true)
    .filter((x) => date === null || x[def.dueFrom!.item!] === date);
}

/**
 * Who a clock's warning or breach notice goes to (SLA-7). `item:<field>` (issue 17, S4 四.3):
 * each user that field names on the items the clock runs to now — the owners of the measures due
 * that day — as `user:<id>`; the assignee, told already by an `assignee` notice, not twice.
 */
export function clockRecipients(
  def: TClock,
  to: string,
  c: { severity: string | null; data: Record<string, unknown>; assigneeId: string | null },
  alsoTo: readonly string[],
): string[] {
  if (!to.startsWith('item:')) return [to];
  const field = to.slice('item:'.length);
  const date = targetDate(def, c.severity, c.data);
  if (date === null) return [];
  const users = targetItems(def, c.data, date)
    .map((x) => x[field])
    .filter((u): u is string => typeof u === 'string' && u !== '')
    .filter((u) => !(u === c.assigneeId && alsoTo.includes('assignee')));
  return [...new Set(users)].map((u) => `user:${u}`);
}

/** A clock that runs to 24:00 of a date someone asked for (S9 三.1), explained as such. */
export function startClockUntil(
  calendar: Calendar,
  def: TClock,
  date: string,
  from: Date,
): { clock: NewClock; note: ClockNote } {
  const dueAt = calendar.endOfDay(date);
  const deadline: Deadline = {
    dueAt,
    provisional: calendar.spansUncovered(calendar.localDate(from), date),
    calendarVersion: calendar.version,
    explanation: { 'zh-CN': `${date} 24:00 截止 — 按要求的期限`, en: `due ${date} 24:00 — the date asked for` },
  };
  const days = Math.max(1, Math.ceil((dueAt.getTime() - from.getTime()) / 86_400_000));
  return {
    clock: {
      clock: def.id,
      unit: 'natural-days',
      length: days,
      startedAt: from.toISOString(),
      dueAt: dueAt.toISOString(),
      warnAt: warnInstant(calendar, def, from, dueAt).toISOString(),
      pausedAt: null,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
      provisional: deadline.provisional,
      calendarVersion: deadline.calendarVersion,
      extendedBy: 0,
      pausedMs: 0,
    },
    note: note(def, 'start', deadline),
  };
}

/**
 * The clock changes an action asks for (start, stop, pause, resume), pure. A clock already
 * running is not started twice; stopping or pausing one that is not running does nothing.
 * A pause needs a reason (RULES.md: excluded time is a recorded pause with a reason).
 */
export function planClockOps(
  procedure: TProcedure,
  ops: { start: string[]; stop: string[]; pause: string[]; resume: string[]; retarget?: string[] },
  open: ClockState[],
  severity: string | null,
  now: Date,
  calendar: Calendar,
  reason?: string,
  data: Record<string, unknown> = {},
  receivedAt?: string,
): ClockPlan {
  const plan: ClockPlan = { changes: [], notes: [] };
  const running = (id: string) => open.filter((c) => c.clock === id && !c.stoppedAt);
  for (const id of ops.stop) {
    for (const c of running(id)) stopClock(plan, clockDef(procedure, id), c, now, calendar);
  }
  for (const id of ops.pause) {
    for (const c of running(id).filter((c) => !c.pausedAt)) {
      if (!reason)
        throw new DomainError('VALIDATION_FAILED', msg('clocks.pauseNeedsReason'), {
          issues: [{ path: 'input.reason', message: 'required' }],
        });
      plan.changes.push({ op: 'update', id: c.id, set: { pausedAt: now.toISOString() } });
      plan.notes.push({ ...note(clockDef(procedure, id), 'pause', null, reason), dueAt: c.dueAt });
    }
  }
  for (const id of ops.resume) {
    for (const c of running(id).filter((c) => c.pausedAt)) {
      const def = clockDef(procedure, id);
      const deadline = resumedDeadline(calendar, c, new Date(c.pausedAt!), now);
      plan.changes.push({
        op: 'update',
        id: c.id,
        set: {
          pausedAt: null,
          pausedMs: c.pausedMs + excludedMs(calendar, c, new Date(c.pausedAt!), now),
          dueAt: deadline.dueAt.toISOString(),
          provisional: deadline.provisional,
          calendarVersion: deadline.calendarVersion,
          warnAt: warnInstant(calendar, def, new Date(c.startedAt), deadline.dueAt).toISOString(),
        },
      });
      plan.notes.push(note(def, 'resume', deadline));
    }
  }
  for (const id of ops.start) {
    if (running(id).length > 0) continue;
    const def = clockDef(procedure, id);
    if (!clockApplies(def, data)) continue;
    const asked = askedDate(def, severity, data, calendar.localDate(now));
    if (!asked && def.dueFrom?.only) continue; // no date set, nothing to count to
    const from =
      def.countFrom === 'received' && receivedAt && receivedAt < now.toISOString() ? new Date(receivedAt) : now;
    const { clock, note: started } = asked
      ? startClockUntil(calendar, def, asked, from)
      : startClock(calendar, def, severity, from);
    plan.changes.push({ op: 'start', clock });
    plan.notes.push(started);
  }
  for (const id of ops.retarget ?? [])
    retargetClock(plan, clockDef(procedure, id), running(id), severity, now, calendar, data);
  return plan;
}

/** Stops a running clock, noting whether it met its deadline. */
function stopClock(plan: ClockPlan, def: TClock, c: ClockState, now: Date, calendar: Calendar): void {
  plan.changes.push({ op: 'update', id: c.id, set: { stoppedAt: now.toISOString(), pausedAt: null } });
  const due = calendar.formatLocal(new Date(c.dueAt));
  const met = now.toISOString() <= c.dueAt;
  plan.notes.push({
    ...note(def, 'stop', null),
    dueAt: c.dueAt,
    explanation: met
      ? { 'zh-CN': `计时结束：在期限（${due}）内完成`, en: `stopped: met the deadline (${due})` }
      : { 'zh-CN': `计时结束：超过期限（${due}）完成`, en: `stopped: after the deadline (${due})` },
  });
}

/**
 * Issue 17 (S4 四.2, RES-2): a clock that runs to a date of the case follows it when an action
 * changed it. Same date: nothing happens. Another date: the running clock stops — met or missed by
 * its own date, as the statistics count it — and a new one runs to the new date, fresh (neither
 * warned nor breached; a date already past is overdue at once and the sweeper flags it). No date
 * left (every measure done): the clock stops.
 */
function retargetClock(
  plan: ClockPlan,
  def: TClock,
  running: ClockState[],
  severity: string | null,
  now: Date,
  calendar: Calendar,
  data: Record<string, unknown>,
): void {
  const date = targetDate(def, severity, data);
  const dueAt = date === null ? null : calendar.endOfDay(date).toISOString();
  if (running.length === 0 && !clockApplies(def, data)) return;
  if (running.length > 0 ? running.every((c) => c.dueAt === dueAt) : date === null) return;
  for (const c of running) stopClock(plan, def, c, now, calendar);
  if (date === null) return;
  const { clock, note: started } = startClockUntil(calendar, def, date, now);
  plan.changes.push({ op: 'start', clock });
  plan.notes.push({
    ...started,
    explanation: {
      'zh-CN': `${date} 24:00 截止 — 下一个未完成事项的期限`,
      en: `due ${date} 24:00 — the next open item's date`,
    },
  });
}

/**
 * After a pause the deadline moves on by the time the pause excluded: working time for
 * working-day clocks (a weekend inside a pause costs nothing), elapsed time otherwise. The same
 * rule holds for a clock paused after its deadline.
 */
export function resumedDeadline(calendar: Calendar, c: ClockState, pausedAt: Date, resumedAt: Date): Deadline {
  const due = new Date(c.dueAt);
  const excluded = excludedMs(calendar, c, pausedAt, resumedAt);
  const dueAt = shiftDeadline(calendar, c.unit, due, excluded);
  const provisional = c.provisional || calendar.spansUncovered(calendar.localDate(due), calendar.localDate(dueAt));
  const at = calendar.formatLocal(dueAt);
  const hours = Math.round(excluded / 360_000) / 10;
  return {
    dueAt,
    provisional,
    calendarVersion: calendar.version,
    explanation: {
      'zh-CN': `恢复计时：暂停的 ${hours} 小时不计入期限，现于 ${at} 截止`,
      en: `resumed: the ${hours} hours paused do not count; now due ${at}`,
    },
  };
}

/** The time a pause excluded, in the clock's own measure. */
export function excludedMs(calendar: Calendar, c: ClockState, pausedAt: Date, resumedAt: Date): number {
  return c.unit === 'working-days'
    ? calendar.workingMsBetween(pausedAt, resumedAt)
    : resumedAt.getTime() - pausedAt.getTime();
}

/**
 * The deadline counted afresh with today's calendar (after a year's days were imported): the
 * clock's length and extensions from its start, then the time its pauses excluded.
 */
export function recomputedDeadline(calendar: Calendar, c: ClockState): Deadline {
  // The same steps that made the deadline: the period, the pauses, then the extensions.
  const base = calendar.deadline(new Date(c.startedAt), c.length, c.unit);
  const dueAt = shiftDeadline(calendar, c.unit, base.dueAt, c.pausedMs);
  const provisional =
    base.provisional || calendar.spansUncovered(calendar.localDate(base.dueAt), calendar.localDate(dueAt));
  const shifted = { ...base, dueAt, provisional };
  return c.extendedBy > 0
    ? extendedDeadline(calendar, { ...c, dueAt: dueAt.toISOString(), provisional }, c.extendedBy)
    : shifted;
}

/** A deadline moved on by excluded time, in the clock's own measure. */
function shiftDeadline(calendar: Calendar, unit: ClockUnit, due: Date, excludedMs: number): Date {
  if (excludedMs <= 0) return due;
  return unit === 'working-days' ? calendar.addWorkingMs(due, excludedMs) : new Date(due.getTime() + excludedMs);
}

/** SLA-3: the clock's new deadline after an approved extension of `length` units. */
export function extendedDeadline(calendar: Calendar, c: ClockState, length: number): Deadline {
  // Counted on from the old deadline: its last day is the event day of the added period.
  const lastMoment = new Date(new Date(c.dueAt).getTime() - 1);
  const deadline = calendar.deadline(c.unit === 'hours' ? new Date(c.dueAt) : lastMoment, length, c.unit);
  return { ...deadline, provisional: deadline.provisional || c.provisional };
}

/** Who may approve extending this clock on a case of this severity. */
export function extensionApprovers(def: TClock, severity: string | null): string[] {
  if (!def.extension) return [];
  return (severity && def.extension.approversBySeverity?.[severity]) || def.extension.approvers;
}

/** The state of a clock as the API shows it. */
export function clockStatus(c: ClockState, now: Date): 'running' | 'paused' | 'warning' | 'overdue' | 'met' | 'missed' {
  if (c.stoppedAt) return c.stoppedAt <= c.dueAt ? 'met' : 'missed';
  if (c.pausedAt) return 'paused';
  if (c.breachedAt || now.toISOString() >= c.dueAt) return 'overdue';
  if (c.warnedAt || now.toISOString() >= c.warnAt) return 'warning';
  return 'running';
}
