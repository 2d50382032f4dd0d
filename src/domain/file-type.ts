/**
 * The media type of an uploaded file from its first bytes, never from the name or the client's
 * claim. Only kinds that are evidence and safe to hand back are accepted.
 */
export const ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

export function sniffMediaType(bytes: Uint8Array): AcceptedType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return isPlainText(bytes) && !looksLikeMarkup(bytes) ? 'text/plain' : null;
}

/**
 * HTML, SVG and XML pass as UTF-8 text, but a browser that sniffs them (or a handler who saves and
 * opens the file) runs their scripts. As WHATWG's sniffing does, text that begins — after
 * whitespace and a byte-order mark — with `<` and a tag, comment or processing instruction is
 * markup, and is refused rather than served back as "text".
 */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^<[!?/a-zA-Z]/.test(head);
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // No control characters besides tab, newline and carriage return.
    return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text);
  } catch {
    return false;
  }
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001F\u007F"<>|:*?]/g, '').trim();
  return [...(clean || 'attachment')].slice(0, 200).join('');
}
