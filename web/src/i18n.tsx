import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import zhCN from './locales/zh-CN.json';
import { setApiLanguage } from './api.ts';

export type Lang = 'zh-CN' | 'en';
/** A label as procedures and the API give it: Chinese always, English when the author wrote one. */
export type Label = { 'zh-CN': string; en?: string } | null | undefined;

/**
 * The strings of one language at a time (#27): Chinese, the default and every key's fallback, comes
 * with the first load; English is its own chunk, fetched before the first render when it is the
 * saved choice and when a reader switches to it, so no key or half-translated screen ever shows.
 */
const zh: Record<string, string> = zhCN;
const messages: Partial<Record<Lang, Record<string, string>>> = { 'zh-CN': zh };

const extras: Record<Lang, (() => Promise<unknown>)[]> = { 'zh-CN': [], en: [] };

/** Something else a language needs before it shows (antd's strings, once antd is loaded). */
export function alsoLoad(lang: Lang, load: () => Promise<unknown>): void {
  extras[lang].push(load);
}

/** Makes sure a language's strings are here (English loads once, on demand). */
export async function loadLanguage(lang: Lang): Promise<void> {
  const strings =
    messages[lang] || lang !== 'en'
      ? undefined
      : import('./locales/en.json').then((m) => {
          messages.en = m.default;
        });
  await Promise.all([strings, ...extras[lang].map((load) => load())]);
}

type I18n = {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A UI string from the locale files; `{name}` placeholders are filled from vars. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** A procedure label in the current language, Chinese when there is no English. */
  l(label: Label, fallback?: string): string;
};

const I18nContext = createContext<I18n | null>(null);

/** The language the app opens in: the reader's saved choice, else Chinese. */
export function initialLang(): Lang {
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
    localStorage.setItem('plaint.lang', next);
    void loadLanguage(next).then(() => {
      setApiLanguage(next);
      document.documentElement.lang = next;
      setLangState(next);
    });
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        const text = messages[lang]?.[key] ?? zh[key] ?? key;
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
