import { StrictMode, Suspense, lazy, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { I18nProvider, initialLang, loadLanguage, useI18n } from './i18n.tsx';
import { PageLoading, PortalLayout } from './portal/PortalLayout.tsx';
import { PortalHome } from './portal/PortalHome.tsx';
import './styles.css';

// The first load is the portal's home page, plain markup (#27: ≤ 150 kB on the wire): every other
// page is a chunk of its own, and antd with its theme and locales (AntShell) comes with the pages
// built with it. Staff pages are never loaded by a resident's phone (issue 6).
type PageModule = Promise<{ default: ComponentType }>;
const withAnt = (page: Promise<ComponentType>): PageModule =>
  Promise.all([import('./AntShell.tsx'), page]).then(([{ AntShell }, Page]) => ({
    default: () => (
      <AntShell>
        <Page />
      </AntShell>
    ),
  }));
const StaffApp = lazy(() => withAnt(import('./workbench/StaffApp.tsx').then((m) => m.default)));
// The submit form and the tracking question are plain markup too (#27); the tracked case loads antd itself.
const SubmitPage = lazy(() => import('./portal/SubmitPage.tsx').then((m) => ({ default: m.SubmitPage })));
const ReceiptPage = lazy(() => withAnt(import('./portal/ReceiptPage.tsx').then((m) => m.ReceiptPage)));
const TrackPage = lazy(() => import('./portal/TrackPage.tsx').then((m) => ({ default: m.TrackPage })));
const DisclosuresPage = lazy(() => withAnt(import('./portal/DisclosuresPage.tsx').then((m) => m.DisclosuresPage)));
const SurveyPage = lazy(() => withAnt(import('./portal/SurveyPage.tsx').then((m) => m.SurveyPage)));

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
  return (
    <>
      <PageMeta />
      <Suspense fallback={<PageLoading />}>
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
    </>
  );
}

// A reader who chose English gets it from the first paint: its strings come before the render.
const lang = initialLang();
document.documentElement.lang = lang;
void loadLanguage(lang).then(() =>
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
  ),
);
