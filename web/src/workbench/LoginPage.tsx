import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n.tsx';

type LoginResult = { csrfToken: string; mustChangePassword?: boolean; secondFactorSetupRequired?: boolean };
type Provider = { name: string; kind: 'wecom' | 'dingtalk' | 'feishu' | 'oidc'; label?: string };

/** Issue 20: a button per directory people sign in through (企业微信, 钉钉, 飞书, OpenID providers); docs/sso.md. */
function SignInProviders() {
  const { t } = useI18n();
  const providers = useQuery({
    queryKey: ['sign-in-providers'],
    queryFn: () => api<{ items: Provider[] }>('GET', '/auth/sso'),
  });
  const items = providers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Flex vertical gap={8}>
        {items.map((p) => (
          <Button key={p.name} block href={`/api/v1/auth/sso/${encodeURIComponent(p.name)}/start`}>
            {t('login.sso', {
              name: p.kind === 'oidc' ? (p.label ?? p.name) : t(`login.platform.${p.kind}`),
            })}
          </Button>
        ))}
      </Flex>
    </>
  );
}

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
        <SignInProviders />
      </Card>
    </main>
  );
}
