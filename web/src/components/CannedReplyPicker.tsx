import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';

type Offer = { id: string; title: string; rendered: string };

/**
 * #18 canned replies: a choice of the templates offered on this case (filled in from it by the
 * server); choosing one puts its text in the box, where the handler edits it before sending. What
 * is stored is what they send. Nothing is shown when the case has no template.
 */
export function CannedReplyPicker({ caseId, onPick }: { caseId: string; onPick(text: string): void }) {
  const { t } = useI18n();
  const offers = useQuery({
    queryKey: ['canned-replies', caseId],
    queryFn: () => api<{ items: Offer[] }>('GET', `/cases/${caseId}/canned-replies`).then((r) => r.items),
    staleTime: 60_000,
  });
  if (!offers.data?.length) return null;
  return (
    <Select
      className="canned-reply-picker"
      aria-label={t('canned.pick')}
      placeholder={t('canned.pick')}
      size="small"
      style={{ minWidth: 220, marginBottom: 8 }}
      options={offers.data.map((o) => ({ value: o.id, label: o.title }))}
      onChange={(id: string) => {
        const offer = offers.data.find((o) => o.id === id);
        if (offer) onPick(offer.rendered);
      }}
    />
  );
}
