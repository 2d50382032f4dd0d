import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { useUnits } from './ImprovementsPage.tsx';

type Survey = {
  id: string;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  orgUnitId: string;
  questions: { id: string; type: string; text: string }[];
};
type Results = {
  responses: number;
  codesIssued: number;
  responseRate: number;
  withheld: boolean;
  minResponses: number;
  questions: (
    | {
        id: string;
        type: 'scale';
        text: string;
        answered: number;
        average: number | null;
        distribution: Record<string, number>;
      }
    | { id: string; type: 'text'; text: string; answered: number; answers: string[] }
  )[];
};

/** EVA-3: HR defines anonymous surveys, hands out one-time codes, reads the results. */
export function SurveysPage() {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const [results, setResults] = useState<Survey | null>(null);
  const list = useQuery({
    queryKey: ['surveys'],
    queryFn: () => api<{ items: Survey[] }>('GET', '/surveys').then((r) => r.items),
  });
  return (
    <>
      <Typography.Title level={4}>{t('nav.surveys')}</Typography.Title>
      <p className="muted">{t('survey.anonymityHelp')}</p>
      <div className="filters">
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('survey.new')}
        </Button>
      </div>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Skeleton active />
      ) : (list.data?.length ?? 0) === 0 ? (
        <Empty />
      ) : (
        list.data!.map((s) => (
          <Card
            key={s.id}
            size="small"
            style={{ marginBottom: 12 }}
            title={<span className="user-text">{s.title}</span>}
            extra={
              <Button size="small" onClick={() => setResults(s)}>
                {t('survey.results')}
              </Button>
            }
          >
            <span className="muted">
              {formatTime(s.opensAt)} – {formatTime(s.closesAt)} · {t('survey.link')}:{' '}
              <code>{`${location.origin}/survey/${s.id}`}</code>
            </span>
          </Card>
        ))
      )}
      {creating && <CreateModal onClose={() => setCreating(false)} />}
      {results && <ResultsModal survey={results} onClose={() => setResults(null)} />}
    </>
  );
}

function CreateModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const units = useUnits();
  const create = useMutation({
    mutationFn: (v: {
      title: string;
      description?: string;
      orgUnit: string;
      opens: string;
      closes: string;
      codes: number;
      questions: { type: string; text: string }[];
    }) =>
      api<Survey & { codes: string[] }>('POST', '/surveys', {
        body: {
          title: v.title,
          description: v.description ?? '',
          orgUnit: v.orgUnit,
          codes: v.codes,
          questions: v.questions,
          opensAt: new Date(`${v.opens}T00:00:00`).toISOString(),
          closesAt: new Date(`${v.closes}T23:59:59`).toISOString(),
        },
      }),
    onSuccess: async () => client.invalidateQueries({ queryKey: ['surveys'] }),
  });
  const required = (label: string) => [{ required: true, message: t('form.required', { label }) }];
  return (
    <Modal open width={680} title={t('survey.new')} onCancel={onClose} footer={null} destroyOnHidden>
      {create.data ? (
        <>
          <Alert type="warning" showIcon message={t('survey.codesOnce')} style={{ marginBottom: 12 }} />
          <p>
            {t('survey.link')}: <code>{`${location.origin}/survey/${create.data.id}`}</code>
          </p>
          <pre className="receipt-box" data-testid="survey-codes">
            {create.data.codes.join('\n')}
          </pre>
          <Button onClick={onClose}>{t('survey.close')}</Button>
        </>
      ) : (
        <Form
          name="survey-create"
          layout="vertical"
          initialValues={{ codes: 50, questions: [{ type: 'scale', text: '' }] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="title" label={t('survey.title')} rules={required(t('survey.title'))}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('improvement.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="orgUnit" label={t('survey.unit')} rules={required(t('survey.unit'))}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="opens" label={t('survey.opens')} rules={required(t('survey.opens'))}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="closes" label={t('survey.closes')} rules={required(t('survey.closes'))}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="codes" label={t('survey.codeCount')}>
              <InputNumber min={1} max={2000} />
            </Form.Item>
          </Space>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'type']}>
                      <Select
                        style={{ width: 120 }}
                        options={[
                          { value: 'scale', label: t('survey.scale') },
                          { value: 'text', label: t('survey.text') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'text']} rules={required(t('survey.question'))}>
                      <Input placeholder={t('survey.question')} style={{ width: 320 }} maxLength={500} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button size="small" onClick={() => remove(field.name)}>
                        −
                      </Button>
                    )}
                  </Space>
                ))}
                <Button onClick={() => add({ type: 'scale', text: '' })} style={{ marginBottom: 12 }}>
                  {t('survey.addQuestion')}
                </Button>
              </>
            )}
          </Form.List>
          <ErrorBox error={create.error} />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('form.submit')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}

function ResultsModal({ survey, onClose }: { survey: Survey; onClose(): void }) {
  const { t } = useI18n();
  const results = useQuery({
    queryKey: ['survey-results', survey.id],
    queryFn: () => api<Results>('GET', `/surveys/${survey.id}/results`),
  });
  const r = results.data;
  return (
    <Modal open width={680} title={<span className="user-text">{survey.title}</span>} onCancel={onClose} footer={null}>
      <ErrorBox error={results.error} />
      {!r ? (
        <Skeleton active />
      ) : (
        <>
          <p>
            {t('survey.responses', { n: r.responses, codes: r.codesIssued, rate: Math.round(r.responseRate * 100) })}
          </p>
          {r.withheld && <Alert type="info" message={t('survey.withheld', { n: r.minResponses })} />}
          {r.questions.map((q) => (
            <Card
              key={q.id}
              size="small"
              title={<span className="user-text">{q.text}</span>}
              style={{ marginBottom: 8 }}
            >
              {q.type === 'scale' ? (
                <>
                  <div>
                    {t('survey.average')}: <b>{q.average ?? '—'}</b>
                  </div>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <div key={n} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                      <span style={{ width: 16 }}>{n}</span>
                      <Progress
                        percent={q.answered ? Math.round(((q.distribution[n] ?? 0) / q.answered) * 100) : 0}
                        format={() => String(q.distribution[n] ?? 0)}
                      />
                    </div>
                  ))}
                </>
              ) : q.answers.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul>
                  {q.answers.map((a, i) => (
                    <li key={i} className="user-text">
                      {a}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </>
      )}
    </Modal>
  );
}
