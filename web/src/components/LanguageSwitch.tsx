import { useI18n } from '../i18n.tsx';

/**
 * 中文 first; one button switches to English and back. Its name starts with what it shows (WCAG
 * 2.5.3, #18). A plain button in antd's small-button look: it is on the portal's first load (#27).
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      className="lang-switch"
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      title={t('app.switchLanguage')}
    >
      {t('app.otherLanguage')}
    </button>
  );
}
