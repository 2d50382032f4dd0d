import { useMutation } from '@tanstack/react-query';
import { Button, Form } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.tsx';
import type { ActionInfo, Option } from '../types.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { GeneratedFields } from './GeneratedFields.tsx';
import { toInput } from './intakeValues.ts';
import { UserPickerContext } from './UserPicker.tsx';
import { recordChoices, SuggestionLine, type TriageField, useSuggestions } from './Suggestions.tsx';

/** One allowed action as a form generated from its declared input; errors shown in place. */
export function ActionForm({
  action,
  onSubmit,
  categories,
  severities,
  caseId,
  primary = false,
  current,
}: {
  /** #18: fields that set the case's category or severity start at what the case has (the submitter's choice). */
  current?: { category?: string | null; severity?: string | null };
  action: ActionInfo;
  /** The case the action is on: `user` inputs become a picker of who can act (issue 16). */
  caseId?: string;
  /** #18: the expected next step's button is the page's primary one; the others are plain. */
  primary?: boolean;
  onSubmit(input: Record<string, unknown>): Promise<void>;
  categories?: Option[];
  severities?: Option[];
}) {
  const { t, l } = useI18n();
  const [form] = Form.useForm();
  const box = useRef<HTMLDivElement>(null);
  // #18: on a desk, the expected step's first field has the cursor: the handler types at once.
  // (Not on a phone, where it would open the keyboard and scroll the page away from the facts.)
  useEffect(() => {
    if (!primary || !window.matchMedia('(min-width: 992px)').matches) return;
    // The canned-reply choice (#18) is not where one types: the text box after it is.
    const fields = box.current?.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea');
    [...(fields ?? [])].find((f) => !f.closest('.canned-reply-picker'))?.focus();
  }, [primary]);
  // A field that moves the case (`type: unit, sets: orgUnit`): the picker lists people of that unit.
  const unitField = (action.input as { type: string; name: string; sets?: string }[]).find(
    (f) => f.type === 'unit' && f.sets === 'orgUnit',
  )?.name;
  // Issue 21: the fields of this step that a suggestion may fill, by the triage field they set.
  const suggestible = (action.input as { type: string; name: string; sets?: string }[]).flatMap(
    (f): [TriageField, string][] =>
      f.sets === 'category' || f.sets === 'severity'
        ? [[f.sets, f.name]]
        : f.type === 'unit' && f.sets === 'orgUnit'
          ? [['unit', f.name]]
          : [],
  );
  const suggestions = useSuggestions(caseId && suggestible.length > 0 ? caseId : undefined);
  const initialValues = Object.fromEntries(
    (action.input as { name: string; sets?: string; options?: { id: string }[] }[]).flatMap((f) => {
      const v = f.sets === 'category' || f.sets === 'severity' ? current?.[f.sets] : undefined;
      // A choice starts at the case's value only when it is one of the choices: a case a repeat
      // made 重大 is not "major" in a list of 轻微/重要 (that step has an action of its own).
      if (v && f.options && !f.options.some((o) => o.id === v)) return [];
      return v ? [[f.name, v]] : [];
    }),
  );
  const run = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      await onSubmit(toInput(action.input, values));
      if (caseId && suggestible.length > 0)
        recordChoices(
          caseId,
          suggestions.data,
          Object.fromEntries(suggestible.map(([field, name]) => [field, values[name]])),
        );
      form.resetFields();
    },
  });
  return (
    <div ref={box}>
      <Form
        form={form}
        name={`action-${action.id}`}
        initialValues={initialValues}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
      >
        {suggestible.map(([field, name]) => {
          const suggestion = suggestions.data?.[field];
          return suggestion ? (
            <SuggestionLine
              key={field}
              field={field}
              suggestion={suggestion}
              onAccept={(value) => form.setFieldValue(name, value)}
            />
          ) : null;
        })}
        {caseId ? (
          <UserPickerContext.Provider
            value={{
              caseId,
              actionId: action.id,
              ...(unitField ? { unitField } : {}),
            }}
          >
            <GeneratedFields fields={action.input} categories={categories} severities={severities} />
          </UserPickerContext.Provider>
        ) : (
          <GeneratedFields fields={action.input} categories={categories} severities={severities} />
        )}
        <ErrorBox error={run.error} />
        <Button type={primary ? 'primary' : 'default'} htmlType="submit" loading={run.isPending}>
          {l(action.label, action.id)}
        </Button>
        {action.input.length === 0 && (
          <span className="muted" style={{ marginLeft: 8 }}>
            {t('action.noInput')}
          </span>
        )}
      </Form>
    </div>
  );
}
