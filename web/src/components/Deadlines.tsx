import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { useI18n } from '../i18n.tsx';
import type { Deadline } from '../types.ts';

/** Colour by risk: overdue red, warned orange, less than a day left gold, otherwise green. */
export function riskColour(status: string, dueAt: string, now: number): string {
  if (status === 'met') return 'default';
  if (status === 'stopped' || status === 'paused') return 'default';
  const left = new Date(dueAt).getTime() - now;
  if (status === 'overdue' || status === 'breached' || left < 0) return 'red';
  if (status === 'warning' || status === 'at-risk') return 'orange';
  if (left < 24 * 3600_000) return 'gold';
  return 'green';
}

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "还剩 2天 3小时" / "超期 5小时", updated every 30 s. */
export function Countdown({ dueAt, status }: { dueAt: string; status: string }) {
  const { t } = useI18n();
  const now = useNow();
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? t('clock.dh', { d: days, h: hours }) : t('clock.hm', { h: hours, m: minutes });
  const text =
    status === 'met'
      ? t('clock.met')
      : status === 'paused'
        ? t('clock.paused')
        : ms < 0
          ? t('clock.overdueBy', { span })
          : t('clock.left', { span });
  return (
    <Tag color={riskColour(status, dueAt, now)} data-testid="countdown">
      {text}
    </Tag>
  );
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** The deadlines of a case with their due time, countdown and whether the calendar is provisional. */
export function DeadlineList({ deadlines }: { deadlines: Deadline[] }) {
  const { t, l } = useI18n();
  if (deadlines.length === 0) return <p className="muted">{t('clock.none')}</p>;
  return (
    <ul className="deadlines">
      {deadlines.map((d) => (
        <li key={d.clock} data-testid={`deadline-${d.clock}`}>
          <strong>{l(d.label, d.clock)}</strong>{' '}
          <span data-testid="due-at">{t('clock.due', { at: formatTime(d.dueAt) })}</span>{' '}
          {d.stoppedAt ? <Tag>{t('clock.stopped')}</Tag> : <Countdown dueAt={d.dueAt} status={d.status} />}
          {d.provisional && (
            <Tooltip title={t('clock.provisionalHelp')}>
              <Tag color="purple" data-testid="provisional">
                {t('clock.provisional')}
              </Tag>
            </Tooltip>
          )}
          {d.rule && <span className="muted"> {d.rule}</span>}
        </li>
      ))}
    </ul>
  );
}
