import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';

export type Disclosure = {
  id: string;
  caseId: string;
  status: 'draft' | 'notified' | 'published' | 'unpublished';
  version: number;
  business: string;
  category: string | null;
  categoryLabel: Label;
  statement: string;
  result: string;
  redactionFound: Record<string, number>;
  notifiedAt: string | null;
  publishableAt: string | null;
  publishedAt: string | null;
  unpublishReason: string | null;
  trackingNo?: string;
  canReview?: boolean;
};

const COLOR = { draft: 'default', notified: 'orange', published: 'green', unpublished: 'red' } as const;

/** DIS-1 review list: propose → tell the business → review and edit → publish → take down. */
export function DisclosuresPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['disclosures', status],
    queryFn: () =>
      api<{ items: Disclosure[] }>('GET', `/disclosures${status ? `?status=${status}` : ''}`).then((r) => r.items),
  });
  return (
    <>
      <Typography.Title level={4}>{t('nav.disclosures')}</Typography.Title>
      <div className="filters">
        <Select
          allowClear
          aria-label={t('disclosure.status')}
          placeholder={t('disclosure.status')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={(['draft', 'notified', 'published', 'unpublished'] as const).map((s) => ({
            value: s,
            label: t(`disclosure.status.${s}`),
          }))}
        />
        <Link to="/disclosures" target="_blank">
          {t('disclosure.publicLink')}
        </Link>
      </div>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Skeleton active />
      ) : (list.data?.length ?? 0) === 0 ? (
        <Empty description={t('disclosure.none')} />
      ) : (
        list.data!.map((d) => (
          <Card
            key={d.id}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid="disclosure-row"
            title={
              <>
                <span className="user-text">{d.business}</span>{' '}
                <Tag color={COLOR[d.status]}>{t(`disclosure.status.${d.status}`)}</Tag>
              </>
            }
            extra={
              <Button size="small" onClick={() => setOpen(d.id)}>
                {t('disclosure.review')}
              </Button>
            }
          >
            <Typography.Paragraph className="user-text" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {d.statement}
            </Typography.Paragraph>
          </Card>
        ))
      )}
      {open && <DisclosureModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** One disclosure: what each step needs, shown only to who may take it (the server decides anyway). */
export function DisclosureModal({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const view = useQuery({ queryKey: ['disclosure', id], queryFn: () => api<Disclosure>('GET', `/disclosures/${id}`) });
  const refresh = async () => {
    void message.success(t('action.done'));
    await client.invalidateQueries({ queryKey: ['disclosure', id] });
    await client.invalidateQueries({ queryKey: ['disclosures'] });
  };
  const run = useMutation({
    mutationFn: ({ method, path, body }: { method: string; path: string; body: unknown }) =>
      api(method, `/disclosures/${id}${path}`, { body }),
    onSuccess: refresh,
  });
  const d = view.data;
  return (
    <Modal open width={720} title={t('disclosure.review')} onCancel={onClose} footer={null} destroyOnHidden>
      <ErrorBox error={view.error} />
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('case.trackingNo')}>
              <Link to={`/staff/cases/${d.caseId}`}>{d.trackingNo}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosure.business')}>
              <span className="user-text">{d.business}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosure.status')}>
              <Tag color={COLOR[d.status]} data-testid="disclosure-status">
                {t(`disclosure.status.${d.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosure.redacted')}>
              {Object.entries(d.redactionFound)
                .map(([k, n]) => `${t(`redaction.${k}`)} × ${n}`)
                .join('，') || '—'}
            </Descriptions.Item>
            {d.publishableAt && (
              <Descriptions.Item label={t('disclosure.publishableAt')}>{formatTime(d.publishableAt)}</Descriptions.Item>
            )}
            {d.unpublishReason && (
              <Descriptions.Item label={t('disclosure.unpublishReason')}>{d.unpublishReason}</Descriptions.Item>
            )}
          </Descriptions>
          <Form
            key={d.version}
            name="disclosure-edit"
            layout="vertical"
            initialValues={{ statement: d.statement, result: d.result }}
            onFinish={(v) => run.mutate({ method: 'PATCH', path: '', body: { ...v, expectedVersion: d.version } })}
            disabled={!d.canReview || !['draft', 'notified'].includes(d.status)}
          >
            <Form.Item name="statement" label={t('disclosure.statement')}>
              <Input.TextArea rows={5} maxLength={20000} />
            </Form.Item>
            <Form.Item name="result" label={t('disclosure.result')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            {d.canReview && ['draft', 'notified'].includes(d.status) && (
              <Button htmlType="submit">{t('disclosure.saveEdit')}</Button>
            )}
          </Form>
          <ErrorBox error={run.error} />
          <Space wrap style={{ marginTop: 12 }}>
            {d.status === 'draft' && (
              <Form
                name="disclosure-notify"
                layout="inline"
                initialValues={{ method: 'platform' }}
                onFinish={(v) =>
                  run.mutate({ method: 'POST', path: '/notify', body: { ...v, expectedVersion: d.version } })
                }
              >
                <Form.Item name="method" label={t('disclosure.method')}>
                  <Select
                    style={{ width: 140 }}
                    options={(['platform', 'letter', 'phone', 'email', 'in-person'] as const).map((m) => ({
                      value: m,
                      label: t(`disclosure.method.${m}`),
                    }))}
                  />
                </Form.Item>
                <Button htmlType="submit" type="primary">
                  {t('disclosure.notify')}
                </Button>
              </Form>
            )}
            {d.status === 'notified' && d.canReview && (
              <Button
                type="primary"
                onClick={() => run.mutate({ method: 'POST', path: '/publish', body: { expectedVersion: d.version } })}
              >
                {t('disclosure.publish')}
              </Button>
            )}
          </Space>
          {d.status === 'published' && d.canReview && (
            <Form
              name="disclosure-unpublish"
              layout="vertical"
              style={{ marginTop: 12 }}
              onFinish={(v) =>
                run.mutate({ method: 'POST', path: '/unpublish', body: { ...v, expectedVersion: d.version } })
              }
            >
              <Form.Item
                name="reason"
                label={t('disclosure.unpublishReason')}
                rules={[
                  {
                    required: true,
                    min: 2,
                    message: t('form.minLength', { label: t('disclosure.unpublishReason'), n: 2 }),
                  },
                ]}
              >
                <Input />
              </Form.Item>
              <Button danger htmlType="submit">
                {t('disclosure.unpublish')}
              </Button>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}
