import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { PublicProcedure } from '../types.ts';
import { fieldsFor } from '../components/intakeValues.ts';
import { type FormState, type Path, type Values, filled, getIn, pathKey } from './formState.ts';
import { PlainFields, fieldErrors } from './PlainFields.tsx';
import { CheckField, Field, Group, RadioGroup, controlProps } from './plain.tsx';
import { UnitSelects } from './UnitSelects.tsx';

type T = (key: string, vars?: Record<string, string | number>) => string;
type Respondent = { name?: string; type?: string };

const FORM = 'intake';
const idOf = (path: Path) => `${FORM}_${path.join('_')}`;

/** Whether the procedure requires a standard field, for the kind of case chosen. */
function requires(procedure: PublicProcedure, kind: string, name: string): boolean {
  return (
    (procedure.require as string[]).includes(name) ||
    ((procedure.requireByKind as Record<string, string[] | undefined>)[kind] ?? []).includes(name)
  );
}

/** The errors of the filled-in form, by path: the rules and messages IntakeFields.tsx gives antd. */
export function intakeErrors(
  procedure: PublicProcedure,
  v: Values,
  t: T,
  l: (label: PublicProcedure['name'], fallback?: string) => string,
): Record<string, string> {
  const kind = String(v.kind ?? procedure.kinds[0]);
  const errors: Record<string, string> = {};
  const need = (path: Path, label: string) => {
    if (!filled(getIn(v, path))) errors[pathKey(path)] = t('form.required', { label });
  };
  if (procedure.unit?.choose === 'required') need(['orgUnit'], t('intake.orgUnit'));
  if (procedure.categories.length > 0 && requires(procedure, kind, 'category'))
    need(['category'], t('intake.category'));
  need(['subject'], t('intake.subject'));
  need(['description'], t('intake.description'));
  if (requires(procedure, kind, 'occurredAt')) need(['occurredAt'], t('intake.occurredAt'));
  if (requires(procedure, kind, 'location')) need(['location'], t('intake.location'));
  const respondents = (v.respondents as Respondent[] | undefined) ?? [];
  if (requires(procedure, kind, 'respondents') && respondents.length === 0)
    errors.respondents = t('form.required', { label: t('intake.respondents') });
  respondents.forEach((_, i) => need(['respondents', i, 'name'], t('intake.respondentName')));
  if (requires(procedure, kind, 'requestedOutcome')) need(['requestedOutcome'], t('intake.requestedOutcome'));
  Object.assign(
    errors,
    fieldErrors(fieldsFor(procedure, kind), v, ['fields'], t, (f) => l(f.label, f.name)),
  );
  if (v.anonymous === false) need(['submitter', 'name'], t('intake.name'));
  if (procedure.requireTruthAffirmation && v.affirmTruthful !== true) errors.affirmTruthful = t('form.mustConfirm');
  return errors;
}

/**
 * The portal's intake form in plain markup (#27): the standard fields (DESIGN.md: subject,
 * description, when, where, who, requested outcome, anonymous or named) plus the procedure's own,
 * all from the procedure data, checked on submit; the first field in error takes the focus.
 * `extra` goes before the submit button (the attachments, the server's error).
 */
export function PortalIntakeForm({
  procedure,
  form,
  onValid,
  children,
}: {
  procedure: PublicProcedure;
  form: FormState;
  onValid(values: Values): void;
  children: React.ReactNode;
}) {
  const { t, l } = useI18n();
  const ref = useRef<HTMLFormElement>(null);
  const [tries, setTries] = useState(0);
  // After a refused submit, the first control in error (in the page's order) takes the focus.
  useEffect(() => {
    if (tries === 0) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.field-invalid');
    (first?.matches('fieldset') ? first.querySelector<HTMLElement>('input, select, textarea, button') : first)?.focus();
  }, [tries]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = intakeErrors(procedure, form.values, t, l);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) setTries((n) => n + 1);
    else onValid(form.values);
  };
  const { values, set, errors } = form;
  const kind = String(values.kind ?? procedure.kinds[0]);
  const required = (name: string) => requires(procedure, kind, name);
  const text = (path: Path) => (getIn(values, path) as string | undefined) ?? '';
  /** A one-line or multi-line text field at `path`. */
  const textField = (
    path: Path,
    label: string,
    o: { required?: boolean; help?: string; rows?: number; maxLength?: number; autoComplete?: string; type?: string },
  ) => {
    const id = idOf(path);
    const error = errors[pathKey(path)];
    const props = { ...controlProps(id, { help: o.help, error, required: o.required }), className: 'input' };
    return (
      <Field id={id} label={label} required={o.required} help={o.help} error={error}>
        {o.rows ? (
          <textarea
            {...props}
            rows={o.rows}
            maxLength={o.maxLength}
            value={text(path)}
            onChange={(e) => set(path, e.target.value)}
          />
        ) : (
          <input
            {...props}
            type={o.type ?? 'text'}
            maxLength={o.maxLength}
            autoComplete={o.autoComplete}
            inputMode={o.type === 'tel' ? 'tel' : undefined}
            value={text(path)}
            onChange={(e) => set(path, e.target.value)}
          />
        )}
      </Field>
    );
  };
  const respondents = (values.respondents as Respondent[] | undefined) ?? [];
  return (
    <form ref={ref} id={FORM} name={FORM} className="plain-form" noValidate onSubmit={submit}>
      {procedure.unit && (
        <UnitSelects
          id={idOf(['orgUnit'])}
          rule={procedure.unit}
          value={values.orgUnit as string[] | undefined}
          onChange={(path) => set(['orgUnit'], path)}
          error={errors.orgUnit}
        />
      )}
      {procedure.kinds.length > 1 && (
        <RadioGroup
          id={idOf(['kind'])}
          name="kind"
          legend={t('intake.kind')}
          required
          options={procedure.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={kind}
          onChange={(k) => set(['kind'], k)}
        />
      )}
      {procedure.categories.length > 0 && (
        <Field
          id={idOf(['category'])}
          label={t('intake.category')}
          required={required('category')}
          error={errors.category}
        >
          <select
            {...controlProps(idOf(['category']), { error: errors.category, required: required('category') })}
            className="input"
            value={text(['category'])}
            onChange={(e) => set(['category'], e.target.value || undefined)}
          >
            <option value="">{t('form.choose')}</option>
            {procedure.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {l(c.label, c.id)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {textField(['subject'], t('intake.subject'), { required: true, maxLength: 200 })}
      {textField(['description'], t('intake.description'), {
        required: true,
        rows: 5,
        maxLength: 20000,
        help: t('intake.descriptionHelp'),
      })}
      {textField(['occurredAt'], t('intake.occurredAt'), { required: required('occurredAt'), type: 'datetime-local' })}
      {textField(['location'], t('intake.location'), { required: required('location'), maxLength: 300 })}
      <Group
        id={idOf(['respondents'])}
        legend={t('intake.respondents')}
        required={required('respondents')}
        error={errors.respondents}
      >
        {respondents.map((r, i) => {
          const nameId = idOf(['respondents', i, 'name']);
          const nameError = errors[pathKey(['respondents', i, 'name'])];
          return (
            <div key={i} className="respondent-row">
              <div className="respondent-name">
                <input
                  {...controlProps(nameId, { error: nameError, required: true })}
                  className="input"
                  aria-label={t('intake.respondentName')}
                  placeholder={t('intake.respondentName')}
                  maxLength={200}
                  value={r.name ?? ''}
                  onChange={(e) => set(['respondents', i, 'name'], e.target.value)}
                />
                {nameError ? (
                  <div id={`${nameId}_error`} className="field-error">
                    {nameError}
                  </div>
                ) : null}
              </div>
              <select
                id={idOf(['respondents', i, 'type'])}
                className="input respondent-type"
                aria-label={t('intake.respondentType')}
                value={r.type ?? 'person'}
                onChange={(e) => set(['respondents', i, 'type'], e.target.value)}
              >
                {['person', 'department', 'business'].map((v) => (
                  <option key={v} value={v}>
                    {t(`respondent.${v}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn"
                onClick={() =>
                  set(
                    ['respondents'],
                    respondents.filter((_, j) => j !== i),
                  )
                }
              >
                {t('form.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="btn"
          onClick={() => set(['respondents'], [...respondents, { type: 'person' }])}
        >
          {t('intake.addRespondent')}
        </button>
      </Group>
      {textField(['requestedOutcome'], t('intake.requestedOutcome'), {
        required: required('requestedOutcome'),
        rows: 2,
        maxLength: 2000,
      })}
      <PlainFields
        key={kind}
        form={form}
        formName={FORM}
        fields={fieldsFor(procedure, kind)}
        prefix={['fields']}
        categories={procedure.categories}
        severities={procedure.severities}
      />
      <RadioGroup
        id={idOf(['anonymous'])}
        name="anonymous"
        legend={t('intake.identity')}
        required
        options={[
          { value: false, label: t('intake.named') },
          { value: true, label: t('intake.anonymous') },
        ]}
        value={values.anonymous as boolean | undefined}
        onChange={(a) => set(['anonymous'], a)}
      />
      {values.anonymous === true && <p className="muted">{t('intake.anonymousHelp')}</p>}
      {values.anonymous === false && (
        <>
          {textField(['submitter', 'name'], t('intake.name'), {
            required: true,
            maxLength: 100,
            autoComplete: 'name',
          })}
          {textField(['submitter', 'phone'], t('intake.phone'), { maxLength: 20, autoComplete: 'tel', type: 'tel' })}
          {textField(['submitter', 'email'], t('intake.email'), {
            maxLength: 200,
            autoComplete: 'email',
            type: 'email',
          })}
          {textField(['submitter', 'address'], t('intake.address'), { maxLength: 300 })}
        </>
      )}
      {procedure.requireTruthAffirmation && (
        <CheckField
          id={idOf(['affirmTruthful'])}
          label={t('intake.affirm')}
          checked={values.affirmTruthful === true}
          onChange={(c) => set(['affirmTruthful'], c)}
          error={errors.affirmTruthful}
          required
        />
      )}
      {children}
    </form>
  );
}
