import { Ajv, type ValidateFunction } from 'ajv';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';

/**
 * Every answer a test receives from the API is checked against the server's own OpenAPI document
 * (issue 26): its status is documented for that operation, its content type too, and its JSON body
 * matches that status's schema. An undocumented status or field fails the test that produced it.
 * The validators are compiled once per process (the document is the same for every server).
 */

type Response = { content?: Record<string, { schema?: unknown }> };
type Doc = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validator(doc: Doc, pointer: string): ValidateFunction {
  if (!ajv) {
    // OpenAPI 3.0 schemas: `nullable` is understood; formats are not checked (the zod schemas do that).
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(asDraft7(structuredClone(doc)), 'openapi.json');
  }
  let compiled = validators.get(pointer);
  if (!compiled) {
    compiled = ajv.compile({ $ref: `openapi.json#${pointer}` });
    validators.set(pointer, compiled);
  }
  return compiled;
}

/** OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum` (zod's `.positive()`); Ajv reads draft 7. */
function asDraft7<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(asDraft7);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const [bound, flag] of [
      ['minimum', 'exclusiveMinimum'],
      ['maximum', 'exclusiveMaximum'],
    ] as const) {
      if (typeof o[flag] !== 'boolean') continue;
      if (o[flag]) o[flag] = o[bound];
      else delete o[flag];
      if (o[flag] !== undefined) delete o[bound];
    }
    // `nullable` beside `anyOf` (zod's nullable union): Ajv reads `nullable` only beside `type`.
    if (o.nullable === true && !o.type && Array.isArray(o.anyOf)) {
      o.anyOf = [...o.anyOf, { type: 'null' }];
      delete o.nullable;
    }
    Object.values(o).forEach(asDraft7);
  }
  return node;
}

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** `/api/v1/cases/:id` as the document writes it: `/api/v1/cases/{id}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function isJson(contentType: string): boolean {
  return contentType === 'application/json';
}

/** What is wrong with one answer, or nothing. */
function check(
  doc: Doc,
  method: string,
  url: string | undefined,
  path: string,
  status: number,
  contentType: string,
  payload: unknown,
): string | undefined {
  const where = `${method} ${path} → ${status}`;
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  // No route: the not-found / method-not-allowed answers, always in the Error shape.
  const key = url ? openapiPath(url) : undefined;
  const operation = key ? doc.paths[key]?.[method.toLowerCase()] : undefined;
  if (!operation) {
    if (url || status < 400 || text === undefined) return undefined;
    const ok = validator(doc, '/components/schemas/Error')(JSON.parse(text));
    return ok ? undefined : `${where}: not in the Error shape: ${text.slice(0, 300)}`;
  }
  const response = operation.responses[String(status)];
  if (!response) return `${where}: status ${status} is not documented for this operation (${text?.slice(0, 300)})`;
  if (!response.content) {
    return text ? `${where}: documented without a body, answered ${text.slice(0, 200)}` : undefined;
  }
  const types = Object.keys(response.content);
  const documented =
    types.includes(contentType) || (!isJson(contentType) && types.includes('application/octet-stream'));
  if (!documented) return `${where}: content type ${contentType} is not documented (${types.join(', ')})`;
  if (!isJson(contentType) || text === undefined) return undefined;
  // A body not yet described (`{}` with a description) matches anything: no need to parse it.
  const schema = response.content[contentType]?.schema as Record<string, unknown> | undefined;
  if (!schema || Object.keys(schema).every((k) => k === 'description')) return undefined;
  const pointer = `/paths/${escapePointer(key!)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const validate = validator(doc, pointer);
  if (validate(JSON.parse(text))) return undefined;
  return `${where}: the body does not match the documented schema: ${ajv!.errorsText(validate.errors)} — ${text.slice(0, 300)}`;
}

/** The first server's document, kept for the process: building one takes most of a second. */
let shared: Doc | undefined;

/**
 * The server's document: the one already built in this process when it knows the route asked
 * (servers of one test file are built alike), else this server's own (one with other routes).
 */
function documentFor(app: FastifyInstance, method: string, url: string | undefined): Doc {
  const known = !url || shared?.paths[openapiPath(url)]?.[method.toLowerCase()] !== undefined;
  if (shared && known) return shared;
  const own = app.swagger() as unknown as Doc;
  shared ??= own;
  return own;
}

/**
 * Installs the check on a server before it is ready; `take()` returns (and forgets) what was
 * found since the last call, so the harness fails the request that broke the contract.
 */
export function checkContract(app: FastifyInstance): { take(): string[] } {
  const found: string[] = [];
  let doc: Doc | undefined;
  // What the handler sent, before serialisation: the serialiser drops fields its schema does not
  // name, so checking only the bytes sent would hide a field the schema forgot (and the web app reads).
  const sent = new WeakMap<object, string>();
  app.addHook('preSerialization', (request, _reply, payload, done) => {
    if (payload !== null && typeof payload === 'object') sent.set(request, JSON.stringify(payload));
    done(null, payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || path.startsWith('/api/docs') || request.method === 'HEAD') return done();
    try {
      doc ??= documentFor(app, request.method, request.routeOptions.url);
      const contentType = String(reply.getHeader('content-type') ?? '')
        .split(';')[0]
        .trim();
      const compressed = reply.getHeader('content-encoding');
      const problem = compressed
        ? undefined
        : check(
            doc,
            request.method,
            request.routeOptions.url,
            path,
            reply.statusCode,
            contentType,
            sent.get(request) ?? payload,
          );
      if (problem) found.push(problem);
      // The serialiser compiled from the schema (src/http/serialise.ts) sends what the handler made,
      // no more and no less: a body that fits its schema comes out as JSON.stringify would write it.
      const before = sent.get(request);
      if (
        !problem &&
        !compressed &&
        before !== undefined &&
        typeof payload === 'string' &&
        contentType === 'application/json'
      ) {
        if (!isDeepStrictEqual(JSON.parse(payload), JSON.parse(before)))
          found.push(
            `${request.method} ${path} → ${reply.statusCode}: the serialiser changed the answer: handler ${before.slice(0, 300)} — sent ${payload.slice(0, 300)}`,
          );
      }
    } catch (err) {
      found.push(`${request.method} ${path}: contract check failed: ${(err as Error).message}`);
    }
    done();
  });
  return {
    take() {
      return found.splice(0, found.length);
    },
  };
}
