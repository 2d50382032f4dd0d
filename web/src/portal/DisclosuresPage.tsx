import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Pagination, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n, type Label } from '../i18n.tsx';

type Item = {
  id: string;
  business: string;
  category: string | null;
  categoryLabel: Label;
  handledAt: string | null;
  publishedAt: string;
  statement: string;
  result: string;
};
type Page = {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  categories: { id: string; label: Label }[];
};

/**
 * 投诉信息公示 (DIS-1, MS-15): published complaints — the business, the category, the consumer's
 * statement and the handling result, with personal data removed — searchable by business and
 * category. Phone first: one column of cards.
 */
export function DisclosuresPage() {
  const { t, l } = useI18n();
  const [business, setBusiness] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({
    page: String(page),
    pageSize: '10',
    ...(business ? { business } : {}),
    ...(category ? { category } : {}),
  });
  const list = useQuery({
    queryKey: ['public-disclosures', query.toString()],
    queryFn: () => api<Page>('GET', `/public/disclosures?${query}`),
  });
  return (
    <>
      <h2>{t('disclosure.publicTitle')}</h2>
      <p className="muted">{t('disclosure.publicIntro')}</p>
      <div className="filters">
        <Input.Search
          allowClear
          placeholder={t('disclosure.searchBusiness')}
          aria-label={t('disclosure.searchBusiness')}
          style={{ flex: '1 1 180px' }}
          onSearch={(v) => {
            setBusiness(v.trim());
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder={t('disclosure.category')}
          aria-label={t('disclosure.category')}
          style={{ flex: '1 1 140px' }}
          value={category}
          options={(list.data?.categories ?? []).map((c) => ({ value: c.id, label: l(c.label, c.id) }))}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
        />
      </div>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Skeleton active />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('disclosure.none')} />
      ) : (
        list.data!.items.map((item) => (
          <Card
            key={item.id}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid="disclosure-item"
            title={<span className="user-text">{item.business}</span>}
            extra={<span className="muted">{l(item.categoryLabel, item.category ?? '')}</span>}
          >
            <div className="muted">
              {t('disclosure.publishedAt')}: {formatTime(item.publishedAt)}
              {item.handledAt ? ` · ${t('disclosure.handledAt')}: ${formatTime(item.handledAt)}` : ''}
            </div>
            <h4 style={{ margin: '8px 0 4px' }}>{t('disclosure.statement')}</h4>
            <p className="user-text" style={{ margin: 0 }} data-testid="disclosure-statement">
              {item.statement}
            </p>
            <h4 style={{ margin: '8px 0 4px' }}>{t('disclosure.result')}</h4>
            <p className="user-text" style={{ margin: 0 }} data-testid="disclosure-result">
              {item.result}
            </p>
          </Card>
        ))
      )}
      {(list.data?.total ?? 0) > 10 && (
        <Pagination simple current={page} pageSize={10} total={list.data!.total} onChange={setPage} />
      )}
    </>
  );
}
