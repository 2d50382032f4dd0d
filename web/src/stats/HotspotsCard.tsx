import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';

export type Hotspot = {
  procedureId: string;
  procedureName: Label;
  dimension: 'respondent' | 'category' | 'place';
  value: string;
  label: Label;
  recent: number;
  expected: number;
  ratio: number;
  cases: { id: string; trackingNo: string }[];
};

/**
 * 热点 (issue 21): series rising against their own baseline, from the cases the reader may see,
 * on the supervision board and the statistics screen; the cases behind each one click away.
 * A reader without a manager's statistics scope is refused by the server and sees nothing here.
 */
export function HotspotsCard({ procedure }: { procedure?: string }) {
  const { t, l } = useI18n();
  const query = procedure ? `?procedure=${encodeURIComponent(procedure)}` : '';
  const hotspots = useQuery({
    queryKey: ['hotspots', procedure ?? ''],
    queryFn: () => api<{ hotspots: Hotspot[] }>('GET', `/hotspots${query}`).then((r) => r.hotspots),
    retry: false,
  });
  if (hotspots.error instanceof ApiError && hotspots.error.status === 403) return null;
  const rows = hotspots.data ?? [];
  return (
    <Card title={t('hotspots.title')} size="small" style={{ marginBottom: 16 }} data-testid="hotspots">
      <ErrorBox error={hotspots.error} />
      {!hotspots.isLoading && rows.length === 0 && (
        <Typography.Text type="secondary">{t('hotspots.none')}</Typography.Text>
      )}
      {rows.length > 0 && (
        <Table<Hotspot>
          rowKey={(h) => `${h.procedureId}-${h.dimension}-${h.value}`}
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={rows}
          expandable={{
            expandRowByClick: true,
            expandedRowRender: (h) => (
              <Space wrap data-testid="hotspot-cases">
                {h.cases.map((c) => (
                  <Link key={c.id} to={`/staff/cases/${c.id}`}>
                    {c.trackingNo}
                  </Link>
                ))}
              </Space>
            ),
          }}
          columns={[
            {
              title: t('hotspots.what'),
              render: (_: unknown, h: Hotspot) => (
                <span data-testid="hotspot">
                  <Tag>{t(`hotspots.dimension.${h.dimension}`)}</Tag>
                  <span className="user-text">{l(h.label, h.value)}</span>
                </span>
              ),
            },
            { title: t('inbox.procedure'), render: (_: unknown, h: Hotspot) => l(h.procedureName, h.procedureId) },
            {
              title: t('hotspots.recent'),
              render: (_: unknown, h: Hotspot) => t('hotspots.count', { recent: h.recent, expected: h.expected }),
            },
            { title: t('hotspots.ratio'), render: (_: unknown, h: Hotspot) => `×${h.ratio}` },
          ]}
        />
      )}
    </Card>
  );
}
