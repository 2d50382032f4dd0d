import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Rate, Select, Space } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { NamePath } from 'antd/es/form/interface';
import { CannedReplyPicker } from './CannedReplyPicker.tsx';
import { useI18n } from '../i18n.tsx';
import type { Field, Option, ScalarField } from '../types.ts';
import { UserPicker, usePickerContext } from './UserPicker.tsx';

/**
 * Form items generated from a procedure's declared fields (intake fields, an action's input).
 * Nothing here knows a procedure: every procedure with the same YAML schema gets its forms.
 */
export function GeneratedFields({
  fields,
  prefix = [],
  categories = [],
  severities = [],
}: {
  fields: Field[];
  prefix?: (string | number)[];
  categories?: Option[];
  severities?: Option[];
}) {
  return (
    <>
      {fields.map((f) =>
        f.type === 'list' ? (
          <ListItems key={f.name} field={f} prefix={prefix} categories={categories} severities={severities} />
        ) : (
          <ScalarItem
            key={f.name}
            field={f}
            name={[...prefix, f.name]}
            categories={categories}
            severities={severities}
          />
        ),
      )}
    </>
  );
}

function ListItems({
  field,
  prefix,
  categories,
  severities,
}: {
  field: Extract<Field, { type: 'list' }>;
  prefix: (string | number)[];
  categories: Option[];
  severities: Option[];
}) {
  const { t, l } = useI18n();
  return (
    <Form.Item label={l(field.label, field.name)} required={field.required}>
      <Form.List name={[...prefix, field.name]}>
        {(items, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {items.map((item, i) => (
              <div key={item.key} className="list-item">
                <div className="list-item-head">
                  {t('form.item', { n: i + 1 })}
                  <Button size="small" type="link" danger onClick={() => remove(item.name)}>
                    {t('form.remove')}
                  </Button>
                </div>
                {field.items.map((sub) => (
                  <ScalarItem
                    key={sub.name}
                    field={sub}
                    name={[item.name, sub.name]}
                    categories={categories}
                    severities={severities}
                  />
                ))}
              </div>
            ))}
            {items.length < (field.maxItems ?? 20) && (
              <Button onClick={() => add({})}>{t('form.addItem', { label: l(field.label, field.name) })}</Button>
            )}
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}

function ScalarItem({
  field,
  name,
  categories,
  severities,
}: {
  field: ScalarField;
  name: NamePath;
  categories: Option[];
  severities: Option[];
}) {
  const { t, l } = useI18n();
  const picker = usePickerContext();
  const label = l(field.label, field.name);
  const rules = field.required ? [{ required: true, message: t('form.required', { label }) }] : [];
  const options = (opts: Option[] = []) => opts.map((o) => ({ value: o.id, label: l(o.label, o.id) }));
  const common = { name, label, rules, extra: field.help ? l(field.help) : undefined };
  switch (field.type) {
    case 'longtext':
      return (
        <>
          {/* #18: a text the submitter reads (the written reply) may start from a canned reply. */}
          {picker && field.public && <CannedFill caseId={picker.caseId} name={name} />}
          <Form.Item {...common}>
            <Input.TextArea rows={3} maxLength={field.maxLength} showCount={Boolean(field.maxLength)} />
          </Form.Item>
        </>
      );
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select options={options(field.options)} allowClear placeholder={t('form.choose')} />
        </Form.Item>
      );
    case 'category':
      return (
        <Form.Item {...common}>
          <Select options={options(categories)} allowClear placeholder={t('form.choose')} />
        </Form.Item>
      );
    case 'severity':
      return (
        <Form.Item {...common}>
          <Select options={options(severities)} allowClear placeholder={t('form.choose')} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <DateInput />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DateTimeInput />
        </Form.Item>
      );
    case 'integer':
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={field.min}
            max={field.max}
            precision={field.type === 'integer' ? 0 : undefined}
            style={{ width: '100%' }}
          />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item
          name={name}
          valuePropName="checked"
          rules={
            field.mustBeTrue
              ? [{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('form.mustConfirm')))) }]
              : []
          }
        >
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      );
    case 'rating':
      return (
        <Form.Item {...common}>
          <Rate count={field.max ?? 5} />
        </Form.Item>
      );
    case 'user':
      // Issue 16: in a case's action form, a picker of the people who can act; elsewhere a username.
      return picker ? (
        <Form.Item {...common}>
          <UserPicker field={field.name} preferMe={field.sets === 'assignee'} />
        </Form.Item>
      ) : (
        <Form.Item {...common} extra={t('form.userHint')}>
          <Input maxLength={100} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item {...common}>
          <Input maxLength={'maxLength' in field ? field.maxLength : undefined} />
        </Form.Item>
      );
  }
}

/**
 * A calendar date as `YYYY-MM-DD` (what the API takes), picked with antd's DatePicker in the page's
 * language: no browser-dependent "mm/dd/yyyy" (#18).
 */
export function DateInput({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { lang } = useI18n();
  return (
    <DatePicker
      id={id}
      format="YYYY-MM-DD"
      style={{ width: '100%' }}
      value={value ? dayjs(value, 'YYYY-MM-DD').locale(lang === 'en' ? 'en' : 'zh-cn') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

/**
 * A local date and time as `YYYY-MM-DDTHH:mm` (what a datetime-local input gave; the form turns it
 * into an instant), picked with antd's DatePicker in the page's language (#18).
 */
export function DateTimeInput({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { lang } = useI18n();
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      needConfirm={false}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      value={value ? dayjs(value).locale(lang === 'en' ? 'en' : 'zh-cn') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DDTHH:mm') : undefined)}
    />
  );
}

function CannedFill({ caseId, name }: { caseId: string; name: NamePath }) {
  const form = Form.useFormInstance();
  return <CannedReplyPicker caseId={caseId} onPick={(text) => form.setFieldValue(name, text)} />;
}
