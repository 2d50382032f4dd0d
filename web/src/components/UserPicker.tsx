import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { createContext, useContext, useEffect, useRef } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** The case and action a form belongs to: `user` inputs then pick from the people who can act (issue 16). */
export const UserPickerContext = createContext<{ caseId: string; actionId: string; unitField?: string } | null>(null);

export function usePickerContext() {
  return useContext(UserPickerContext);
}

type EligibleUser = {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
};

/**
 * A searchable list of the people who may be named in a `user` input: they see the case where it
 * will be, hold the role the procedure names for the field, and are not recused. The value sent is
 * the user id. When the action also moves the case (a unit field), the list follows that unit.
 */
export function UserPicker({
  field,
  value,
  onChange,
  id,
  preferMe = false,
}: {
  field: string;
  /**
   * #18: the responsible person defaults to the handler themselves when they may be named — the
   * common case of a handler taking what they accepted; another name is one choice away.
   */
  preferMe?: boolean;
  value?: string;
  onChange?: (v: string | undefined) => void;
  /** Set by Form.Item: the label points at it. */
  id?: string;
}) {
  const picker = usePickerContext()!;
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const unit = Form.useWatch(picker.unitField ?? '__none__', form) as string | undefined;
  const query = useQuery({
    queryKey: ['eligible-users', picker.caseId, picker.actionId, field, unit ?? null],
    queryFn: () =>
      api<{ users: EligibleUser[] }>(
        'GET',
        `/cases/${picker.caseId}/eligible-users?action=${encodeURIComponent(picker.actionId)}&field=${encodeURIComponent(field)}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`,
      ),
  });
  const me = useQueryClient().getQueryData<{ id: string } | null>(['me']);
  const eligible = query.data?.users;
  const defaulted = useRef(false); // once: a name the handler cleared stays cleared
  useEffect(() => {
    if (defaulted.current || !preferMe || value !== undefined || !me || !eligible) return;
    defaulted.current = true;
    if (eligible.some((u) => u.id === me.id)) onChange?.(me.id);
  }, [preferMe, value, me, eligible, onChange]);
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={query.isLoading}
      placeholder={t('form.pickUser')}
      notFoundContent={query.isLoading ? undefined : t('form.noEligibleUser')}
      optionFilterProp="label"
      options={(query.data?.users ?? []).map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}${u.unitName ? ` · ${u.unitName}` : ''}）`,
      }))}
    />
  );
}
