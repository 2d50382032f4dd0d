import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';
import { useProcedureVersions } from './ProceduresAdmin.tsx';

type Category = { id: string; label: Label };
type Changed = { id: string; version: number; categories: Category[] };

/** CLS-1: each procedure's categories; every change is the procedure's next version, so open cases keep theirs. */
export function CategoriesAdmin() {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useProcedureVersions();
  const [chosen, setChosen] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<Category | null>(null);
  const [addForm] = Form.useForm();
  const procedureId = chosen ?? list.data?.[0]?.id;
  const procedure = list.data?.find((p) => p.id === procedureId);
  const done = async (r: Changed) => {
    void message.success(t('admin.newVersion', { id: r.id, version: r.version }));
    await client.invalidateQueries({ queryKey: ['admin-procedures'] });
    await client.invalidateQueries({ queryKey: ['procedures'] });
  };
  const base = `/admin/procedures/${procedureId}/categories`;
  const add = useMutation({
    mutationFn: (v: { id: string; zh: string; en?: string }) =>
      api<Changed>('POST', base, { body: { id: v.id, label: { 'zh-CN': v.zh, ...(v.en ? { en: v.en } : {}) } } }),
    onSuccess: async (r) => {
      addForm.resetFields();
      await done(r);
    },
  });
  const rename = useMutation({
    mutationFn: (v: { id: string; zh: string; en?: string }) =>
      api<Changed>('PATCH', `${base}/${v.id}`, { body: { label: { 'zh-CN': v.zh, ...(v.en ? { en: v.en } : {}) } } }),
    onSuccess: async (r) => {
      setRenaming(null);
      await done(r);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api<Changed>('DELETE', `${base}/${id}`), onSuccess: done });
  return (
    <>
      <ErrorBox error={list.error} />
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Form.Item label={t('admin.procedure')} style={{ marginBottom: 0 }}>
          <Select
            aria-label={t('admin.procedure')}
            style={{ minWidth: 240, maxWidth: 'calc(100vw - 64px)' }}
            loading={list.isLoading}
            value={procedureId}
            onChange={setChosen}
            options={(list.data ?? []).map((p) => ({ value: p.id, label: `${l(p.name, p.id)} (v${p.latestVersion})` }))}
          />
        </Form.Item>
        {procedure && (
          <Tag color="blue" data-testid="category-version">
            v{procedure.latestVersion}
          </Tag>
        )}
      </Space>
      <Alert type="info" showIcon message={t('admin.categoriesHelp')} style={{ marginBottom: 12 }} />
      <ErrorBox error={remove.error} />
      <Table<Category>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={procedure?.categories ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="category-list"
        locale={{ emptyText: t('admin.noCategories') }}
        columns={[
          { title: t('admin.categoryId'), dataIndex: 'id', render: (id: string) => <code>{id}</code> },
          { title: t('admin.labelZh'), render: (_, c) => c.label?.['zh-CN'] },
          { title: t('admin.labelEn'), render: (_, c) => c.label?.en ?? '' },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    rename.reset();
                    setRenaming(c);
                  }}
                >
                  {t('admin.rename')}
                </Button>
                <Popconfirm
                  title={t('admin.removeCategoryConfirm', { id: c.id })}
                  onConfirm={() => remove.mutate(c.id)}
                  okText={t('admin.remove')}
                  cancelText={t('admin.cancel')}
                >
                  <Button size="small" danger loading={remove.isPending && remove.variables === c.id}>
                    {t('admin.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Card title={t('admin.addCategory')} size="small" style={{ marginTop: 16, maxWidth: 640 }}>
        <Form form={addForm} name="category" layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item
            name="id"
            label={t('admin.categoryId')}
            extra={t('admin.categoryIdHelp')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9-]*$/, message: t('admin.categoryIdHelp') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="zh"
            label={t('admin.labelZh')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('admin.labelZh') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="en" label={t('admin.labelEn')}>
            <Input maxLength={100} />
          </Form.Item>
          <ErrorBox error={add.error} />
          <Button type="primary" htmlType="submit" loading={add.isPending} disabled={!procedureId}>
            {t('admin.add')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={renaming !== null}
        title={t('admin.renameCategory', { id: renaming?.id ?? '' })}
        onCancel={() => setRenaming(null)}
        footer={null}
        destroyOnHidden
      >
        {renaming && (
          <Form
            name="rename-category"
            layout="vertical"
            initialValues={{ zh: renaming.label?.['zh-CN'], en: renaming.label?.en }}
            onFinish={(v: { zh: string; en?: string }) => rename.mutate({ id: renaming.id, ...v })}
          >
            <Form.Item
              name="zh"
              label={t('admin.labelZh')}
              rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('admin.labelZh') }) }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="en" label={t('admin.labelEn')}>
              <Input maxLength={100} />
            </Form.Item>
            <ErrorBox error={rename.error} />
            <Button type="primary" htmlType="submit" loading={rename.isPending}>
              {t('admin.save')}
            </Button>
          </Form>
        )}
      </Modal>
    </>
  );
}
