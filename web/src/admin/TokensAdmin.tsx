import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { useUsers } from './UsersAdmin.tsx';

type Token = {
  id: string;
  userId: string;
  username: string;
  label: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const time = (iso: string | null) => (iso ? formatTime(iso) : '—');

/** API tokens for integrations: created for a user with a scope (the secret shown once), listed, revoked. */
export function TokensAdmin() {
  const { t } = useI18n();
  const client = useQueryClient();
  const users = useUsers();
  const tokens = useQuery({
    queryKey: ['admin-tokens'],
    queryFn: () => api<{ items: Token[] }>('GET', '/admin/tokens').then((r) => r.items),
  });
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { username: string; label: string; scope: 'read' | 'write' }) =>
      api<Token & { token: string }>('POST', '/admin/tokens', { body: v }),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['admin-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-tokens'] }),
  });
  return (
    <>
      <Card title={t('admin.createToken')} size="small" style={{ maxWidth: 640, marginBottom: 16 }}>
        <Form
          form={form}
          name="token"
          layout="vertical"
          initialValues={{ scope: 'read' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="username"
            label={t('admin.tokenUser')}
            rules={[{ required: true, message: t('form.required', { label: t('admin.tokenUser') }) }]}
          >
            <Select
              showSearch
              loading={users.isLoading}
              options={(users.data ?? []).map((u) => ({
                value: u.username,
                label: `${u.displayName} (${u.username})`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('admin.tokenLabel')}
            rules={[
              { required: true, whitespace: true, message: t('form.required', { label: t('admin.tokenLabel') }) },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scope" label={t('admin.tokenScope')}>
            <Radio.Group
              options={[
                { value: 'read', label: t('admin.scopeRead') },
                { value: 'write', label: t('admin.scopeWrite') },
              ]}
            />
          </Form.Item>
          <ErrorBox error={create.error} />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('admin.create')}
          </Button>
        </Form>
        {create.data && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            message={t('admin.tokenOnce')}
            data-testid="new-token"
            description={
              <Typography.Text
                code
                copyable={{ text: create.data.token, tooltips: [t('admin.copy'), t('admin.copied')] }}
                data-testid="token-secret"
                style={{ wordBreak: 'break-all' }}
              >
                {create.data.token}
              </Typography.Text>
            }
          />
        )}
      </Card>
      <ErrorBox error={tokens.error} />
      <ErrorBox error={revoke.error} />
      <Table<Token>
        rowKey="id"
        size="small"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        data-testid="token-list"
        locale={{ emptyText: t('admin.noTokens') }}
        columns={[
          { title: t('admin.tokenLabel'), dataIndex: 'label' },
          { title: t('admin.tokenUser'), dataIndex: 'username' },
          {
            title: t('admin.tokenScope'),
            render: (_, k) =>
              k.scopes.includes('write') ? (
                <Tag color="orange">{t('admin.scopeWrite')}</Tag>
              ) : (
                <Tag>{t('admin.scopeRead')}</Tag>
              ),
          },
          { title: t('admin.createdAt'), render: (_, k) => time(k.createdAt) },
          { title: t('admin.lastUsed'), render: (_, k) => time(k.lastUsedAt) },
          {
            title: t('admin.tokenStatus'),
            render: (_, k) =>
              k.revokedAt ? (
                <Tag color="red" data-testid="token-revoked">
                  {t('admin.revoked')}
                </Tag>
              ) : (
                <Popconfirm
                  title={t('admin.revokeConfirm', { label: k.label })}
                  onConfirm={() => revoke.mutate(k.id)}
                  okText={t('admin.revoke')}
                  cancelText={t('admin.cancel')}
                >
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === k.id}>
                    {t('admin.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
