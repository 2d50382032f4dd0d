import type { Label } from '../i18n.tsx';
import { formatTime } from './Deadlines.tsx';

/**
 * What a timeline entry calls its step: the procedure's label for the action, else the locale's
 * name for a built-in step (messages, recusal, clock warnings …), else the raw id.
 */
export function eventLabel(
  e: { action: string; actionLabel?: Label },
  t: (key: string) => string,
  l: (label: Label, fallback?: string) => string,
): string {
  if (e.actionLabel) return l(e.actionLabel, e.action);
  const key = `event.${e.action}`;
  const named = t(key);
  return named === key ? e.action : named;
}

/** What a timeline calls an input field: the procedure's label, else the locale's name for a built-in one, else the key. */
export function fieldLabel(
  name: string,
  label: Label,
  t: (key: string) => string,
  l: (label: Label, fallback?: string) => string,
): string {
  if (label) return l(label, name);
  const key = `field.${name}`;
  const named = t(key);
  return named === key ? name : named;
}

/** A value in a timeline: a choice by its label, a channel or kind by the locale's name, text as it is. */
export function fieldValue(
  name: string,
  value: unknown,
  label: Label,
  t: (key: string) => string,
  l: (label: Label, fallback?: string) => string,
): string {
  if (label) return l(label, String(value));
  if ((name === 'channel' || name === 'kind') && typeof value === 'string') {
    const named = t(`${name}.${value}`);
    if (named !== `${name}.${value}`) return named;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatTime(value);
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  // A list of plain values (the tracking numbers a repeat complaint repeats) reads as a list.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join('、');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
