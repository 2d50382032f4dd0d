import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n.tsx';

type LoginResult = { csrfToken: string; mustChangePassword?: boolean; secondFactorSetupRequired?: boolean };

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  // Issue 28: an account with a second factor asks for the authenticator (or a recovery) code next.
  const [needCode, setNeedCode] = useState(false);
  const login = useMutation({
    mutationFn: (v: { username: string; password: string; code?: string }) =>
      api<LoginResult>('POST', '/auth/login', {
        body: { username: v.username, password: v.password, ...(v.code?.trim() ? { code: v.code.trim() } : {}) },
      }),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await client.invalidateQueries({ queryKey: ['me'] });
      void navigate(r.mustChangePassword || r.secondFactorSetupRequired ? '/staff/account' : '/staff', {
        replace: true,
      });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.details?.secondFactor) setNeedCode(true);
    },
  });
  const askedForCode = login.error instanceof ApiError && login.error.details?.secondFactor === 'required';
  return (
    <main className="portal" id="main" style={{ maxWidth: 420, paddingTop: 48 }}>
      <Card title={t('login.title')} extra={<LanguageSwitch />}>
        <Form name="login" layout="vertical" onFinish={(v) => login.mutate(v)}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('form.required', { label: t('login.username') }) }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('form.required', { label: t('login.password') }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needCode && (
            <Form.Item name="code" label={t('login.code')} extra={t('login.codeHelp')}>
              <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={20} />
            </Form.Item>
          )}
          {askedForCode ? (
            <Alert type="info" showIcon message={t('login.codeNeeded')} style={{ marginBottom: 12 }} />
          ) : (
            <ErrorBox error={login.error} />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
