import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Result, Spin } from 'antd';
import { Suspense, lazy, useEffect } from 'react';
import { NotificationBell } from './NotificationBell.tsx';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api, ApiError, setCsrfToken } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SkipLink } from '../components/SkipLink.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { Me } from '../types.ts';
import { LoginPage } from './LoginPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { CasePage } from './CasePage.tsx';
import { IntakePage } from './IntakePage.tsx';
import { SupervisionPage } from './SupervisionPage.tsx';
import { DisclosuresPage } from './DisclosuresPage.tsx';
import { ImprovementsPage } from './ImprovementsPage.tsx';
import { SurveysPage } from './SurveysPage.tsx';
import { AccountPage } from './AccountPage.tsx';

// Admin is a chunk of its own: handlers never load it.
const AdminPage = lazy(() => import('../admin/AdminPage.tsx'));
// Statistics and monthly reports (STA-1) carry ECharts: their own chunks, loaded on first visit.
const DashboardPage = lazy(() => import('../stats/DashboardPage.tsx'));
const ReportsPage = lazy(() => import('../stats/ReportsPage.tsx'));
const ReportPage = lazy(() => import('../stats/ReportPage.tsx'));

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api<Me>('GET', '/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
}

/** The staff side under /staff: sign-in, then workbench, supervision and admin. */
export default function StaffApp() {
  const me = useMe();
  if (me.isLoading)
    return (
      <div className="page-loading">
        <Spin />
      </div>
    );
  if (me.error)
    return (
      <div className="staff-content">
        <ErrorBox error={me.error} />
      </div>
    );
  return (
    <Routes>
      <Route path="login" element={me.data ? <Navigate to="/staff" replace /> : <LoginPage />} />
      <Route path="*" element={me.data ? <Signed me={me.data} /> : <Navigate to="/staff/login" replace />} />
    </Routes>
  );
}

function Signed({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const location = useLocation();
  useEffect(() => setCsrfToken(me.csrfToken), [me.csrfToken]);
  // A table wider than the screen scrolls sideways: its scroll area takes keyboard focus so that
  // it can be scrolled without a mouse (WCAG 2.1.1; axe scrollable-region-focusable, #18).
  useEffect(() => {
    const mark = () => {
      for (const el of document.querySelectorAll('.ant-table-content:not([tabindex])'))
        el.setAttribute('tabindex', '0');
    };
    mark();
    const watch = new MutationObserver(mark);
    watch.observe(document.body, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, []);
  const logout = async () => {
    const out = await api<{ endSessionUrl?: string } | undefined>('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    client.clear();
    // Issue 20: after an OpenID Connect sign-in, sign out at the provider too (it sends the browser back to sign-in).
    if (out?.endSessionUrl) window.location.assign(out.endSessionUrl);
    else void navigate('/staff/login');
  };
  const selected = location.pathname.split('/')[2] || 'inbox';
  const items = [
    { key: 'inbox', label: <Link to="/staff">{t('nav.inbox')}</Link> },
    { key: 'intake', label: <Link to="/staff/intake">{t('nav.intake')}</Link> },
    { key: 'supervision', label: <Link to="/staff/supervision">{t('nav.supervision')}</Link> },
    { key: 'disclosures', label: <Link to="/staff/disclosures">{t('nav.disclosures')}</Link> },
    { key: 'improvements', label: <Link to="/staff/improvements">{t('nav.improvements')}</Link> },
    { key: 'surveys', label: <Link to="/staff/surveys">{t('nav.surveys')}</Link> },
    ...(me.canSeeStats
      ? [
          { key: 'stats', label: <Link to="/staff/stats">{t('nav.stats')}</Link> },
          { key: 'reports', label: <Link to="/staff/reports">{t('nav.reports')}</Link> },
        ]
      : []),
    ...(me.isAdmin ? [{ key: 'admin', label: <Link to="/staff/admin">{t('nav.admin')}</Link> }] : []),
    { key: 'account', label: <Link to="/staff/account">{t('nav.account')}</Link> },
  ];
  // Issue 28: a one-time password to replace, or a required second factor to enrol, comes first.
  const setupFirst = me.mustChangePassword || (me.secondFactor?.required && !me.secondFactor.enabled);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      <header className="topbar">
        <Link to="/staff" className="brand">
          {t('app.workbench')}
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={[selected === 'cases' ? 'inbox' : selected]}
          items={items}
          // Every item stays in the bar (it wraps): antd's "…" overflow keeps hidden items
          // focusable inside aria-hidden, which screen readers cannot reach (axe, #18).
          disabledOverflow
          style={{ flex: 1, minWidth: 0, borderBottom: 0, flexWrap: 'wrap' }}
        />
        <nav>
          <NotificationBell />
          <span data-testid="me">{me.displayName}</span>
          <LanguageSwitch />
          <Button size="small" onClick={logout}>
            {t('nav.logout')}
          </Button>
        </nav>
      </header>
      <main className="staff-content" id="main" tabIndex={-1}>
        <Suspense fallback={<Spin />}>
          {setupFirst ? (
            <AccountPage me={me} />
          ) : (
            <Routes>
              <Route path="account" element={<AccountPage me={me} />} />
              <Route index element={<InboxPage me={me} />} />
              <Route path="cases/:id" element={<CasePage />} />
              <Route path="intake" element={<IntakePage />} />
              <Route path="supervision" element={<SupervisionPage />} />
              <Route path="disclosures" element={<DisclosuresPage />} />
              <Route path="improvements" element={<ImprovementsPage />} />
              <Route path="surveys" element={<SurveysPage />} />
              <Route path="stats" element={<DashboardPage />} />
              <Route path="reports" element={<ReportsPage />} />
              <Route path="reports/:id" element={<ReportPage />} />
              <Route
                path="admin"
                element={me.isAdmin ? <AdminPage /> : <Result status="403" title={t('error.adminOnly')} />}
              />
              <Route path="*" element={<Result status="404" title={t('error.notFound')} />} />
            </Routes>
          )}
        </Suspense>
      </main>
    </Layout>
  );
}
