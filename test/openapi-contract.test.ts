import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { openapiText, REQUEST_EXAMPLES } from '../src/http/openapi.ts';
import { WEB_TYPES_PATH, webTypesText } from '../scripts/web-types.ts';
import { sqlite } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; description?: string; required?: boolean }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};

const RECEIPT_OPERATIONS = [
  'trackCase',
  'sendSubmitterMessage',
  'reportRetaliation',
  'appealCase',
  'performSubmitterAction',
  'uploadSubmitterAttachment',
  'downloadSubmitterAttachment',
  'requestOwnData',
  'listOwnDataRequests',
];

/** Issue 26: the published document says, for every operation, who may call it and what it answers. */
describe('the OpenAPI document (issue 26)', () => {
  let h: Harness;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
  let operations: [string, Operation][];
  beforeAll(async () => {
    h = await startHarness(sqlite);
    await h.http.ready();
    doc = h.http.swagger() as unknown as typeof doc;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  });
  afterAll(async () => h?.close());

  it('names every operation, uniquely, for what it does', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(operations.filter(([, op]) => !op.operationId).map(([key]) => key)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['submitCase', 'listCases', 'performAction', 'trackCase']));
  });

  it('states for every operation its security: explicitly none for public ones, session + CSRF or a token for staff', () => {
    expect(operations.filter(([, op]) => !Array.isArray(op.security)).map(([key]) => key)).toEqual([]);
    const byId = new Map(operations.map(([, op]) => [op.operationId, op]));
    expect(byId.get('submitCase')?.security).toEqual([]);
    expect(byId.get('listCases')?.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(byId.get('performAction')?.security).toEqual([{ session: [], csrf: [] }, { bearer: [] }]);
  });

  it('documents a success for every operation, with a schema for its body', () => {
    const undescribed: string[] = [];
    for (const [key, op] of operations) {
      // A redirect (a sign-in through a directory's platform) is that operation's success.
      const success = Object.entries(op.responses).filter(([status]) => /^[23]/.test(status));
      expect(success.length, key).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === '204' || status.startsWith('3')) {
          expect(response.content, key).toBeUndefined();
          continue;
        }
        const json = response.content?.['application/json']?.schema;
        if (json && String(json.description ?? '').startsWith('not yet described')) undescribed.push(op.operationId!);
        else
          expect(
            Object.values(response.content ?? {}).every((c) => c.schema),
            key,
          ).toBe(true);
      }
    }
    expect(undescribed, 'every operation declares its 2xx body (ok(description, schema) in its route)').toEqual([]);
  });

  it('answers every documented error in the shared Error schema', () => {
    expect(doc.components.schemas.Error).toBeDefined();
    for (const [key, op] of operations) {
      const failures = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(failures.length, key).toBeGreaterThan(0);
      for (const [status, response] of failures) {
        const schema = response.content?.['application/json']?.schema as { $ref?: string; anyOf?: unknown[] };
        // getHealth's 503 is a health answer for monitors with the Error's `error` inside it, or the Error.
        if (key === 'GET /api/v1/health' && status === '503')
          expect(schema.anyOf).toContainEqual({ $ref: '#/components/schemas/Error' });
        else expect(schema, key).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('describes every parameter, requires the receipt where it is needed, and gives uploads a multipart body', () => {
    const bare = operations.flatMap(([key, op]) =>
      (op.parameters ?? []).filter((p) => !p.description).map((p) => `${key} ${p.in}:${p.name}`),
    );
    expect(bare).toEqual([]);
    const byId = new Map(operations.map(([, op]) => [op.operationId, op]));
    for (const id of RECEIPT_OPERATIONS)
      expect(byId.get(id)?.parameters?.find((p) => p.name === 'x-receipt')?.required, id).toBe(true);
    for (const id of ['uploadAttachment', 'uploadSubmitterAttachment'])
      expect(Object.keys(byId.get(id)?.requestBody?.content ?? {}), id).toEqual(['multipart/form-data']);
  });

  it('is published as docs/openapi.json, and that file is current (npm run openapi)', () => {
    const published = readFileSync(join(import.meta.dirname, '..', 'docs', 'openapi.json'), 'utf8');
    expect(published === openapiText(h.http), 'docs/openapi.json is stale: run npm run openapi').toBe(true);
  });

  it('gives the web app its API types generated from that file, current too (issue 15: npm run openapi)', async () => {
    const root = join(import.meta.dirname, '..');
    const generated = readFileSync(join(root, ...WEB_TYPES_PATH), 'utf8');
    const fresh = await webTypesText(readFileSync(join(root, 'docs', 'openapi.json'), 'utf8'));
    expect(generated === fresh, 'web/src/api/schema.d.ts is stale: run npm run openapi').toBe(true);
  });

  it('gives submitCase and messageSubmitter a request example the tests send, valid against its own schema', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addSchema(structuredClone(doc), 'openapi.json');
    for (const [path, key] of [
      ['/api/v1/public/cases', 'POST /api/v1/public/cases'],
      ['/api/v1/cases/{id}/messages', 'POST /api/v1/cases/:id/messages'],
    ] as const) {
      const media = doc.paths[path].post.requestBody?.content['application/json'] as { example?: unknown };
      expect(media.example, path).toEqual(REQUEST_EXAMPLES[key]);
      const validate = ajv.compile({
        $ref: `openapi.json#/paths/${path.replaceAll('/', '~1')}/post/requestBody/content/application~1json/schema`,
      });
      expect(validate(media.example), `${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    // The harness's complaint() is that example: what integrators read is what the tests submit.
    expect(complaint()).toEqual(REQUEST_EXAMPLES['POST /api/v1/public/cases']);
  });
});
