import { type FormEvent, Suspense, lazy, useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { Field, controlProps } from './plain.tsx';
import { PageLoading } from './PortalLayout.tsx';

// The case itself (antd: timeline, descriptions, the actions' panels) only once it is asked for (#27).
const TrackedCase = lazy(() => import('./TrackedCase.tsx'));

type Access = { trackingNo: string; receipt: string };

/**
 * Tracking number + receipt → the case as its submitter sees it. The question is plain markup, no
 * antd (#27: this page opens on a phone); the answer loads with what it needs.
 */
export function TrackPage() {
  const [access, setAccess] = useState<Access | null>(null);
  return access ? (
    <Suspense fallback={<PageLoading />}>
      <TrackedCase access={access} onLeave={() => setAccess(null)} />
    </Suspense>
  ) : (
    <TrackForm onOpen={setAccess} />
  );
}

function TrackForm({ onOpen }: { onOpen(access: Access): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Access>({ trackingNo: '', receipt: '' });
  const [errors, setErrors] = useState<Partial<Access>>({});
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const labels: Access = { trackingNo: t('receipt.trackingNo'), receipt: t('receipt.receipt') };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Access> = {};
    for (const k of ['trackingNo', 'receipt'] as const)
      if (!values[k].trim()) found[k] = t('form.required', { label: labels[k] });
    setErrors(found);
    const first = (['trackingNo', 'receipt'] as const).find((k) => found[k]);
    if (first) ref.current?.querySelector<HTMLElement>(`#track_${first}`)?.focus();
    else onOpen({ trackingNo: values.trackingNo.trim(), receipt: values.receipt.trim() });
  };
  const change = (k: keyof Access) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  return (
    <section className="card" aria-labelledby="track-title">
      <div className="card-head">
        <h2 className="card-title" id="track-title">
          {t('track.title')}
        </h2>
      </div>
      <div className="card-body">
        <form ref={ref} id="track" name="track" className="plain-form" noValidate onSubmit={submit}>
          <Field id="track_trackingNo" label={labels.trackingNo} required error={errors.trackingNo}>
            <input
              {...controlProps('track_trackingNo', { error: errors.trackingNo, required: true })}
              className="input"
              autoComplete="off"
              value={values.trackingNo}
              onChange={change('trackingNo')}
            />
          </Field>
          <Field id="track_receipt" label={labels.receipt} required error={errors.receipt}>
            <span className="input-with-button">
              <input
                {...controlProps('track_receipt', { error: errors.receipt, required: true })}
                className="input"
                type={shown ? 'text' : 'password'}
                autoComplete="off"
                value={values.receipt}
                onChange={change('receipt')}
              />
              <button
                type="button"
                className="btn"
                aria-pressed={shown}
                aria-controls="track_receipt"
                onClick={() => setShown((s) => !s)}
              >
                {t('track.showReceipt')}
              </button>
            </span>
          </Field>
          <button type="submit" className="btn btn-primary btn-block">
            {t('track.open')}
          </button>
        </form>
      </div>
    </section>
  );
}
