import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Calendar, mergeCalendarData, type CalendarData, type Deadline } from '../domain/calendar.ts';
import { clockDef, recomputedDeadline, warnInstant, type ClockState } from '../domain/clocks.ts';
import type { Store } from '../store/db.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { updateClock } from '../store/clocks.repository.ts';
import { toClockColumns, toClockState } from '../store/clock.mapper.ts';
import type { AppContext } from './context.ts';
import { addCaseNote } from './case-notes.ts';

const BUILT_IN: CalendarData = JSON.parse(
  readFileSync(new URL('../domain/calendar-data/cn.json', import.meta.url), 'utf8'),
);

/** The days admins added, and the calendar version they make with the built-in data. */
async function storedDays(store: Store) {
  const days = await store.db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
  const years = await store.db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  if (days.length === 0 && years.length === 0) return { days, years, version: BUILT_IN.version };
  const digest = createHash('sha256')
    .update(JSON.stringify([days.map((d) => [d.date, d.kind, d.name]), years.map((y) => Number(y.year))]))
    .digest('hex')
    .slice(0, 10);
  return { days, years, version: `${BUILT_IN.version}+local-${digest}` };
}

function buildCalendar(stored: Awaited<ReturnType<typeof storedDays>>, timeZone: string): Calendar {
  const { days, years, version } = stored;
  if (version === BUILT_IN.version) return new Calendar(BUILT_IN, timeZone);
  return new Calendar(
    mergeCalendarData(BUILT_IN, {
      version,
      years: years.map((y) => Number(y.year)),
      offDays: Object.fromEntries(days.filter((d) => d.kind === 'off').map((d) => [d.date, d.name])),
      workDays: Object.fromEntries(days.filter((d) => d.kind === 'work').map((d) => [d.date, d.name])),
    }),
    timeZone,
  );
}

/**
 * The calendar in force: the built-in Chinese days (cn.json) with the days admins added on top.
 * Its version names both, so a deadline records exactly which data counted it.
 */
export async function loadCalendar(store: Store, timeZone: string): Promise<Calendar> {
  return buildCalendar(await storedDays(store), timeZone);
}

/**
 * Days another instance imported (several instances on one PostgreSQL; see instance-sync.ts): the
 * calendar is rebuilt only when its version — a digest of the stored days — changed, so the
 * periodic look costs two small queries. The importing instance has already recounted the open
 * deadlines in the database.
 */
export async function refreshCalendar(ctx: AppContext): Promise<boolean> {
  const stored = await storedDays(ctx.store);
  if (stored.version === ctx.calendar.version) return false;
  ctx.calendar = buildCalendar(stored, ctx.config.timeZone);
  return true;
}

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, 'not a real date');

/**
 * What an admin imports (API body or `plaint calendar import FILE`): days off and make-up working
 * days, and the years the notice covers completely (a local holiday adds days but no year).
 */
export const ZCalendarImport = z
  .object({
    source: z.string().trim().min(1).max(300),
    years: z.array(z.number().int().min(2000).max(2100)).max(10).default([]),
    offDays: z
      .array(z.object({ date: ZDate, name: z.string().trim().min(1).max(100) }).strict())
      .max(400)
      .default([]),
    workDays: z
      .array(z.object({ date: ZDate, name: z.string().trim().min(1).max(100) }).strict())
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    for (const [i, d] of [...value.offDays, ...value.workDays].entries()) {
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i], message: `${d.date} listed twice` });
      seen.add(d.date);
    }
    if (value.years.length + value.offDays.length + value.workDays.length === 0)
      ctx.addIssue({ code: 'custom', path: [], message: 'nothing to import' });
  });
export type TCalendarImport = z.infer<typeof ZCalendarImport>;

/**
 * Reads an import file: JSON in the shape of ZCalendarImport, or CSV lines `date,kind,name`
 * (kind `off` or `work`) with `# source: …` and `# years: 2027` comment lines.
 */
export function parseCalendarFile(text: string, fileName: string): TCalendarImport {
  if (fileName.endsWith('.json') || text.trimStart().startsWith('{')) return ZCalendarImport.parse(JSON.parse(text));
  const raw: {
    source: string;
    years: number[];
    offDays: { date: string; name: string }[];
    workDays: { date: string; name: string }[];
  } = { source: fileName, years: [], offDays: [], workDays: [] };
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const meta = /^#\s*(source|years)\s*:\s*(.+)$/i.exec(trimmed);
    if (meta) {
      if (meta[1].toLowerCase() === 'source') raw.source = meta[2].trim();
      else
        raw.years.push(
          ...meta[2]
            .split(/[,\s]+/)
            .filter(Boolean)
            .map(Number),
        );
      continue;
    }
    if (trimmed.startsWith('#') || /^date\s*,/i.test(trimmed)) continue;
    const [date, kind, ...name] = trimmed.split(',').map((s) => s.trim());
    if (kind !== 'off' && kind !== 'work')
      throw new Error(`${fileName}:${i + 1}: kind must be "off" or "work", not "${kind}"`);
    (kind === 'off' ? raw.offDays : raw.workDays).push({
      date,
      name: name.join(',') || (kind === 'off' ? '休息日' : '调休工作日'),
    });
  }
  return ZCalendarImport.parse(raw);
}

/**
 * Adds days (a new year's notice, a local holiday, a company closure) and covered years, then
 * recounts every open deadline that was provisional or runs over a changed day; each recount is
 * on its case's timeline. Audited. Returns how many deadlines were recounted.
 */
export async function importCalendar(
  ctx: AppContext,
  days: TCalendarImport,
  by: string,
): Promise<{ calendarVersion: string; recomputed: number }> {
  const at = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    for (const [kind, list] of [
      ['off', days.offDays],
      ['work', days.workDays],
    ] as const) {
      for (const d of list) {
        await trx.deleteFrom('calendar_days').where('date', '=', d.date).execute();
        await trx
          .insertInto('calendar_days')
          .values({ date: d.date, kind, name: d.name, source: days.source, added_at: at, added_by: by })
          .execute();
      }
    }
    for (const year of days.years) {
      await trx.deleteFrom('calendar_years').where('year', '=', year).execute();
      await trx
        .insertInto('calendar_years')
        .values({ year, source: days.source, added_at: at, added_by: by })
        .execute();
    }
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'calendar.import',
      entityType: 'calendar',
      entityId: null,
      payload: { source: days.source, years: days.years, offDays: days.offDays.length, workDays: days.workDays.length },
    });
  });
  ctx.calendar = await loadCalendar(ctx.store, ctx.config.timeZone);
  const changed = [...days.offDays, ...days.workDays].map((d) => d.date);
  const recomputed = await recomputeDeadlines(ctx, changed);
  return { calendarVersion: ctx.calendar.version, recomputed };
}

/** Recounts open deadlines that were provisional or whose period contains a changed day. */
async function recomputeDeadlines(ctx: AppContext, changedDates: string[]): Promise<number> {
  let count = 0;
  const first = changedDates.length ? changedDates.reduce((a, b) => (a < b ? a : b)) : null;
  const candidates = await ctx.store.db
    .selectFrom('clocks')
    .selectAll()
    .where('stopped_at', 'is', null)
    .where((eb) =>
      first
        ? eb.or([eb('provisional', '=', 1), eb('due_at', '>=', ctx.calendar.startOfDay(first).toISOString())])
        : eb('provisional', '=', 1),
    )
    .orderBy('id')
    .execute();
  for (const row of candidates) {
    const clock = toClockState(row);
    if (clock.unit === 'hours') continue;
    const deadline = recomputedDeadline(ctx.calendar, clock);
    if (deadline.dueAt.toISOString() === clock.dueAt && deadline.provisional === clock.provisional) continue;
    if (await recordRecount(ctx, row.case_id, clock, deadline)) count++;
  }
  return count;
}

async function recordRecount(ctx: AppContext, caseId: string, clock: ClockState, deadline: Deadline): Promise<boolean> {
  const at = ctx.now().toISOString();
  const before = ctx.calendar.formatLocal(new Date(clock.dueAt));
  const done = await addCaseNote(ctx, caseId, {
    action: 'deadline-recomputed',
    visibility: 'internal',
    actor: { kind: 'system', id: null, name: '日历更新 / calendar update' },
    input: { clock: clock.clock, previousDueAt: clock.dueAt, calendarVersion: deadline.calendarVersion },
    prepare: async (trx, row) => {
      const def = clockDef(ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!, clock.clock);
      await updateClock(
        trx,
        clock.id,
        toClockColumns({
          dueAt: deadline.dueAt.toISOString(),
          provisional: deadline.provisional,
          calendarVersion: deadline.calendarVersion,
          warnAt: warnInstant(ctx.calendar, def, new Date(clock.startedAt), deadline.dueAt).toISOString(),
          // A deadline moved later is no longer breached or warned; the sweeper looks at it again.
          ...(deadline.dueAt.toISOString() > at ? { breachedAt: null, warnedAt: null } : {}),
        }),
      );
      return {
        clocks: [
          {
            clock: def.id,
            label: def.label,
            op: 'recompute',
            dueAt: deadline.dueAt.toISOString(),
            provisional: deadline.provisional,
            explanation: {
              'zh-CN': `节假日安排更新后重新计算：原 ${before}，现 ${deadline.explanation['zh-CN']}`,
              en: `recounted with the updated calendar: was ${before}, now ${deadline.explanation.en}`,
            },
          },
        ],
      };
    },
  });
  return done !== null;
}
