import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import type { TLabel } from '../domain/labels.ts';
import { scope as policyScope, type Scope } from '../domain/policy.ts';
import { previousMonth, reportPeriod } from '../domain/stats.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { inScope } from '../store/cases.repository.ts';
import { findOrgUnit, listOrgUnits, type OrgUnitRow } from '../store/org.repository.ts';
import { insertOutbox } from '../store/outbox.repository.ts';
import { findReport, insertReport, listReports, type MonthlyReportRow } from '../store/reports.repository.ts';
import { notableCases } from '../store/stats.repository.ts';
import type { AppContext } from './context.ts';
import { computeStats, statsScopeOf } from './stats.ts';
import { improvementSummary, type ImprovementSummary } from './improvements.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { msg } from '../domain/messages.ts';

/** A section another module adds to every report: a title, column headers and rows. */
export type ReportSection = { title: TLabel; columns: TLabel[]; rows: (string | number | null)[][]; note?: TLabel };
export type ReportSectionInput = { month: string; from: string; to: string; unit: OrgUnitRow | null };

/** Sections other modules add to every report (none today; improvement actions are built in). */
export const reportHooks: {
  extraSections: ((ctx: AppContext, input: ReportSectionInput) => Promise<ReportSection[]>)[];
} = { extraSections: [] };

const KIND_LABELS: Record<string, TLabel> = {
  corrective: { 'zh-CN': '纠正措施', en: 'Corrective action' },
  training: { 'zh-CN': '培训', en: 'Training' },
};
const STATUS_LABELS: Record<string, TLabel> = {
  open: { 'zh-CN': '待办', en: 'Open' },
  'in-progress': { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};

/** STA-1, STA-2: the month's open and done corrective actions and training items of the unit. */
async function improvementSection(
  ctx: AppContext,
  from: string,
  to: string,
  unit: OrgUnitRow | null,
): Promise<ReportSection> {
  const summary = await improvementSummary(ctx, { unitId: unit?.id, from, to });
  const row = (a: ImprovementSummary['open'][number]) => [
    KIND_LABELS[a.kind]?.['zh-CN'] ?? a.kind,
    a.title,
    a.causeCategory,
    a.owner?.name ?? null,
    a.dueDate,
    `${STATUS_LABELS[a.status]?.['zh-CN'] ?? a.status}${a.overdue ? '（逾期）' : ''}`,
    a.cases.map((c) => c.trackingNo).join('、'),
  ];
  return {
    title: { 'zh-CN': '整改与培训措施', en: 'Corrective actions and training' },
    columns: [
      { 'zh-CN': '类型', en: 'Kind' },
      { 'zh-CN': '措施', en: 'Action' },
      { 'zh-CN': '原因类别', en: 'Cause' },
      { 'zh-CN': '负责人', en: 'Owner' },
      { 'zh-CN': '期限', en: 'Due' },
      { 'zh-CN': '状态', en: 'Status' },
      { 'zh-CN': '关联案件', en: 'Cases' },
    ],
    rows: [...summary.open.map(row), ...summary.done.map(row)],
    note: {
      'zh-CN': `月末未完成 ${summary.open.length} 项，本月完成 ${summary.done.length} 项`,
      en: `${summary.open.length} open at the end of the month, ${summary.done.length} done in it`,
    },
  };
}

const NOTABLE_LIMIT = 50;

/** The report's `unit_id` for the whole organisation (a unique key cannot hold NULL twice). */
export const ORGANISATION = '';

type Generated = { month: string; unitId: string; unitName: string; id: string; created: boolean };

type Built = Awaited<ReturnType<typeof buildReport>>;

/** The numbers, notable cases and sections of one unit's report (a read: it runs in a read worker on SQLite, read-tasks.ts). */
export async function buildReport(ctx: AppContext, month: string, unit: OrgUnitRow | null) {
  const period = reportPeriod(month, ctx.config.reports.period, ctx.config.reports.day);
  const everything: Scope = policyScope({ kind: 'system', name: 'monthly-report' }, ctx.procedures.latestAll());
  const stats = await computeStats(ctx, everything, { ...period, unitId: unit?.id });
  // "Major": the configured most severe levels (S9 重大投诉 `major`, S2 严重 `grave`).
  const majors = ctx.config.reports.majorSeverities;
  const filter = {
    from: ctx.calendar.startOfDay(period.from).toISOString(),
    to: ctx.calendar.startOfDay(nextDay(period.to)).toISOString(),
    scope: everything,
    unitPath: unit?.path,
  };
  const notable = (await notableCases(ctx.store.db, filter, majors, ctx.now().toISOString(), NOTABLE_LIMIT)).map(
    (r) => {
      const p = ctx.procedures.get(r.procedure_id, r.procedure_version);
      return {
        id: r.id,
        trackingNo: r.tracking_no,
        subject: r.subject,
        receivedAt: r.received_at,
        orgUnitId: r.org_unit_id,
        procedure: p?.name ?? { 'zh-CN': r.procedure_id },
        status: p?.states.find((s) => s.id === r.status)?.label ?? { 'zh-CN': r.status },
        severity: r.severity
          ? (p?.severities.find((s) => s.id === r.severity)?.label ?? { 'zh-CN': r.severity })
          : null,
        reasons: [
          ...(r.overdue ? ['overdue'] : []),
          ...(r.severity && majors.includes(r.severity) ? ['major'] : []),
          ...(r.appealed ? ['appealed'] : []),
        ],
      };
    },
  );
  const input: ReportSectionInput = { month, ...period, unit };
  const improvement = await improvementSection(ctx, filter.from, filter.to, unit);
  const extra = (await Promise.all(reportHooks.extraSections.map((f) => f(ctx, input)))).flat();
  return { stats, notable, extra: { improvement, sections: extra } };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * STA-1 (S9 月度统计): makes the month's report for each org unit and the whole organisation, or
 * for one unit. Exactly once per unit and month, even with several instances: the insert is
 * `ON CONFLICT DO NOTHING` on the unique (month, unit) key, and only the instance whose insert
 * landed writes the audit record and queues the notices, in the same transaction.
 */
export async function generateMonthlyReports(
  ctx: AppContext,
  month: string,
  options: { unitId?: string; by: string },
): Promise<Generated[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new DomainError('VALIDATION_FAILED', msg('monthlyReport.monthYyyyMm'), {
      issues: [{ path: 'month', message: 'YYYY-MM' }],
    });
  let targets: (OrgUnitRow | null)[];
  if (options.unitId) {
    const unit = await findOrgUnit(ctx.store.db, options.unitId);
    if (!unit) throw new DomainError('NOT_FOUND', msg('common.noSuchOrgUnit2'));
    targets = [unit];
  } else {
    targets = [null, ...(await listOrgUnits(ctx.store.db))];
  }
  const out: Generated[] = [];
  for (const unit of targets) {
    const unitId = unit?.id ?? ORGANISATION;
    const unitName = unit?.name ?? '全组织 / Organisation';
    const existing = await findReport(ctx.store.db, month, unitId);
    if (existing) {
      out.push({ month, unitId, unitName, id: existing.id, created: false });
      continue;
    }
    // Issue 25: the numbers are a heavy read, made in a read worker on SQLite; sections added by
    // hooks exist only in this thread, so with any registered the report is made here.
    const report = reportHooks.extraSections.length
      ? await buildReport(ctx, month, unit)
      : await (await import('./read-tasks.ts')).heavyRead(ctx, 'monthlyReport', { month, unit });
    const now = ctx.now().toISOString();
    const row: MonthlyReportRow = {
      id: timeOrderedId(ctx.now(), ctx.random(10)),
      month,
      unit_id: unitId,
      unit_name: unitName,
      unit_path: unit?.path ?? null,
      generated_at: now,
      generated_by: options.by,
      stats: JSON.stringify(report.stats),
      notable: JSON.stringify(report.notable),
      extra: JSON.stringify(report.extra),
    };
    const created = await ctx.store.transact(async (trx) => {
      if (!(await insertReport(trx, row))) return false;
      await appendAudit(trx, {
        at: now,
        actor: options.by,
        action: 'report.generate',
        entityType: 'monthly_report',
        entityId: row.id,
        payload: { month, unit: unitId || null, total: report.stats.total },
      });
      const recipients = await reportRecipients(ctx, trx, unit);
      const vars = {
        month,
        unitName: unit?.name ?? '全组织',
        unitNameEn: unit?.name ?? 'the organisation',
        total: String(report.stats.total),
        closed: String(report.stats.closed),
        onTime: pctText(overallOnTime(report.stats)),
        satisfaction: report.stats.satisfaction.average === null ? '—' : String(report.stats.satisfaction.average),
        notable: String(report.notable.length),
        link: ctx.config.channels.publicUrl
          ? `${ctx.config.channels.publicUrl.replace(/\/$/, '')}/staff/reports/${row.id}`
          : '',
      };
      if (recipients.length)
        await insertOutbox(
          trx,
          recipients.map((recipient) => ({
            idempotency_key: `report:${row.id}:${recipient}`,
            case_id: null,
            recipient,
            template: 'monthly-report',
            event: 'monthly-report',
            payload: JSON.stringify({ reportId: row.id, month, unitId: unitId || null, vars }),
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            sent_at: null,
            last_error: null,
          })),
        );
      return true;
    });
    const stored = created ? row : await findReport(ctx.store.db, month, unitId);
    out.push({ month, unitId, unitName, id: stored!.id, created });
  }
  return out;
}

function overallOnTime(stats: { onTime: { met: number; missed: number; overdue: number }[] }): number | null {
  const t = stats.onTime.reduce((a, c) => ({ met: a.met + c.met, all: a.all + c.met + c.missed + c.overdue }), {
    met: 0,
    all: 0,
  });
  return t.all === 0 ? null : t.met / t.all;
}
const pctText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * Who gets a unit's report: the configured addresses for it (organisation: the plain ones) by
 * e-mail, and in-app the managers — holders of a role with `supervise` or `records` granted in
 * that very unit (organisation: granted organisation-wide).
 */
async function reportRecipients(
  ctx: AppContext,
  db: Parameters<typeof insertOutbox>[0],
  unit: OrgUnitRow | null,
): Promise<string[]> {
  const emails = ctx.config.reports.recipients
    .filter((r) => r.unitId === (unit?.id ?? null))
    .map((r) => `email:${r.email}`);
  const managerRoles = [
    ...new Set(
      ctx.procedures
        .latestAll()
        .flatMap((p) =>
          p.roles
            .filter(
              (r) =>
                r.permissions.includes('read') &&
                (r.permissions.includes('supervise') || r.permissions.includes('records')),
            )
            .map((r) => r.id),
        ),
    ),
  ];
  let q = db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select('users.id')
    .distinct()
    .where('users.disabled', '=', 0)
    .where('role_grants.role', 'in', managerRoles.length ? managerRoles : ['-']);
  q = unit ? q.where('role_grants.org_unit_id', '=', unit.id) : q.where('role_grants.org_unit_id', 'is', null);
  const users = (await q.execute()).map((u) => `user:${u.id}`).sort();
  return [...emails, ...users];
}

/**
 * The job inside `plaint serve`: from the configured day on, the missing reports are made — this
 * month's (S9 二.4: before the 30th of the same month; PLAINT_REPORT_PERIOD=to-report-day), or last
 * month's (calendar-month).
 */
export async function monthlyReportsDue(ctx: AppContext): Promise<string | null> {
  const today = ctx.calendar.localDate(ctx.now());
  if (Number(today.slice(8, 10)) < ctx.config.reports.day) return null;
  const month = ctx.config.reports.period === 'calendar-month' ? previousMonth(today) : today.slice(0, 7);
  const made = await generateMonthlyReports(ctx, month, { by: 'system:monthly-report' });
  const created = made.filter((g) => g.created);
  return created.length ? `${created.length} monthly report(s) for ${made[0].month}` : null;
}

/** Whether the actor's statistics scope covers a report's unit (organisation: an organisation-wide role). */
function covers(s: Scope, unitPath: string | null): boolean {
  if (s.everything) return true;
  return s.byProcedure.some(
    (p) => p.all || (unitPath !== null && p.unitPaths.some((path) => unitPath.startsWith(path))),
  );
}

function summaryOf(r: MonthlyReportRow) {
  const stats = JSON.parse(r.stats) as { total: number; closed: number };
  return {
    id: r.id,
    month: r.month,
    unitId: r.unit_id || null,
    unitName: r.unit_name,
    generatedAt: r.generated_at,
    generatedBy: r.generated_by,
    total: stats.total,
    closed: stats.closed,
  };
}

/** The reports the actor may read (their manager scope), newest month first. */
export async function reportsFor(ctx: AppContext, actor: Actor, month?: string) {
  const s = statsScopeOf(ctx, actor);
  return (await listReports(ctx.store.db, month)).filter((r) => covers(s, r.unit_path)).map(summaryOf);
}

/**
 * One report. Its numbers are the unit's as made; its list of notable cases is cut to the ones
 * the reader may see now — a case they are recused from is not shown to them (RTE-3).
 */
export async function reportFor(ctx: AppContext, actor: Actor, id: string) {
  const s = statsScopeOf(ctx, actor);
  const row = await ctx.store.db.selectFrom('monthly_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !covers(s, row.unit_path)) throw new DomainError('NOT_FOUND', msg('monthlyReport.noSuchReport'));
  const notable = JSON.parse(row.notable) as Built['notable'];
  const visible =
    notable.length === 0
      ? new Set<string>()
      : new Set(
          (
            await ctx.store.db
              .selectFrom('cases')
              .select('id')
              .where(
                'id',
                'in',
                notable.map((n) => n.id),
              )
              .where((eb) => inScope(eb, policyScope(actor, ctx.procedures.latestAll())))
              .execute()
          ).map((r) => r.id),
        );
  return {
    ...summaryOf(row),
    // Stored as built (a report stored before issue 17 has no stats.suggestions).
    stats: JSON.parse(row.stats) as Omit<Built['stats'], 'suggestions'> & Partial<Pick<Built['stats'], 'suggestions'>>,
    notable: notable.filter((n) => visible.has(n.id)),
    extra: JSON.parse(row.extra) as Built['extra'],
  };
}
