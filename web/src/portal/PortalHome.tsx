import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { PublicProcedure } from '../types.ts';

// antd's Alert: only when there is an error to show (#27: no antd on the first load).
const ErrorBox = lazy(() => import('../components/ErrorBox.tsx').then((m) => ({ default: m.ErrorBox })));

/**
 * The procedures open for submission as the server wrote them into the page (#27: the home page's
 * cards need no API round trip), read once; null when the page has none (an older server).
 */
let inlined: { items: PublicProcedure[]; at: number } | null | undefined;
function inlinedProcedures() {
  if (inlined === undefined) {
    const text = document.getElementById('plaint-procedures')?.textContent;
    inlined = text ? { items: (JSON.parse(text) as { items: PublicProcedure[] }).items, at: Date.now() } : null;
  }
  return inlined;
}

export function useProcedures() {
  const first = inlinedProcedures();
  return useQuery({
    queryKey: ['public-procedures'],
    queryFn: () => api<{ items: PublicProcedure[] }>('GET', '/public/procedures').then((r) => r.items),
    initialData: first?.items,
    initialDataUpdatedAt: first?.at,
    // The page's copy is as fresh as the page: no second fetch for the next minute.
    staleTime: 60_000,
  });
}

/**
 * Step one on the portal: which kind of matter (the procedures open for submission). Plain markup
 * and CSS in antd's look, no antd: this page is the portal's first load on a phone (#27).
 */
export function PortalHome() {
  const { t, l } = useI18n();
  const procedures = useProcedures();
  return (
    <>
      <h2>{t('portal.chooseTitle')}</h2>
      <p className="muted">{t('portal.chooseIntro')}</p>
      {procedures.error ? (
        <Suspense>
          <ErrorBox error={procedures.error} />
        </Suspense>
      ) : null}
      {procedures.isLoading ? (
        <div className="skeleton" aria-busy="true">
          <span />
          <span />
          <span />
        </div>
      ) : (
        (procedures.data ?? []).map((p) => (
          <section key={p.id} className="card" aria-labelledby={`procedure-${p.id}`}>
            <div className="card-head">
              <h3 className="card-title" id={`procedure-${p.id}`}>
                {l(p.name, p.id)}
              </h3>
              <Link to={`/submit/${p.id}`} aria-label={`${t('portal.start')} ${l(p.name, p.id)}`}>
                {t('portal.start')}
              </Link>
            </div>
            <div className="card-body">
              <p>{l(p.description)}</p>
            </div>
          </section>
        ))
      )}
      <div className="card card-track">
        <div className="card-body">
          <Link to="/track">{t('portal.trackIntro')}</Link>
        </div>
      </div>
    </>
  );
}
