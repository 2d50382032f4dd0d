import { useQuery } from '@tanstack/react-query';
import { Cascader, Form } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';

type Unit = { id: string; name: string; parentId: string | null; level: number };
type Node = { value: string; label: string; children?: Node[]; disabled?: boolean };

/**
 * INT-2 (issue 16): the unit the matter goes to, when the procedure asks the submitter to choose
 * it (market supervision: the county bureau). A cascader over /public/org-units, down to the level
 * the procedure names; units above it only open the way.
 */
export function UnitChooser({ rule }: { rule: { choose: 'required' | 'optional'; level?: number } }) {
  const { t } = useI18n();
  const units = useQuery({
    queryKey: ['public-org-units'],
    queryFn: () => api<{ items: Unit[] }>('GET', '/public/org-units'),
  });
  const all = units.data?.items ?? [];
  const build = (parent: string | null): Node[] =>
    all
      .filter((u) => u.parentId === parent && (rule.level === undefined || u.level <= rule.level))
      .map((u) => {
        const children = rule.level === undefined || u.level < rule.level ? build(u.id) : [];
        const choosable = rule.level === undefined || u.level === rule.level;
        return {
          value: u.id,
          label: u.name,
          ...(children.length > 0 ? { children } : {}),
          ...(!choosable && children.length === 0 ? { disabled: true } : {}),
        };
      });
  const label = t('intake.orgUnit');
  return (
    <Form.Item
      name="orgUnit"
      label={label}
      rules={rule.choose === 'required' ? [{ required: true, message: t('form.required', { label }) }] : []}
    >
      <Cascader
        options={build(null)}
        changeOnSelect={rule.level === undefined}
        loading={units.isLoading}
        placeholder={t('intake.orgUnitHint')}
        showSearch
      />
    </Form.Item>
  );
}
