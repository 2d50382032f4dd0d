import type { ClockUnit } from '../domain/calendar.ts';
import type { ClockState, NewClock } from '../domain/clocks.ts';
import type { ClockColumns, ClockRow } from './clocks.repository.ts';

export function toClockState(row: ClockRow): ClockState {
  return {
    id: row.id,
    clock: row.clock,
    unit: row.unit as ClockUnit,
    length: Number(row.length),
    startedAt: row.started_at,
    dueAt: row.due_at,
    warnAt: row.warn_at,
    pausedAt: row.paused_at,
    stoppedAt: row.stopped_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
    provisional: row.provisional === 1,
    calendarVersion: row.calendar_version,
    extendedBy: Number(row.extended_by),
    pausedMs: Number(row.paused_ms),
  };
}

export function toClockRow(id: string, caseId: string, c: NewClock): ClockRow {
  return {
    id,
    case_id: caseId,
    clock: c.clock,
    unit: c.unit,
    length: c.length,
    started_at: c.startedAt,
    due_at: c.dueAt,
    warn_at: c.warnAt,
    paused_at: c.pausedAt,
    stopped_at: c.stoppedAt,
    warned_at: c.warnedAt,
    breached_at: c.breachedAt,
    provisional: c.provisional ? 1 : 0,
    calendar_version: c.calendarVersion,
    extended_by: c.extendedBy,
    paused_ms: c.pausedMs,
  };
}

/** Engine clock fields as columns. */
export function toClockColumns(set: Partial<Omit<ClockState, 'id' | 'clock'>>): ClockColumns {
  const columns: ClockColumns = {};
  const map: Record<string, keyof ClockColumns> = {
    unit: 'unit',
    length: 'length',
    startedAt: 'started_at',
    dueAt: 'due_at',
    warnAt: 'warn_at',
    pausedAt: 'paused_at',
    stoppedAt: 'stopped_at',
    warnedAt: 'warned_at',
    breachedAt: 'breached_at',
    calendarVersion: 'calendar_version',
    extendedBy: 'extended_by',
    pausedMs: 'paused_ms',
  };
  for (const [key, value] of Object.entries(set)) {
    if (key === 'provisional') columns.provisional = value ? 1 : 0;
    else if (map[key]) (columns as Record<string, unknown>)[map[key]] = value;
  }
  return columns;
}
