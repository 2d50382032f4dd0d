import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { ReportSummary } from './types.ts';

/** 月度统计报告 (STA-1): the stored monthly reports of the reader's units, newest first. */
export default function ReportsPage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['reports'], queryFn: () => api<{ items: ReportSummary[] }>('GET', '/reports') });
  return (
    <>
      <Typography.Title level={4}>{t('nav.reports')}</Typography.Title>
      <ErrorBox error={list.error} />
      <Table<ReportSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: t('reports.empty') }}
        columns={[
          {
            title: t('stats.month'),
            dataIndex: 'month',
            render: (v: string, r) => <Link to={`/staff/reports/${r.id}`}>{v}</Link>,
          },
          {
            title: t('stats.unit'),
            dataIndex: 'unitName',
            render: (v: string, r) => (r.unitId ? v : t('reports.organisation')),
          },
          { title: t('stats.total'), dataIndex: 'total', align: 'right' },
          { title: t('stats.closed'), dataIndex: 'closed', align: 'right' },
          { title: t('reports.generatedAt'), dataIndex: 'generatedAt', render: formatTime },
        ]}
      />
    </>
  );
}
