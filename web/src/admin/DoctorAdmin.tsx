import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Tag } from 'antd';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';

type Finding = { check: string; severity: 'error' | 'warning'; message: string };

/**
 * Issue 16: `plaint doctor` on a page — open cases nobody non-recused can act on, roles nobody
 * holds where a procedure's cases arrive, grants that cannot work, loose file modes.
 */
export function DoctorAdmin() {
  const { t } = useI18n();
  const report = useQuery({
    queryKey: ['admin-doctor'],
    queryFn: () => api<{ ok: boolean; findings: Finding[] }>('GET', '/admin/doctor'),
  });
  const findings = report.data?.findings ?? [];
  return (
    <>
      <ErrorBox error={report.error} />
      {report.data && (
        <Alert
          data-testid="doctor-verdict"
          type={report.data.ok ? (findings.length ? 'warning' : 'success') : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            report.data.ok
              ? findings.length
                ? t('admin.doctorWarnings')
                : t('admin.doctorOk')
              : t('admin.doctorErrors')
          }
        />
      )}
      <Table<Finding>
        rowKey={(f) => `${f.check}:${f.message}`}
        size="small"
        loading={report.isLoading}
        dataSource={findings}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('admin.doctorSeverity'),
            width: 90,
            render: (_, f) => (
              <Tag color={f.severity === 'error' ? 'red' : 'orange'}>
                {f.severity === 'error' ? t('admin.doctorError') : t('admin.doctorWarning')}
              </Tag>
            ),
          },
          { title: t('admin.doctorCheck'), dataIndex: 'check', width: 200 },
          { title: t('admin.doctorMessage'), dataIndex: 'message' },
        ]}
      />
      <Button style={{ marginTop: 16 }} onClick={() => void report.refetch()} loading={report.isFetching}>
        {t('admin.doctorAgain')}
      </Button>
    </>
  );
}
