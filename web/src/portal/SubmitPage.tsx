import { useMutation } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { toSubmission } from '../components/intakeValues.ts';
import { type Label, useI18n } from '../i18n.tsx';
import { FilePicker } from './FilePicker.tsx';
import { useFormState } from './formState.ts';
import { PortalIntakeForm } from './PortalIntakeForm.tsx';
import { ErrorNotice } from './plain.tsx';
import { PageLoading } from './PortalLayout.tsx';
import { useProcedures } from './PortalHome.tsx';
import type { PublicProcedure } from '../types.ts';

type Submitted = {
  trackingNo: string;
  receipt: string;
  status: string;
  deadlines: { clock: string; label: Label; dueAt: string; provisional: boolean; stoppedBy: Label[] }[];
};

/**
 * Step two: the form generated from the procedure's intake definition, then attachments. Plain
 * markup, no antd (#27: this page opens on a phone); the receipt page that follows is its own chunk.
 */
export function SubmitPage() {
  const { procedureId } = useParams();
  const { t, l } = useI18n();
  const procedures = useProcedures();
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  if (procedures.isLoading) return <PageLoading />;
  if (procedures.error) return <ErrorNotice error={procedures.error} />;
  if (!procedure)
    return (
      <p>
        {t('portal.noSuchProcedure')} <Link to="/">{t('portal.back')}</Link>
      </p>
    );
  return (
    <>
      <h3 className="page-title">{l(procedure.name, procedure.id)}</h3>
      <p className="muted">{l(procedure.description)}</p>
      <Intake key={procedure.id} procedure={procedure} />
    </>
  );
}

function Intake({ procedure }: { procedure: PublicProcedure }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useFormState({ kind: procedure.kinds[0], anonymous: false });
  const [files, setFiles] = useState<File[]>([]);
  // One key per filled-in form: a double click or a retry after a lost answer submits once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const sending = useRef(false);
  const submit = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      const result = await api<Submitted>('POST', '/public/cases', {
        body: toSubmission(procedure, values),
        idempotencyKey,
      });
      const failedUploads: string[] = [];
      for (const f of files) {
        const data = new FormData();
        data.append('file', f, f.name);
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
  return (
    <PortalIntakeForm
      procedure={procedure}
      form={form}
      onValid={(v) => {
        // A ref, not `submit.isPending`: a double click's second submit can come before React has
        // re-rendered the pending state, and would send the form twice (the key kept it one case).
        if (sending.current) return;
        sending.current = true;
        submit.mutate(v, {
          onError: () => {
            sending.current = false;
          },
        });
      }}
    >
      <FilePicker
        id="intake_files"
        label={t('intake.attachments')}
        help={t('intake.attachmentsHelp')}
        files={files}
        onChange={setFiles}
      />
      <ErrorNotice error={submit.error} />
      <button type="submit" className="btn btn-primary btn-block btn-large" disabled={submit.isPending}>
        {submit.isPending ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
        {t('intake.submit')}
      </button>
    </PortalIntakeForm>
  );
}
