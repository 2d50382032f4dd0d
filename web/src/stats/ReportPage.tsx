import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';
import { StatsView } from './StatsView.tsx';
import type { Report, ReportSection } from './types.ts';

/**
 * One monthly report, laid out to print (STA-1, S9): the month's numbers and charts with their
 * tables, the notable cases, and the improvement actions; the print stylesheet drops the chrome.
 */
export default function ReportPage() {
  const { t, l } = useI18n();
  const { id } = useParams();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => api<Report>('GET', `/reports/${id}`) });
  if (report.isLoading) return <Spin />;
  if (report.error) return <ErrorBox error={report.error} />;
  const r = report.data!;
  const section = (s: ReportSection, key: string) => (
    <section key={key} className="report-section">
      <Typography.Title level={5}>{l(s.title)}</Typography.Title>
      {s.note && <p className="muted">{l(s.note)}</p>}
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={s.rows.map((row) => ({ row }))}
        columns={s.columns.map((c: Label, i) => ({
          title: l(c),
          render: (_: unknown, x: { row: ReportSection['rows'][number] }) => x.row[i] ?? '—',
        }))}
      />
    </section>
  );
  return (
    <article className="report" data-testid="report">
      <div className="no-print filters">
        <Link to="/staff/reports">← {t('nav.reports')}</Link>
        <Button type="primary" onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
      </div>
      <header className="report-head">
        <Typography.Title level={3}>
          {t('reports.title', { month: r.month, unit: r.unitId ? r.unitName : t('reports.organisation') })}
        </Typography.Title>
        <p className="muted">
          {t('reports.period', { from: r.stats.period.from, to: r.stats.period.to })}{' '}
          {t('reports.generated', { at: formatTime(r.generatedAt) })}
        </p>
      </header>
      <StatsView stats={r.stats} print />
      <section className="report-section">
        <Typography.Title level={5}>{t('reports.notable')}</Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={r.notable}
          locale={{ emptyText: t('reports.noNotable') }}
          columns={[
            {
              title: t('case.trackingNo'),
              dataIndex: 'trackingNo',
              render: (v: string, n) => <Link to={`/staff/cases/${n.id}`}>{v}</Link>,
            },
            {
              title: t('case.subject'),
              dataIndex: 'subject',
              render: (v: string) => <span className="user-text">{v}</span>,
            },
            { title: t('case.status'), render: (_, n) => l(n.status) },
            { title: t('case.severity'), render: (_, n) => (n.severity ? l(n.severity) : '—') },
            { title: t('case.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
            {
              title: t('reports.why'),
              render: (_, n) =>
                n.reasons.map((why) => (
                  <Tag key={why} color={why === 'overdue' ? 'red' : why === 'major' ? 'orange' : 'purple'}>
                    {t(`reports.reason.${why}`)}
                  </Tag>
                )),
            },
          ]}
        />
      </section>
      {r.extra.improvement ? (
        section(r.extra.improvement, 'improvement')
      ) : (
        <section className="report-section">
          <Typography.Title level={5}>{t('reports.improvement')}</Typography.Title>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noImprovement')} />
        </section>
      )}
      {r.extra.sections.map((s, i) => section(s, `extra-${i}`))}
    </article>
  );
}
