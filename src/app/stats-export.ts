import ExcelJS from 'exceljs';
import type { TLabel } from '../domain/labels.ts';
import type { TStats } from './stats.ts';

type Sheet = { name: string; headers: string[]; rows: (string | number | null)[][] };

const zh = (l: TLabel) => l['zh-CN'];
const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

/** The sheets of a statistics workbook: one per breakdown, Chinese headers (STA-1 export). */
export function statsSheets(s: TStats): Sheet[] {
  const counts = (name: string, head: string, list: { key: string; label: TLabel; count: number }[]): Sheet => ({
    name,
    headers: [head, '代码', '数量'],
    rows: list.map((c) => [zh(c.label), c.key, c.count]),
  });
  return [
    {
      name: '概况',
      headers: ['指标', '数值'],
      rows: [
        ['统计期间', `${s.period.from} 至 ${s.period.to}`],
        ['单位', s.period.unitName ?? '全部'],
        ['受理总数', s.total],
        ['已办结', s.closed],
        ['办理时长中位数（工作日）', s.handlingDays.median],
        ['办理时长第90百分位（工作日）', s.handlingDays.p90],
        ['满意度平均分', s.satisfaction.average],
        ['评价率（%）', pct(s.satisfaction.responseRate)],
        ['属实率（%，含部分属实）', pct(s.substantiated.rate)],
        ['重复投诉率（%）', pct(s.repeats.rate)],
        ['建议采纳率（%）', pct(s.suggestions.adoptionRate)],
        ['被申诉案件数', s.appeals.appealed],
        ['申诉率（%）', pct(s.appeals.rate)],
        ['生成时间', s.generatedAt],
      ],
    },
    { name: '按月', headers: ['月份', '数量'], rows: s.byMonth.map((m) => [m.month, m.count]) },
    counts('按程序', '程序', s.byProcedure),
    counts('按类型', '类型', s.byKind),
    counts('按类别', '类别', s.byCategory),
    counts('按严重程度', '严重程度', s.bySeverity),
    counts('按渠道', '渠道', s.byChannel),
    counts('按单位', '单位', s.byUnit),
    counts('按状态', '状态', s.byState),
    {
      name: '按时办结率',
      headers: ['程序', '时限', '按时', '超时办结', '逾期未办结', '进行中', '按时率（%）'],
      rows: s.onTime.map((c) => [c.procedureId, zh(c.label), c.met, c.missed, c.overdue, c.running, pct(c.rate)]),
    },
    {
      name: '各单位按时率',
      headers: ['单位', '按时', '超时办结', '逾期未办结', '进行中', '按时率（%）'],
      rows: s.onTimeByUnit.map((c) => [zh(c.label), c.met, c.missed, c.overdue, c.running, pct(c.rate)]),
    },
    { name: '满意度', headers: ['评分', '数量'], rows: s.satisfaction.distribution.map((d) => [d.rating, d.count]) },
    counts('申诉结果', '结果', s.appeals.byOutcome),
    { name: '被投诉对象', headers: ['被投诉对象', '数量'], rows: s.topRespondents.map((r) => [r.name, r.count]) },
    {
      name: '员工满意度调查',
      headers: ['问卷', '开始', '截止', '发放码数', '答卷数', '答卷率（%）', '量表平均分'],
      rows: s.employeeSurveys.map((v) => [
        v.title,
        v.opensAt,
        v.closesAt,
        v.codesIssued,
        v.responses,
        pct(v.responseRate),
        v.withheld ? '不足 3 份，不公布' : v.average,
      ]),
    },
  ];
}

/** The workbook as bytes. */
export async function statsWorkbook(s: TStats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plaint';
  for (const sheet of statsSheets(s)) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.headers).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
