import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';

/** One of GET /cases/{id}/similar's answers (issue 21). */
type Similar = {
  id: string;
  trackingNo: string;
  subject: string;
  open: boolean;
  receivedAt: string;
  score: number;
  sameSubmitter: boolean;
  sameRespondent: boolean;
};

/**
 * 可能重复的投诉 on the case page (issue 21, MS-12): open and recent cases of the same matter the
 * reader may see; one click closes this case as a duplicate of one, linked to it, the submitter told.
 */
export function SimilarCases({ caseId, onMerged }: { caseId: string; onMerged(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const similar = useQuery({
    queryKey: ['similar', caseId],
    queryFn: () =>
      api<{ closeAsDuplicate: { action: string } | null; similar: Similar[] }>('GET', `/cases/${caseId}/similar`),
    retry: false,
  });
  const merge = useMutation({
    mutationFn: async (of: Similar) => {
      const res = await api<{ results: { ok: boolean; error?: { message: string } }[] }>('POST', '/cases/bulk', {
        body: {
          op: 'close-duplicate',
          caseIds: [caseId],
          of: of.trackingNo,
          note: t('triage.mergeNote', { no: of.trackingNo }),
        },
      });
      const failed = res.results.find((r) => !r.ok);
      if (failed) throw new Error(failed.error?.message ?? 'failed');
    },
    onSuccess: async () => {
      void message.success(t('action.done'));
      await client.invalidateQueries({ queryKey: ['similar', caseId] });
      await onMerged();
    },
  });
  const items = similar.data?.similar ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('triage.similar')} size="small" style={{ marginBottom: 16 }} data-testid="similar-cases">
      <ErrorBox error={merge.error} />
      {items.map((s) => (
        <div key={s.id} className="similar-case" data-testid="similar-case">
          <Space wrap size={[8, 4]}>
            <Link to={`/staff/cases/${s.id}`}>{s.trackingNo}</Link>
            <span className="user-text">{s.subject}</span>
            <Tag>{t('triage.score', { n: Math.round(s.score * 100) })}</Tag>
            {s.sameSubmitter && <Tag color="orange">{t('triage.sameSubmitter')}</Tag>}
            {s.sameRespondent && <Tag color="blue">{t('triage.sameRespondent')}</Tag>}
            {!s.open && <Tag>{t('triage.closed')}</Tag>}
            {similar.data?.closeAsDuplicate && (
              <Button size="small" loading={merge.isPending} onClick={() => merge.mutate(s)}>
                {t('triage.merge')}
              </Button>
            )}
          </Space>
        </div>
      ))}
    </Card>
  );
}
