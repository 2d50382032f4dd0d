import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { useMe } from './StaffApp.tsx';

export type Improvement = {
  id: string;
  kind: 'corrective' | 'training' | 'suggestion';
  title: string;
  description: string;
  causeCategory: string;
  owner: { id: string; name: string } | null;
  orgUnitId: string;
  dueDate: string | null;
  status: 'open' | 'in-progress' | 'done';
  completionNote: string | null;
  version: number;
  cases: { id: string; trackingNo: string }[];
  overdue: boolean;
};
type Unit = { id: string; name: string; parentId: string | null };

export function useUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: () => api<{ items: Unit[] }>('GET', '/public/org-units').then((r) => r.items),
  });
}

const STATUS_COLOR = { open: 'blue', 'in-progress': 'orange', done: 'green' } as const;

/** STA-2, STA-3: corrective actions and training items of the caller's units. */
export function ImprovementsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Improvement | null>(null);
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(kind ? { kind } : {}) });
  const list = useQuery({
    queryKey: ['improvements', query.toString()],
    queryFn: () => api<{ items: Improvement[] }>('GET', `/improvements?${query}`).then((r) => r.items),
  });
  return (
    <>
      <Typography.Title level={4}>{t('nav.improvements')}</Typography.Title>
      <div className="filters">
        <Select
          allowClear
          aria-label={t('improvement.status')}
          placeholder={t('improvement.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={(['open', 'in-progress', 'done'] as const).map((s) => ({
            value: s,
            label: t(`improvement.status.${s}`),
          }))}
        />
        <Select
          allowClear
          aria-label={t('improvement.kind')}
          placeholder={t('improvement.kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={(['corrective', 'training', 'suggestion'] as const).map((k) => ({
            value: k,
            label: t(`improvement.kind.${k}`),
          }))}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('improvement.new')}
        </Button>
      </div>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<Improvement>
          rowKey="id"
          size="small"
          scroll={{ x: 800 }}
          dataSource={list.data}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('improvement.kind'), render: (_, r) => t(`improvement.kind.${r.kind}`) },
            { title: t('improvement.title'), render: (_, r) => <span className="user-text">{r.title}</span> },
            { title: t('improvement.cause'), dataIndex: 'causeCategory' },
            { title: t('improvement.owner'), render: (_, r) => r.owner?.name ?? '—' },
            {
              title: t('improvement.due'),
              render: (_, r) => (
                <>
                  {r.dueDate ?? '—'} {r.overdue && <Tag color="red">{t('improvement.overdue')}</Tag>}
                </>
              ),
            },
            {
              title: t('improvement.status'),
              render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`improvement.status.${r.status}`)}</Tag>,
            },
            {
              title: t('improvement.cases'),
              render: (_, r) =>
                r.cases.map((c) => (
                  <div key={c.id}>
                    <Link to={`/staff/cases/${c.id}`}>{c.trackingNo}</Link>
                  </div>
                )),
            },
            {
              title: t('case.actions'),
              render: (_, r) => (
                <Button size="small" onClick={() => setEditing(r)}>
                  {t('improvement.update')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {creating && <ImprovementCreateModal onClose={() => setCreating(false)} />}
      {editing && <ImprovementUpdateModal item={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** Create an action; from a case page the case and its unit come filled in. */
export function ImprovementCreateModal({
  onClose,
  caseId,
  unitId,
}: {
  onClose(): void;
  caseId?: string;
  unitId?: string | null;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useMe();
  const units = useUnits();
  const create = useMutation({
    mutationFn: (v: {
      kind: string;
      title: string;
      causeCategory: string;
      description?: string;
      orgUnit: string;
      dueDate?: string;
      mine?: boolean;
    }) =>
      api('POST', '/improvements', {
        body: {
          kind: v.kind,
          title: v.title,
          causeCategory: v.causeCategory,
          orgUnit: v.orgUnit,
          description: v.description ?? '',
          ...(v.dueDate ? { dueDate: v.dueDate } : {}),
          ...(v.mine && me.data ? { owner: me.data.id } : {}),
          cases: caseId ? [caseId] : [],
        },
      }),
    onSuccess: async () => {
      void message.success(t('action.done'));
      await client.invalidateQueries({ queryKey: ['improvements'] });
      onClose();
    },
  });
  const required = (label: string) => [{ required: true, whitespace: true, message: t('form.required', { label }) }];
  return (
    <Modal open title={t('improvement.new')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        name="improvement-create"
        layout="vertical"
        initialValues={{ kind: 'corrective', mine: true, ...(unitId ? { orgUnit: unitId } : {}) }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="kind" label={t('improvement.kind')}>
          <Select
            options={(['corrective', 'training', 'suggestion'] as const).map((k) => ({
              value: k,
              label: t(`improvement.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('improvement.title')} rules={required(t('improvement.title'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="causeCategory" label={t('improvement.cause')} rules={required(t('improvement.cause'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('improvement.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="orgUnit"
          label={t('admin.unit')}
          rules={[{ required: true, message: t('form.required', { label: t('admin.unit') }) }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={units.isLoading}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('improvement.due')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="mine" valuePropName="checked">
          <Checkbox>{t('improvement.iOwn')}</Checkbox>
        </Form.Item>
        {caseId && <p className="muted">{t('improvement.fromCase')}</p>}
        <ErrorBox error={create.error} />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('form.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

function ImprovementUpdateModal({ item, onClose }: { item: Improvement; onClose(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (v: { status: string; completionNote?: string; dueDate?: string }) =>
      api('PATCH', `/improvements/${item.id}`, {
        body: {
          status: v.status,
          ...(v.completionNote ? { completionNote: v.completionNote } : {}),
          ...(v.dueDate ? { dueDate: v.dueDate } : {}),
          expectedVersion: item.version,
        },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['improvements'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={<span className="user-text">{item.title}</span>}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        name="improvement-update"
        layout="vertical"
        initialValues={{ status: item.status, completionNote: item.completionNote ?? '', dueDate: item.dueDate ?? '' }}
        onFinish={(v) => update.mutate(v)}
      >
        <Form.Item name="status" label={t('improvement.status')}>
          <Select
            options={(['open', 'in-progress', 'done'] as const).map((s) => ({
              value: s,
              label: t(`improvement.status.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('improvement.due')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="completionNote" label={t('improvement.completionNote')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <ErrorBox error={update.error} />
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('form.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
