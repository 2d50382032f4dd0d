import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      api<{ csrfToken: string }>('POST', '/auth/login', { body: v }),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await client.invalidateQueries({ queryKey: ['me'] });
      await navigate('/staff', { replace: true });
    },
  });
  return (
    <div className="portal" style={{ maxWidth: 420, paddingTop: 48 }}>
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
          <ErrorBox error={login.error} />
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
