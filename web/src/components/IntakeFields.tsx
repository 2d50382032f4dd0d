import { Button, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useI18n } from '../i18n.tsx';
import type { PublicProcedure } from '../types.ts';
import { DateTimeInput, GeneratedFields } from './GeneratedFields.tsx';
import { fieldsFor } from './intakeValues.ts';
import { UnitChooser } from './UnitChooser.tsx';

/**
 * The standard intake fields (DESIGN.md: subject, description, when, where, who, requested
 * outcome, anonymous or named) plus the procedure's own fields, all from the procedure data.
 * The staff intake's form (antd); the portal's is PortalIntakeForm.tsx, plain markup (#27).
 */
export function IntakeFields({ procedure }: { procedure: PublicProcedure }) {
  const { t, l } = useI18n();
  const kind: string = Form.useWatch('kind') ?? procedure.kinds[0];
  const required = (name: string) =>
    (procedure.require as string[]).includes(name) ||
    ((procedure.requireByKind as Record<string, string[] | undefined>)[kind] ?? []).includes(name);
  const rule = (label: string) => [{ required: true, whitespace: true, message: t('form.required', { label }) }];
  const anonymous = Form.useWatch('anonymous');
  return (
    <>
      {procedure.unit && <UnitChooser rule={procedure.unit} />}
      {procedure.kinds.length > 1 && (
        <Form.Item name="kind" label={t('intake.kind')} rules={[{ required: true }]}>
          <Radio.Group options={procedure.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
      )}
      {procedure.categories.length > 0 && (
        <Form.Item
          name="category"
          label={t('intake.category')}
          rules={required('category') ? rule(t('intake.category')) : []}
        >
          <Select
            allowClear
            placeholder={t('form.choose')}
            options={procedure.categories.map((c) => ({ value: c.id, label: l(c.label, c.id) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="subject" label={t('intake.subject')} rules={rule(t('intake.subject'))}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('intake.description')}
        rules={rule(t('intake.description'))}
        extra={t('intake.descriptionHelp')}
      >
        <Input.TextArea rows={5} maxLength={20000} />
      </Form.Item>
      <Form.Item
        name="occurredAt"
        label={t('intake.occurredAt')}
        rules={required('occurredAt') ? rule(t('intake.occurredAt')) : []}
      >
        <DateTimeInput />
      </Form.Item>
      <Form.Item
        name="location"
        label={t('intake.location')}
        rules={required('location') ? rule(t('intake.location')) : []}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label={t('intake.respondents')} required={required('respondents')}>
        <Form.List
          name="respondents"
          rules={
            required('respondents')
              ? [
                  {
                    validator: (_, v) =>
                      v?.length
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('form.required', { label: t('intake.respondents') }))),
                  },
                ]
              : []
          }
        >
          {(items, { add, remove }, { errors }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {items.map((item) => (
                <Space key={item.key} wrap align="start">
                  <Form.Item name={[item.name, 'name']} rules={rule(t('intake.respondentName'))} noStyle>
                    <Input
                      placeholder={t('intake.respondentName')}
                      aria-label={t('intake.respondentName')}
                      maxLength={200}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'type']} initialValue="person" noStyle>
                    <Select
                      style={{ width: 120 }}
                      aria-label={t('intake.respondentType')}
                      options={['person', 'department', 'business'].map((v) => ({
                        value: v,
                        label: t(`respondent.${v}`),
                      }))}
                    />
                  </Form.Item>
                  <Button onClick={() => remove(item.name)}>{t('form.remove')}</Button>
                </Space>
              ))}
              <Button onClick={() => add({ type: 'person' })}>{t('intake.addRespondent')}</Button>
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item
        name="requestedOutcome"
        label={t('intake.requestedOutcome')}
        rules={required('requestedOutcome') ? rule(t('intake.requestedOutcome')) : []}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <GeneratedFields
        key={kind}
        fields={fieldsFor(procedure, kind)}
        prefix={['fields']}
        categories={procedure.categories}
        severities={procedure.severities}
      />
      <Form.Item name="anonymous" label={t('intake.identity')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value={false}>{t('intake.named')}</Radio>
          <Radio value={true}>{t('intake.anonymous')}</Radio>
        </Radio.Group>
      </Form.Item>
      {anonymous === true && <p className="muted">{t('intake.anonymousHelp')}</p>}
      {anonymous === false && (
        <>
          <Form.Item name={['submitter', 'name']} label={t('intake.name')} rules={rule(t('intake.name'))}>
            <Input maxLength={100} autoComplete="name" />
          </Form.Item>
          <Form.Item name={['submitter', 'phone']} label={t('intake.phone')}>
            <Input maxLength={20} autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item name={['submitter', 'email']} label={t('intake.email')}>
            <Input maxLength={200} autoComplete="email" type="email" />
          </Form.Item>
          <Form.Item name={['submitter', 'address']} label={t('intake.address')}>
            <Input maxLength={300} />
          </Form.Item>
        </>
      )}
      {procedure.requireTruthAffirmation && (
        <Form.Item
          name="affirmTruthful"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('form.mustConfirm')))) }]}
        >
          <Checkbox>{t('intake.affirm')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
