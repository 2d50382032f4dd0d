import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Modal, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { Countdown } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';
import { HotspotsCard } from '../stats/HotspotsCard.tsx';

type Entry = {
  caseId: string;
  trackingNo: string;
  subject: string;
  status: string;
  severity: string | null;
  escalatedAt: string | null;
  clock: { clock: string; label: Label; dueAt: string; status: string };
};
type Board = {
  at: string;
  totals: { overdue: number; atRisk: number };
  levels: { level: number; units: { unit: { id: string; name: string }; overdue: Entry[]; atRisk: Entry[] }[] }[];
};

/** 督办 (SLA-6): overdue and at-risk cases of the units below, by level and unit; urge or take over. */
export function SupervisionPage() {
  const { t, l } = useI18n();
  const board = useQuery({ queryKey: ['supervision'], queryFn: () => api<Board>('GET', '/supervision') });
  const [step, setStep] = useState<{ kind: 'urge' | 'take-over'; entry: Entry } | null>(null);
  if (board.isLoading) return <Skeleton active />;
  if (board.error) return <ErrorBox error={board.error} />;
  const b = board.data!;
  const columns = [
    {
      title: t('case.trackingNo'),
      render: (_: unknown, e: Entry) => <Link to={`/staff/cases/${e.caseId}`}>{e.trackingNo}</Link>,
    },
    { title: t('case.subject'), dataIndex: 'subject', render: (v: string) => <span className="user-text">{v}</span> },
    {
      title: t('case.clock'),
      render: (_: unknown, e: Entry) => (
        <>
          {l(e.clock.label, e.clock.clock)} <Countdown dueAt={e.clock.dueAt} status={e.clock.status} />
        </>
      ),
    },
    {
      title: t('case.escalated'),
      render: (_: unknown, e: Entry) => (e.escalatedAt ? <Tag color="red">{t('case.escalated')}</Tag> : '—'),
    },
    {
      title: t('case.actions'),
      render: (_: unknown, e: Entry) => (
        <>
          <Button size="small" onClick={() => setStep({ kind: 'urge', entry: e })}>
            {t('supervision.urge')}
          </Button>{' '}
          <Button size="small" danger onClick={() => setStep({ kind: 'take-over', entry: e })}>
            {t('supervision.takeOver')}
          </Button>
        </>
      ),
    },
  ];
  return (
    <>
      <Typography.Title level={4}>{t('nav.supervision')}</Typography.Title>
      <div className="filters">
        <Card size="small">
          <Statistic title={t('supervision.overdue')} value={b.totals.overdue} valueStyle={{ color: '#cf1322' }} />
        </Card>
        <Card size="small">
          <Statistic title={t('supervision.atRisk')} value={b.totals.atRisk} valueStyle={{ color: '#d46b08' }} />
        </Card>
      </div>
      <HotspotsCard />
      {b.levels.length === 0 && <Empty description={t('supervision.empty')} />}
      {b.levels.map((level) => (
        <div key={level.level}>
          <Typography.Title level={5}>{t('supervision.level', { n: level.level })}</Typography.Title>
          {level.units.map((u) => (
            <Card key={u.unit.id} title={u.unit.name} size="small" style={{ marginBottom: 12 }}>
              <Table<Entry>
                rowKey={(e) => `${e.caseId}-${e.clock.clock}`}
                size="small"
                pagination={false}
                scroll={{ x: 700 }}
                columns={columns}
                dataSource={[...u.overdue, ...u.atRisk]}
              />
            </Card>
          ))}
        </div>
      ))}
      {step && <StepModal step={step} onClose={() => setStep(null)} />}
    </>
  );
}

function StepModal({ step, onClose }: { step: { kind: 'urge' | 'take-over'; entry: Entry }; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: (v: { note: string }) =>
      api('POST', `/supervision/cases/${step.entry.caseId}/${step.kind}`, { body: v }),
    onSuccess: async () => {
      void message.success(t('action.done'));
      await client.invalidateQueries({ queryKey: ['supervision'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${step.kind === 'urge' ? t('supervision.urge') : t('supervision.takeOver')} · ${step.entry.trackingNo}`}
      onCancel={onClose}
      footer={null}
    >
      <Form name="supervise" layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item
          name="note"
          label={t('supervision.note')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('supervision.note') }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <ErrorBox error={run.error} />
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t('form.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
