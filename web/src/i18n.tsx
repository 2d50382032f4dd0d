import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { setApiLanguage } from './api.ts';

export type Lang = 'zh-CN' | 'en';
/** A label as procedures and the API give it: Chinese always, English when the author wrote one. */
export type Label = { 'zh-CN': string; en?: string } | null | undefined;

const messages: Record<Lang, Record<string, string>> = { 'zh-CN': zhCN, en };

type I18n = {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A UI string from the locale files; `{name}` placeholders are filled from vars. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** A procedure label in the current language, Chinese when there is no English. */
  l(label: Label, fallback?: string): string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('plaint.lang') : null;
  return saved === 'en' ? 'en' : 'zh-CN'; // zh-CN first, whatever the browser says
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang();
    setApiLanguage(first);
    return first;
  });
  const setLang = useCallback((next: Lang) => {
    setApiLanguage(next);
    localStorage.setItem('plaint.lang', next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        const text = messages[lang][key] ?? messages['zh-CN'][key] ?? key;
        return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : text;
      },
      l: (label, fallback = '') => (label ? (lang === 'en' ? (label.en ?? label['zh-CN']) : label['zh-CN']) : fallback),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/**
 * The server answers in the UI's language (`Accept-Language`), but the messages of validation
 * issues in `details` are still "中文 / English": show the half of the current language.
 */
export function pickMessage(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return lang === 'en' ? parts.slice(1).join(' / ') : parts[0];
}
