import fc from 'fast-check';

/**
 * Generators of hostile request parts for the fuzz test (issue 9): strings and numbers at the
 * edges, traversal in names and paths, deep and huge JSON, and values of the wrong type.
 */

const MB = 1024 * 1024;
const DEEP = 10_000;

/** Strings that break naive code: lone surrogates, direction marks, NUL, emoji, 4-byte CJK, injection. */
export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y',
  '\uFEFF',
  '\u202Eexe.png',
  '\u200F\u200E',
  '😀👨‍👩‍👧‍👦',
  '𠀀𪚥𰻞',
  '物业费',
  '投诉',
  '\r\n',
  '\n\nX-Injected: 1',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd',
  'C:\\boot.ini',
  "' OR 1=1 --",
  '"; drop table cases; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant as plain text
  '${process.exit()}',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  'TS-20261130-AAAAAA',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'Z'.repeat(26),
  '\t',
  '\u2028\u2029',
];

/** Path segments an attacker would try; some arrive raw, some percent-encoded. */
export const TRAVERSAL = [
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%2e%2e/%2e%2e/etc/passwd',
  '..\\..\\x',
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%c0%ae%c0%ae/',
  '.',
  '..',
];

export const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  -1.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  1e21,
  0.1 + 0.2,
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 20_001, 100_000).map((n) => '长'.repeat(n)) },
  // Huge: past the 1 MB body limit on its own.
  { weight: 1, arbitrary: fc.constant('x'.repeat(MB + 10)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double(),
  fc.integer(),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'version', 'id', '', '\u0000', 'a.b', '$where'),
  fc.string({ maxLength: 10 }),
);

/** A value of any JSON type, sometimes nested, occasionally deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 5, arbitrary: hostileString },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'v' }) },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, tie('value'), { maxKeys: 3, depthIdentifier: 'v' }) },
    { weight: 1, arbitrary: fc.constant(deepArray(200)) },
  ),
})).value;

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** JSON texts that are not what the endpoint wants: broken, truncated, deep, huge, odd encodings. */
export const RAW_BODIES: (string | Buffer)[] = [
  '',
  '{',
  '{"a":',
  '[',
  'null',
  'true',
  '0',
  '"x"',
  '[]',
  '{}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '['.repeat(DEEP) + ']'.repeat(DEEP),
  `{"input":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)},"expectedVersion":1}`,
  `{"text":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
  '{"a":1,"a":2}',
  '{"text":"\\ud800"}',
  '{"text":"\\u0000"}',
  'NaN',
  '{"x":1e999999}',
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]),
  Buffer.from('{"text":"\xff\xfe"}', 'latin1'),
  `{"text":"${'x'.repeat(MB)}"}`,
  `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
];

/** Content types that do not match the body, or are malformed. */
export const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/jsonx',
  'image/png',
  '*/*',
  `application/json; x=${'a'.repeat(5000)}`,
];

/** JSON Schema (as @fastify/swagger publishes it) → values that mostly fit and sometimes do not. */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: fitting(schema, depth) }, { weight: 1, arbitrary: hostileValue });
}

function fitting(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fitting(s, depth + 1)));
  if (schema.allOf?.length) return fitting(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.format === 'date')
        return fc
          .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.pattern === '^[0-9A-Z]{26}$')
        return fc.string({
          unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'),
          minLength: 26,
          maxLength: 26,
        });
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 60, 60),
        unit: 'grapheme',
      });
    }
    // In range, or at the edges of 32- and 53-bit integers where databases and JavaScript differ.
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) }),
        fc.constantFrom(...EDGE_NUMBERS),
      );
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, fromSchema(s, depth + 1)]),
      );
      const required = (schema.required ?? []).filter((k) => k in props);
      const complete = fc.record(props, { requiredKeys: required });
      const anyKeys = fc.record(props, { requiredKeys: [] });
      return fc
        .tuple(
          fc.oneof({ weight: 4, arbitrary: complete }, { weight: 1, arbitrary: anyKeys }),
          fc.option(fc.tuple(hostileKey, hostileValue), { freq: 4 }),
        )
        .map(([o, extra]) => (extra ? { ...o, [extra[0]]: extra[1] } : o));
    }
    default:
      return hostileValue;
  }
}

/** A multipart body, well or badly formed, for the upload endpoints. */
export type Upload = { payload: Buffer; contentType: string };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);
const CONTENTS: Buffer[] = [
  PNG,
  Buffer.from('%PDF-1.4\n%%EOF'),
  Buffer.from('纯文本证据材料\n'),
  Buffer.from('<html><script>alert(document.cookie)</script></html>'),
  Buffer.from('<!DOCTYPE html><body onload=alert(1)>'),
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02]),
  Buffer.from('#!/bin/sh\nrm -rf /\n'),
  Buffer.alloc(0),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('PK\u0003\u0004zip'),
];
const NAMES = [
  'photo.png',
  '../../etc/passwd',
  '..\\..\\boot.ini',
  'a\u0000.png',
  'evil.png\u0000.html',
  '%2e%2e%2fx.pdf',
  '\u202Egnp.exe',
  'x'.repeat(500) + '.png',
  '',
  '.',
  '..',
  '/',
  'invoice.pdf',
  'photo.png.exe',
  'CON',
  '"quoted".png',
  'semi;colon.png',
  '照片.png',
  '😀.gif',
  'new\r\nline.png',
];

export const upload: fc.Arbitrary<Upload> = fc
  .record({
    name: fc.oneof(
      fc.constantFrom(...NAMES),
      hostileString.filter((s) => s.length < 2000),
    ),
    content: fc.constantFrom(...CONTENTS),
    declared: fc.constantFrom('image/png', 'text/html', 'application/pdf', 'application/x-msdownload', ''),
    visibility: fc.option(fc.constantFrom('public', 'internal', '../x', '\u0000'), { nil: undefined }),
    extraFiles: fc.nat({ max: 2 }),
    withBoundary: fc.boolean(),
    truncateAt: fc.option(fc.nat({ max: 400 }), { freq: 3 }),
    fieldName: fc.constantFrom('file', 'files[]', '', '../file'),
  })
  .map((u) => {
    const boundary = 'fuzz-boundary-x';
    const parts: Buffer[] = [];
    if (u.visibility !== undefined)
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\n${u.visibility}\r\n`),
      );
    for (let i = 0; i <= u.extraFiles; i++) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${u.fieldName}"; filename="${u.name}"\r\nContent-Type: ${u.declared}\r\n\r\n`,
          'utf8',
        ),
      );
      parts.push(u.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    let payload = Buffer.concat(parts);
    if (u.truncateAt !== null) payload = payload.subarray(0, Math.min(u.truncateAt, payload.length));
    return {
      payload,
      contentType: u.withBoundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
    };
  });
