import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { useUnits } from './queries.ts';

export type AdminUser = {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  grants: { id: string; role: string; orgUnitId: string | null; orgUnitName: string | null }[];
};

export function useUsers() {
  return useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api<{ items: AdminUser[] }>('GET', '/admin/users').then((r) => r.items),
  });
}

/** Users with the roles they hold and where; adding a user, granting and revoking roles. */
export function UsersAdmin() {
  const { t } = useI18n();
  const client = useQueryClient();
  const users = useUsers();
  const revoke = useMutation({
    mutationFn: (grantId: string) => api('DELETE', `/admin/grants/${grantId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  return (
    <>
      <ErrorBox error={users.error} />
      <ErrorBox error={revoke.error} />
      <Table<AdminUser>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        data-testid="user-list"
        columns={[
          { title: t('login.username'), dataIndex: 'username' },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.grants'),
            render: (_, u) => (
              <Space wrap size={4}>
                {u.isAdmin && <Tag color="gold">{t('admin.isAdmin')}</Tag>}
                {u.disabled && <Tag color="red">{t('admin.disabled')}</Tag>}
                {u.grants.map((g) => (
                  <Tag key={g.id}>
                    {g.role} @ {g.orgUnitName ?? t('admin.wholeOrg')}
                    {/* A real button, so revoking is reachable from the keyboard. */}
                    <Button
                      type="text"
                      size="small"
                      aria-label={`${t('admin.revokeGrant')} ${g.role}`}
                      title={t('admin.revokeGrant')}
                      onClick={() => revoke.mutate(g.id)}
                      disabled={revoke.isPending}
                      style={{ height: 'auto', padding: '0 2px', marginLeft: 2 }}
                    >
                      ×
                    </Button>
                  </Tag>
                ))}
                {!u.isAdmin && u.grants.length === 0 && <span className="muted">{t('case.none')}</span>}
              </Space>
            ),
          },
        ]}
      />
      <Space align="start" wrap style={{ marginTop: 16, width: '100%' }} className="admin-forms">
        <AddUser />
        <GrantRole users={users.data ?? []} />
      </Space>
    </>
  );
}

function AddUser() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: {
      username: string;
      displayName: string;
      password: string;
      grants?: { role: string; orgUnit?: string }[];
    }) =>
      api<{ username: string }>('POST', '/admin/users', {
        body: { ...v, grants: (v.grants ?? []).map((g) => ({ role: g.role, orgUnit: g.orgUnit ?? null })) },
      }),
    onSuccess: async (u) => {
      form.resetFields();
      void message.success(t('admin.userAdded', { name: u.username }));
      await client.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });
  return (
    <Card title={t('admin.addUser')} size="small" className="admin-form-card">
      <Form form={form} name="user" layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, message: t('form.required', { label: t('login.username') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.displayName')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('admin.displayName') }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('form.required', { label: t('login.password') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.List name="grants">
          {(items, { add: addGrant, remove }) => (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
              {items.map((item) => (
                <Space key={item.key} wrap>
                  <Form.Item name={[item.name, 'role']} noStyle rules={[{ required: true }]}>
                    <Input placeholder={t('admin.role')} aria-label={t('admin.role')} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'orgUnit']} noStyle>
                    <Select
                      allowClear
                      style={{ minWidth: 180 }}
                      placeholder={t('admin.wholeOrg')}
                      aria-label={t('admin.unit')}
                      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                    />
                  </Form.Item>
                  <Button onClick={() => remove(item.name)}>{t('form.remove')}</Button>
                </Space>
              ))}
              <Button onClick={() => addGrant({})}>{t('admin.addGrant')}</Button>
            </Space>
          )}
        </Form.List>
        <ErrorBox error={add.error} />
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('admin.add')}
        </Button>
      </Form>
    </Card>
  );
}

function GrantRole({ users }: { users: AdminUser[] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm();
  const grant = useMutation({
    mutationFn: (v: { user: string; role: string; orgUnit?: string }) =>
      api('POST', `/admin/users/${v.user}/grants`, { body: { role: v.role, orgUnit: v.orgUnit ?? null } }),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });
  return (
    <Card title={t('admin.grantRole')} size="small" className="admin-form-card">
      <Form form={form} name="grant" layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item
          name="user"
          label={t('admin.tokenUser')}
          rules={[{ required: true, message: t('form.required', { label: t('admin.tokenUser') }) }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('admin.role')}
          rules={[{ required: true, message: t('form.required', { label: t('admin.role') }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="orgUnit" label={t('admin.unit')}>
          <Select
            allowClear
            placeholder={t('admin.wholeOrg')}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <ErrorBox error={grant.error} />
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('admin.grant')}
        </Button>
      </Form>
    </Card>
  );
}
