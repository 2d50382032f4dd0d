import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor, CaseState } from './case.ts';
import { Calendar } from './calendar.ts';
import { clockDef, clockRecipients, clockStatus, targetDate, type ClockChange, type ClockState } from './clocks.ts';
import { decide } from './engine.ts';
import { parseProcedure } from './procedure.parse.ts';

/**
 * Issue 17, S4 四.2 / RES-2: the measures of a customer complaint are clocked one by one — the
 * clock runs to the earliest due date among the measures not yet done, moves on when that one is
 * done (`update-measure` retargets it), stops when all are, and reminds the measure's owner.
 * Pure: the engine and the clock functions on the built-in procedure, no I/O.
 */
const customer = parseProcedure(
  readFileSync(new URL('../procedures/customer-complaint.yaml', import.meta.url), 'utf8'),
  'customer-complaint.yaml',
);
const measuresDue = clockDef(customer, 'measures-due');
const calendar = new Calendar({ version: 'test', source: 'test', years: [], offDays: {}, workDays: {} });
const MON = new Date('2026-11-30T02:00:00.000Z'); // Monday 10:00 in Shanghai
/** `YYYY-MM-DD 24:00` in Shanghai. */
const at24 = (date: string) => new Date(`${date}T16:00:00.000Z`).toISOString();

const admin: Actor = {
  kind: 'user',
  id: 'u-admin',
  username: 'admin',
  displayName: 'admin',
  grants: [],
  isAdmin: true,
};
const users = new Map([
  ['wang', { id: 'u-wang', displayName: '王五' }],
  ['li', { id: 'u-li', displayName: '李四' }],
]);

const measure = (owner: string, dueDate: string, done = false) => ({
  type: 'refund',
  description: '退款',
  owner,
  dueDate,
  done,
});
/** Refund (Thu 12-03, 王五), exchange (Wed 12-09, 李四), apology (Tue 12-01, 李四). */
const MEASURES = [measure('u-wang', '2026-12-03'), measure('u-li', '2026-12-09'), measure('u-li', '2026-12-01')];

function caseWith(status: string, measures: unknown[] | undefined): CaseState {
  return {
    id: 'c1',
    trackingNo: 'TS-20261130-AAAAAA',
    procedureId: 'customer-complaint',
    procedureVersion: customer.version,
    kind: 'complaint',
    status,
    version: 7,
    category: 'product-quality',
    severity: null,
    outcome: null,
    assigneeId: 'u-zhao',
    channel: 'web',
    data: measures ? { measures } : {},
    receivedAt: '2026-11-29T01:00:00.000Z',
    closedAt: null,
    orgUnitId: null,
    orgUnitPath: null,
    exclusions: [],
  };
}

/** The measures' clock as it runs: started by `decide` to `dueDate`, on Monday. */
function runningTo(dueDate: string, set: Partial<ClockState> = {}): ClockState {
  return {
    id: 'k1',
    clock: 'measures-due',
    unit: 'natural-days',
    length: 2,
    startedAt: MON.toISOString(),
    dueAt: at24(dueDate),
    warnAt: '2026-12-01T10:00:00.000Z',
    pausedAt: null,
    stoppedAt: null,
    warnedAt: null,
    breachedAt: null,
    provisional: false,
    calendarVersion: 'test',
    extendedBy: 0,
    pausedMs: 0,
    ...set,
  };
}

function run(current: CaseState, actionId: string, input: unknown, clocks: ClockState[] = [], now = MON) {
  return decide({
    procedure: customer,
    current,
    actionId,
    input,
    actor: admin,
    now,
    users,
    clocks: { calendar, clocks },
  });
}

/** A clock change as the test reads it: started to a due time, or a clock stopped. */
const summary = (changes: ClockChange[]) =>
  changes.map((c) =>
    c.op === 'start' ? `start ${c.clock.clock} → ${c.clock.dueAt}` : `stop ${c.id} at ${c.set.stoppedAt}`,
  );

describe("S4 四.2 / RES-2: the measures' clock runs to the earliest measure not yet done", () => {
  it('decide starts it at the earliest of the due dates (Tue 12-01), not the latest (SLA-7)', () => {
    const decided = run(caseWith('investigating', undefined), 'decide', {
      cause: '质量问题',
      outcome: 'substantiated',
      solution: '退款、换货并致歉',
      measures: [
        { type: 'refund', description: '退款', owner: 'wang', dueDate: '2026-12-03' },
        { type: 'exchange', description: '换货', owner: 'li', dueDate: '2026-12-09' },
        { type: 'apology', description: '致歉', owner: 'li', dueDate: '2026-12-01' },
      ],
    });
    expect(summary(decided.clockChanges)).toEqual([`start measures-due → ${at24('2026-12-01')}`]);
  });

  it('a measure done already does not count: the earliest open one does', () => {
    const data = { measures: [measure('u-wang', '2026-12-03'), measure('u-li', '2026-12-01', true)] };
    expect(targetDate(measuresDue, null, data)).toBe('2026-12-03');
    expect(targetDate(measuresDue, null, { measures: [measure('u-li', '2026-12-01', true)] })).toBeNull();
  });

  it('procedures before the option (no `pick`) keep running to the latest date, done or not', () => {
    const latest = { ...measuresDue, dueFrom: { ...measuresDue.dueFrom!, pick: undefined } };
    const data = { measures: [measure('u-wang', '2026-12-03'), measure('u-li', '2026-12-09', true)] };
    expect(targetDate(latest, null, data)).toBe('2026-12-09');
  });
});

describe('S4 四.2 / RES-2: update-measure moves the clock on (clocks.retarget)', () => {
  const decided = caseWith('decided', MEASURES);
  const wed = new Date('2026-12-02T02:00:00.000Z'); // Wednesday 10:00, the day after 12-01

  it('the earliest measure done in time: its clock stops met and a new one runs to the next date (Thu 12-03)', () => {
    const d = run(decided, 'update-measure', { index: 2, done: true, result: '已致歉' }, [runningTo('2026-12-01')]);
    expect(summary(d.clockChanges)).toEqual([
      `stop k1 at ${MON.toISOString()}`,
      `start measures-due → ${at24('2026-12-03')}`,
    ]);
    expect(d.event.clocks.map((n) => [n.op, n.explanation?.en])).toEqual([
      ['stop', 'stopped: met the deadline (2026-12-01 24:00)'],
      ['start', "due 2026-12-03 24:00 — the next open item's date"],
    ]);
  });

  it('an overdue measure done late: the breached clock stops missed, the next runs fresh — not warned, not overdue (SLA-7)', () => {
    const breached = runningTo('2026-12-01', {
      warnedAt: '2026-12-01T10:00:00.000Z',
      breachedAt: '2026-12-01T16:05:00.000Z',
    });
    expect(clockStatus(breached, wed)).toBe('overdue');
    const d = run(decided, 'update-measure', { index: 2, done: true }, [breached], wed);
    const [stop, start] = d.clockChanges;
    expect(stop).toEqual({ op: 'update', id: 'k1', set: { stoppedAt: wed.toISOString(), pausedAt: null } });
    expect(clockStatus({ ...breached, ...(stop as { set: Partial<ClockState> }).set }, wed)).toBe('missed');
    expect(start.op).toBe('start');
    const next = { id: 'k2', ...(start as { clock: Omit<ClockState, 'id'> }).clock };
    expect(next).toMatchObject({ dueAt: at24('2026-12-03'), warnedAt: null, breachedAt: null, stoppedAt: null });
    expect(clockStatus(next, wed)).toBe('running');
    expect(d.event.clocks[0].explanation?.en).toBe('stopped: after the deadline (2026-12-01 24:00)');
  });

  it('a later measure done, or progress without done: the clock keeps running to the same date', () => {
    const clocks = [runningTo('2026-12-01')];
    expect(run(decided, 'update-measure', { index: 1, done: true }, clocks).clockChanges).toEqual([]);
    expect(run(decided, 'update-measure', { index: 2, done: false, result: '已联系' }, clocks).clockChanges).toEqual(
      [],
    );
  });

  it('the last open measure done: the clock stops and nothing starts', () => {
    const lastOpen = caseWith('decided', [MEASURES[0], { ...MEASURES[1], done: true }, { ...MEASURES[2], done: true }]);
    const d = run(lastOpen, 'update-measure', { index: 0, done: true }, [runningTo('2026-12-03')]);
    expect(summary(d.clockChanges)).toEqual([`stop k1 at ${MON.toISOString()}`]);
  });

  it('a measure found not done after all: the stopped clock runs again to its date', () => {
    const allDone = caseWith(
      'decided',
      MEASURES.map((m) => ({ ...m, done: true })),
    );
    const stopped = runningTo('2026-12-03', { stoppedAt: MON.toISOString() });
    const d = run(allDone, 'update-measure', { index: 0, done: false, result: '退款被退回' }, [stopped]);
    expect(summary(d.clockChanges)).toEqual([`start measures-due → ${at24('2026-12-03')}`]);
  });
});

describe("S4 四.3 / RES-2: the measure's owner is reminded (item:owner)", () => {
  const [assigneeNotice, ownerNotice] = measuresDue.warnNotify;
  const c = { severity: null, assigneeId: 'u-zhao', data: { measures: MEASURES } };

  it('the reminder goes to the responsible person and to the owner of the measure due first', () => {
    expect(assigneeNotice.to).toBe('assignee');
    expect(ownerNotice.to).toBe('item:owner');
    expect(clockRecipients(measuresDue, 'item:owner', c, ['assignee', 'item:owner'])).toEqual(['user:u-li']);
    expect(clockRecipients(measuresDue, 'assignee', c, ['assignee', 'item:owner'])).toEqual(['assignee']);
  });

  it('owners of several measures due that day are each told once; one who is the assignee only once', () => {
    const sameDay = [measure('u-wang', '2026-12-01'), measure('u-li', '2026-12-01'), measure('u-wang', '2026-12-01')];
    const both = { ...c, data: { measures: sameDay } };
    expect(clockRecipients(measuresDue, 'item:owner', both, ['item:owner'])).toEqual(['user:u-wang', 'user:u-li']);
    const assigned = { ...both, assigneeId: 'u-wang' };
    expect(clockRecipients(measuresDue, 'item:owner', assigned, ['assignee', 'item:owner'])).toEqual(['user:u-li']);
  });

  it('the overdue notice reaches the owner too; with every measure done there is no one to tell', () => {
    expect(measuresDue.onBreach).toContainEqual({ notify: { to: 'item:owner', template: 'measures-overdue' } });
    const done = { ...c, data: { measures: MEASURES.map((m) => ({ ...m, done: true })) } };
    expect(clockRecipients(measuresDue, 'item:owner', done, ['item:owner'])).toEqual([]);
  });
});
