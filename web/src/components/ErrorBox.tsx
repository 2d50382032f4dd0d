import { Alert } from 'antd';
import { ApiError } from '../api.ts';
import { pickMessage, useI18n } from '../i18n.tsx';

/** An API or network error shown in place, in the current language, with the field problems. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.code === 'NETWORK'
        ? t('error.network')
        : pickMessage(error.message, lang)
      : t('error.unexpected');
  const issues = error instanceof ApiError ? (error.details?.issues ?? []) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={message}
      description={
        issues.length > 0 ? (
          <ul className="issues">
            {issues.map((i, n) => (
              <li key={n}>
                {Array.isArray(i.path) ? i.path.join('.') : i.path}
                {i.path ? ': ' : ''}
                {pickMessage(i.message, lang)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
