import { Alert } from 'antd';
import { useErrorText } from './errorText.ts';

/** An API or network error shown in place, in the current language, with the field problems. */
export function ErrorBox({ error }: { error: unknown }) {
  const { message, issues } = useErrorText(error);
  if (!error) return null;
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
                {i.prefix}
                {i.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
