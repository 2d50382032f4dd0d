import { Button } from 'antd';
import { useI18n } from '../i18n.tsx';

/** 中文 first; one button switches to English and back. Its name starts with what it shows (WCAG 2.5.3, #18). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button size="small" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} title={t('app.switchLanguage')}>
      {t('app.otherLanguage')}
    </Button>
  );
}
