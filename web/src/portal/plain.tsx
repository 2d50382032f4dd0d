import type { ReactNode } from 'react';
import { useErrorText } from '../components/errorText.ts';

/**
 * The portal's form parts in plain HTML and the project's CSS (#27: the submit and tracking pages
 * load no component library; antd's Form, Select and DatePicker cost a phone 1–3 s of script).
 * Every control has a real <label for>, its help and error tied with aria-describedby, and
 * aria-invalid while its error shows; styles are in styles.css (.field, .input, .btn).
 */

/** The ids that describe a control: its help, then its error. */
export function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  const ids = [help ? `${id}_help` : '', error ? `${id}_error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** What a control needs from its field: id, description, validity, required. */
export function controlProps(id: string, o: { help?: ReactNode; error?: string; required?: boolean }) {
  return {
    id,
    'aria-describedby': describedBy(id, o.help, o.error),
    'aria-invalid': o.error ? true : undefined,
    'aria-required': o.required ? true : undefined,
  } as const;
}

/** The field's help and its error, below the control. */
function Below({ id, help, error }: { id: string; help?: ReactNode; error?: string }) {
  return (
    <>
      {help ? (
        <div id={`${id}_help`} className="field-help">
          {help}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}_error`} className="field-error">
          {error}
        </div>
      ) : null}
    </>
  );
}

/** A labelled field around one control whose id is `id`. */
export function Field({
  id,
  label,
  required,
  help,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className={required ? 'field-label field-required' : 'field-label'}>
        {label}
      </label>
      {children}
      <Below id={id} help={help} error={error} />
    </div>
  );
}

/** A group of controls under one legend (radios, a list's rows); `id` names its help and error. */
export function Group({
  id,
  legend,
  required,
  help,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  required?: boolean;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={error ? 'field field-group field-invalid' : 'field field-group'}
      id={id}
      aria-describedby={describedBy(id, help, error)}
    >
      <legend className={required ? 'field-label field-required' : 'field-label'}>{legend}</legend>
      {children}
      <Below id={id} help={help} error={error} />
    </fieldset>
  );
}

/** A check box with its label beside it, and its error below. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  error,
  required,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
  required?: boolean;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="choice" htmlFor={id}>
        <input
          type="checkbox"
          {...controlProps(id, { error, required })}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      <Below id={id} error={error} />
    </div>
  );
}

/** Radios in a row under a legend. */
export function RadioGroup<V extends string | boolean>({
  id,
  legend,
  name,
  options,
  value,
  onChange,
  required,
}: {
  id: string;
  legend: ReactNode;
  name: string;
  options: { value: V; label: ReactNode }[];
  value: V | undefined;
  onChange(value: V): void;
  required?: boolean;
}) {
  return (
    <Group id={id} legend={legend} required={required}>
      <div className="choices">
        {options.map((o, i) => (
          <label key={String(o.value)} className="choice" htmlFor={`${id}_${i}`}>
            <input
              type="radio"
              id={`${id}_${i}`}
              name={name}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </Group>
  );
}

/** An API or network error in place, in the current language, with the field problems (ErrorBox's plain twin). */
export function ErrorNotice({ error }: { error: unknown }) {
  const { message, issues } = useErrorText(error);
  if (!error) return null;
  return (
    <div className="form-alert form-alert-error" role="alert">
      <div>{message}</div>
      {issues.length > 0 ? (
        <ul className="issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.prefix}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
