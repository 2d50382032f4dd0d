import { StrictMode, Suspense, lazy, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import type { ComponentType } from 'react';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n.tsx';
import { PortalLayout } from './portal/PortalLayout.tsx';
import { PortalHome } from './portal/PortalHome.tsx';
import './styles.css';

// Staff pages are their own chunks: the portal's first load stays small (issue 6, < 250 kB gzip).
// antd's App (message, modal, notification) comes with the pages that use it, not the landing page.
const withApp = (Page: ComponentType) => ({
  default: () => (
    <AntApp>
      <Page />
    </AntApp>
  ),
});
const StaffApp = lazy(() => import('./workbench/StaffApp.tsx').then((m) => withApp(m.default)));
// The portal's own forms load when a resident opens them; the landing page is the first load.
const SubmitPage = lazy(() => import('./portal/SubmitPage.tsx').then((m) => withApp(m.SubmitPage)));
const ReceiptPage = lazy(() => import('./portal/ReceiptPage.tsx').then((m) => withApp(m.ReceiptPage)));
const TrackPage = lazy(() => import('./portal/TrackPage.tsx').then((m) => withApp(m.TrackPage)));
const DisclosuresPage = lazy(() => import('./portal/DisclosuresPage.tsx').then((m) => withApp(m.DisclosuresPage)));
const SurveyPage = lazy(() => import('./portal/SurveyPage.tsx').then((m) => withApp(m.SurveyPage)));

// Text and link colours that meet WCAG AA 4.5:1 on white and on the page's grey (#18, axe):
// antd's defaults (#1677ff links, 45 % black descriptions, 25 % black placeholders) do not.
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorInfo: '#1f5fbf',
    colorTextDescription: '#595959',
    colorTextTertiary: '#595959',
    colorTextQuaternary: '#666666',
    colorTextPlaceholder: '#666666',
    colorTextDisabled: '#666666',
    colorError: '#c62828',
    colorWarningText: '#8a5a00',
  },
};

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** The page's meta description in the current language (the server sends the Chinese one, #27). */
function PageMeta() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const page = pathname.split('/')[1] || 'home';
  const key = `meta.${page}`;
  useEffect(() => {
    const text = t(key);
    if (text !== key) document.querySelector('meta[name="description"]')?.setAttribute('content', text);
  }, [t, key]);
  return null;
}

function Shell() {
  const { lang } = useI18n();
  // Date pickers name months and weekdays in the page's language (#18).
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={THEME}>
      <PageMeta />
      <Suspense
        fallback={
          <div className="page-loading">
            <Spin />
          </div>
        }
      >
        <Routes>
          <Route element={<PortalLayout />}>
            <Route index element={<PortalHome />} />
            <Route path="submit/:procedureId" element={<SubmitPage />} />
            <Route path="receipt" element={<ReceiptPage />} />
            <Route path="track" element={<TrackPage />} />
            <Route path="disclosures" element={<DisclosuresPage />} />
            <Route path="survey/:id" element={<SurveyPage />} />
          </Route>
          <Route path="staff/*" element={<StaffApp />} />
        </Routes>
      </Suspense>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
