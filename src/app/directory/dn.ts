/**
 * Distinguished names (RFC 4514) compared as a directory compares them: attribute types and values
 * case-insensitively, spaces around separators ignored, escapes (`\,` and hex `\E5\AE…`) decoded. A group's
 * `member` value and the DN a search returns for the same entry may be written differently; both normalise alike.
 */
export function normalizeDn(dn: string): string {
  return splitRdns(dn)
    .map((rdn) =>
      splitUnescaped(rdn, '+')
        .map((ava) => {
          const eq = ava.indexOf('=');
          if (eq < 0) return ava.trim().toLowerCase();
          return `${ava.slice(0, eq).trim().toLowerCase()}=${unescapeValue(ava.slice(eq + 1).trim()).toLowerCase()}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

/** The DN one level up (`ou=A,dc=x` → `dc=x`), normalised; the empty string above the top. */
export function parentDn(normalized: string): string {
  return splitRdns(normalized).slice(1).join(',');
}

function splitRdns(dn: string): string[] {
  return splitUnescaped(dn, ',').filter((s) => s.trim() !== '');
}

/** Splits on `sep` where it is not escaped by a backslash. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** `\,` → `,`; runs of `\XX` hex pairs → the UTF-8 text they encode. */
function unescapeValue(value: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    if (c === '\\' && i + 1 < value.length) {
      out += value[i + 1];
      i++;
    } else out += c;
  }
  flush();
  return out;
}
