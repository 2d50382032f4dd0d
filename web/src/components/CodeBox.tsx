import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useI18n } from '../i18n.tsx';

/**
 * A code a person copies by hand (tracking number, receipt): monospace, never broken inside a
 * group (its groups are the dashes), with a copy button named after what it copies (#18).
 */
export function CodeBox({ value, name, testId }: { value: string; name: string; testId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('receipt.copiedOne', { name }));
    } catch {
      void message.warning(t('receipt.copyFailed'));
    }
  };
  const groups = value.split('-');
  return (
    <span className="code-line">
      <span className="code-box" data-testid={testId}>
        {groups.map((g, i) => (
          <span key={i} className="code-group">
            {g}
            {i < groups.length - 1 ? '-' : ''}
          </span>
        ))}
      </span>
      <Button
        size="small"
        type="text"
        icon={<CopyOutlined />}
        aria-label={t('receipt.copyOne', { name })}
        onClick={copy}
        className="no-print code-copy"
      />
    </span>
  );
}
