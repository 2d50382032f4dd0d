import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { DisclosureModal, type Disclosure } from './DisclosuresPage.tsx';
import { ImprovementCreateModal, type Improvement } from './ImprovementsPage.tsx';

/** On the case page: its disclosure (DIS-1) and the improvement actions it led to (STA-2). */
export function CaseFollowUp({
  caseId,
  unitId,
  mayPropose,
}: {
  caseId: string;
  unitId: string | null;
  /** The server says this person may propose publishing it now (DIS-1). */
  mayPropose: boolean;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const disclosures = useQuery({
    queryKey: ['disclosures', 'case', caseId],
    queryFn: () => api<{ items: Disclosure[] }>('GET', `/disclosures?case=${caseId}`).then((r) => r.items),
  });
  const actions = useQuery({
    queryKey: ['improvements', 'case', caseId],
    queryFn: () => api<{ items: Improvement[] }>('GET', `/improvements?case=${caseId}`).then((r) => r.items),
  });
  const all = useQuery({
    queryKey: ['improvements', ''],
    queryFn: () => api<{ items: Improvement[] }>('GET', '/improvements?').then((r) => r.items),
  });
  const [chosen, setChosen] = useState<string | undefined>();
  const link = useMutation({
    mutationFn: (item: Improvement) =>
      api('PATCH', `/improvements/${item.id}`, { body: { addCases: [caseId], expectedVersion: item.version } }),
    onSuccess: async () => {
      setChosen(undefined);
      await client.invalidateQueries({ queryKey: ['improvements'] });
    },
  });
  const linkable = (all.data ?? []).filter((a) => a.status !== 'done' && !a.cases.some((c) => c.id === caseId));
  const propose = useMutation({
    mutationFn: () => api<Disclosure>('POST', `/cases/${caseId}/disclosure`),
    onSuccess: async (d) => {
      await client.invalidateQueries({ queryKey: ['disclosures'] });
      setReviewing(d.id);
    },
  });
  return (
    <Card title={t('case.followUp')} size="small" style={{ marginBottom: 16 }}>
      {(disclosures.data ?? []).map((d) => (
        <div key={d.id}>
          {t('nav.disclosures')}: <Tag>{t(`disclosure.status.${d.status}`)}</Tag>{' '}
          <Button size="small" type="link" onClick={() => setReviewing(d.id)}>
            {t('disclosure.review')}
          </Button>
        </div>
      ))}
      {(actions.data ?? []).map((a) => (
        <div key={a.id}>
          <Tag>{t(`improvement.kind.${a.kind}`)}</Tag>
          <span className="user-text">{a.title}</span> <Tag>{t(`improvement.status.${a.status}`)}</Tag>
        </div>
      ))}
      <ErrorBox error={propose.error ?? link.error} />
      {linkable.length > 0 && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            allowClear
            placeholder={t('improvement.linkExisting')}
            aria-label={t('improvement.linkExisting')}
            style={{ flex: 1, minWidth: 0 }}
            value={chosen}
            onChange={setChosen}
            options={linkable.map((a) => ({ value: a.id, label: a.title }))}
          />
          <Button
            disabled={!chosen}
            loading={link.isPending}
            onClick={() => {
              const item = linkable.find((a) => a.id === chosen);
              if (item) link.mutate(item);
            }}
          >
            {t('improvement.link')}
          </Button>
        </Space.Compact>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {mayPropose && !disclosures.data?.length && (
          <Button size="small" onClick={() => propose.mutate()} loading={propose.isPending}>
            {t('disclosure.propose')}
          </Button>
        )}
        <Button size="small" onClick={() => setCreating(true)}>
          {t('improvement.fromThisCase')}
        </Button>
      </Space>
      {creating && (
        <ImprovementCreateModal
          caseId={caseId}
          unitId={unitId}
          onClose={async () => {
            setCreating(false);
            await client.invalidateQueries({ queryKey: ['improvements', 'case', caseId] });
          }}
        />
      )}
      {reviewing && <DisclosureModal id={reviewing} onClose={() => setReviewing(null)} />}
    </Card>
  );
}
