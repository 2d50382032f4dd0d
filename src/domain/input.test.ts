import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputSchema, scalarSchema, userRefs } from './input.ts';
import { parseProcedure } from './procedure.parse.ts';
import { ZField, ZScalarField, findAction, type TField, type TScalarField } from './procedure.schema.ts';

const procedure = parseProcedure(
  readFileSync(new URL('../procedures/customer-complaint.yaml', import.meta.url), 'utf8'),
  'customer-complaint.yaml',
);
const inputOf = (actionId: string) => findAction(procedure, actionId)!.input;

const label = { 'zh-CN': '字段' };
/** One field as a procedure file would declare it, defaults filled in. */
function scalar(def: Record<string, unknown>): TScalarField {
  return ZScalarField.parse({ name: 'value', label, ...def });
}
function fields(...defs: Record<string, unknown>[]): TField[] {
  return defs.map((d) => ZField.parse({ label, ...d }));
}
const accepts = (field: TScalarField, value: unknown) => scalarSchema(procedure, field).safeParse(value).success;

describe('inputSchema', () => {
  it('is built once per fields array: the same array gives the same schema object', () => {
    const first = inputSchema(procedure, inputOf('decide'));
    expect(inputSchema(procedure, inputOf('decide'))).toBe(first);
    expect(inputSchema(procedure, inputOf('reply'))).not.toBe(first);
  });

  it('is keyed by the array itself: an equal copy gets its own schema', () => {
    const copy = [...inputOf('decide')];
    expect(inputSchema(procedure, copy)).not.toBe(inputSchema(procedure, inputOf('decide')));
  });

  it('rejects unknown keys (strict)', () => {
    const schema = inputSchema(procedure, inputOf('close'));
    expect(schema.safeParse({ note: '归档' }).success).toBe(true);
    const result = schema.safeParse({ note: '归档', archivedBy: 'me' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['archivedBy'] });
  });

  it('rejects unknown keys inside list items too', () => {
    const schema = inputSchema(procedure, inputOf('decide'));
    const item = { type: 'refund', description: '退款', owner: 'wang', dueDate: '2026-12-01' };
    const base = { cause: 'c', outcome: 'substantiated', solution: 's' };
    expect(schema.safeParse({ ...base, measures: [item] }).success).toBe(true);
    expect(schema.safeParse({ ...base, measures: [{ ...item, done: true }] }).success).toBe(false);
  });

  it('requires required fields and lets optional ones be left out', () => {
    const schema = inputSchema(procedure, inputOf('assign'));
    expect(schema.safeParse({ responsible: 'wang' }).success).toBe(true);
    expect(schema.safeParse({ dueDate: '2026-12-01' }).success).toBe(false);
  });

  it('holds a list to its minItems and maxItems', () => {
    const schema = inputSchema(
      procedure,
      fields({
        name: 'items',
        type: 'list',
        minItems: 1,
        maxItems: 2,
        items: [{ name: 'what', type: 'text', required: true, label }],
      }),
    );
    expect(schema.safeParse({ items: [] }).success).toBe(false);
    expect(schema.safeParse({ items: [{ what: 'a' }] }).success).toBe(true);
    expect(schema.safeParse({ items: [{ what: 'a' }, { what: 'b' }, { what: 'c' }] }).success).toBe(false);
  });

  it("category fields take the procedure's categories (CLS-1)", () => {
    const schema = inputSchema(procedure, inputOf('accept'));
    expect(schema.safeParse({ category: 'after-sales' }).success).toBe(true);
    expect(schema.safeParse({ category: 'weather' }).success).toBe(false);
  });
});

describe('scalar fields', () => {
  const date = scalar({ type: 'date' });
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-2-3', false],
    ['2026-02-03T00:00:00Z', false],
    ['', false],
  ])('a date field given %j: accepted %s', (value, ok) => {
    expect(accepts(date, value)).toBe(ok);
  });

  const rating = scalar({ type: 'rating' });
  it.each([
    { max: 5, value: 1, ok: true },
    { max: 5, value: 5, ok: true },
    { max: 5, value: 0, ok: false },
    { max: 5, value: 6, ok: false },
    { max: 5, value: 2.5, ok: false },
    { max: 5, value: '5', ok: false },
    { max: 10, value: 10, ok: true },
    { max: 10, value: 11, ok: false },
  ])('a rating of max $max given $value: accepted $ok', ({ max, value, ok }) => {
    expect(accepts(scalar({ type: 'rating', max }), value)).toBe(ok);
  });

  it('a rating defaults to a maximum of 5', () => {
    expect(rating).toMatchObject({ type: 'rating', max: 5 });
  });

  it('a boolean with mustBeTrue takes only true, with a message saying it must be confirmed', () => {
    const affirm = scalar({ type: 'boolean', mustBeTrue: true });
    expect(accepts(affirm, true)).toBe(true);
    const result = scalarSchema(procedure, affirm).safeParse(false);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe('必须确认 / must be confirmed');
  });

  it('a plain boolean takes true and false, and nothing else', () => {
    const flag = scalar({ type: 'boolean' });
    expect([true, false, 'true', 1].map((v) => accepts(flag, v))).toEqual([true, true, false, false]);
  });

  it('required text must have more than white space; optional text may be empty', () => {
    expect(accepts(scalar({ type: 'text', required: true }), '  \t ')).toBe(false);
    expect(accepts(scalar({ type: 'text', required: true }), ' x ')).toBe(true);
    expect(accepts(scalar({ type: 'text' }), '')).toBe(true);
  });

  it('text is trimmed and then held to maxLength', () => {
    const short = scalar({ type: 'text', maxLength: 3 });
    expect(scalarSchema(procedure, short).parse('  abc  ')).toBe('abc');
    expect(accepts(short, 'abcd')).toBe(false);
  });

  it('integers and numbers keep to min and max', () => {
    const int = scalar({ type: 'integer', min: 0, max: 3 });
    expect([0, 3, -1, 4, 1.5].map((v) => accepts(int, v))).toEqual([true, true, false, false, false]);
    const num = scalar({ type: 'number', min: 0.5 });
    expect([0.5, 100.25, 0.4].map((v) => accepts(num, v))).toEqual([true, true, false]);
  });

  it('a datetime needs a time zone', () => {
    const at = scalar({ type: 'datetime' });
    expect(accepts(at, '2026-11-30T10:00:00+08:00')).toBe(true);
    expect(accepts(at, '2026-11-30T02:00:00Z')).toBe(true);
    expect(accepts(at, '2026-11-30T10:00:00')).toBe(false);
  });

  it('an enum takes only its option ids', () => {
    const method = findAction(procedure, 'reply')!.input.find((f) => f.name === 'method') as TScalarField;
    expect(['letter', 'portal', 'fax', 'Letter'].map((v) => accepts(method, v))).toEqual([true, true, false, false]);
  });
});

describe('userRefs', () => {
  it('collects the usernames of user fields, in list items too, for the caller to look up', () => {
    const input = { cause: 'c', measures: [{ owner: 'wang' }, { owner: 'li' }, { description: 'no owner' }] };
    expect(userRefs(inputOf('decide'), input)).toEqual(['wang', 'li']);
    expect(userRefs(inputOf('assign'), { responsible: 'zhao', note: 'x' })).toEqual(['zhao']);
  });

  it('ignores input that is not an object and values that are not strings', () => {
    expect(userRefs(inputOf('assign'), null)).toEqual([]);
    expect(userRefs(inputOf('assign'), 'zhao')).toEqual([]);
    expect(userRefs(inputOf('assign'), { responsible: 42 })).toEqual([]);
  });
});
