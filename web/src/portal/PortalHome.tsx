import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { PublicProcedure } from '../types.ts';

export function useProcedures() {
  return useQuery({
    queryKey: ['public-procedures'],
    queryFn: () => api<{ items: PublicProcedure[] }>('GET', '/public/procedures').then((r) => r.items),
  });
}

/**
 * Step one on the portal: which kind of matter (the procedures open for submission). Plain
 * markup and few antd parts: this page is the portal's first load on a phone.
 */
export function PortalHome() {
  const { t, l } = useI18n();
  const procedures = useProcedures();
  return (
    <>
      <h2>{t('portal.chooseTitle')}</h2>
      <p className="muted">{t('portal.chooseIntro')}</p>
      <ErrorBox error={procedures.error} />
      {procedures.isLoading ? (
        <Skeleton active />
      ) : (
        (procedures.data ?? []).map((p) => (
          <Card
            key={p.id}
            style={{ marginBottom: 12 }}
            title={l(p.name, p.id)}
            extra={
              <Link to={`/submit/${p.id}`} aria-label={`${t('portal.start')} ${l(p.name, p.id)}`}>
                {t('portal.start')}
              </Link>
            }
          >
            <p style={{ margin: 0 }}>{l(p.description)}</p>
          </Card>
        ))
      )}
      <Card style={{ marginTop: 16 }}>
        <Link to="/track">{t('portal.trackIntro')}</Link>
      </Card>
    </>
  );
}
