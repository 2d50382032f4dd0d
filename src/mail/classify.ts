import type { ParsedMail } from 'mailparser';
import { TRACKING_NO } from '../domain/ids.ts';

/**
 * Why a mail must not be answered, or null: auto-replies, bounces and list traffic (RFC 3834
 * Auto-Submitted, Precedence, mailer-daemon) — answering them is how mail loops start.
 */
export function automaticReason(mail: ParsedMail, ownAddress: string): string | null {
  const header = (name: string) => {
    const v = mail.headers.get(name);
    return v === undefined
      ? ''
      : String(typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v).toLowerCase();
  };
  const auto = header('auto-submitted');
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = header('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress').includes('all'))
    return 'auto-responder header';
  if (mail.headers.has('list-id')) return 'mailing list';
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster|no-?reply)@/.test(from)) return `sender ${from}`;
  if (from && from === ownAddress.toLowerCase()) return 'our own address';
  return null;
}

/** A tracking number in the subject (`Re: 【已受理登记】CC-20261130-ABC123 …`). */
export function trackingNoIn(subject: string | undefined): string | null {
  for (const word of (subject ?? '').toUpperCase().split(/[^A-Z0-9-]+/)) if (TRACKING_NO.test(word)) return word;
  return null;
}

/** The Message-IDs a reply refers to, nearest first. */
export function referencedIds(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...refs.reverse()].map((s) => s.trim()).filter(Boolean);
}

/** Plain text of the mail: the text part, or the HTML part with its markup removed. */
export function bodyText(mail: ParsedMail, raw: Buffer): string {
  // mailparser makes a text of an HTML-only mail itself, image links and all: use our own.
  const hasTextPart =
    !/^content-type:/im.test(raw.toString('latin1')) || /^content-type:\s*text\/plain/im.test(raw.toString('latin1'));
  if (hasTextPart && mail.text?.trim()) return mail.text.trim();
  if (typeof mail.html === 'string') return htmlToText(mail.html);
  return mail.text?.trim() ?? '';
}

/** Markup to text without running or keeping any of it: scripts and styles go whole, tags go, entities decode. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
