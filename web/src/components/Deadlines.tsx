import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { type Label, useI18n } from '../i18n.tsx';
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

/** The organisation's time zone (PLAINT_TZ), which the server writes into the page (#18). */
export const ORG_ZONE =
  (typeof document !== 'undefined' && document.querySelector('meta[name="plaint-tz"]')?.getAttribute('content')) ||
  'Asia/Shanghai';
const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ORG_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in the organisation's zone, whatever the browser's zone is (#18). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = Object.fromEntries(localParts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A due time as the server writes it: local midnight reads as 24:00 of the day before. */
export function formatDue(iso: string | null | undefined): string {
  const at = formatTime(iso);
  if (!at.endsWith(' 00:00')) return at;
  return `${dayjs(at.slice(0, 10)).subtract(1, 'day').format('YYYY-MM-DD')} 24:00`;
}

/** "时间均为北京时间": the zone named once per screen (#18). */
export function ZoneNote() {
  const { t } = useI18n();
  const zone = ORG_ZONE === 'Asia/Shanghai' ? t('tz.beijing') : ORG_ZONE;
  return (
    <p className="muted zone-note" data-testid="zone-note">
      {t('tz.note', { zone })}
    </p>
  );
}

/** "至「书面答复」为止": what stops a limit owed to the submitter. */
export function StopNote({ stoppedBy }: { stoppedBy?: Label[] }) {
  const { t, l } = useI18n();
  if (!stoppedBy?.length) return null;
  return (
    <span className="muted" data-testid="stopped-by">
      {t('clock.until', { actions: stoppedBy.map((a) => `“${l(a)}”`).join(t('clock.or')) })}
    </span>
  );
}

/** The deadlines of a case with their due time, countdown and whether the calendar is provisional. */
export function DeadlineList({ deadlines }: { deadlines: Deadline[] }) {
  const { t, l } = useI18n();
  if (deadlines.length === 0) return <p className="muted">{t('clock.none')}</p>;
  return (
    <ul className="deadlines">
      {deadlines.map((d) => (
        <li key={d.clock} data-testid={`deadline-${d.clock}`}>
          {/* #18: the rule id (SLA-5) is for those who look it up, not a word on the screen */}
          <strong title={d.rule ? t('clock.rule', { rule: d.rule }) : undefined}>{l(d.label, d.clock)}</strong>{' '}
          <span data-testid="due-at">{t('clock.due', { at: formatDue(d.dueAt) })}</span>{' '}
          {d.stoppedAt ? <Tag>{t('clock.stopped')}</Tag> : <Countdown dueAt={d.dueAt} status={d.status} />}
          {d.provisional && (
            <Tooltip title={t('clock.provisionalHelp')}>
              <Tag color="purple" data-testid="provisional">
                {t('clock.provisional')}
              </Tag>
            </Tooltip>
          )}
          {d.stoppedBy && !d.stoppedAt && <StopNote stoppedBy={d.stoppedBy} />}
        </li>
      ))}
    </ul>
  );
}
