import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { CannedRepliesAdmin } from './CannedRepliesAdmin.tsx';
import { CategoriesAdmin } from './CategoriesAdmin.tsx';
import { DirectoryAdmin } from './DirectoryAdmin.tsx';
import { DoctorAdmin } from './DoctorAdmin.tsx';
import { ProceduresAdmin } from './ProceduresAdmin.tsx';
import { TokensAdmin } from './TokensAdmin.tsx';
import { SecurityAdmin } from './SecurityAdmin.tsx';
import { UsersAdmin } from './UsersAdmin.tsx';
import { useUnits, type Unit } from './queries.ts';

const TABS = [
  'org',
  'users',
  'security',
  'procedures',
  'categories',
  'canned',
  'tokens',
  'directory',
  'calendar',
  'doctor',
] as const;

/**
 * Admin: org units, users and role grants, procedures and their categories, API tokens, the organisation's directories
 * (issue 20), the working-day calendar, the health check.
 */
export default function AdminPage() {
  const { t } = useI18n();
  // The open tab is in the address (?tab=procedures), so a page can be linked and reloaded.
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'org';
  const phone = usePhone();
  const items = [
    { key: 'org', label: t('admin.org'), children: <OrgUnits /> },
    { key: 'users', label: t('admin.users'), children: <UsersAdmin /> },
    { key: 'security', label: t('admin.security'), children: <SecurityAdmin /> },
    { key: 'procedures', label: t('admin.procedures'), children: <ProceduresAdmin /> },
    { key: 'categories', label: t('admin.categories'), children: <CategoriesAdmin /> },
    { key: 'canned', label: t('admin.canned'), children: <CannedRepliesAdmin /> },
    { key: 'tokens', label: t('admin.tokens'), children: <TokensAdmin /> },
    { key: 'directory', label: t('admin.directory'), children: <DirectoryAdmin /> },
    { key: 'calendar', label: t('admin.calendar'), children: <CalendarAdmin /> },
    { key: 'doctor', label: t('admin.doctor'), children: <DoctorAdmin /> },
  ];
  const choose = (key: string) => setParams({ tab: key }, { replace: true });
  // #18: on a phone the eight sections do not fit one tab bar, and antd's overflow button sits
  // inside role=tablist (axe: aria-required-children): a choice of section instead.
  if (phone) {
    const open = items.find((i) => i.key === tab)!;
    return (
      <>
        <Select
          aria-label={t('admin.section')}
          value={tab}
          onChange={choose}
          style={{ width: '100%', marginBottom: 12 }}
          options={items.map((i) => ({ value: i.key, label: i.label }))}
        />
        <section role="tabpanel" aria-label={open.label}>
          {open.children}
        </section>
      </>
    );
  }
  return <Tabs activeKey={tab} onChange={choose} destroyOnHidden items={items} />;
}

/** Narrower than a small tablet. */
function usePhone(): boolean {
  const query = '(max-width: 575px)';
  const [phone, setPhone] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}

function OrgUnits() {
  const { t } = useI18n();
  const units = useUnits();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: { name: string; parent?: string }) => api('POST', '/admin/org-units', { body: v }),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['org-units'] });
    },
  });
  return (
    <>
      <ErrorBox error={units.error} />
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={units.isLoading}
        dataSource={[...(units.data ?? [])].sort((a, b) => a.path.localeCompare(b.path))}
        pagination={false}
        columns={[
          {
            title: t('admin.unitName'),
            render: (_, u) => <span style={{ paddingLeft: (u.level - 1) * 16 }}>{u.name}</span>,
          },
          { title: t('admin.level'), dataIndex: 'level' },
        ]}
      />
      <Card title={t('admin.addUnit')} size="small" style={{ marginTop: 16, maxWidth: 520 }}>
        <Form form={form} name="org-unit" layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item
            name="name"
            label={t('admin.unitName')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('admin.unitName') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="parent" label={t('admin.parent')}>
            <Select allowClear options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <ErrorBox error={add.error} />
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('admin.add')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

type CalendarInfo = { version: string; source: string; timeZone: string; yearsCovered: number[] };

/** Lines `2027-01-01,off,元旦` / `2027-02-07,work,春节调休` → the import body of POST /admin/calendar. */
export function parseDays(
  text: string,
  names: { off: string; work: string },
): { offDays: { date: string; name: string }[]; workDays: { date: string; name: string }[] } {
  const offDays: { date: string; name: string }[] = [];
  const workDays: { date: string; name: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [date, kind, ...name] = line.split(/[,，]/).map((s) => s.trim());
    if (!date) continue;
    (kind === 'work' ? workDays : offDays).push({
      date,
      name: name.join(',') || (kind === 'work' ? names.work : names.off),
    });
  }
  return { offDays, workDays };
}

function CalendarAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const info = useQuery({ queryKey: ['calendar'], queryFn: () => api<CalendarInfo>('GET', '/calendar') });
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: (v: { source: string; years?: string; days?: string }) =>
      api<{ recomputed?: number }>('POST', '/admin/calendar', {
        body: {
          source: v.source,
          years: (v.years ?? '')
            .split(/[,，\s]+/)
            .filter(Boolean)
            .map(Number),
          ...parseDays(v.days ?? '', { off: t('admin.defaultOff'), work: t('admin.defaultWork') }),
        },
      }),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('admin.calendarImported'));
      await client.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
  return (
    <>
      <ErrorBox error={info.error} />
      {info.isLoading ? (
        <Skeleton active />
      ) : (
        info.data && (
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              {t('admin.yearsCovered')}:{' '}
              <span data-testid="years-covered">
                {info.data.yearsCovered.map((y) => (
                  <Tag key={y}>{y}</Tag>
                ))}
              </span>
            </Typography.Paragraph>
            <Typography.Paragraph className="muted">
              {t('admin.calendarVersion')}: {info.data.version} · {info.data.timeZone} · {info.data.source}
            </Typography.Paragraph>
          </Card>
        )
      )}
      <Card title={t('admin.importDays')} size="small" style={{ maxWidth: 640 }}>
        <Form form={form} name="calendar" layout="vertical" onFinish={(v) => run.mutate(v)}>
          <Form.Item
            name="source"
            label={t('admin.source')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('admin.source') }) }]}
          >
            <Input placeholder={t('admin.sourceHint')} />
          </Form.Item>
          <Form.Item name="years" label={t('admin.years')} extra={t('admin.yearsHelp')}>
            <Input placeholder="2027" />
          </Form.Item>
          <Form.Item name="days" label={t('admin.days')} extra={t('admin.daysHelp')}>
            <Input.TextArea rows={8} placeholder={t('admin.daysPlaceholder')} />
          </Form.Item>
          <ErrorBox error={run.error} />
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t('admin.import')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
