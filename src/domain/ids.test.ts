import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACKING_NO, formatReceipt, localDateStamp, normaliseReceipt, timeOrderedId, trackingNumber } from './ids.ts';

const SHANGHAI = 'Asia/Shanghai';
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

const bytes = (...values: number[]) => Uint8Array.from(values);
/** 00001 00001 … : six Crockford "1"s. */
const ONES = bytes(0b00001000, 0b01000010, 0b00010000, 0b10000100);

const randomBytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));

describe('tracking numbers', () => {
  it('are prefix, local date, six random Crockford characters', () => {
    expect(trackingNumber('TS', new Date('2026-11-28T03:00:00Z'), SHANGHAI, ONES)).toBe('TS-20261128-111111');
    expect(trackingNumber('JB', new Date('2026-11-28T03:00:00Z'), SHANGHAI, bytes(0, 0, 0, 0))).toBe(
      'JB-20261128-000000',
    );
    expect(trackingNumber('SS', new Date('2026-11-28T03:00:00Z'), SHANGHAI, bytes(255, 255, 255, 255))).toBe(
      'SS-20261128-ZZZZZZ',
    );
  });

  it.each([
    { utc: '2026-11-28T15:59:59.999Z', zone: SHANGHAI, stamp: '20261128' },
    { utc: '2026-11-28T16:00:00.000Z', zone: SHANGHAI, stamp: '20261129' },
    { utc: '2026-11-28T17:00:00.000Z', zone: SHANGHAI, stamp: '20261129' },
    { utc: '2026-12-31T16:00:00.000Z', zone: SHANGHAI, stamp: '20270101' },
    { utc: '2026-11-28T17:00:00.000Z', zone: 'UTC', stamp: '20261128' },
    { utc: '2026-11-29T07:59:00.000Z', zone: 'America/Los_Angeles', stamp: '20261128' },
  ])('$utc is $stamp in $zone', ({ utc, zone, stamp }) => {
    expect(localDateStamp(new Date(utc), zone)).toBe(stamp);
    expect(trackingNumber('TS', new Date(utc), zone, ONES)).toBe(`TS-${stamp}-111111`);
  });

  it('the cached date of a minute is not served for another time zone', () => {
    const at = new Date('2026-11-28T17:00:30Z');
    expect(localDateStamp(at, 'UTC')).toBe('20261128');
    expect(localDateStamp(at, SHANGHAI)).toBe('20261129');
    expect(localDateStamp(at, 'UTC')).toBe('20261128');
  });

  it('the cached date is not served across midnight', () => {
    expect(localDateStamp(new Date('2026-11-28T15:59:59Z'), SHANGHAI)).toBe('20261128');
    expect(localDateStamp(new Date('2026-11-28T16:00:00Z'), SHANGHAI)).toBe('20261129');
    expect(localDateStamp(new Date('2026-11-28T15:59:00Z'), SHANGHAI)).toBe('20261128');
  });

  it('too few random bytes is an error, not a short number', () => {
    expect(() => trackingNumber('TS', new Date('2026-11-28T03:00:00Z'), SHANGHAI, bytes(1, 2, 3))).toThrow(
      /random bytes/,
    );
  });

  it('TRACKING_NO accepts every generated number', () => {
    fc.assert(
      fc.property(fc.constantFrom('TS', 'JY', 'JB', 'SS', 'ABCD'), instant, randomBytes(4), (prefix, now, random) => {
        expect(trackingNumber(prefix, now, SHANGHAI, random)).toMatch(TRACKING_NO);
      }),
    );
  });

  it.each([
    'ts-20261128-7K3Q9X', // lower-case prefix
    'TS-2026112-7K3Q9X', // short date
    'TS-20261128-7K3Q9', // five characters
    'TS-20261128-7K3Q9XX', // seven characters
    'TS-20261128-7K3QIX', // I is not Crockford
    'TS-20261128-7K3QLX', // L
    'TS-20261128-7K3QOX', // O
    'TS-20261128-7K3QUX', // U
    'T-20261128-7K3Q9X', // one-letter prefix
    ' TS-20261128-7K3Q9X', // leading space
  ])('TRACKING_NO rejects %j', (value) => {
    expect(TRACKING_NO.test(value)).toBe(false);
  });
});

describe('time-ordered ids', () => {
  it('are 10 characters of time and 16 of randomness, all Crockford', () => {
    const id = timeOrderedId(new Date('2026-11-28T03:00:00Z'), bytes(...Array(10).fill(0)));
    expect(id).toHaveLength(26);
    expect(id).toMatch(CROCKFORD);
    expect(id.slice(10)).toBe('0'.repeat(16));
    expect(timeOrderedId(new Date(0), bytes(...Array(10).fill(255)))).toBe(`${'0'.repeat(10)}${'Z'.repeat(16)}`);
    expect(timeOrderedId(new Date(32), bytes(...Array(10).fill(0))).slice(0, 10)).toBe('0000000010');
  });

  it('sort by time whatever the random bytes: t1 < t2 ⇒ id(t1) < id(t2)', () => {
    const ms = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) });
    fc.assert(
      fc.property(ms, ms, randomBytes(10), randomBytes(10), (a, b, r1, r2) => {
        fc.pre(a !== b);
        const [t1, t2] = a < b ? [a, b] : [b, a];
        expect(timeOrderedId(new Date(t1), r1) < timeOrderedId(new Date(t2), r2)).toBe(true);
      }),
    );
  });

  it('ids of the same millisecond differ when the random bytes do', () => {
    fc.assert(
      fc.property(instant, randomBytes(10), randomBytes(10), (now, r1, r2) => {
        fc.pre(r1.some((b, i) => b !== r2[i]));
        expect(timeOrderedId(now, r1)).not.toBe(timeOrderedId(now, r2));
      }),
    );
  });
});

describe('receipts', () => {
  it('are 5 groups of 4 Crockford characters', () => {
    fc.assert(
      fc.property(randomBytes(13), (random) => {
        expect(formatReceipt(random)).toMatch(RECEIPT);
      }),
    );
    expect(formatReceipt(bytes(...Array(13).fill(0)))).toBe('0000-0000-0000-0000-0000');
  });

  it.each([
    { typed: '7K3Q-9XAB-CD01-EFGH-JK1M', why: 'as printed' },
    { typed: '7k3q-9xab-cd01-efgh-jk1m', why: 'lower case' },
    { typed: '7K3Q9XABCD01EFGHJK1M', why: 'no dashes' },
    { typed: '7K3Q 9XAB CD01 EFGH JK1M', why: 'spaces for dashes' },
    { typed: '7K3Q-9XAB-CDO1-EFGH-JK1M', why: 'O for zero' },
    { typed: '7K3Q-9XAB-CD0I-EFGH-JKLM', why: 'I and L for one' },
    { typed: '7k3q9xabcdoiefghjklm', why: 'all of it at once' },
  ])('normaliseReceipt accepts $why', ({ typed }) => {
    expect(normaliseReceipt(typed)).toBe('7K3Q-9XAB-CD01-EFGH-JK1M');
  });

  it('normaliseReceipt leaves a wrong-length entry without grouping, so it matches no receipt', () => {
    expect(normaliseReceipt('7k3q-9xab')).toBe('7K3Q9XAB');
    expect(normaliseReceipt('7K3Q-9XAB-CD01-EFGH-JK1M-0')).not.toMatch(RECEIPT);
  });

  it('round-trips: any way a person types a receipt normalises back to it', () => {
    const typo = fc.constantFrom<(ch: string) => string>(
      (ch) => ch,
      (ch) => ch.toLowerCase(),
      (ch) => (ch === '0' ? 'O' : ch === '1' ? 'I' : ch),
      (ch) => (ch === '0' ? 'o' : ch === '1' ? 'l' : ch),
      (ch) => (ch === '1' ? 'L' : ch),
      (ch) => (ch === '1' ? 'i' : ch),
    );
    const separator = fc.constantFrom('-', '', ' ');
    fc.assert(
      fc.property(
        randomBytes(13),
        fc.array(typo, { minLength: 20, maxLength: 20 }),
        separator,
        (random, typos, sep) => {
          const receipt = formatReceipt(random);
          expect(normaliseReceipt(receipt)).toBe(receipt);
          const typed = receipt
            .split('-')
            .map((group, g) => [...group].map((ch, i) => typos[g * 4 + i](ch)).join(''))
            .join(sep);
          expect(normaliseReceipt(typed)).toBe(receipt);
        },
      ),
    );
  });
});
