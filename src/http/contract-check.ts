import { Ajv, type ValidateFunction } from 'ajv';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { toDraft7 } from './serialise.ts';

/**
 * Every answer of the API checked against an OpenAPI document (issue 26): its status is documented
 * for that operation, its content type too, its JSON body matches that status's schema, and the
 * serialiser sent what the handler made. An undocumented status or field is a violation.
 *
 * Used by the tests on the servers they build in process (`checkContract(app)`, then `take()`),
 * and by `plaint serve` itself when PLAINT_CONTRACT_CHECK is set (cli.ts → buildServer), which the
 * tests that start a real server process set: each violation is then written to stderr as one line
 * `CONTRACT-VIOLATION {json}` for them to collect. Off by default, and then never loaded (the import
 * in server.ts is dynamic): Ajv's compilation and a second JSON.stringify of every answer are for tests.
 */

/** The first word of the line a server writes for each violation it finds. */
export const CONTRACT_MARKER = 'CONTRACT-VIOLATION';

export type Violation = { method: string; path: string; status: number; problem: string };

export const describeViolation = (v: Violation): string => `${v.method} ${v.path} → ${v.status}: ${v.problem}`;

/** The line written to stderr for a violation: the marker, then the violation as JSON. */
export const violationLine = (v: Violation): string => `${CONTRACT_MARKER} ${JSON.stringify(v)}`;

/** The violations a server wrote into its output (stderr lines starting with the marker). */
export function violationsIn(output: string): Violation[] {
  const found: Violation[] = [];
  for (const line of output.split('\n')) {
    const at = line.indexOf(`${CONTRACT_MARKER} `);
    if (at < 0) continue;
    const json = line.slice(at + CONTRACT_MARKER.length + 1);
    try {
      found.push(JSON.parse(json) as Violation);
    } catch {
      // A line cut short (the server killed while writing it) still says something broke.
      found.push({ method: '?', path: '?', status: 0, problem: `unreadable report: ${json.slice(0, 300)}` });
    }
  }
  return found;
}

type Response = { content?: Record<string, { schema?: unknown }> };
export type OpenApiDocument = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

/** Validators compiled against one document: the document is the same for every server of a process. */
type Checker = { ajv: Ajv; validators: Map<string, ValidateFunction> };
const checkers = new WeakMap<object, Checker>();

function validator(doc: OpenApiDocument, pointer: string): { validate: ValidateFunction; ajv: Ajv } {
  let checker = checkers.get(doc);
  if (!checker) {
    // OpenAPI 3.0 schemas: `nullable` is understood; formats are not checked (the zod schemas do that).
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(toDraft7(doc), 'openapi.json');
    checker = { ajv, validators: new Map() };
    checkers.set(doc, checker);
  }
  let validate = checker.validators.get(pointer);
  if (!validate) {
    validate = checker.ajv.compile({ $ref: `openapi.json#${pointer}` });
    checker.validators.set(pointer, validate);
  }
  return { validate, ajv: checker.ajv };
}

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** `/api/v1/cases/:id` as the document writes it: `/api/v1/cases/{id}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function isJson(contentType: string): boolean {
  return contentType === 'application/json';
}

/** What is wrong with one answer, or nothing. */
function check(
  doc: OpenApiDocument,
  method: string,
  url: string | undefined,
  status: number,
  contentType: string,
  payload: unknown,
): string | undefined {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  // No route: the not-found / method-not-allowed answers, always in the Error shape.
  const key = url ? openapiPath(url) : undefined;
  const operation = key ? doc.paths[key]?.[method.toLowerCase()] : undefined;
  if (!operation) {
    if (url || status < 400 || text === undefined) return undefined;
    const { validate } = validator(doc, '/components/schemas/Error');
    return validate(JSON.parse(text)) ? undefined : `not in the Error shape: ${text.slice(0, 300)}`;
  }
  const response = operation.responses[String(status)];
  if (!response) return `status ${status} is not documented for this operation (${text?.slice(0, 300)})`;
  if (!response.content) return text ? `documented without a body, answered ${text.slice(0, 200)}` : undefined;
  const types = Object.keys(response.content);
  const documented =
    types.includes(contentType) || (!isJson(contentType) && types.includes('application/octet-stream'));
  if (!documented) return `content type ${contentType} is not documented (${types.join(', ')})`;
  if (!isJson(contentType) || text === undefined) return undefined;
  // A body not yet described (`{}` with a description) matches anything: no need to parse it.
  const schema = response.content[contentType]?.schema as Record<string, unknown> | undefined;
  if (!schema || Object.keys(schema).every((k) => k === 'description')) return undefined;
  const pointer = `/paths/${escapePointer(key!)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const { validate, ajv } = validator(doc, pointer);
  if (validate(JSON.parse(text))) return undefined;
  return `the body does not match the documented schema: ${ajv.errorsText(validate.errors)} — ${text.slice(0, 300)}`;
}

/** The first server's document, kept for the process: building one takes most of a second. */
let shared: OpenApiDocument | undefined;

/**
 * The server's document: the one already built in this process when it knows the route asked
 * (servers of one test file are built alike), else this server's own (one with other routes).
 */
function documentFor(app: FastifyInstance, method: string, url: string | undefined): OpenApiDocument {
  const known = !url || shared?.paths[openapiPath(url)]?.[method.toLowerCase()] !== undefined;
  if (shared && known) return shared;
  const own = app.swagger() as unknown as OpenApiDocument;
  shared ??= own;
  return own;
}

export type ContractCheckOptions = {
  /** The document to check against (a published docs/openapi.json); absent: the server's own. */
  document?: OpenApiDocument;
  /** Told each violation as it is found; absent: violations are kept for `take()`. */
  onViolation?: (violation: Violation) => void;
};

/**
 * Installs the check on a server before it is ready; `take()` returns (and forgets) what was
 * found since the last call, so the harness fails the request that broke the contract.
 */
export function checkContract(app: FastifyInstance, options: ContractCheckOptions = {}): { take(): string[] } {
  const found: string[] = [];
  const report =
    options.onViolation ??
    ((v: Violation) => {
      found.push(describeViolation(v));
    });
  let doc = options.document;
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
    const violation = (problem: string) => report({ method: request.method, path, status: reply.statusCode, problem });
    try {
      doc ??= documentFor(app, request.method, request.routeOptions.url);
      const contentType = String(reply.getHeader('content-type') ?? '')
        .split(';')[0]
        .trim();
      // Compression is a route-level onSend hook, run after this one: a compressed payload here
      // would be a body a handler compressed itself, which no JSON route does.
      const compressed = reply.getHeader('content-encoding');
      const before = sent.get(request);
      const problem = compressed
        ? undefined
        : check(doc, request.method, request.routeOptions.url, reply.statusCode, contentType, before ?? payload);
      if (problem) violation(problem);
      // The serialiser compiled from the schema (src/http/serialise.ts) sends what the handler made,
      // no more and no less: a body that fits its schema comes out as JSON.stringify would write it.
      else if (!compressed && before !== undefined && typeof payload === 'string' && isJson(contentType)) {
        if (!isDeepStrictEqual(JSON.parse(payload), JSON.parse(before)))
          violation(
            `the serialiser changed the answer: handler ${before.slice(0, 300)} — sent ${payload.slice(0, 300)}`,
          );
      }
    } catch (err) {
      violation(`contract check failed: ${(err as Error).message}`);
    }
    done();
  });
  return {
    take() {
      return found.splice(0, found.length);
    },
  };
}
