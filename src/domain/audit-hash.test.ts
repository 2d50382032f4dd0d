import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditHash, canonicalJson, type AuditContent } from './audit-hash.ts';

function buildRecord(overrides: Partial<AuditContent> = {}): AuditContent {
  return {
    seq: 7,
    at: '2026-11-30T02:00:00.000Z',
    actor: 'user:user-cs-li',
    action: 'case.accept',
    entityType: 'case',
    entityId: 'case-0001',
    payload: { version: 2, status: 'accepted', input: { category: 'product-quality' } },
    ...overrides,
  };
}

/** A copy of a JSON value with the keys of every object in an order drawn from `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).map(([k, x]) => [k, walk(x)] as const);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    return Object.fromEntries(entries);
  };
  return walk(value);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('does not depend on key order (any JSON value, keys shuffled at every depth)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('does not depend on key order (objects)', () => {
    fc.assert(
      fc.property(fc.object(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('is JSON that reads back as the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is the same after a JSON round trip (what the audit verifier re-hashes)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('drops undefined object members, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ nested: { x: undefined, y: null } })).toBe('{"nested":{"y":null}}');
  });

  it('writes undefined as null in arrays and at the top, as JSON does', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(null)).toBe('null');
  });

  it('writes a value with toJSON (a Date) as JSON does, so the hash covers it and survives the JSON round trip', () => {
    const payload = { dueAt: new Date('2026-12-01T00:00:00.000Z') };
    expect(canonicalJson(payload)).toBe(JSON.stringify(payload));
    expect(canonicalJson(payload)).not.toBe(canonicalJson({ dueAt: new Date('2027-01-01T00:00:00.000Z') }));
  });
});

describe('auditHash (AUD-1)', () => {
  const base = buildRecord();
  const baseHash = auditHash(GENESIS_HASH, base);

  it('is sha256(prevHash ‖ "\\n" ‖ canonical record), as hex', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}\n${canonicalJson(base)}`)
      .digest('hex');
    expect(baseHash).toBe(expected);
    expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is the same for the same record whatever its key order', () => {
    expect(auditHash(GENESIS_HASH, shuffleKeys(base, 42) as AuditContent)).toBe(baseHash);
  });

  it.each<[string, Partial<AuditContent>]>([
    ['seq', { seq: 8 }],
    ['at', { at: '2026-11-30T02:00:00.001Z' }],
    ['actor', { actor: 'user:user-cs-wang' }],
    ['action', { action: 'case.reject' }],
    ['entityType', { entityType: 'user' }],
    ['entityId', { entityId: 'case-0002' }],
    ['entityId to null', { entityId: null }],
    ['payload, deep inside', { payload: { version: 2, status: 'accepted', input: { category: 'delivery' } } }],
    [
      'payload, a member added',
      { payload: { version: 2, status: 'accepted', input: { category: 'product-quality' }, extra: true } },
    ],
    [
      'payload, a number for a string',
      { payload: { version: '2', status: 'accepted', input: { category: 'product-quality' } } },
    ],
  ])('changes when %s changes', (_, change) => {
    expect(auditHash(GENESIS_HASH, buildRecord(change))).not.toBe(baseHash);
  });

  it('changes when prevHash changes', () => {
    expect(auditHash('f'.repeat(64), base)).not.toBe(baseHash);
    expect(auditHash(`${'0'.repeat(63)}1`, base)).not.toBe(baseHash);
  });

  it("changes whenever the payload's canonical form changes (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (p1, p2) => {
        fc.pre(canonicalJson(p1) !== canonicalJson(p2));
        expect(auditHash(GENESIS_HASH, buildRecord({ payload: p1 }))).not.toBe(
          auditHash(GENESIS_HASH, buildRecord({ payload: p2 })),
        );
      }),
    );
  });

  it('chains: a different earlier record gives a different later hash', () => {
    const first = auditHash(GENESIS_HASH, buildRecord({ seq: 1 }));
    const altered = auditHash(GENESIS_HASH, buildRecord({ seq: 1, actor: 'user:mallory' }));
    expect(auditHash(first, buildRecord({ seq: 2 }))).not.toBe(auditHash(altered, buildRecord({ seq: 2 })));
  });
});
