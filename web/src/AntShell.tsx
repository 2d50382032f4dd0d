import { use, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { alsoLoad, useI18n } from './i18n.tsx';

/**
 * What the pages built with antd need around them (#27: the portal's home page is plain markup and
 * does not load antd at all): the theme, antd's strings in the page's language, and antd's App
 * (message, modal, notification). antd's English strings load only when English is chosen.
 */

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

let english: Promise<Locale> | undefined;
let enUS: Locale | undefined;
const englishLocale = () => {
  english ??= import('antd/es/locale/en_US').then((m) => {
    enUS = m.default;
    return enUS;
  });
  return english;
};
// A switch to English waits for these too, so a form being filled in is not replaced by the
// loading fallback while they come.
alsoLoad('en', englishLocale);

export function AntShell({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  // Suspends (the page's loading fallback) only when the page opens in English.
  const locale = lang === 'en' ? (enUS ?? use(englishLocale())) : zhCN;
  // Date pickers name months and weekdays in the page's language (#18).
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
