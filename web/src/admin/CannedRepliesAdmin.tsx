import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { ProcedureVersions } from './ProceduresAdmin.tsx';
import { useUnits } from './queries.ts';

type Canned = { id: string; procedureId: string | null; orgUnitId: string | null; title: string; body: string };
/** What the server fills in (src/domain/canned-replies.ts). */
const VARIABLES = ['trackingNo', 'submitterName', 'dueDate', 'handlerName', 'procedureName'] as const;
type Values = { procedureId?: string | null; orgUnitId?: string | null; title: string; body: string };

/**
 * #18 canned replies: starting texts for 书面答复 and 留言, per procedure and unit (empty: all),
 * with {{variables}} the case page fills in. Each change is an audit record on the server.
 */
export function CannedRepliesAdmin() {
  const { t, l } = useI18n();
  const client = useQueryClient();
  const units = useUnits();
  const procedures = useQuery({
    queryKey: ['admin-procedures'],
    queryFn: () => api<{ items: ProcedureVersions[] }>('GET', '/admin/procedures').then((r) => r.items),
  });
  const list = useQuery({
    queryKey: ['admin-canned-replies'],
    queryFn: () => api<{ items: Canned[] }>('GET', '/admin/canned-replies').then((r) => r.items),
  });
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<string | null>(null);
  // What the form holds when an answer comes back: the reply being edited (null: a new one).
  const shown = useRef(editing);
  shown.current = editing;
  /**
   * After a change is saved, the form is cleared only if it still holds what the change was about: an
   * edit opened, or a new reply begun, while the request was on its way is the admin's work and stays.
   */
  const done = async (about: string | null) => {
    if (shown.current === about) {
      form.resetFields();
      setEditing(null);
    }
    await client.invalidateQueries({ queryKey: ['admin-canned-replies'] });
  };
  const save = useMutation({
    mutationFn: ({ values: v, id }: { values: Values; id: string | null }) => {
      const body = { ...v, procedureId: v.procedureId ?? null, orgUnitId: v.orgUnitId ?? null };
      return id ? api('PUT', `/admin/canned-replies/${id}`, { body }) : api('POST', '/admin/canned-replies', { body });
    },
    onSuccess: (_, { id }) => done(id),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/canned-replies/${id}`),
    // Deleting another reply leaves a reply being written or edited alone.
    onSuccess: (_, id) =>
      shown.current === id ? done(id) : client.invalidateQueries({ queryKey: ['admin-canned-replies'] }),
  });
  const procedureName = (id: string | null) =>
    id ? l(procedures.data?.find((p) => p.id === id)?.name ?? { 'zh-CN': id }, id) : t('canned.allProcedures');
  const unitName = (id: string | null) =>
    id ? (units.data?.find((u) => u.id === id)?.name ?? id) : t('canned.wholeOrganisation');
  return (
    <>
      <ErrorBox error={list.error ?? remove.error} />
      <Table<Canned>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('canned.title'), dataIndex: 'title' },
          { title: t('canned.procedure'), render: (_, c) => procedureName(c.procedureId) },
          { title: t('canned.unit'), render: (_, c) => unitName(c.orgUnitId) },
          {
            title: t('canned.body'),
            render: (_, c) => <Typography.Text ellipsis={{ tooltip: c.body }}>{c.body}</Typography.Text>,
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(c.id);
                    form.setFieldsValue(c);
                  }}
                >
                  {t('canned.edit')}
                </Button>
                <Popconfirm
                  title={t('canned.removeConfirm', { title: c.title })}
                  okText={t('admin.remove')}
                  cancelText={t('admin.cancel')}
                  onConfirm={() => remove.mutate(c.id)}
                >
                  <Button size="small" danger>
                    {t('admin.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Card
        title={editing ? t('canned.editTitle') : t('canned.add')}
        size="small"
        style={{ marginTop: 16, maxWidth: 640 }}
      >
        <Form
          form={form}
          name="canned-reply"
          layout="vertical"
          onFinish={(values) => save.mutate({ values, id: editing })}
        >
          <Form.Item name="procedureId" label={t('canned.procedure')}>
            <Select
              allowClear
              placeholder={t('canned.allProcedures')}
              options={(procedures.data ?? []).map((p) => ({ value: p.id, label: l(p.name, p.id) }))}
            />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('canned.unit')} extra={t('canned.unitHelp')}>
            <Select
              allowClear
              placeholder={t('canned.wholeOrganisation')}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('canned.title')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('canned.title') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('canned.body')}
            extra={
              <>
                {t('canned.variables')}
                {VARIABLES.map((v) => (
                  <span key={v}>
                    {' '}
                    <kbd>{`{{${v}}}`}</kbd> {t(`canned.var.${v}`)}
                  </span>
                ))}
              </>
            }
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('canned.body') }) }]}
          >
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <ErrorBox error={save.error} />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {editing ? t('admin.save') : t('admin.add')}
            </Button>
            {editing && (
              <Button
                onClick={() => {
                  setEditing(null);
                  form.resetFields();
                }}
              >
                {t('admin.cancel')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </>
  );
}
