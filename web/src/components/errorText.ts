import { ApiError } from '../api.ts';
import { pickMessage, useI18n } from '../i18n.tsx';

/**
 * An API or network error as words in the current language, with its field problems: what
 * ErrorBox (antd) and the portal's plain ErrorNotice both show. Kept free of antd so the plain
 * public pages (issue 27) can use it without loading the component library.
 */
export function useErrorText(error: unknown): { message: string; issues: { prefix: string; message: string }[] } {
  const { t, lang } = useI18n();
  const message =
    error instanceof ApiError
      ? error.code === 'NETWORK'
        ? t('error.network')
        : pickMessage(error.message, lang)
      : t('error.unexpected');
  const issues = (error instanceof ApiError ? (error.details?.issues ?? []) : []).map((i) => ({
    // The field's path and ': ', or nothing for a problem of the whole request.
    prefix: `${Array.isArray(i.path) ? i.path.join('.') : (i.path ?? '')}${i.path ? ': ' : ''}`,
    message: pickMessage(i.message, lang),
  }));
  return { message, issues };
}
