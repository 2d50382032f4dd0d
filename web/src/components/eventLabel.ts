import type { Label } from '../i18n.tsx';

/**
 * What a timeline entry calls its step: the procedure's label for the action, else the locale's
 * name for a built-in step (messages, recusal, clock warnings …), else the raw id.
 */
export function eventLabel(e: { action: string; actionLabel?: Label }, t: (key: string) => string, l: (label: Label, fallback?: string) => string): string {
  if (e.actionLabel) return l(e.actionLabel, e.action);
  const key = `event.${e.action}`;
  const named = t(key);
  return named === key ? e.action : named;
}
