import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import type { Answer } from '../api/answers.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';

// The API's own types (generated from its OpenAPI document, #15): a renamed field breaks the build.
type Overview = Answer<'getDirectoryOverview'>;
type Source = Overview['sources'][number];
type Rule = Overview['rules'][number];
type Report = Answer<'syncDirectorySource'>;

const KEY = ['admin-directory'];

/**
 * Issue 20: the organisation's directories (LDAP, 企业微信, 钉钉, 飞书) — configured here or in the environment —
 * their mapping rules, a dry run of the next sync and the last sync's report (docs/sso.md).
 */
export function DirectoryAdmin() {
  const { t } = useI18n();
  const overview = useQuery({ queryKey: KEY, queryFn: () => api<Overview>('GET', '/admin/directory') });
  const sources = overview.data?.sources ?? [];
  return (
    <>
      <ErrorBox error={overview.error} />
      {overview.data && sources.length === 0 && <Empty description={t('directory.none')} />}
      {sources.map((s) => (
        <SourceCard key={s.name} source={s} />
      ))}
      <RulesCard sources={sources} rules={overview.data?.rules ?? []} />
      <SourceForm />
    </>
  );
}

function SourceCard({ source }: { source: Source }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [report, setReport] = useState<Report | null>(null);
  const sync = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<Report>('POST', `/admin/directory/sources/${source.name}/sync`, { body: { dryRun } }),
    onSuccess: async (r) => {
      setReport(r);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/admin/directory/sources/${source.name}`),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const last = source.lastRun;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`directory-${source.name}`}
      title={
        <Space wrap>
          <Typography.Text strong className="user-text">
            {source.name}
          </Typography.Text>
          <Tag>{t(`directory.kind.${source.kind}`)}</Tag>
          <Tag color={source.origin === 'env' ? 'default' : 'blue'}>{t(`directory.origin.${source.origin}`)}</Tag>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {/* An OpenID provider has nothing to sync: its people arrive when they sign in (issue 20). */}
        {source.kind === 'oidc' ? (
          <Typography.Text type="secondary">{t('directory.oidcNoSync')}</Typography.Text>
        ) : (
          <>
            <Button onClick={() => sync.mutate(true)} loading={sync.isPending && sync.variables === true}>
              {t('directory.dryRun')}
            </Button>
            <Button
              type="primary"
              onClick={() => sync.mutate(false)}
              loading={sync.isPending && sync.variables === false}
            >
              {t('directory.syncNow')}
            </Button>
          </>
        )}
        {source.origin === 'admin' && (
          <Popconfirm
            title={t('directory.removeConfirm', { name: source.name })}
            onConfirm={() => remove.mutate()}
            okText={t('admin.revoke')}
            cancelText={t('admin.cancel')}
          >
            <Button danger>{t('directory.remove')}</Button>
          </Popconfirm>
        )}
      </Space>
      <ErrorBox error={sync.error ?? remove.error} />
      {report && (
        <ReportTable
          report={report}
          title={report.dryRun ? t('directory.dryRunResult') : t('directory.syncResult')}
          testId="directory-report"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="directory-last-run">
        {last
          ? t('directory.lastRun', {
              at: formatTime(last.startedAt),
              trigger: t(`directory.trigger.${last.trigger}`),
            })
          : t('directory.neverRun')}
      </Typography.Paragraph>
      {last?.error && <Typography.Text type="danger">{last.error}</Typography.Text>}
      {last?.report && !report && <ReportTable report={last.report} title={t('directory.lastReport')} />}
    </Card>
  );
}

/** The counts of a sync (or a dry run), with up to 50 names of each kind of change. */
function ReportTable({ report, title, testId }: { report: Report; title: string; testId?: string }) {
  const { t } = useI18n();
  const rows = Object.entries(report.counts).map(([kind, count]) => ({
    kind,
    count,
    names: (report.samples[kind] ?? []).join('、'),
  }));
  return (
    <div data-testid={testId} style={{ marginBottom: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: t('directory.change'), render: (_, r) => t(`directory.count.${r.kind}`) },
          { title: t('directory.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('directory.names'),
            dataIndex: 'names',
            render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span>,
          },
        ]}
      />
    </div>
  );
}

function RulesCard({ sources, rules }: { sources: Source[]; rules: Rule[] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: Record<string, string | undefined>) =>
      api('POST', '/admin/directory/rules', {
        // Empty fields are left out: a rule names a group or a department, and a unit only when it fixes one.
        body: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x.trim() !== '')),
      }),
    onSuccess: async () => {
      form.resetFields(['group', 'department', 'role', 'unit']);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/directory/rules/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <Card size="small" title={t('directory.rules')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('directory.rulesHelp')}</Typography.Paragraph>
      <ErrorBox error={remove.error} />
      <Table<Rule>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rules}
        data-testid="directory-rules"
        locale={{ emptyText: t('directory.noRules') }}
        columns={[
          // What the admin typed (names, groups, roles) is data, not interface text.
          { title: t('directory.source'), dataIndex: 'source', className: 'user-text' },
          {
            title: t('directory.match'),
            className: 'user-text',
            render: (_, r) =>
              r.group !== null
                ? `${t('directory.group')}：${r.group}`
                : `${t('directory.department')}：${r.department}`,
          },
          { title: t('directory.role'), dataIndex: 'role', className: 'user-text' },
          {
            title: t('directory.unit'),
            className: 'user-text',
            render: (_, r) => r.unit ?? t('directory.ownDepartment'),
          },
          {
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                danger
                onClick={() => remove.mutate(r.id)}
                loading={remove.isPending && remove.variables === r.id}
              >
                {t('directory.remove')}
              </Button>
            ),
          },
        ]}
      />
      {sources.length > 0 && (
        <Form
          form={form}
          name="directory-rule"
          layout="vertical"
          style={{ marginTop: 12, maxWidth: 520 }}
          initialValues={{ source: sources[0]?.name }}
          onFinish={(v) => add.mutate(v)}
        >
          <Form.Item name="source" label={t('directory.source')} rules={[{ required: true }]}>
            <Select options={sources.map((s) => ({ value: s.name, label: s.name }))} />
          </Form.Item>
          <Form.Item name="group" label={t('directory.group')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="department" label={t('directory.departmentId')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('directory.role')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('directory.role') }) }]}
          >
            <Input maxLength={100} placeholder="customer-service" />
          </Form.Item>
          <Form.Item name="unit" label={t('directory.unitId')}>
            <Input maxLength={200} />
          </Form.Item>
          <ErrorBox error={add.error} />
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('directory.addRule')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** A directory configured here: the settings of one PLAINT_DIRECTORY_SOURCES entry, as JSON (docs/sso.md). */
function SourceForm() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { name: string; settings: string }) =>
      api('PUT', `/admin/directory/sources/${encodeURIComponent(v.name.trim())}`, { body: JSON.parse(v.settings) }),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <Card size="small" title={t('directory.configure')} style={{ maxWidth: 720 }}>
      <Form form={form} name="directory-source" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('directory.name')}
          rules={[{ required: true, pattern: /^[a-z0-9-]{1,40}$/, message: t('directory.nameRule') }]}
        >
          <Input maxLength={40} placeholder="ldap" />
        </Form.Item>
        <Form.Item
          name="settings"
          label={t('directory.settings')}
          extra={t('directory.settingsHelp')}
          rules={[
            { required: true, message: t('form.required', { label: t('directory.settings') }) },
            {
              validator: async (_, v: string | undefined) => {
                if (v) JSON.parse(v);
              },
              message: t('directory.notJson'),
            },
          ]}
        >
          <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <ErrorBox error={save.error} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('directory.save')}
        </Button>
      </Form>
    </Card>
  );
}
