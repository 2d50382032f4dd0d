import { Card, Col, Row, Statistic, Table } from 'antd';
import { useI18n } from '../i18n.tsx';
import { barOption, Chart } from './Chart.tsx';
import { pct, type Count, type Stats } from './types.ts';

/** What a click on a bar asks the inbox for (query parameters of GET /api/v1/cases). */
export type Drill = Record<string, string>;

/**
 * The numbers and charts of one period (STA-1): shared by the dashboard (bars open the matching
 * cases) and the printable monthly report (`print`: tables under every chart, no animation).
 */
export function StatsView({ stats, onDrill, print }: { stats: Stats; onDrill?: (d: Drill) => void; print?: boolean }) {
  const { t, l } = useI18n();
  const s = stats;
  const overall = s.onTime.reduce((a, c) => ({ met: a.met + c.met, all: a.all + c.met + c.missed + c.overdue }), {
    met: 0,
    all: 0,
  });
  const label = (c: Count) => (c.key === '' ? t('stats.notSet') : l(c.label, c.key));
  const drill = (d: Drill) => onDrill?.(d);
  const cards: [string, string | number][] = [
    [t('stats.total'), s.total],
    [t('stats.closed'), s.closed],
    [t('stats.onTime'), pct(overall.all ? overall.met / overall.all : null)],
    [t('stats.median'), s.handlingDays.median ?? '—'],
    [t('stats.p90'), s.handlingDays.p90 ?? '—'],
    [t('stats.satisfaction'), s.satisfaction.average ?? '—'],
    [t('stats.responseRate'), pct(s.satisfaction.responseRate)],
    [t('stats.substantiated'), pct(s.substantiated.rate)],
    [t('stats.repeatRate'), pct(s.repeats.rate)],
    [t('stats.adoptionRate'), pct(s.suggestions?.adoptionRate ?? null)],
    [t('stats.appealed'), s.appeals.appealed],
  ];
  const countTable = (title: string, list: Count[]) =>
    print && (
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={list}
        className="print-table"
        columns={[
          { title, render: (_: unknown, c: Count) => label(c) },
          { title: t('stats.count'), dataIndex: 'count', align: 'right' as const },
        ]}
      />
    );
  return (
    <>
      <Row gutter={[12, 12]} className="stat-cards">
        {cards.map(([title, value]) => (
          <Col key={title} xs={12} sm={8} md={6} lg={4}>
            <Card size="small">
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.byMonth')}>
            <Chart
              testId="chart-month"
              print={print}
              option={barOption(
                s.byMonth.map((m) => m.month),
                s.byMonth.map((m) => m.count),
                t('stats.count'),
              )}
              onClick={onDrill && ((e) => drill({ month: s.byMonth[e.dataIndex].month }))}
            />
            {print && (
              <Table
                size="small"
                pagination={false}
                rowKey="month"
                dataSource={s.byMonth}
                className="print-table"
                columns={[
                  { title: t('stats.month'), dataIndex: 'month' },
                  { title: t('stats.count'), dataIndex: 'count', align: 'right' as const },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.byCategory')}>
            <Chart
              testId="chart-category"
              print={print}
              option={barOption(
                s.byCategory.map(label),
                s.byCategory.map((c) => c.count),
                t('stats.count'),
                '#13a8a8',
              )}
              onClick={
                onDrill && ((e) => s.byCategory[e.dataIndex].key && drill({ category: s.byCategory[e.dataIndex].key }))
              }
            />
            {countTable(t('stats.category'), s.byCategory)}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.bySeverity')}>
            <Chart
              testId="chart-severity"
              print={print}
              option={barOption(
                s.bySeverity.map(label),
                s.bySeverity.map((c) => c.count),
                t('stats.count'),
                '#fa8c16',
              )}
              onClick={
                onDrill && ((e) => s.bySeverity[e.dataIndex].key && drill({ severity: s.bySeverity[e.dataIndex].key }))
              }
            />
            {countTable(t('stats.severity'), s.bySeverity)}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.onTimeByUnit')}>
            <Chart
              testId="chart-ontime"
              print={print}
              option={{
                ...barOption(
                  s.onTimeByUnit.map((u) => l(u.label, u.key)),
                  s.onTimeByUnit.map((u) => (u.rate === null ? null : Math.round(u.rate * 1000) / 10)),
                  t('stats.onTime'),
                  '#52c41a',
                ),
                yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
              }}
              onClick={
                onDrill &&
                ((e) => s.onTimeByUnit[e.dataIndex].key && drill({ orgUnit: s.onTimeByUnit[e.dataIndex].key }))
              }
            />
            {print && (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={s.onTimeByUnit}
                className="print-table"
                columns={[
                  {
                    title: t('stats.unit'),
                    render: (_: unknown, u: Stats['onTimeByUnit'][number]) => l(u.label, u.key),
                  },
                  { title: t('stats.met'), dataIndex: 'met', align: 'right' as const },
                  { title: t('stats.missed'), dataIndex: 'missed', align: 'right' as const },
                  { title: t('stats.overdue'), dataIndex: 'overdue', align: 'right' as const },
                  {
                    title: t('stats.onTime'),
                    render: (_: unknown, u: Stats['onTimeByUnit'][number]) => pct(u.rate),
                    align: 'right' as const,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.satisfactionDistribution')}>
            <Chart
              testId="chart-satisfaction"
              print={print}
              option={barOption(
                s.satisfaction.distribution.map((d) => `${d.rating} ★`),
                s.satisfaction.distribution.map((d) => d.count),
                t('stats.count'),
                '#eb2f96',
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.byChannel')}>
            <Chart
              testId="chart-channel"
              print={print}
              option={barOption(
                s.byChannel.map(label),
                s.byChannel.map((c) => c.count),
                t('stats.count'),
                '#722ed1',
              )}
              onClick={onDrill && ((e) => drill({ channel: s.byChannel[e.dataIndex].key }))}
            />
            {countTable(t('stats.channel'), s.byChannel)}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.topRespondents')}>
            <Table
              size="small"
              pagination={false}
              rowKey="name"
              dataSource={s.topRespondents}
              columns={[
                {
                  title: t('stats.respondent'),
                  dataIndex: 'name',
                  render: (v: string) => <span className="user-text">{v}</span>,
                },
                { title: t('stats.count'), dataIndex: 'count', align: 'right' as const },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.employeeSurveys')}>
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={s.employeeSurveys}
              data-testid="stats-surveys"
              columns={[
                {
                  title: t('stats.survey'),
                  dataIndex: 'title',
                  render: (v: string) => <span className="user-text">{v}</span>,
                },
                {
                  title: t('stats.surveyResponses'),
                  render: (_: unknown, v: Stats['employeeSurveys'][number]) => `${v.responses} / ${v.codesIssued}`,
                  align: 'right' as const,
                },
                {
                  title: t('stats.surveyAverage'),
                  render: (_: unknown, v: Stats['employeeSurveys'][number]) =>
                    v.withheld ? t('stats.surveyWithheld') : (v.average ?? '—'),
                  align: 'right' as const,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('stats.appeals')}>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={s.appeals.byOutcome}
              columns={[
                { title: t('stats.outcome'), render: (_: unknown, c: Count) => label(c) },
                { title: t('stats.count'), dataIndex: 'count', align: 'right' as const },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
