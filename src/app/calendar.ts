import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Calendar, mergeCalendarData, type CalendarData } from '../domain/calendar.ts';
import type { Store } from '../store/db.ts';

const BUILT_IN: CalendarData = JSON.parse(readFileSync(new URL('../domain/calendar-data/cn.json', import.meta.url), 'utf8'));

/**
 * The calendar in force: the built-in Chinese days (cn.json) with the days admins added on top.
 * Its version names both, so a deadline records exactly which data counted it.
 */
export async function loadCalendar(store: Store, timeZone: string): Promise<Calendar> {
  const days = await store.db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
  const years = await store.db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  if (days.length === 0 && years.length === 0) return new Calendar(BUILT_IN, timeZone);
  const digest = createHash('sha256').update(JSON.stringify([days.map((d) => [d.date, d.kind, d.name]), years.map((y) => Number(y.year))])).digest('hex').slice(0, 10);
  const data = mergeCalendarData(BUILT_IN, {
    version: `${BUILT_IN.version}+local-${digest}`,
    years: years.map((y) => Number(y.year)),
    offDays: Object.fromEntries(days.filter((d) => d.kind === 'off').map((d) => [d.date, d.name])),
    workDays: Object.fromEntries(days.filter((d) => d.kind === 'work').map((d) => [d.date, d.name])),
  });
  return new Calendar(data, timeZone);
}

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');

/**
 * What an admin imports (API body or `plaint calendar import FILE`): days off and make-up working
 * days, and the years the notice covers completely (a local holiday adds days but no year).
 */
export const ZCalendarImport = z.object({
  source: z.string().trim().min(1).max(300),
  years: z.array(z.number().int().min(2000).max(2100)).max(10).default([]),
  offDays: z.array(z.object({ date: ZDate, name: z.string().trim().min(1).max(100) }).strict()).max(400).default([]),
  workDays: z.array(z.object({ date: ZDate, name: z.string().trim().min(1).max(100) }).strict()).max(100).default([]),
}).strict().superRefine((value, ctx) => {
  const seen = new Set<string>();
  for (const [i, d] of [...value.offDays, ...value.workDays].entries()) {
    if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i], message: `${d.date} listed twice` });
    seen.add(d.date);
  }
  if (value.years.length + value.offDays.length + value.workDays.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'nothing to import' });
});
export type TCalendarImport = z.infer<typeof ZCalendarImport>;

/**
 * Reads an import file: JSON in the shape of ZCalendarImport, or CSV lines `date,kind,name`
 * (kind `off` or `work`) with `# source: …` and `# years: 2027` comment lines.
 */
export function parseCalendarFile(text: string, fileName: string): TCalendarImport {
  if (fileName.endsWith('.json') || text.trimStart().startsWith('{')) return ZCalendarImport.parse(JSON.parse(text));
  const raw: { source: string; years: number[]; offDays: { date: string; name: string }[]; workDays: { date: string; name: string }[] } = { source: fileName, years: [], offDays: [], workDays: [] };
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const meta = /^#\s*(source|years)\s*:\s*(.+)$/i.exec(trimmed);
    if (meta) {
      if (meta[1].toLowerCase() === 'source') raw.source = meta[2].trim();
      else raw.years.push(...meta[2].split(/[,\s]+/).filter(Boolean).map(Number));
      continue;
    }
    if (trimmed.startsWith('#') || /^date\s*,/i.test(trimmed)) continue;
    const [date, kind, ...name] = trimmed.split(',').map((s) => s.trim());
    if (kind !== 'off' && kind !== 'work') throw new Error(`${fileName}:${i + 1}: kind must be "off" or "work", not "${kind}"`);
    (kind === 'off' ? raw.offDays : raw.workDays).push({ date, name: name.join(',') || (kind === 'off' ? '休息日' : '调休工作日') });
  }
  return ZCalendarImport.parse(raw);
}
