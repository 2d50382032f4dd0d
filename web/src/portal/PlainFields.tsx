import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import type { Field as FieldDef, Option, ScalarField } from '../types.ts';
import { type FormState, type Path, filled, getIn, pathKey } from './formState.ts';
import { CheckField, Field, Group, controlProps } from './plain.tsx';

/**
 * A procedure's declared fields as plain controls (#27): GeneratedFields.tsx's portal twin, every
 * field type kept — text, long text, choices, date, date and time, numbers, yes/no, rating, user,
 * and lists of them. Nothing here knows a procedure.
 */
export function PlainFields({
  form,
  formName,
  fields,
  prefix,
  categories,
  severities,
}: {
  form: FormState;
  formName: string;
  fields: FieldDef[];
  prefix: Path;
  categories: Option[];
  severities: Option[];
}) {
  const ctx = { form, formName, categories, severities };
  return (
    <>
      {fields.map((f) =>
        f.type === 'list' ? (
          <ListField key={f.name} ctx={ctx} field={f} path={[...prefix, f.name]} />
        ) : (
          <ScalarControl key={f.name} ctx={ctx} field={f} path={[...prefix, f.name]} />
        ),
      )}
    </>
  );
}

type Ctx = { form: FormState; formName: string; categories: Option[]; severities: Option[] };

function ListField({ ctx, field, path }: { ctx: Ctx; field: Extract<FieldDef, { type: 'list' }>; path: Path }) {
  const { t, l } = useI18n();
  const items = (ctx.form.get(path) as Record<string, unknown>[] | undefined) ?? [];
  const label = l(field.label, field.name);
  return (
    <Group id={`${ctx.formName}_${path.join('_')}`} legend={label} required={field.required}>
      {items.map((_, i) => (
        <div key={i} className="list-item">
          <div className="list-item-head">
            {t('form.item', { n: i + 1 })}
            <button
              type="button"
              className="btn btn-link btn-danger"
              aria-label={`${t('form.remove')} ${t('form.item', { n: i + 1 })}`}
              onClick={() =>
                ctx.form.set(
                  path,
                  items.filter((__, j) => j !== i),
                )
              }
            >
              {t('form.remove')}
            </button>
          </div>
          {field.items.map((sub) => (
            <ScalarControl key={sub.name} ctx={ctx} field={sub} path={[...path, i, sub.name]} />
          ))}
        </div>
      ))}
      {items.length < (field.maxItems ?? 20) && (
        <button type="button" className="btn" onClick={() => ctx.form.set(path, [...items, {}])}>
          {t('form.addItem', { label })}
        </button>
      )}
    </Group>
  );
}

function ScalarControl({ ctx, field, path }: { ctx: Ctx; field: ScalarField; path: Path }) {
  const { t, l } = useI18n();
  const id = `${ctx.formName}_${path.join('_')}`;
  const label = l(field.label, field.name);
  const error = ctx.form.errors[pathKey(path)];
  const value = ctx.form.get(path);
  const set = (v: unknown) => ctx.form.set(path, v);
  const help: ReactNode = field.type === 'user' ? t('form.userHint') : field.help ? l(field.help) : undefined;
  const required = Boolean(field.required);
  const props = controlProps(id, { help, error, required });
  const text = typeof value === 'string' ? value : '';
  const field_ = (control: ReactNode) => (
    <Field id={id} label={label} required={required} help={help} error={error}>
      {control}
    </Field>
  );
  const choices = (opts: Option[] = []) =>
    field_(
      <select {...props} className="input" value={text} onChange={(e) => set(e.target.value || undefined)}>
        <option value="">{t('form.choose')}</option>
        {opts.map((o) => (
          <option key={o.id} value={o.id}>
            {l(o.label, o.id)}
          </option>
        ))}
      </select>,
    );
  switch (field.type) {
    case 'longtext':
      return field_(
        <>
          <textarea
            {...props}
            className="input"
            rows={3}
            maxLength={field.maxLength}
            value={text}
            onChange={(e) => set(e.target.value)}
          />
          {field.maxLength ? (
            <div className="field-count" aria-hidden="true">
              {text.length} / {field.maxLength}
            </div>
          ) : null}
        </>,
      );
    case 'enum':
      return choices(field.options);
    case 'category':
      return choices(ctx.categories);
    case 'severity':
      return choices(ctx.severities);
    case 'date':
    case 'datetime':
      // The browser's own pickers: a `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` value, what the API and
      // intakeValues.ts take.
      return field_(
        <input
          {...props}
          className="input"
          type={field.type === 'date' ? 'date' : 'datetime-local'}
          value={text}
          onChange={(e) => set(e.target.value || undefined)}
        />,
      );
    case 'integer':
    case 'number':
      return field_(
        <input
          {...props}
          className="input"
          type="number"
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
          min={field.min}
          max={field.max}
          step={field.type === 'integer' ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />,
      );
    case 'boolean':
      return <CheckField id={id} label={label} checked={value === true} onChange={set} error={error} />;
    case 'rating':
      return (
        <Group id={id} legend={label} required={required} help={help} error={error}>
          <div className="choices">
            {Array.from({ length: field.max ?? 5 }, (_, i) => i + 1).map((n) => (
              <label key={n} className="choice" htmlFor={`${id}_${n}`}>
                <input type="radio" id={`${id}_${n}`} name={id} checked={value === n} onChange={() => set(n)} />
                <span>{t('track.stars', { n })}</span>
              </label>
            ))}
          </div>
        </Group>
      );
    default:
      return field_(
        <input
          {...props}
          className="input"
          maxLength={'maxLength' in field ? field.maxLength : field.type === 'user' ? 100 : undefined}
          value={text}
          onChange={(e) => set(e.target.value)}
        />,
      );
  }
}

/** The errors of declared fields, by path, with the messages antd's rules gave (zh-CN first). */
export function fieldErrors(
  fields: FieldDef[],
  values: unknown,
  prefix: Path,
  t: (key: string, vars?: Record<string, string | number>) => string,
  label: (f: FieldDef) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const path = [...prefix, f.name];
    const v = getIn(values, path);
    if (f.type === 'list') {
      const items = Array.isArray(v) ? v : [];
      items.forEach((_, i) => Object.assign(errors, fieldErrors(f.items, values, [...path, i], t, label)));
    } else if (f.type === 'boolean') {
      if (f.mustBeTrue && v !== true) errors[pathKey(path)] = t('form.mustConfirm');
    } else if (f.required && !filled(v)) errors[pathKey(path)] = t('form.required', { label: label(f) });
  }
  return errors;
}
