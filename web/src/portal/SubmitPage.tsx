import { useMutation } from '@tanstack/react-query';
import { Button, Form, Skeleton, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { IntakeFields, toSubmission } from '../components/IntakeFields.tsx';
import { type Label, useI18n } from '../i18n.tsx';
import { useProcedures } from './PortalHome.tsx';

type Submitted = {
  trackingNo: string;
  receipt: string;
  status: string;
  deadlines: { clock: string; label: Label; dueAt: string; provisional: boolean; stoppedBy: Label[] }[];
};

/** Step two: the form generated from the procedure's intake definition, then attachments. */
export function SubmitPage() {
  const { procedureId } = useParams();
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const procedures = useProcedures();
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const [files, setFiles] = useState<UploadFile[]>([]);
  // One key per filled-in form: a double click or a retry after a lost answer submits once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [form] = Form.useForm();
  const submit = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      const result = await api<Submitted>('POST', '/public/cases', {
        body: toSubmission(procedure!, values),
        idempotencyKey,
      });
      const failedUploads: string[] = [];
      for (const f of files) {
        const data = new FormData();
        data.append('file', f.originFileObj as File, f.name);
        try {
          await api('POST', `/public/cases/${encodeURIComponent(result.trackingNo)}/attachments`, {
            form: data,
            receipt: result.receipt,
          });
        } catch {
          failedUploads.push(f.name);
        }
      }
      return { ...result, failedUploads };
    },
    // The receipt travels in router state only: never in the URL, history or storage (INT-2).
    onSuccess: (result) => navigate('/receipt', { replace: true, state: result }),
  });
  if (procedures.isLoading) return <Skeleton active />;
  if (procedures.error) return <ErrorBox error={procedures.error} />;
  if (!procedure)
    return (
      <Typography.Paragraph>
        {t('portal.noSuchProcedure')} <Link to="/">{t('portal.back')}</Link>
      </Typography.Paragraph>
    );
  return (
    <>
      <Typography.Title level={3}>{l(procedure.name, procedure.id)}</Typography.Title>
      <Typography.Paragraph className="muted">{l(procedure.description)}</Typography.Paragraph>
      <Form
        form={form}
        name="intake"
        layout="vertical"
        initialValues={{ kind: procedure.kinds[0], anonymous: false }}
        onFinish={(v) => submit.mutate(v)}
        scrollToFirstError
      >
        <IntakeFields procedure={procedure} />
        <Form.Item label={t('intake.attachments')} extra={t('intake.attachmentsHelp')}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button>{t('intake.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
        <ErrorBox error={submit.error} />
        <Button type="primary" htmlType="submit" loading={submit.isPending} block size="large">
          {t('intake.submit')}
        </Button>
      </Form>
    </>
  );
}
