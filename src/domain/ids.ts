/**
 * Identifiers: pure functions of the time and random bytes the caller supplies.
 * Crockford base32 avoids I/L/O/U so a number read over the phone is not misheard.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (out.length < length) throw new Error(`need more random bytes for ${length} characters`);
  return out;
}

// Building an Intl formatter costs far more than using one: keep one per time zone. Formatting
// is still slow, and the answer cannot change within a minute (zone offsets change on whole
// minutes), so the last answer is kept too.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
let lastStamp = { minute: -1, timeZone: '', stamp: '' };

/** The calendar date of `now` in the organisation's time zone, as YYYYMMDD. */
export function localDateStamp(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastStamp.minute === minute && lastStamp.timeZone === timeZone) return lastStamp.stamp;
  const stamp = formatDateStamp(now, timeZone);
  lastStamp = { minute, timeZone, stamp };
  return stamp;
}

function formatDateStamp(now: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

/**
 * A tracking number such as `TS-20261128-7K3Q9X`: kind prefix, local date, six random characters
 * (30 bits), so numbers of one day cannot be enumerated by counting.
 */
export function trackingNumber(prefix: string, now: Date, timeZone: string, random: Uint8Array): string {
  return `${prefix}-${localDateStamp(now, timeZone)}-${base32(random, 6)}`;
}

export const TRACKING_NO = /^[A-Z]{2,4}-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** A time-ordered id (like a ULID): 10 characters of milliseconds, 16 of randomness. Sorting ids sorts by creation. */
export function timeOrderedId(now: Date, random: Uint8Array): string {
  let ms = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return time + base32(random, 16);
}

/** A receipt: 20 random characters (100 bits) in groups of four, e.g. `7K3Q-9XAB-…`. */
export function formatReceipt(random: Uint8Array): string {
  return base32(random, 20).match(/.{4}/g)!.join('-');
}

/** Receipts are typed by people: accept lower case, missing dashes and the letters base32 leaves out. */
export function normaliseReceipt(input: string): string {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === 20 ? plain.match(/.{4}/g)!.join('-') : plain;
}
