import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { Countdown, formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { CaseSummary, Me } from '../types.ts';
import { useProcedures } from '../portal/PortalHome.tsx';
import { BulkActions } from './BulkActions.tsx';

const PRESETS = ['all', 'mine', 'unit', 'due-soon', 'overdue'] as const;
const SORTS = ['due', 'received', 'severity'] as const;
const SHORTCUTS = ['j', 'k', 'Enter', 'a', 'r', '/', '?'] as const;

/** Split view (list + preview) on wide screens (#18). */
function useWide(min = 1280): boolean {
  const query = `(min-width: ${min}px)`;
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setWide(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return wide;
}
const PAGE = 25;
const LAST_INBOX = 'plaint.inbox';

/** #18: the inbox as the handler left it (filters, sort, search), to return to after a case. */
export function inboxUrl(): string {
  return `/staff${sessionStorage.getItem(LAST_INBOX) ?? ''}`;
}

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
  const sort = (params.get('sort') ?? 'due') as (typeof SORTS)[number];
  const navigate = useNavigate();
  const wide = useWide();
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  // #18: rows ticked for a bulk step (ids; the page's rows give their tracking numbers).
  const [picked, setPicked] = useState<string[]>([]);
  const search = useRef<HTMLInputElement | null>(null);
  // Most urgent first unless the handler chose otherwise (#18).
  const query = new URLSearchParams({ limit: String(PAGE), sort });
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
  useEffect(() => {
    const search = params.toString();
    sessionStorage.setItem(LAST_INBOX, search ? `?${search}` : '');
  }, [params]);
  const items = list.data?.items ?? [];
  const current = items[Math.min(selected, items.length - 1)];
  const open = (c: CaseSummary | undefined, action?: string) => {
    if (c) void navigate(`/staff/cases/${c.id}${action ? `?do=${action}` : ''}`);
  };
  // Keyboard (#18): j/k move, Enter opens, a assign, r reply, / search, ? help; not while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        el.closest('input, textarea, select, [contenteditable="true"], .ant-select')
      )
        return;
      // Enter on a focused link or button of the page is that control's own (the skip link, the
      // bell, 退出): taking it for "open the selected case" left keyboard users unable to press
      // them (#27). A dialog's buttons are not the page's: Escape from the key list leaves the
      // focus on its close button while it fades, and Enter then still opens the case.
      if (
        e.key === 'Enter' &&
        el.closest('a, button, [role="button"], [role="link"], [role="menuitem"], [role="tab"]') &&
        !el.closest('.ant-modal-root, .ant-modal-wrap')
      )
        return;
      if (e.key === 'j') setSelected((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
      else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === 'Enter') open(current);
      else if (e.key === 'a') open(current, 'assign');
      else if (e.key === 'r') open(current, 'reply');
      else if (e.key === '/') search.current?.focus();
      else if (e.key === '?') setHelp(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  // In the split view the list keeps only what a queue needs; the preview shows the rest.
  const columns = (all: ColumnsType<CaseSummary>) =>
    wide ? all.filter((c) => ![t('case.procedure'), t('case.receivedAt')].includes(String(c.title))) : all;
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
          ref={(r) => {
            search.current = r?.input ?? null;
          }}
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          allowClear
          style={{ width: 240 }}
          defaultValue={params.get('q') ?? ''}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
        <Select
          aria-label={t('inbox.sort')}
          style={{ minWidth: 160 }}
          value={sort}
          onChange={(v) => set('sort', v === 'due' ? undefined : v)}
          options={SORTS.map((x) => ({ value: x, label: t(`inbox.sort.${x}`) }))}
        />
        <Button onClick={() => setHelp(true)} aria-label={t('inbox.keys')}>
          ?
        </Button>
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
      <BulkActions me={me} selected={items.filter((c) => picked.includes(c.id))} onDone={() => setPicked([])} />
      <Modal open={help} onCancel={() => setHelp(false)} footer={null} title={t('inbox.keys')}>
        <Descriptions column={1} size="small">
          {SHORTCUTS.map((k) => (
            <Descriptions.Item key={k} label={<kbd>{k}</kbd>}>
              {t(`inbox.key.${k}`)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Modal>
      <div className={wide ? 'inbox-split' : undefined}>
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={items}
          pagination={false}
          scroll={{ x: wide ? undefined : 900 }}
          rowSelection={{
            // antd copies the header into an aria-hidden measuring row when the table scrolls
            // sideways (phones): a select-all checkbox there is focusable yet hidden (axe).
            hideSelectAll: true,
            selectedRowKeys: picked,
            onChange: (keys) => setPicked(keys.map(String)),
            getCheckboxProps: (r) => ({ 'aria-label': t('bulk.pick', { no: r.trackingNo }) }),
          }}
          rowClassName={(r) =>
            ['inbox-row', r.id === current?.id ? 'inbox-row-selected' : '', r.unread ? 'inbox-row-unread' : '']
              .filter(Boolean)
              .join(' ')
          }
          onRow={(r, i) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a, button, input, label, .ant-table-selection-column')) return;
              if (wide) setSelected(i ?? 0);
              else open(r);
            },
            onDoubleClick: () => open(r),
          })}
          locale={{ emptyText: t('inbox.empty') }}
          columns={columns([
            {
              title: t('case.trackingNo'),
              dataIndex: 'trackingNo',
              render: (v: string, r) => (
                <>
                  {r.unread && (
                    <span className="unread-dot" role="img" aria-label={t('inbox.unread')} data-testid="unread" />
                  )}
                  <Link to={`/staff/cases/${r.id}`}>{v}</Link>
                </>
              ),
            },
            {
              title: t('case.subject'),
              dataIndex: 'subject',
              render: (v: string) => <span className="user-text">{v}</span>,
            },
            { title: t('case.procedure'), render: (_, r) => l(r.procedure.name, r.procedure.id) },
            { title: t('case.status'), render: (_, r) => <Tag>{l(r.statusLabel, r.status)}</Tag> },
            {
              title: t('case.severity'),
              render: (_, r) => (r.severity ? l(r.severityLabel, t('value.unknown')) : '—'),
            },
            {
              title: t('case.clock'),
              render: (_, r) => (r.nextDue ? <Countdown dueAt={r.nextDue.dueAt} status={r.nextDue.status} /> : '—'),
            },
            { title: t('case.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
            {
              title: t('case.assignee'),
              render: (_, r) =>
                r.assigneeId === me.id ? (
                  <Tag color="blue">{t('inbox.me')}</Tag>
                ) : r.assigneeId ? (
                  // A person's name is what an admin typed: user text, not a word of the UI.
                  <span className="user-text">{r.assigneeName ?? t('value.unknown')}</span>
                ) : (
                  '—'
                ),
            },
          ])}
        />
        {wide && <CasePreview c={current} onOpen={() => open(current)} />}
      </div>
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('inbox.prev')}
        </Button>
        <Button disabled={!list.data?.nextCursor} onClick={() => setCursors((c) => [...c, list.data!.nextCursor!])}>
          {t('inbox.next')}
        </Button>
        <span className="muted">{t('inbox.page', { n: cursors.length + 1 })}</span>
        {/* Issue 25: a page stops after a bounded look through the cases; the next one goes on. */}
        {list.data?.nextCursor && items.length < PAGE && (
          <span className="muted" data-testid="partial-page">
            {t('inbox.partial')}
          </span>
        )}
        {items.some((c) => c.unread) && (
          <span data-testid="unread-count">{t('inbox.unreadCount', { n: items.filter((c) => c.unread).length })}</span>
        )}
      </Space>
    </>
  );
}

/** The selected case beside the list on a wide screen (#18): enough to decide whether to open it. */
function CasePreview({ c, onOpen }: { c: CaseSummary | undefined; onOpen(): void }) {
  const { t, l } = useI18n();
  if (!c) return <aside className="inbox-preview muted">{t('inbox.empty')}</aside>;
  return (
    <aside className="inbox-preview" data-testid="inbox-preview" aria-label={t('inbox.preview')}>
      <h3 className="user-text">{c.subject}</h3>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('case.trackingNo')}>{c.trackingNo}</Descriptions.Item>
        <Descriptions.Item label={t('case.procedure')}>{l(c.procedure.name, c.procedure.id)}</Descriptions.Item>
        <Descriptions.Item label={t('case.status')}>{l(c.statusLabel, c.status)}</Descriptions.Item>
        <Descriptions.Item label={t('case.unit')}>{c.orgUnitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.assignee')}>
          <span className="user-text">{c.assigneeName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.receivedAt')}>{formatTime(c.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.clock')}>
          {c.nextDue ? (
            <>
              {l(c.nextDue.label)} <Countdown dueAt={c.nextDue.dueAt} status={c.nextDue.status} />
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      <Button type="primary" onClick={onOpen}>
        {t('inbox.open')}
      </Button>
    </aside>
  );
}
