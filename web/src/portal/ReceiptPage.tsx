import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { StopNote, ZoneNote, formatDue } from '../components/Deadlines.tsx';
import { CodeBox } from '../components/CodeBox.tsx';
import type { Label } from '../i18n.tsx';

type State = {
  trackingNo: string;
  receipt: string;
  /** Only the limits owed to the submitter (#18), with what stops them. */
  deadlines: { clock: string; label: Label; dueAt: string; provisional: boolean; stoppedBy: Label[] }[];
  failedUploads: string[];
} | null;

/**
 * The tracking number and receipt, shown exactly once (INT-4): they come from router state, so a
 * reload or a later visit shows nothing, and the server keeps only a hash of the receipt.
 */
export function ReceiptPage() {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  // Kept in memory only: the history entry's state is cleared at once, so a reload, Back or a
  // restored tab cannot show the receipt again.
  const [state] = useState(() => location.state as State);
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  if (!state?.receipt) {
    return (
      <Alert
        type="info"
        showIcon
        message={t('receipt.gone')}
        description={<Link to="/track">{t('portal.trackLink')}</Link>}
      />
    );
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(
        `${t('receipt.trackingNo')}: ${state.trackingNo}\n${t('receipt.receipt')}: ${state.receipt}`,
      );
      void message.success(t('receipt.copied'));
    } catch {
      void message.warning(t('receipt.copyFailed'));
    }
  };
  return (
    <Card title={t('receipt.title')}>
      <Alert type="warning" showIcon message={t('receipt.cannotRecover')} style={{ marginBottom: 16 }} role="alert" />
      <Descriptions column={1} bordered size="small" layout="vertical">
        <Descriptions.Item label={t('receipt.trackingNo')}>
          <CodeBox value={state.trackingNo} name={t('receipt.trackingNo')} testId="tracking-no" />
        </Descriptions.Item>
        <Descriptions.Item label={t('receipt.receipt')}>
          <CodeBox value={state.receipt} name={t('receipt.receipt')} testId="receipt" />
        </Descriptions.Item>
        {state.deadlines.map((d) => (
          <Descriptions.Item key={d.clock} label={l(d.label, t('receipt.deadline'))}>
            <span data-testid={`owed-${d.clock}`}>
              {t('clock.due', { at: formatDue(d.dueAt) })}
              {d.provisional ? ` (${t('clock.provisional')})` : ''} <StopNote stoppedBy={d.stoppedBy} />
            </span>
          </Descriptions.Item>
        ))}
        {state.deadlines.length === 0 && (
          <Descriptions.Item label={t('receipt.deadline')}>
            <span data-testid="owed-none">{t('receipt.owedNone')}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {state.deadlines.length > 0 && <ZoneNote />}
      {state.failedUploads.length > 0 && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          message={t('receipt.uploadFailed', { files: state.failedUploads.join(', ') })}
        />
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('receipt.keep')}</Typography.Paragraph>
      <Space wrap className="no-print">
        <Button type="primary" onClick={copy}>
          {t('receipt.copy')}
        </Button>
        <Button onClick={() => window.print()}>{t('receipt.print')}</Button>
        <Link to="/track">{t('portal.trackLink')}</Link>
      </Space>
    </Card>
  );
}
