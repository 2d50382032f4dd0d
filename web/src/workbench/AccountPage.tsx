import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { Me } from '../types.ts';

type Session = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
};
type TotpStatus = { enabled: boolean; enabledAt: string | null; required: boolean; recoveryCodesLeft: number };
type Setup = { secret: string; otpauthUrl: string; qrSvg: string };

/** One's own account (issue 28): password, second factor, sessions. */
export function AccountPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const setupNeeded = !!me.secondFactor?.required && !me.secondFactor.enabled;
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>{t('account.title')}</Typography.Title>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon message={t('account.mustChange')} style={{ marginBottom: 16 }} />
      )}
      {setupNeeded && !me.mustChangePassword && (
        <Alert type="warning" showIcon message={t('account.totpRequired')} style={{ marginBottom: 16 }} />
      )}
      <PasswordCard />
      {!me.mustChangePassword && <SecondFactorCard />}
      {!me.mustChangePassword && !setupNeeded && <SessionsCard />}
    </div>
  );
}

function PasswordCard() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (v: { oldPassword: string; newPassword: string }) =>
      api('POST', '/account/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } }),
    onSuccess: async () => {
      form.resetFields();
      setDone(true);
      await client.invalidateQueries({ queryKey: ['me'] });
      await client.invalidateQueries({ queryKey: ['my-sessions'] });
    },
  });
  return (
    <Card title={t('account.password')} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        name="change-password"
        layout="vertical"
        onFinish={(v) => {
          setDone(false);
          change.mutate(v);
        }}
      >
        <Form.Item name="oldPassword" label={t('account.oldPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('account.repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ErrorBox error={change.error} />
        {done && <Alert type="success" showIcon message={t('account.passwordChanged')} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function SecondFactorCard() {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['my-totp'],
    queryFn: () => api<TotpStatus>('GET', '/account/totp'),
  });
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: () => api<Setup>('POST', '/account/totp/setup'),
    onSuccess: (s) => {
      setCodes(null);
      setSetup(s);
    },
  });
  const confirm = useMutation({
    mutationFn: (v: { code: string }) =>
      api<{ recoveryCodes: string[] }>('POST', '/account/totp/confirm', { body: { code: v.code.trim() } }),
    onSuccess: async (r) => {
      setSetup(null);
      setCodes(r.recoveryCodes);
      await client.invalidateQueries({ queryKey: ['my-totp'] });
    },
  });
  const remove = useMutation({
    mutationFn: (v: { password: string }) => api('POST', '/account/totp/remove', { body: v }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['my-totp'] });
      await client.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const s = status.data;
  return (
    <Card title={t('account.totp')} style={{ marginBottom: 16 }} data-testid="totp-card">
      <ErrorBox error={status.error ?? start.error ?? remove.error} />
      {codes && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('account.totpEnabled')}
          description={
            <>
              <p>{t('account.recoveryCodesOnce')}</p>
              <pre data-testid="recovery-codes">{codes.join('\n')}</pre>
              <Button
                onClick={async () => {
                  setCodes(null);
                  await client.invalidateQueries({ queryKey: ['me'] });
                }}
              >
                {t('account.savedCodes')}
              </Button>
            </>
          }
        />
      )}
      {s?.enabled && !codes && (
        <>
          <p>
            <Tag color="green">{t('account.totpOn')}</Tag> {s.enabledAt ? formatTime(s.enabledAt) : ''} ·{' '}
            {t('account.recoveryLeft', { n: String(s.recoveryCodesLeft) })}
          </p>
          {!s.required && (
            <Form name="remove-totp" layout="inline" onFinish={(v) => remove.mutate(v)}>
              <Form.Item name="password" rules={[{ required: true }]}>
                <Input.Password placeholder={t('login.password')} autoComplete="current-password" />
              </Form.Item>
              <Button danger htmlType="submit" loading={remove.isPending}>
                {t('account.totpRemove')}
              </Button>
            </Form>
          )}
        </>
      )}
      {s && !s.enabled && !setup && (
        <>
          <p>{t('account.totpIntro')}</p>
          <Button type="primary" onClick={() => start.mutate()} loading={start.isPending}>
            {t('account.totpStart')}
          </Button>
        </>
      )}
      {setup && (
        <Space direction="vertical" size="middle">
          <p>{t('account.totpScan')}</p>
          <img
            data-testid="totp-qr"
            alt={t('account.totpQr')}
            width={200}
            height={200}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
          />
          <div>
            {t('account.totpManual')}{' '}
            <Typography.Text code copyable data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </div>
          <Form name="confirm-totp" layout="inline" onFinish={(v) => confirm.mutate(v)}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.sixDigits') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" placeholder="123456" maxLength={8} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
              {t('account.totpConfirm')}
            </Button>
          </Form>
          <ErrorBox error={confirm.error} />
        </Space>
      )}
    </Card>
  );
}

function SessionsCard() {
  const { t } = useI18n();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['my-sessions'],
    queryFn: () => api<{ items: Session[] }>('GET', '/account/sessions').then((r) => r.items),
  });
  const end = useMutation({
    mutationFn: (id: string) => api('DELETE', `/account/sessions/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  return (
    <Card title={t('account.sessions')}>
      <ErrorBox error={sessions.error ?? end.error} />
      <Table<Session>
        rowKey="id"
        size="small"
        pagination={false}
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        columns={[
          { title: t('account.signedInAt'), render: (_, r) => formatTime(r.createdAt) },
          { title: t('account.lastSeen'), render: (_, r) => formatTime(r.lastSeenAt) },
          {
            title: t('account.browser'),
            ellipsis: true,
            render: (_, r) => <span title={r.userAgent ?? ''}>{browserName(r.userAgent)}</span>,
          },
          {
            title: '',
            render: (_, r) =>
              r.current ? (
                <Tag>{t('account.thisSession')}</Tag>
              ) : (
                <Popconfirm title={t('account.endSession')} onConfirm={() => end.mutate(r.id)}>
                  <Button size="small" danger>
                    {t('account.endSession')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** A short name for a user agent: the product people know, not the whole string. */
function browserName(ua: string | null): string {
  if (!ua) return '—';
  const m = /(Edg|MicroMessenger|Firefox|Chrome|Safari)\/([\d.]+)/.exec(ua);
  const os = /Windows|Mac OS X|Android|iPhone|Linux/.exec(ua)?.[0] ?? '';
  return m ? `${m[1] === 'Edg' ? 'Edge' : m[1]} ${m[2].split('.')[0]}${os ? ` · ${os}` : ''}` : ua.slice(0, 40);
}
