import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { type AdminUser, useUsers } from './UsersAdmin.tsx';

type SecurityUser = AdminUser & { disabledAt?: string | null; mustChangePassword?: boolean; secondFactor?: boolean };
type Throttle = {
  key: string;
  kind: 'account' | 'client' | 'user-client';
  username: string | null;
  client: string | null;
  failures: number;
  windowEndsAt: string;
  blockedUntil: string | null;
};

/** Account security (issue 28): disable, enable, reset passwords and second factors; see and clear sign-in throttles. */
export function SecurityAdmin() {
  return (
    <>
      <AccountsTable />
      <ThrottlesTable />
    </>
  );
}

function AccountsTable() {
  const { t } = useI18n();
  const client = useQueryClient();
  const users = useUsers();
  const [reason, setReason] = useState('');
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['admin-users'] });
  const act = useMutation({
    mutationFn: async (v: {
      user: SecurityUser;
      action: 'disable' | 'enable' | 'reset-password' | 'reset-second-factor';
    }) => {
      const body = v.action === 'disable' ? { body: { reason: reason.trim() || '—' } } : {};
      const r = await api<{ password?: string }>('POST', `/admin/users/${v.user.id}/${v.action}`, body);
      if (r?.password) setOneTime({ username: v.user.username, password: r.password });
    },
    onSuccess: refresh,
  });
  return (
    <>
      <Typography.Title level={5}>{t('security.users')}</Typography.Title>
      <ErrorBox error={users.error ?? act.error} />
      {oneTime && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setOneTime(null)}
          style={{ marginBottom: 12 }}
          message={`${oneTime.username} — ${t('security.oneTime')}`}
          description={
            <Typography.Text code copyable data-testid="one-time-password">
              {oneTime.password}
            </Typography.Text>
          }
        />
      )}
      <Table<SecurityUser>
        rowKey="id"
        size="small"
        pagination={false}
        loading={users.isLoading}
        dataSource={(users.data ?? []) as SecurityUser[]}
        columns={[
          { title: t('login.username'), dataIndex: 'username' },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('security.status'),
            render: (_, u) => (
              <Space size={4}>
                {u.disabled ? (
                  <Tag color="red">{t('security.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('security.active')}</Tag>
                )}
                {u.mustChangePassword && <Tag color="orange">{t('security.mustChange')}</Tag>}
                {u.secondFactor && <Tag color="blue">{t('security.totp')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, u) => (
              <Space size={4} wrap>
                {u.disabled ? (
                  <Button size="small" onClick={() => act.mutate({ user: u, action: 'enable' })}>
                    {t('security.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('security.disableReason')}
                    description={<Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />}
                    onConfirm={() => act.mutate({ user: u, action: 'disable' })}
                  >
                    <Button size="small" danger>
                      {t('security.disable')}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={t('security.resetConfirm')}
                  onConfirm={() => act.mutate({ user: u, action: 'reset-password' })}
                >
                  <Button size="small">{t('security.resetPassword')}</Button>
                </Popconfirm>
                {u.secondFactor && (
                  <Popconfirm
                    title={t('security.resetTotp')}
                    onConfirm={() => act.mutate({ user: u, action: 'reset-second-factor' })}
                  >
                    <Button size="small">{t('security.resetTotp')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function ThrottlesTable() {
  const { t } = useI18n();
  const client = useQueryClient();
  const throttles = useQuery({
    queryKey: ['admin-throttles'],
    queryFn: () => api<{ items: Throttle[] }>('GET', '/admin/throttles').then((r) => r.items),
  });
  const clear = useMutation({
    mutationFn: (body: { key?: string }) => api('POST', '/admin/throttles/clear', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-throttles'] }),
  });
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('security.throttles')}
      </Typography.Title>
      <ErrorBox error={throttles.error ?? clear.error} />
      <Table<Throttle>
        rowKey="key"
        size="small"
        pagination={false}
        loading={throttles.isLoading}
        dataSource={throttles.data ?? []}
        columns={[
          { title: t('security.kind'), render: (_, r) => t(`security.kind.${r.kind}`) },
          { title: t('login.username'), render: (_, r) => r.username ?? '—' },
          {
            title: 'client',
            render: (_, r) => (r.client ? <Typography.Text code>{r.client.slice(0, 8)}</Typography.Text> : '—'),
          },
          { title: t('security.failures'), dataIndex: 'failures' },
          { title: t('security.blockedUntil'), render: (_, r) => (r.blockedUntil ? formatTime(r.blockedUntil) : '—') },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => clear.mutate({ key: r.key })}>
                {t('security.clear')}
              </Button>
            ),
          },
        ]}
      />
      {(throttles.data?.length ?? 0) > 0 && (
        <Button style={{ marginTop: 8 }} onClick={() => clear.mutate({})}>
          {t('security.clearAll')}
        </Button>
      )}
    </>
  );
}
