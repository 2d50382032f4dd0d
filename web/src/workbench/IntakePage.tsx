import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { DateTimeInput } from '../components/GeneratedFields.tsx';
import { IntakeFields } from '../components/IntakeFields.tsx';
import { toSubmission } from '../components/intakeValues.ts';
import { useI18n } from '../i18n.tsx';
import { useProcedures } from '../portal/PortalHome.tsx';

const STAFF_CHANNELS = ['phone', 'walk-in', 'letter', 'third-party', 'email', 'fax', 'wechat', 'box'];
const THIRD_PARTY = ['industry-association', 'consumer-association', 'government', 'labour-bureau', 'union', 'other'];

/** Staff intake on someone's behalf (INT-1, INT-3): the channel and the real time it was received. */
export function IntakePage() {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const procedures = useProcedures();
  const [procedureId, setProcedureId] = useState<string>();
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const channels = (procedure?.channels ?? STAFF_CHANNELS).filter((c) => c !== 'web' && c !== 'api');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key for each procedure chosen, on purpose
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [procedureId]);
  const [form] = Form.useForm();
  const channel = Form.useWatch('channel', form);
  const submit = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...toSubmission(procedure!, v), channel: v.channel };
      if (v.receivedAt) body.receivedAt = new Date(String(v.receivedAt)).toISOString();
      if (v.channel === 'third-party')
        body.thirdParty = Object.fromEntries(
          Object.entries(v.thirdParty as Record<string, string>).filter(([, x]) => x),
        );
      return api<{ id: string }>('POST', '/cases', { body, idempotencyKey });
    },
    onSuccess: (r) => navigate(`/staff/cases/${r.id}`),
  });
  if (procedures.isLoading) return <Skeleton active />;
  return (
    <Card title={t('intake.staffTitle')} style={{ maxWidth: 760 }}>
      <ErrorBox error={procedures.error} />
      <Form.Item label={t('case.procedure')} required>
        <Select
          aria-label={t('case.procedure')}
          value={procedureId}
          onChange={setProcedureId}
          placeholder={t('form.choose')}
          options={(procedures.data ?? []).map((p) => ({ value: p.id, label: l(p.name, p.id) }))}
        />
      </Form.Item>
      {procedure && (
        <Form
          form={form}
          key={procedure.id}
          name="staff-intake"
          layout="vertical"
          onFinish={(v) => submit.mutate(v)}
          initialValues={{ kind: procedure.kinds[0], anonymous: false, channel: channels[0] }}
        >
          <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
            <Select options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('intake.receivedAt')} extra={t('intake.receivedAtHelp')}>
            <DateTimeInput />
          </Form.Item>
          {channel === 'third-party' && (
            <>
              <Form.Item
                name={['thirdParty', 'type']}
                label={t('intake.thirdPartyType')}
                rules={[{ required: true, message: t('form.required', { label: t('intake.thirdPartyType') }) }]}
              >
                <Select options={THIRD_PARTY.map((x) => ({ value: x, label: t(`thirdParty.${x}`) }))} />
              </Form.Item>
              <Form.Item
                name={['thirdParty', 'name']}
                label={t('intake.thirdPartyName')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('form.required', { label: t('intake.thirdPartyName') }),
                  },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={['thirdParty', 'reference']} label={t('intake.thirdPartyRef')}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          <IntakeFields procedure={procedure} />
          <ErrorBox error={submit.error} />
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('intake.register')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
