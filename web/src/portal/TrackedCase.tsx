import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Form,
  Input,
  Rate,
  Skeleton,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { AntShell } from '../AntShell.tsx';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { eventLabel } from '../components/eventLabel.ts';
import { DeadlineList, ZoneNote, formatDue, formatTime } from '../components/Deadlines.tsx';
import { CodeBox } from '../components/CodeBox.tsx';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { PublicCase, PublicEntry } from '../types.ts';

// The generated forms (date pickers, selects…) only when a case offers the submitter an action (#27).
const ActionForm = lazy(() => import('../components/ActionForm.tsx').then((m) => ({ default: m.ActionForm })));

type Access = { trackingNo: string; receipt: string };

/**
 * The case as its submitter sees it, and what they can do now: antd (timeline, descriptions, the
 * actions' panels), loaded only once a tracking number and receipt were given (#27).
 */
export default function TrackedCasePage({ access, onLeave }: { access: Access; onLeave(): void }) {
  return (
    <AntShell>
      <TrackedCase access={access} onLeave={onLeave} />
    </AntShell>
  );
}

function TrackedCase({ access, onLeave }: { access: Access; onLeave(): void }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  // The open action panel; it closes when its action is done, so a rating does not leave an empty form (#18).
  const [open, setOpen] = useState<string[]>([]);
  const path = `/public/cases/${encodeURIComponent(access.trackingNo)}`;
  const view = useQuery({
    queryKey: ['track', access.trackingNo],
    queryFn: () => api<PublicCase>('GET', path, { receipt: access.receipt }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['track', access.trackingNo] });
  const post = (suffix: string) => (body: unknown) =>
    api('POST', `${path}${suffix}`, { body, receipt: access.receipt });
  if (view.isLoading) return <Skeleton active />;
  if (view.error)
    return (
      <>
        {view.error instanceof ApiError && view.error.status === 404 ? (
          <Alert type="error" showIcon role="alert" message={t('track.notFound')} style={{ marginBottom: 12 }} />
        ) : (
          <ErrorBox error={view.error} />
        )}
        <Button onClick={onLeave}>{t('track.again')}</Button>
      </>
    );
  const c = view.data!;
  const isMessage = (e: PublicEntry) => ['staff-message', 'submitter-message', 'submitter-material'].includes(e.action);
  const messages = c.timeline.filter(isMessage);
  const kind = t(`kind.${c.kind}`);
  // The timeline speaks to the citizen: "您提交了投诉", "工作人员：受理" (#18).
  const step = (e: PublicEntry) =>
    e.action === 'submit'
      ? t(e.by === 'submitter' ? 'track.ev.submit' : 'track.ev.submitByStaff', { kind })
      : eventLabel(e, t, l);
  const who = (e: PublicEntry) => (e.by === 'submitter' ? t('track.you') : t('track.staff'));
  return (
    <>
      <Card
        title={<span className="user-text">{c.subject}</span>}
        extra={
          <Tag color="blue" data-testid="status">
            {l(c.statusLabel, c.status)}
          </Tag>
        }
        style={{ marginBottom: 12 }}
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('receipt.trackingNo')}>
            <CodeBox value={c.trackingNo} name={t('receipt.trackingNo')} testId="tracked-no" />
          </Descriptions.Item>
          <Descriptions.Item label={t('case.procedure')}>{l(c.procedure.name, c.procedure.id)}</Descriptions.Item>
          <Descriptions.Item label={t('case.receivedAt')}>{formatTime(c.receivedAt)}</Descriptions.Item>
          {c.outcome && <Descriptions.Item label={t('case.outcome')}>{l(c.outcome)}</Descriptions.Item>}
        </Descriptions>
        <Typography.Title level={5}>{t('case.deadlines')}</Typography.Title>
        <ZoneNote />
        <DeadlineList deadlines={c.deadlines} />
      </Card>

      <Card title={t('track.timeline')} style={{ marginBottom: 12 }}>
        <Timeline
          items={c.timeline
            .filter((e) => !isMessage(e))
            .map((e) => ({
              key: `${e.at}-${e.action}`,
              color: e.by === 'submitter' ? 'gray' : 'blue',
              children: (
                <div data-testid="timeline-entry">
                  <div className="muted">
                    {formatTime(e.at)} · {e.action === 'submit' ? '' : `${who(e)} · `}
                    <strong data-testid="timeline-action">{step(e)}</strong> · {l(e.statusLabel, e.status)}
                  </div>
                  {e.text && <div>{l(e.text)}</div>}
                  {Object.entries(e.details).map(([k, v]) => (
                    <div key={k} className="user-text" data-testid={`detail-${k}`}>
                      {e.fields?.[k] && <span className="muted">{l(e.fields[k].label, k)}：</span>}
                      {e.fields?.[k]?.type === 'rating' && typeof v === 'number' ? (
                        <Rate disabled value={v} aria-label={t('track.stars', { n: v })} />
                      ) : e.valueLabels?.[k] ? (
                        l(e.valueLabels[k], String(v))
                      ) : typeof v === 'string' || typeof v === 'number' ? (
                        String(v)
                      ) : (
                        JSON.stringify(v)
                      )}
                    </div>
                  ))}
                  {e.deadlines.map((d, i) => (
                    <div key={i} className="muted">
                      {l(d.label)}:{' '}
                      {d.explanation
                        ? typeof d.explanation === 'string'
                          ? d.explanation
                          : l(d.explanation)
                        : formatDue(d.dueAt)}
                    </div>
                  ))}
                </div>
              ),
            }))}
        />
      </Card>

      <Card title={t('track.messages')} style={{ marginBottom: 12 }}>
        {messages.length === 0 ? (
          <p className="muted">{t('track.noMessages')}</p>
        ) : (
          messages.map((m, i) => (
            <div key={i} data-testid="message" style={{ marginBottom: 8 }}>
              <Tag>{t(`track.ev.${m.action}`)}</Tag>
              <span className="muted">{formatTime(m.at)}</span>
              <div className="user-text">{String(m.details.text ?? '')}</div>
            </div>
          ))
        )}
        <MessageForm
          onSend={async (v) => {
            await post('/messages')(v);
            void message.success(t('track.sent'));
            await refresh();
          }}
        />
      </Card>

      {c.attachments.length > 0 && (
        <Card title={t('case.attachments')} style={{ marginBottom: 12 }}>
          {c.attachments.map((a) => (
            <div key={a.id}>
              {a.name} <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>
            </div>
          ))}
        </Card>
      )}

      <Card title={t('track.actions')} style={{ marginBottom: 12 }}>
        <Collapse
          activeKey={open}
          onChange={(keys) => setOpen(typeof keys === 'string' ? [keys] : keys)}
          items={[
            ...c.allowedActions.map((a) => ({
              key: a.id,
              label: l(a.label, a.id),
              children: (
                <Suspense fallback={<Skeleton active />}>
                  <ActionForm
                    action={a}
                    primary
                    onSubmit={async (input) => {
                      await post(`/actions/${a.id}`)({ input });
                      void message.success(t('action.done'));
                      setOpen([]);
                      await refresh();
                    }}
                  />
                </Suspense>
              ),
            })),
            ...(c.canAppeal
              ? [
                  {
                    key: 'appeal',
                    label: t('track.appeal'),
                    children: (
                      <TextForm
                        name="appeal"
                        field="reasons"
                        label={t('track.appealReasons')}
                        min={5}
                        onSubmit={async (v) => {
                          await post('/appeal')(v);
                          void message.success(t('track.appealed'));
                          await refresh();
                        }}
                      />
                    ),
                  },
                ]
              : []),
            {
              key: 'material',
              label: t('track.addMaterial'),
              children: <MaterialForm path={path} receipt={access.receipt} onDone={refresh} />,
            },
            {
              key: 'retaliation',
              label: t('track.retaliation'),
              children: (
                <RetaliationForm
                  asks={c.retaliationAsks}
                  onSubmit={async (v) => {
                    await post('/retaliation')(v);
                    void message.success(t('track.retaliationSent'));
                    await refresh();
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <Button onClick={onLeave}>{t('track.leave')}</Button>
    </>
  );
}

function MessageForm({ onSend }: { onSend(v: { text: string; kind: 'message' }): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const send = useMutation({
    mutationFn: async (v: { text: string }) => {
      await onSend({ text: v.text, kind: 'message' });
      form.resetFields();
    },
  });
  return (
    <Form form={form} name="message" layout="vertical" onFinish={(v) => send.mutate(v)}>
      <Form.Item
        name="text"
        label={t('track.writeMessage')}
        rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('track.writeMessage') }) }]}
      >
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <ErrorBox error={send.error} />
      <Button htmlType="submit" type="primary" loading={send.isPending}>
        {t('track.send')}
      </Button>
    </Form>
  );
}

function TextForm({
  name,
  field,
  label,
  min,
  onSubmit,
}: {
  name: string;
  field: string;
  label: string;
  min: number;
  onSubmit(v: Record<string, string>): Promise<void>;
}) {
  const { t } = useI18n();
  const run = useMutation({ mutationFn: onSubmit });
  return (
    <Form name={name} layout="vertical" onFinish={(v) => run.mutate(v)}>
      <Form.Item
        name={field}
        label={label}
        rules={[{ required: true, whitespace: true, min, message: t('form.minLength', { label, n: min }) }]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <SubmitRow error={run.error} pending={run.isPending} />
    </Form>
  );
}

/**
 * CON-3 (issue 17): a retaliation report — what happened, and when and where when the case's
 * procedure asks that of every complaint (S7 三.7 in the employee procedures).
 */
function RetaliationForm({
  asks,
  onSubmit,
}: {
  asks: ('occurredAt' | 'location')[];
  onSubmit(v: Record<string, string>): Promise<void>;
}) {
  const { t } = useI18n();
  const run = useMutation({
    mutationFn: (v: { description: string; occurredAt?: string; location?: string }) =>
      onSubmit({
        description: v.description,
        ...(v.occurredAt ? { occurredAt: new Date(v.occurredAt).toISOString() } : {}),
        ...(v.location?.trim() ? { location: v.location.trim() } : {}),
      }),
  });
  const label = t('track.retaliationText');
  return (
    <Form name="retaliation" layout="vertical" onFinish={(v) => run.mutate(v)}>
      <Form.Item
        name="description"
        label={label}
        rules={[{ required: true, whitespace: true, min: 5, message: t('form.minLength', { label, n: 5 }) }]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      {asks.includes('occurredAt') && (
        <Form.Item
          name="occurredAt"
          label={t('intake.occurredAt')}
          rules={[{ required: true, message: t('form.required', { label: t('intake.occurredAt') }) }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
      )}
      {asks.includes('location') && (
        <Form.Item
          name="location"
          label={t('intake.location')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('intake.location') }) }]}
        >
          <Input maxLength={300} />
        </Form.Item>
      )}
      <SubmitRow error={run.error} pending={run.isPending} />
    </Form>
  );
}

/** A portal form's last row: what went wrong, if anything, and its submit button. */
function SubmitRow({ error, pending }: { error: unknown; pending: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorBox error={error} />
      <Button htmlType="submit" type="primary" loading={pending}>
        {t('form.submit')}
      </Button>
    </>
  );
}

/** Further facts as text (kind material) and files (INT-5). */
function MaterialForm({ path, receipt, onDone }: { path: string; receipt: string; onDone(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: async (v: { text?: string; files?: { fileList: { originFileObj: File; name: string }[] } }) => {
      if (v.text?.trim()) await api('POST', `${path}/messages`, { body: { text: v.text, kind: 'material' }, receipt });
      for (const f of v.files?.fileList ?? []) {
        const data = new FormData();
        data.append('file', f.originFileObj, f.name);
        await api('POST', `${path}/attachments`, { form: data, receipt });
      }
    },
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('track.sent'));
      await onDone();
    },
  });
  return (
    <Form form={form} name="material" layout="vertical" onFinish={(v) => run.mutate(v)}>
      <Form.Item name="text" label={t('track.materialText')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="files" label={t('intake.attachments')}>
        <Upload multiple beforeUpload={() => false}>
          <Button>{t('intake.chooseFiles')}</Button>
        </Upload>
      </Form.Item>
      <SubmitRow error={run.error} pending={run.isPending} />
    </Form>
  );
}
