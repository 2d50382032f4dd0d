import { startPeriodic } from './periodic.ts';
import { clockDef, clockRecipients, startClock, type ClockNote, type ClockState } from '../domain/clocks.ts';
import { timeOrderedId } from '../domain/ids.ts';
import type { CaseState, Notification } from '../domain/case.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import type { AppContext } from '../app/context.ts';
import { addCaseNote } from '../app/case-notes.ts';
import { caseClocks, dueClocks, insertClocks, markClock } from '../store/clocks.repository.ts';
import type { CaseChanges } from '../store/cases.repository.ts';
import { toClockRow, toClockState } from '../store/clock.mapper.ts';
import { toCaseState } from '../store/case.mapper.ts';
import type { Trx } from '../store/transaction.ts';
import { keepInSync } from '../app/instance-sync.ts';

export type SweepResult = { warned: number; breached: number; skipped: number };

const SYSTEM = { kind: 'system' as const, id: null, name: '计时器 / clock sweeper' };

/**
 * One pass of the clock sweeper (SLA-7): clocks past their warning point warn, clocks past their
 * deadline breach and do what their procedure says (notify, raise severity, escalate). Each
 * clock is handled in its own transaction that first marks it — only if nobody has — so a second
 * run, or a second instance racing this one, does nothing twice. At most `limit` of each per pass.
 */
export async function sweepOnce(ctx: AppContext, limit = 500): Promise<SweepResult> {
  // A clock of a case opened on another instance under a version uploaded there needs that version
  // here, and deadlines are counted with the days any instance imported.
  await keepInSync(ctx);
  const result: SweepResult = { warned: 0, breached: 0, skipped: 0 };
  const now = ctx.now().toISOString();
  for (const kind of ['breach', 'warn'] as const) {
    for (const row of await dueClocks(ctx.store.db, kind, now, limit)) {
      const done = await handle(ctx, toClockState(row), row.case_id, kind, now);
      if (done) result[kind === 'warn' ? 'warned' : 'breached']++;
      else result.skipped++;
    }
  }
  return result;
}

async function handle(
  ctx: AppContext,
  clock: ClockState,
  caseId: string,
  kind: 'warn' | 'breach',
  now: string,
): Promise<boolean> {
  const done = await addCaseNote(ctx, caseId, {
    action: kind === 'warn' ? 'clock-warning' : 'clock-breached',
    visibility: 'internal',
    actor: SYSTEM,
    input: { clock: clock.clock },
    prepare: async (trx, row) => {
      // Marking the clock first, only if nobody has, is what makes this happen once.
      if (!(await markClock(trx, clock.id, kind === 'warn' ? 'warned_at' : 'breached_at', now))) return false;
      const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
      const { changes, notifications, note, starts } = consequences(procedure, clock, kind, toCaseState(row), ctx, now);
      if (changes.severity === row.severity) delete changes.severity;
      const started = await startClocks(ctx, trx, procedure, caseId, starts, changes.severity ?? row.severity, now);
      return {
        changes,
        clocks: [note, ...started],
        notify: notifications,
        input: { clock: clock.clock, ...(changes.severity ? { severity: changes.severity } : {}) },
      };
    },
  });
  return done !== null;
}

/** What a warning or a breach does to the case, by the clock's definition (SLA-6, SLA-7, CLS-3). */
function consequences(
  procedure: TProcedure,
  clock: ClockState,
  kind: 'warn' | 'breach',
  c: CaseState,
  ctx: AppContext,
  now: string,
) {
  const def = clockDef(procedure, clock.clock);
  const severity = c.severity;
  const changes: CaseChanges = {};
  const notifications: Notification[] = [];
  const starts: string[] = [];
  const due = ctx.calendar.formatLocal(new Date(clock.dueAt));
  // `item:owner` names the owners of the measures the clock runs to (issue 17, S4 四.3).
  const notices = kind === 'warn' ? def.warnNotify : def.onBreach.flatMap((s) => ('notify' in s ? [s.notify] : []));
  const event = kind === 'warn' ? 'clock-warning' : 'clock-breached';
  const named = notices.map((n) => n.to);
  for (const n of notices)
    for (const to of clockRecipients(def, n.to, c, named)) notifications.push({ to, template: n.template, event });
  if (kind === 'breach') {
    for (const step of def.onBreach) {
      if ('raiseSeverity' in step) changes.severity = step.raiseSeverity;
      if ('escalate' in step) changes.escalated_at = now;
      if ('start' in step) starts.push(step.start);
    }
  }
  const label = def.label;
  const rule = def.rule ? `，${def.rule}` : '';
  // The note is read by people: name the raised severity as the procedure labels it, not by its id.
  const raised =
    changes.severity && changes.severity !== severity
      ? procedure.severities.find((s) => s.id === changes.severity)?.label
      : undefined;
  const raisedZh = raised ? `；严重程度升为“${raised['zh-CN']}”` : '';
  const raisedEn = raised ? `; severity raised to "${raised.en ?? changes.severity}"` : '';
  const note: ClockNote = {
    clock: def.id,
    label,
    op: kind,
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    explanation:
      kind === 'warn'
        ? {
            'zh-CN': `“${label['zh-CN']}”即将到期：${due} 截止（已过 ${Math.round(def.warnAt * 100)}%${rule}）`,
            en: `"${label.en ?? def.id}" is due soon: ${due} (${Math.round(def.warnAt * 100)} % elapsed)`,
          }
        : {
            'zh-CN': `“${label['zh-CN']}”已超期：期限为 ${due}${rule}${raisedZh}${changes.escalated_at ? '；已报上级督办' : ''}`,
            en: `"${label.en ?? def.id}" is overdue: it was due ${due}${raisedEn}${changes.escalated_at ? '; escalated for supervision' : ''}`,
          },
  };
  return { changes, notifications, note, starts };
}

/**
 * The clocks a breach starts (S9 一.1(3): raised to 重大, the 2-day answer), from now and at the
 * severity the breach set; one already running is not started twice.
 */
async function startClocks(
  ctx: AppContext,
  trx: Trx,
  procedure: TProcedure,
  caseId: string,
  ids: string[],
  severity: string | null,
  now: string,
): Promise<ClockNote[]> {
  if (ids.length === 0) return [];
  const running = new Set((await caseClocks(trx, caseId)).filter((c) => c.stopped_at === null).map((c) => c.clock));
  const notes: ClockNote[] = [];
  for (const id of ids.filter((i) => !running.has(i))) {
    const { clock, note } = startClock(ctx.calendar, clockDef(procedure, id), severity, new Date(now));
    await insertClocks(trx, [toClockRow(timeOrderedId(new Date(now), ctx.random(10)), caseId, clock)]);
    notes.push(note);
  }
  return notes;
}

/** Runs the sweeper every `intervalMs` inside `plaint serve`; returns a stop function. */
export function startSweeper(
  ctx: AppContext,
  intervalMs: number,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  return startPeriodic(
    'sweeper',
    intervalMs,
    async () => {
      const r = await sweepOnce(ctx);
      return r.warned + r.breached > 0 ? `${r.warned} warned, ${r.breached} breached` : null;
    },
    log,
  );
}
