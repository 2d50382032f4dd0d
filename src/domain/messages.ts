import { en } from './messages/en.ts';
import { zhCN } from './messages/zh-CN.ts';

/**
 * Error messages come from one catalogue per language (issue 15): the API's contract is the
 * stable `code` and `details`; the wording lives in `messages/zh-CN.ts` and `messages/en.ts`,
 * so it is fixed in one place, and the HTTP layer answers in the language the caller asks for.
 */
export type MessageKey = keyof typeof zhCN;
export type MessageParams = Readonly<Record<string, unknown>>;
export type Message = { readonly key: MessageKey; readonly params: MessageParams };

/** The languages the catalogue holds; `both` is "中文 / English", for a caller who states no preference. */
export type Language = 'zh-CN' | 'en';
export type Wording = Language | 'both';

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function msg(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params };
}

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function render(message: Message, wording: Wording): string {
  if (wording !== 'both') return fill(CATALOGUES[wording][message.key], message.params);
  return `${fill(zhCN[message.key], message.params)} / ${fill(en[message.key], message.params)}`;
}

/**
 * Picks the wording from an `Accept-Language` header (RFC 9110 §12.5.4): the highest-weighted
 * range that matches zh or en; none, `*`, or only other languages keep both, as before this header was read.
 */
export function negotiate(acceptLanguage: string | undefined): Wording {
  if (!acceptLanguage) return 'both';
  let best: { lang: Language; q: number } | undefined;
  for (const part of acceptLanguage.slice(0, 512).split(',')) {
    const [range = '', ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!(q > 0)) continue;
    const lang: Language | undefined = range.startsWith('zh') ? 'zh-CN' : range.startsWith('en') ? 'en' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'both';
}
