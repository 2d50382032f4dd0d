import type { AppContext } from '../app/context.ts';
import { eventInput, type CaseRow, type Db } from '../store/cases.repository.ts';
import type { OutboxRow } from '../store/delivery.repository.ts';
import { bilingual } from '../domain/labels.ts';
import { clockStoppedBy, publicClockIds, zoneLabel } from '../domain/public-clocks.ts';
import { render, type Rendered, type TemplateSet } from './templates.ts';

const KIND = {
  complaint: ['投诉', 'complaint'],
  suggestion: ['建议', 'suggestion'],
  report: ['举报', 'report'],
  appeal: ['申诉', 'appeal'],
} as const;

/** The values a template may use: what the case says now, never the receipt secret (INT-2, INT-4). */
export async function templateVars(
  ctx: AppContext,
  db: Db,
  outbox: OutboxRow,
  row: CaseRow,
): Promise<Record<string, string>> {
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
  const state = procedure?.states.find((s) => s.id === row.status);
  const action = procedure?.actions.find((a) => a.id === outbox.event);
  // Issue 18: the submitter is told only the limits owed to them (`public: true`), with what stops
  // them; staff get the nearest running limit, internal ones included.
  const toSubmitter = outbox.recipient === 'submitter';
  const shown = toSubmitter ? [...publicClockIds(procedure)] : null;
  let clockQuery = db
    .selectFrom('clocks')
    .select(['clock', 'due_at'])
    .where('case_id', '=', row.id)
    .where('stopped_at', 'is', null);
  if (shown) clockQuery = clockQuery.where('clock', 'in', shown.length > 0 ? shown : ['']);
  const clock = await clockQuery.orderBy('due_at').limit(1).executeTakeFirst();
  const clockLabel = clock ? procedure?.clocks.find((c) => c.id === clock.clock)?.label : undefined;
  const due = clock ? ctx.calendar.formatLocal(new Date(clock.due_at)) : undefined;
  const zone = zoneLabel(ctx.config.timeZone);
  const stops = clock && procedure && toSubmitter ? clockStoppedBy(procedure, clock.clock) : [];
  const stopZh = stops.length ? `，至“${stops.map((a) => a['zh-CN']).join('”或“')}”为止` : '';
  const stopEn = stops.length ? `, until "${stops.map((a) => a.en ?? a['zh-CN']).join('" or "')}"` : '';
  const event = await eventInput(db, row.id, (JSON.parse(outbox.payload) as { version: number }).version);
  const input = event ? (JSON.parse(event) as Record<string, unknown>) : {};
  const kind = KIND[row.kind as keyof typeof KIND] ?? KIND.complaint;
  const track = ctx.config.channels.publicUrl
    ? `${ctx.config.channels.publicUrl.replace(/\/$/, '')}/track?no=${encodeURIComponent(row.tracking_no)}`
    : '';
  return {
    trackingNo: row.tracking_no,
    caseSubject: row.subject,
    channel: row.channel,
    kindZh: kind[0],
    kindEn: kind[1],
    procedureZh: procedure?.name['zh-CN'] ?? row.procedure_id,
    procedureEn: procedure?.name.en ?? row.procedure_id,
    statusZh: state?.label['zh-CN'] ?? row.status,
    statusEn: state?.label.en ?? row.status,
    eventZh: action?.label['zh-CN'] ?? outbox.event,
    eventEn: action?.label.en ?? outbox.event,
    deadlineZh: due ? `${clockLabel?.['zh-CN'] ?? clock!.clock} ${due} 前（${zone['zh-CN']}）${stopZh}` : '暂无',
    deadlineEn: due ? `${clockLabel?.en ?? clock!.clock} by ${due} (${zone.en})${stopEn}` : 'none yet',
    nextStepZh: procedure?.intake.publicText?.['zh-CN'] ?? '',
    nextStepEn: procedure?.intake.publicText?.en ?? '',
    trackLineZh: track ? `查询进度：${track}` : '可凭受理编号在投诉平台查询进度。',
    trackLineEn: track ? `Follow it at ${track}` : 'Follow it on the complaint portal with the tracking number.',
    text: typeof input.text === 'string' ? input.text : '',
    clockLabel: clockLabel ? bilingual(clockLabel) : '',
    ...requestVars(ctx, input, zone),
  };
}

const REQUEST = {
  access: ['查阅', 'access to'],
  correct: ['更正', 'correction'],
  delete: ['删除', 'deletion'],
} as const;

/** A personal-data request's notice (data-request.yaml): what is asked, and by when it is answered. */
function requestVars(ctx: AppContext, input: Record<string, unknown>, zone: { 'zh-CN': string; en?: string }) {
  const type = REQUEST[input.type as keyof typeof REQUEST];
  const due = typeof input.dueAt === 'string' ? ctx.calendar.formatLocal(new Date(input.dueAt)) : undefined;
  return {
    requestZh: type?.[0] ?? '',
    requestEn: type?.[1] ?? '',
    requestDueZh: due ? `${due}（${zone['zh-CN']}）` : '',
    requestDueEn: due ? `${due} (${zone.en ?? zone['zh-CN']})` : '',
  };
}

export async function renderNotice(
  ctx: AppContext,
  templates: TemplateSet,
  db: Db,
  outbox: OutboxRow,
  row: CaseRow,
): Promise<Rendered> {
  return render(templates.get(row.procedure_id, outbox.template), await templateVars(ctx, db, outbox, row));
}

/** A notice about no case (a monthly report): its values travel in the outbox payload (`vars`). */
export function renderCaseless(templates: TemplateSet, outbox: OutboxRow): Rendered | undefined {
  const { vars } = JSON.parse(outbox.payload) as { vars?: Record<string, string> };
  return vars ? render(templates.get('', outbox.template), vars) : undefined;
}
