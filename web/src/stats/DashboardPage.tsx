import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { useProcedures } from '../portal/PortalHome.tsx';
import { HotspotsCard } from './HotspotsCard.tsx';
import { StatsView, type Drill } from './StatsView.tsx';
import { monthDays, type Stats } from './types.ts';

/**
 * 统计分析 (STA-1): a period (default the last twelve months), a unit and a procedure, in the
 * URL; charts whose bars open the inbox filtered to the cases they count; an Excel download.
 */
export default function DashboardPage() {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = dayjs();
  const from = params.get('from') ?? today.subtract(11, 'month').startOf('month').format('YYYY-MM-DD');
  const to = params.get('to') ?? today.format('YYYY-MM-DD');
  const unit = params.get('unit') ?? undefined;
  const procedure = params.get('procedure') ?? undefined;
  const query = new URLSearchParams({ from, to });
  if (unit) query.set('unit', unit);
  if (procedure) query.set('procedure', procedure);
  const stats = useQuery({
    queryKey: ['stats', query.toString()],
    queryFn: () => api<Stats>('GET', `/stats?${query}`),
  });
  const units = useQuery({
    queryKey: ['org-units'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('GET', '/public/org-units'),
  });
  const procedures = useProcedures();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next);
  };
  // A bar opens the inbox with the same period, unit and procedure plus what the bar counts.
  const drill = (d: Drill) => {
    const inbox = new URLSearchParams();
    const period = d.month ? monthDays(d.month) : { from, to };
    inbox.set('from', period.from < from ? from : period.from);
    inbox.set('to', period.to > to ? to : period.to);
    if (unit && !d.orgUnit) inbox.set('orgUnit', unit);
    if (procedure) inbox.set('procedure', procedure);
    for (const [k, v] of Object.entries(d)) if (k !== 'month') inbox.set(k, v);
    void navigate(`/staff?${inbox}`);
  };
  return (
    <>
      <Typography.Title level={4}>{t('nav.stats')}</Typography.Title>
      <div className="filters no-print">
        <DatePicker.RangePicker
          aria-label={t('stats.period')}
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) =>
            v?.[0] &&
            v[1] &&
            set({ from: (v[0] as Dayjs).format('YYYY-MM-DD'), to: (v[1] as Dayjs).format('YYYY-MM-DD') })
          }
        />
        <Select
          aria-label={t('stats.unit')}
          placeholder={t('stats.allUnits')}
          allowClear
          style={{ minWidth: 180 }}
          value={unit}
          onChange={(v) => set({ unit: v })}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select
          aria-label={t('inbox.procedure')}
          placeholder={t('inbox.procedure')}
          allowClear
          style={{ minWidth: 180 }}
          value={procedure}
          onChange={(v) => set({ procedure: v })}
          options={(procedures.data ?? []).map((p) => ({ value: p.id, label: l(p.name, p.id) }))}
        />
        <Space>
          <Button href={`/api/v1/stats?${query}&format=xlsx`} download data-testid="stats-xlsx">
            {t('stats.download')}
          </Button>
          <Link to="/staff/reports">{t('nav.reports')}</Link>
        </Space>
      </div>
      <ErrorBox error={stats.error} />
      <HotspotsCard procedure={procedure} />
      {stats.isLoading ? <Spin /> : stats.data && <StatsView stats={stats.data} onDrill={drill} />}
    </>
  );
}
