import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Group } from './plain.tsx';

type Unit = { id: string; name: string; parentId: string | null; level: number };

/**
 * INT-2 (issue 16): the unit the matter goes to, when the procedure asks the submitter to choose
 * it — UnitChooser.tsx's cascader as one native select per level (#27), down to the level the
 * procedure names; units above it only open the way. The value is the path of ids, set only when
 * its last unit can be chosen.
 */
export function UnitSelects({
  id,
  rule,
  value,
  onChange,
  error,
}: {
  id: string;
  rule: { choose: 'required' | 'optional'; level?: number };
  value: string[] | undefined;
  onChange(path: string[]): void;
  error?: string;
}) {
  const { t } = useI18n();
  const units = useQuery({
    queryKey: ['public-org-units'],
    queryFn: () => api<{ items: Unit[] }>('GET', '/public/org-units'),
  });
  const all = units.data?.items ?? [];
  const within = (u: Unit) => rule.level === undefined || u.level <= rule.level;
  const childrenOf = (parent: string | null) => all.filter((u) => u.parentId === parent && within(u));
  const choosable = (u: Unit) => rule.level === undefined || u.level === rule.level;
  // A unit above the level that leads nowhere cannot be picked (the cascader's disabled entry).
  const leadsSomewhere = (u: Unit): boolean => choosable(u) || childrenOf(u.id).some(leadsSomewhere);
  const [path, setPath] = useState<string[]>(value ?? []);
  const pick = (depth: number, unitId: string) => {
    const next = unitId ? [...path.slice(0, depth), unitId] : path.slice(0, depth);
    setPath(next);
    const last = all.find((u) => u.id === next[next.length - 1]);
    onChange(last && choosable(last) ? next : []);
  };
  const levels: { parent: string | null; options: Unit[] }[] = [];
  for (let depth = 0, parent: string | null = null; ; depth++) {
    const options = childrenOf(parent);
    if (options.length === 0) break;
    levels.push({ parent, options });
    if (!path[depth]) break;
    parent = path[depth];
  }
  const label = t('intake.orgUnit');
  return (
    <Group id={id} legend={label} required={rule.choose === 'required'} help={t('intake.orgUnitHint')} error={error}>
      {units.isLoading ? <span className="spinner" role="status" aria-label={label} /> : null}
      <div className="unit-selects">
        {levels.map((level, depth) => (
          <select
            key={level.parent ?? 'top'}
            id={depth === 0 ? `${id}_select` : `${id}_select_${depth}`}
            className="input"
            aria-label={depth === 0 ? label : t('intake.orgUnitLevel', { label, n: depth + 1 })}
            aria-invalid={error ? true : undefined}
            value={path[depth] ?? ''}
            onChange={(e) => pick(depth, e.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {level.options.map((u) => (
              <option key={u.id} value={u.id} disabled={!leadsSomewhere(u)}>
                {u.name}
              </option>
            ))}
          </select>
        ))}
      </div>
    </Group>
  );
}
