import build from 'fast-json-stringify';
import type { FastifyBaseLogger, FastifySerializerCompiler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { globalRegistry, type z } from 'zod';

/**
 * Answers serialised through their response schemas (issue 26): each route's declared zod schema
 * for a status is turned into JSON Schema by the same converter that writes the OpenAPI document
 * (fastify-type-provider-zod's `jsonSchemaTransform`, OpenAPI 3.0 target) and compiled with
 * fast-json-stringify. A property the schema does not name is not sent; a known shape is written
 * without JSON.stringify's walk over every key.
 *
 * - Compiled on the first answer of each schema, once per process (schemas are module constants),
 *   so a server starts as fast as before and a test builds only what it uses.
 * - A schema fast-json-stringify cannot compile, or one listed in JSON_FALLBACK, is sent with
 *   JSON.stringify after dropping the properties the schema does not name (`prune`).
 * - A value the compiled serialiser refuses (a wrong type: a text where the schema says integer, a
 *   missing required property, a union no branch of which matches) is not a 500: the answer is
 *   sent through the same fallback and the mismatch is logged at `error` with route and status, so
 *   the defect is seen and fixed. The contract check (contract-check.ts, on in every test's server)
 *   validates every answer before serialisation, so such a mismatch fails the test that made it.
 * - 204 has no body; a file route's non-JSON content types never reach a serialiser (the handler
 *   sends a Buffer, string or stream, which Fastify writes as it is).
 */

type JsonSchema = Record<string, unknown>;
type Serialise = (data: unknown) => string;

/**
 * `METHOD url status` of answers knowingly sent with JSON.stringify (after pruning) rather than a
 * compiled serialiser, and why. test/serialise.test.ts compiles every route's schemas: an entry that
 * compiles fails it (remove the entry), as does a schema that does not compile and is not listed.
 */
export const JSON_FALLBACK: Record<string, string> = {};

/** The OpenAPI version the document is written in (@fastify/swagger's default): the same conversion. */
const OPENAPI = { openapi: '3.0.3' };

let components: { size: number; schemas: Record<string, unknown> } | undefined;

/** The registered (`.meta({ id })`) schemas as the document's components, rebuilt when more are registered. */
function componentSchemas(): Record<string, unknown> {
  const size = globalRegistry._idmap.size;
  if (components?.size !== size) {
    const object = jsonSchemaTransformObject({ openapiObject: OPENAPI } as never) as {
      components?: { schemas?: Record<string, unknown> };
    };
    components = { size, schemas: toDraft7(object.components?.schemas ?? {}) };
  }
  return components.schemas;
}

/** The JSON Schema of one response as the document states it (`$ref`s into `components.schemas`). */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  const out = jsonSchemaTransform({
    schema: { response: { 200: schema } },
    url: '/',
    route: { method: 'GET', url: '/' },
    openapiObject: OPENAPI,
  } as never) as { schema: { response: Record<string, JsonSchema> } };
  return toDraft7(out.schema.response['200']);
}

/**
 * OpenAPI 3.0 → the JSON Schema (draft 7) fast-json-stringify and its Ajv read: `exclusiveMinimum:
 * true` beside `minimum` becomes a number, `nullable` beside `anyOf` a null branch. fast-json-stringify
 * reads `nullable` beside `type` itself. The contract check (contract-check.ts) gives its Ajv the
 * whole document through this same function. Returns a copy; the input is not changed.
 */
export function toDraft7<T>(node: T): T {
  if (Array.isArray(node)) return node.map(toDraft7) as T;
  if (!node || typeof node !== 'object') return node;
  const o: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) o[key] = toDraft7(value);
  for (const [bound, flag] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (typeof o[flag] !== 'boolean') continue;
    if (o[flag]) {
      o[flag] = o[bound];
      delete o[bound];
    } else delete o[flag];
  }
  if (o.nullable === true && !o.type && Array.isArray(o.anyOf)) {
    o.anyOf = [...o.anyOf, { type: 'null' }];
    delete o.nullable;
  }
  return o as T;
}

/** Follows a `#/components/schemas/X` reference. */
function resolve(schema: JsonSchema, defs: Record<string, unknown>): JsonSchema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++)
    s = (defs[s.$ref.replace('#/components/schemas/', '')] ?? {}) as JsonSchema;
  return s;
}

/**
 * The value with only what the schema names: objects keep their declared properties (all of a
 * union's object branches), records and arrays are walked, anything else is kept as it is.
 */
export function prune(value: unknown, schema: JsonSchema, defs: Record<string, unknown>, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > 64) return value;
  const s = resolve(schema, defs);
  const branches = [...((s.anyOf ?? s.oneOf ?? []) as JsonSchema[]), ...((s.allOf ?? []) as JsonSchema[])];
  if (Array.isArray(value)) {
    const items = (s.items ?? branches.map((b) => resolve(b, defs)).find((b) => b.items)?.items) as
      | JsonSchema
      | undefined;
    return items ? value.map((v) => prune(v, items, defs, depth + 1)) : value;
  }
  const shapes = [s, ...branches.map((b) => resolve(b, defs))].filter((b) => b.properties || b.additionalProperties);
  // No object shape anywhere (`{}`, z.unknown()): the schema says nothing to keep out.
  if (shapes.length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const shape = shapes.find((b) => (b.properties as Record<string, unknown> | undefined)?.[key] !== undefined);
    if (shape) out[key] = prune(v, (shape.properties as Record<string, JsonSchema>)[key], defs, depth + 1);
    else {
      const open = shapes.find((b) => b.additionalProperties && b.additionalProperties !== false);
      if (!open) continue;
      const extra = open.additionalProperties;
      out[key] = extra === true ? v : prune(v, extra as JsonSchema, defs, depth + 1);
    }
  }
  return out;
}

/**
 * The schema as the serialiser reads it: a union of objects becomes one object with the properties
 * of all its branches (none required), a union of scalars one list of types. fast-json-stringify
 * would otherwise pick each value's branch by validating it with Ajv against every branch — ten
 * times JSON.stringify's time for a case whose actions carry a procedure's field definitions (a
 * union of 13 kinds). `default`s are dropped (fast-json-stringify would write them for a missing
 * property). For a value that fits the schema the output is the same (the contract check
 * in the tests compares it with JSON.stringify's); what no branch names is still dropped.
 */
export function forSerialiser(node: unknown, defs: Record<string, unknown>, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => forSerialiser(n, defs, depth));
  if (!node || typeof node !== 'object' || depth > 40) return node;
  const o: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // fast-json-stringify writes a missing property's `default`; the serialiser writes what the handler made.
    if (key === 'default') continue;
    o[key] =
      key === 'properties'
        ? mapValues(value, (v) => forSerialiser(v, defs, depth + 1))
        : forSerialiser(value, defs, depth + 1);
  }
  const branches = (o.anyOf ?? o.oneOf) as JsonSchema[] | undefined;
  if (!branches) return o;
  const resolved = branches.map((b) => resolve(b, defs));
  const real = resolved.filter(
    (b) => b.type !== 'null' && !(Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null),
  );
  const nullable = o.nullable === true || real.length < resolved.length;
  const { anyOf: _a, oneOf: _o, nullable: _n, ...rest } = o;
  if (real.length > 0 && real.every((b) => b.type === 'object' && !b.anyOf && !b.oneOf && !b.allOf)) {
    const properties: Record<string, unknown> = {};
    for (const b of real)
      for (const [key, schema] of Object.entries((b.properties ?? {}) as Record<string, unknown>))
        properties[key] = key in properties && JSON.stringify(properties[key]) !== JSON.stringify(schema) ? {} : schema;
    const open = real.find((b) => b.additionalProperties && b.additionalProperties !== false)?.additionalProperties;
    return {
      ...rest,
      type: 'object',
      properties,
      additionalProperties: open ?? false,
      ...(nullable ? { nullable: true } : {}),
    };
  }
  const SCALAR = ['string', 'number', 'integer', 'boolean'];
  if (real.length > 0 && real.every((b) => typeof b.type === 'string' && SCALAR.includes(b.type) && !b.format)) {
    const types = [...new Set(real.map((b) => (b.type === 'integer' ? 'number' : (b.type as string))))];
    return { ...rest, type: nullable ? [...types, 'null'] : types };
  }
  return o;
}

function mapValues(value: unknown, f: (v: unknown) => unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v)]));
}

/** Compiled serialisers by zod schema: routes share schemas (the Error one above all). */
const compiled = new WeakMap<object, { serialise: Serialise; fallback: Serialise; compiledOk: boolean }>();

/** Compiles one zod response schema; `compiledOk` is false when fast-json-stringify refused it. */
export function compileResponse(
  schema: z.ZodType,
  key?: string,
): {
  serialise: Serialise;
  fallback: Serialise;
  compiledOk: boolean;
  error?: Error;
} {
  const known = compiled.get(schema);
  if (known && !key) return known;
  const json = responseJsonSchema(schema);
  const defs = componentSchemas();
  const fallback: Serialise = (data) => JSON.stringify(prune(data, json, defs)) ?? 'null';
  let result: { serialise: Serialise; fallback: Serialise; compiledOk: boolean; error?: Error };
  if (key && JSON_FALLBACK[key]) result = { serialise: fallback, fallback, compiledOk: false };
  else {
    try {
      // 'native': plain scratch objects handed to V8's JSON.stringify fast path (Node 25+; a no-op before).
      const schemas = mapValues(defs, (d) => forSerialiser(d, defs)) as Record<string, unknown>;
      const serialise = build(
        { ...(forSerialiser(json, defs) as JsonSchema), components: { schemas } } as build.AnySchema,
        {
          objectMechanism: 'native',
        },
      ) as Serialise;
      result = { serialise, fallback, compiledOk: true };
    } catch (error) {
      result = { serialise: fallback, fallback, compiledOk: false, error: error as Error };
    }
  }
  if (!key) compiled.set(schema, result);
  return result;
}

/** Every JSON response schema the servers of this process declared, by `METHOD url status`. */
export const DECLARED = new Map<string, z.ZodType>();

/**
 * The serializer compiler of the server: Fastify calls it per route, status and content type when
 * the route is registered; the schema is compiled on the route's first answer with that status.
 */
export function schemaSerialiserCompiler(log: () => FastifyBaseLogger): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url, httpStatus, contentType }) => {
    if (httpStatus === '204') return () => '';
    // A file route's binary content types: never used with an object (files go out as they are).
    if (contentType && contentType !== 'application/json') return (data: unknown) => JSON.stringify(data);
    const key = `${method} ${url} ${httpStatus}`;
    DECLARED.set(key, schema);
    let ready: { serialise: Serialise; fallback: Serialise; compiledOk: boolean; error?: Error } | undefined;
    return (data: unknown) => {
      if (!ready) {
        ready = compileResponse(schema, JSON_FALLBACK[key] ? key : undefined);
        if (ready.error)
          log().error(
            { route: key, err: ready.error },
            'response schema does not compile: answers are pruned and sent with JSON.stringify',
          );
      }
      try {
        return ready.serialise(data);
      } catch (err) {
        // A value the schema does not allow: the answer still goes out, without undeclared properties.
        log().error({ route: key, err }, 'answer does not match its response schema: sent with JSON.stringify');
        return ready.fallback(data);
      }
    };
  };
}
