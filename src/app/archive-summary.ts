import type { TField, TProcedure, TScalarField } from '../domain/procedure.schema.ts';
import type { AppContext } from './context.ts';
import type { staffCaseView } from './case-views.ts';

type CaseView = Awaited<ReturnType<typeof staffCaseView>>;

function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function label(l: unknown): string {
  return l && typeof l === 'object' && 'zh-CN' in l ? String((l as Record<string, string>)['zh-CN']) : String(l ?? '');
}

type Item = Record<string, unknown>;
const isItems = (v: unknown): v is Item[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));

/**
 * The display names of every `user` value inside list inputs (措施的责任人): the archive is read by
 * people outside the system, to whom a user id means nothing (issue 24).
 */
async function userNames(ctx: AppContext, procedure: TProcedure | undefined, view: CaseView) {
  const ids = new Set<string>();
  const collect = (field: TField | undefined, value: unknown) => {
    if (field?.type !== 'list' || !isItems(value)) return;
    for (const f of field.items)
      if (f.type === 'user')
        for (const item of value) if (typeof item[f.name] === 'string') ids.add(item[f.name] as string);
  };
  for (const e of view.timeline)
    for (const [k, v] of Object.entries(e.input)) collect(fieldOf(procedure, e.action, k), v);
  for (const [k, v] of Object.entries(view.data as Item)) collect(dataField(procedure, k), v);
  if (ids.size === 0) return new Map<string, string>();
  const rows = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function fieldOf(procedure: TProcedure | undefined, action: string, name: string): TField | undefined {
  return procedure?.actions.find((a) => a.id === action)?.input.find((f) => f.name === name);
}

function dataField(procedure: TProcedure | undefined, key: string): TField | undefined {
  for (const a of procedure?.actions ?? []) for (const f of a.input) if (f.sets === `data.${key}`) return f;
  return undefined;
}

/** One value of a list item as a reader says it: the option's label, the person's name, 是/否. */
function scalar(f: TScalarField, value: unknown, names: Map<string, string>): string {
  if (f.type === 'enum') return label(f.options.find((o) => o.id === value)?.label ?? value);
  if (f.type === 'user' && typeof value === 'string') return names.get(value) ?? value;
  return plain(value);
}

/** A list of items (the measures) as a table with the fields' labels as headers, not as JSON. */
function itemsTable(field: TField | undefined, items: Item[], names: Map<string, string>): string {
  const known = field?.type === 'list' ? field.items : [];
  const columns = [
    ...known.map((f) => ({ name: f.name, title: label(f.label), show: (v: unknown) => scalar(f, v, names) })),
    // What the list's own fields do not name (an item's progress, 已完成 / 落实情况, is added later).
    ...[...new Set(items.flatMap((i) => Object.keys(i)))]
      .filter((k) => !known.some((f) => f.name === k))
      .map((name) => ({ name, title: EXTRA[name] ?? name, show: (v: unknown) => plain(v) })),
  ];
  const head = columns.map((c) => `<th>${esc(c.title)}</th>`).join('');
  const body = items
    .map((item) => `<tr>${columns.map((c) => `<td>${esc(c.show(item[c.name]))}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="items"><tr>${head}</tr>${body}</table>`;
}

/** Item fields written by `updatesItemOf` actions rather than declared by the list. */
const EXTRA: Record<string, string> = { done: '已完成', result: '落实情况', doneAt: '完成时间' };

function plain(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function inputCell(
  procedure: TProcedure | undefined,
  e: CaseView['timeline'][number],
  names: Map<string, string>,
): string {
  return Object.entries(e.input)
    .map(([k, v]) => {
      const name = label(e.inputLabels?.[k] ?? k);
      if (isItems(v)) return `${esc(name)}：${itemsTable(fieldOf(procedure, e.action, k), v, names)}`;
      const shown = e.valueLabels?.[k]
        ? label(e.valueLabels[k])
        : typeof v === 'string'
          ? v
          : Array.isArray(v) && v.every((x) => typeof x === 'string')
            ? v.join('、')
            : JSON.stringify(v);
      return esc(`${name}：${shown}`);
    })
    .join('；');
}

/** summary.html of the case file (ARC-1): print-ready, Chinese, identities masked as the reader sees them. */
export async function summaryHtml(ctx: AppContext, c: CaseView): Promise<string> {
  const procedure = ctx.procedures.get(c.procedure.id, c.procedure.version);
  const names = await userNames(ctx, procedure, c);
  const local = (iso: string | null) => (iso ? ctx.calendar.formatLocal(new Date(iso)) : '—');
  const rows = c.timeline
    .map(
      (e) =>
        `<tr><td>${esc(local(e.at))}</td><td>${esc(label(e.actionLabel ?? e.action))}</td><td>${esc(
          label(e.toStatusLabel ?? e.toStatus),
        )}</td><td>${esc(e.actor.name)}</td><td>${inputCell(procedure, e, names)}</td></tr>`,
    )
    .join('\n');
  const deadlines = c.deadlines
    .map((d) => `<tr><td>${esc(label(d.label))}</td><td>${esc(local(d.dueAt))}</td><td>${esc(d.status)}</td></tr>`)
    .join('\n');
  const data = c.data as Item;
  const measures = isItems(data.measures) ? itemsTable(dataField(procedure, 'measures'), data.measures, names) : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>归档材料 ${esc(c.trackingNo)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #111; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; } td, th { border: 1px solid #999; padding: 4px 6px; vertical-align: top; font-size: 12px; }
  table.items { margin: 0.3em 0; }
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
${measures ? `<h2>处理措施</h2>${measures}` : ''}
${data.reply ? `<h2>书面答复</h2><p>${esc(data.reply)}</p>` : ''}
<h2>时限</h2><table><tr><th>时限</th><th>截止</th><th>状态</th></tr>${deadlines}</table>
<h2>办理经过</h2><table><tr><th>时间</th><th>操作</th><th>状态</th><th>办理人</th><th>内容</th></tr>
${rows}
</table>
<p>附件 ${c.attachments.length} 件，见 attachments/ 目录。导出时间 ${esc(local(ctx.now().toISOString()))}。</p>
</body></html>
`;
}
