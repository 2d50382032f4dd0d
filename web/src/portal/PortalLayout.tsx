import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import { useI18n } from '../i18n.tsx';

/** What shows while a page's code loads: a spinner, announced as busy. */
export function PageLoading() {
  return (
    <div className="page-loading" role="status" aria-busy="true">
      <span className="spinner" />
    </div>
  );
}

export function PortalLayout() {
  const { t } = useI18n();
  return (
    <>
      <SkipLink />
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav>
          <Link to="/track">{t('portal.trackLink')}</Link>
          <Link to="/disclosures">{t('disclosure.publicLink')}</Link>
          <Link to="/staff">{t('portal.staffLink')}</Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main className="portal" id="main" tabIndex={-1}>
        {/* The header stays while a page's chunk loads: the first paint is the portal's frame (#27). */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
