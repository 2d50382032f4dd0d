import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import { DisclosureModal, type Disclosure } from './DisclosuresPage.tsx';
import { ImprovementCreateModal, type Improvement } from './ImprovementsPage.tsx';

/** On the case page: its disclosure (DIS-1) and the improvement actions it led to (STA-2). */
export function CaseFollowUp({ caseId, unitId }: { caseId: string; unitId: string | null }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const disclosures = useQuery({ queryKey: ['disclosures', 'case', caseId], queryFn: () => api<{ items: Disclosure[] }>('GET', `/disclosures?case=${caseId}`).then((r) => r.items) });
  const actions = useQuery({ queryKey: ['improvements', 'case', caseId], queryFn: () => api<{ items: Improvement[] }>('GET', `/improvements?case=${caseId}`).then((r) => r.items) });
  const propose = useMutation({
    mutationFn: () => api<Disclosure>('POST', `/cases/${caseId}/disclosure`),
    onSuccess: async (d) => { await client.invalidateQueries({ queryKey: ['disclosures'] }); setReviewing(d.id); },
  });
  return (
    <Card title={t('case.followUp')} size="small" style={{ marginBottom: 16 }}>
      {(disclosures.data ?? []).map((d) => (
        <div key={d.id}>{t('nav.disclosures')}: <Tag>{t(`disclosure.status.${d.status}`)}</Tag> <Button size="small" type="link" onClick={() => setReviewing(d.id)}>{t('disclosure.review')}</Button></div>
      ))}
      {(actions.data ?? []).map((a) => <div key={a.id}><Tag>{t(`improvement.kind.${a.kind}`)}</Tag><span className="user-text">{a.title}</span> <Tag>{t(`improvement.status.${a.status}`)}</Tag></div>)}
      <ErrorBox error={propose.error} />
      <Space wrap style={{ marginTop: 8 }}>
        <Button size="small" onClick={() => propose.mutate()} loading={propose.isPending}>{t('disclosure.propose')}</Button>
        <Button size="small" onClick={() => setCreating(true)}>{t('improvement.fromThisCase')}</Button>
      </Space>
      {creating && <ImprovementCreateModal caseId={caseId} unitId={unitId} onClose={async () => { setCreating(false); await client.invalidateQueries({ queryKey: ['improvements', 'case', caseId] }); }} />}
      {reviewing && <DisclosureModal id={reviewing} onClose={() => setReviewing(null)} />}
    </Card>
  );
}
