import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { scope } from '../domain/policy.ts';
import { caseAttachmentFiles } from '../store/attachments.repository.ts';
import { inScope } from '../store/cases.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import type { AppContext } from './context.ts';
import { staffCaseView } from './case-views.ts';
import { msg } from '../domain/messages.ts';

type CaseView = Awaited<ReturnType<typeof staffCaseView>>;

const MAX_BUNDLE = 5000;

/**
 * The case file (归档材料, ARC-1): one ZIP with the case and its timeline as JSON, the attachments,
 * and a print-ready Chinese summary (summary.html, CJK font stack, print stylesheet). Identities are
 * masked as the reader sees them.
 */
export async function caseFile(
  ctx: AppContext,
  caseId: string,
  actor: Actor,
): Promise<{ trackingNo: string; zip: Uint8Array }> {
  const view = await staffCaseView(ctx, caseId, actor);
  const files: Zippable = {
    'case.json': strToU8(
      JSON.stringify({ ...view, timeline: undefined, exportedAt: ctx.now().toISOString() }, null, 2),
    ),
    'timeline.json': strToU8(JSON.stringify(view.timeline, null, 2)),
    'summary.html': strToU8(summaryHtml(ctx, view)),
  };
  for (const a of await caseAttachmentFiles(ctx.store.db, view.id))
    if (a.content) files[`attachments/${a.id}-${safeName(a.fileName)}`] = new Uint8Array(a.content);
  return { trackingNo: view.trackingNo, zip: zipSync(files, { level: 6 }) };
}

export type BundleFilter = { from: string; to: string; unit?: string };

/** A period's (or a unit's) closed cases, one case file each, in one ZIP. */
export async function archiveBundle(
  ctx: AppContext,
  filter: BundleFilter,
  actor: Actor,
): Promise<{ count: number; zip: Uint8Array }> {
  const unit = filter.unit ? await findOrgUnit(ctx.store.db, filter.unit) : undefined;
  if (filter.unit && !unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit'), {
      issues: [{ path: 'unit', message: 'unknown org unit' }],
    });
  const s = scope(actor, ctx.procedures.latestAll());
  let query = ctx.store.db
    .selectFrom('cases')
    .select('id')
    .where((eb) => inScope(eb, s))
    .where('closed_at', 'is not', null)
    .where('closed_at', '>=', filter.from)
    .where('closed_at', '<', filter.to);
  if (unit) query = query.where('org_unit_path', 'like', `${unit.path}%`);
  const rows = await query
    .orderBy('id')
    .limit(MAX_BUNDLE + 1)
    .execute();
  if (rows.length > MAX_BUNDLE)
    throw new DomainError('VALIDATION_FAILED', msg('archive.atMostMaxBundleCases', { maxBundle: MAX_BUNDLE }), {
      issues: [{ path: 'from', message: 'period too long' }],
    });
  const files: Zippable = {};
  for (const row of rows) {
    const file = await caseFile(ctx, row.id, actor);
    files[`${file.trackingNo}.zip`] = [file.zip, { level: 0 }];
  }
  return { count: rows.length, zip: zipSync(files) };
}

function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
}

function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function label(l: unknown): string {
  return l && typeof l === 'object' && 'zh-CN' in l ? String((l as Record<string, string>)['zh-CN']) : String(l ?? '');
}

function summaryHtml(ctx: AppContext, c: CaseView): string {
  const local = (iso: string | null) => (iso ? ctx.calendar.formatLocal(new Date(iso)) : '—');
  const rows = c.timeline
    .map(
      (e) =>
        `<tr><td>${esc(local(e.at))}</td><td>${esc(e.action)}</td><td>${esc(e.toStatus)}</td><td>${esc(e.actor.name)}</td><td>${esc(
          Object.entries(e.input)
            .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join('；'),
        )}</td></tr>`,
    )
    .join('\n');
  const deadlines = c.deadlines
    .map((d) => `<tr><td>${esc(label(d.label))}</td><td>${esc(local(d.dueAt))}</td><td>${esc(d.status)}</td></tr>`)
    .join('\n');
  const data = c.data as Record<string, unknown>;
  const measures = Array.isArray(data.measures)
    ? (data.measures as Record<string, unknown>[])
        .map(
          (m) =>
            `<li>${esc(m.type)}：${esc(m.description)}（${m.done ? '已完成' : '未完成'}，期限 ${esc(m.dueDate)}）</li>`,
        )
        .join('')
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>归档材料 ${esc(c.trackingNo)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #111; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; } td, th { border: 1px solid #999; padding: 4px 6px; vertical-align: top; font-size: 12px; }
  h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 1.5em; }
  @media print { body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
</style></head><body>
<h1>投诉处理归档材料 — ${esc(c.trackingNo)}</h1>
<table>
<tr><th>流程</th><td>${esc(label(c.procedure.name))}（第 ${c.procedure.version} 版）</td><th>类型</th><td>${esc(c.kind)}</td></tr>
<tr><th>事项</th><td colspan="3">${esc(c.subject)}</td></tr>
<tr><th>内容</th><td colspan="3">${esc(c.description)}</td></tr>
<tr><th>提交人</th><td>${c.anonymous ? '匿名' : esc(c.submitter ? Object.values(c.submitter).join('，') : '—')}</td><th>渠道</th><td>${esc(c.channel)}</td></tr>
<tr><th>收到时间</th><td>${esc(local(c.receivedAt))}</td><th>办结时间</th><td>${esc(local(c.closedAt))}</td></tr>
<tr><th>状态</th><td>${esc(label(c.statusLabel))}</td><th>结论</th><td>${esc(c.outcome ?? '—')}</td></tr>
<tr><th>类别</th><td>${esc(c.category ?? '—')}</td><th>严重程度</th><td>${esc(c.severity ?? '—')}</td></tr>
</table>
${data.cause ? `<h2>原因分析</h2><p>${esc(data.cause)}</p>` : ''}
${data.solution ? `<h2>处理方案</h2><p>${esc(data.solution)}</p>` : ''}
${measures ? `<h2>处理措施</h2><ul>${measures}</ul>` : ''}
${data.reply ? `<h2>书面答复</h2><p>${esc(data.reply)}</p>` : ''}
<h2>时限</h2><table><tr><th>时限</th><th>截止</th><th>状态</th></tr>${deadlines}</table>
<h2>办理经过</h2><table><tr><th>时间</th><th>操作</th><th>状态</th><th>办理人</th><th>内容</th></tr>
${rows}
</table>
<p>附件 ${c.attachments.length} 件，见 attachments/ 目录。导出时间 ${esc(local(ctx.now().toISOString()))}。</p>
</body></html>
`;
}
