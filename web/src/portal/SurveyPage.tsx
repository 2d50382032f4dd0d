import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Radio, Result, Skeleton } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';

type Survey = {
  id: string;
  title: string;
  description: string;
  open: boolean;
  questions: { id: string; type: 'scale' | 'text'; text: string; required: boolean }[];
};

/**
 * EVA-3: an employee answers a survey anonymously with the one-time code from their slip (or the
 * link that carries it). No sign-in: the answer cannot be tied to the person.
 */
export function SurveyPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const survey = useQuery({
    queryKey: ['public-survey', id],
    queryFn: () => api<Survey>('GET', `/public/surveys/${id}`),
  });
  const send = useMutation({
    mutationFn: ({ code, ...answers }: Record<string, unknown>) =>
      api('POST', `/public/surveys/${id}/responses`, {
        body: {
          code,
          answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== '')),
        },
      }),
  });
  if (survey.isLoading) return <Skeleton active />;
  if (survey.error) return <ErrorBox error={survey.error} />;
  const s = survey.data!;
  if (send.isSuccess)
    return <Result status="success" title={t('survey.thanks')} subTitle={t('survey.anonymousNote')} />;
  return (
    <>
      <h2 className="user-text">{s.title}</h2>
      {s.description && <p className="user-text muted">{s.description}</p>}
      <p className="muted">{t('survey.anonymousNote')}</p>
      {!s.open ? (
        <Result status="info" title={t('survey.closed')} />
      ) : (
        <Form
          name="survey"
          layout="vertical"
          initialValues={{ code: params.get('code') ?? '' }}
          onFinish={(v) => send.mutate(v)}
        >
          {s.questions.map((q, i) => (
            <Form.Item
              key={q.id}
              name={q.id}
              label={<span className="user-text">{`${i + 1}. ${q.text}`}</span>}
              rules={q.required ? [{ required: true, message: t('form.required', { label: `${i + 1}` }) }] : []}
            >
              {q.type === 'scale' ? (
                <Radio.Group
                  optionType="button"
                  options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
                />
              ) : (
                <Input.TextArea rows={3} maxLength={2000} />
              )}
            </Form.Item>
          ))}
          <Form.Item
            name="code"
            label={t('survey.code')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('survey.code') }) }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <ErrorBox error={send.error} />
          <Button type="primary" htmlType="submit" loading={send.isPending} block>
            {t('form.submit')}
          </Button>
        </Form>
      )}
    </>
  );
}
