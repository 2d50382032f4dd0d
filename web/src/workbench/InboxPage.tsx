import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { Countdown, formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { CaseSummary, Me } from '../types.ts';
import { useProcedures } from '../portal/PortalHome.tsx';

const PRESETS = ['all', 'mine', 'unit', 'due-soon', 'overdue'] as const;
const PAGE = 25;

/**
 * The inbox: saved filters in the URL (so a filter is a bookmark), full-text search, cursor paging
 * (each page is one indexed query, however large the table), countdowns coloured by risk.
 */
export function InboxPage({ me }: { me: Me }) {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]); // cursors of the pages before this one
  const procedures = useProcedures();
  const preset = (params.get('view') ?? 'all') as (typeof PRESETS)[number];
  const procedure = procedures.data?.find((p) => p.id === params.get('procedure'));
  const cursor = cursors[cursors.length - 1];
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (preset === 'mine') query.set('assignee', 'me');
  if (preset === 'unit') query.set('unit', 'mine');
  if (preset === 'due-soon') query.set('due', 'soon');
  if (preset === 'overdue') query.set('due', 'overdue');
  // from/to/orgUnit/channel/kind come from a statistics chart's bar (STA-1 drill-down).
  for (const key of ['procedure', 'status', 'severity', 'category', 'q', 'from', 'to', 'orgUnit', 'channel', 'kind'])
    if (params.get(key)) query.set(key, params.get(key)!);
  if (cursor) query.set('cursor', cursor);
  const list = useQuery({
    queryKey: ['cases', query.toString()],
    queryFn: () => api<{ items: CaseSummary[]; nextCursor: string | null }>('GET', `/cases?${query}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'procedure') {
      next.delete('status');
      next.delete('category');
      next.delete('severity');
    }
    setCursors([]);
    setParams(next);
  };
  const opts = (items: { id: string; label: Parameters<typeof l>[0] }[] | undefined) =>
    (items ?? []).map((o) => ({ value: o.id, label: l(o.label, o.id) }));
  return (
    <>
      <div className="filters">
        <Segmented
          value={preset}
          onChange={(v) => set('view', v === 'all' ? undefined : String(v))}
          options={PRESETS.map((p) => ({ value: p, label: t(`inbox.${p}`) }))}
        />
        <Input.Search
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          allowClear
          style={{ width: 240 }}
          defaultValue={params.get('q') ?? ''}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
      </div>
      <div className="filters">
        <Select
          aria-label={t('inbox.procedure')}
          placeholder={t('inbox.procedure')}
          allowClear
          style={{ minWidth: 160 }}
          value={params.get('procedure') ?? undefined}
          onChange={(v) => set('procedure', v)}
          options={(procedures.data ?? []).map((p) => ({ value: p.id, label: l(p.name, p.id) }))}
        />
        <Select
          aria-label={t('inbox.state')}
          placeholder={t('inbox.state')}
          allowClear
          style={{ minWidth: 140 }}
          value={params.get('status') ?? undefined}
          disabled={!procedure}
          onChange={(v) => set('status', v)}
          options={opts(procedure?.states)}
        />
        <Select
          aria-label={t('inbox.category')}
          placeholder={t('inbox.category')}
          allowClear
          style={{ minWidth: 140 }}
          value={params.get('category') ?? undefined}
          disabled={!procedure}
          onChange={(v) => set('category', v)}
          options={opts(procedure?.categories)}
        />
        <Select
          aria-label={t('inbox.severity')}
          placeholder={t('inbox.severity')}
          allowClear
          style={{ minWidth: 120 }}
          value={params.get('severity') ?? undefined}
          disabled={!procedure?.severities.length}
          onChange={(v) => set('severity', v)}
          options={opts(procedure?.severities)}
        />
      </div>
      {(params.get('from') || params.get('orgUnit') || params.get('channel')) && (
        <div className="filters" data-testid="drill-filter">
          <Tag
            closable
            onClose={() => {
              const next = new URLSearchParams(params);
              for (const k of ['from', 'to', 'orgUnit', 'channel', 'kind']) next.delete(k);
              setCursors([]);
              setParams(next);
            }}
          >
            {params.get('from')
              ? t('inbox.period', { from: params.get('from')!, to: params.get('to') ?? '…' })
              : t('inbox.clearPeriod')}
            {params.get('channel') ? ` · ${t(`channel.${params.get('channel')}`)}` : ''}
          </Tag>
        </div>
      )}
      <ErrorBox error={list.error} />
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('inbox.empty') }}
        columns={[
          {
            title: t('case.trackingNo'),
            dataIndex: 'trackingNo',
            render: (v: string, r) => <Link to={`/staff/cases/${r.id}`}>{v}</Link>,
          },
          {
            title: t('case.subject'),
            dataIndex: 'subject',
            render: (v: string) => <span className="user-text">{v}</span>,
          },
          { title: t('case.procedure'), render: (_, r) => l(r.procedure.name, r.procedure.id) },
          { title: t('case.status'), render: (_, r) => <Tag>{l(r.statusLabel, r.status)}</Tag> },
          { title: t('case.severity'), dataIndex: 'severity', render: (v: string | null) => v ?? '—' },
          {
            title: t('case.clock'),
            render: (_, r) => (r.nextDue ? <Countdown dueAt={r.nextDue.dueAt} status={r.nextDue.status} /> : '—'),
          },
          { title: t('case.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
          {
            title: t('case.assignee'),
            render: (_, r) =>
              r.assigneeId === me.id ? <Tag color="blue">{t('inbox.me')}</Tag> : r.assigneeId ? '✓' : '—',
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('inbox.prev')}
        </Button>
        <Button disabled={!list.data?.nextCursor} onClick={() => setCursors((c) => [...c, list.data!.nextCursor!])}>
          {t('inbox.next')}
        </Button>
        <span className="muted">{t('inbox.page', { n: cursors.length + 1 })}</span>
      </Space>
    </>
  );
}
