import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/http/server.ts';
import { ZError } from '../src/http/contract.ts';
import { compileResponse, DECLARED, JSON_FALLBACK } from '../src/http/serialise.ts';
import { ZCasePage } from '../src/http/case.views.ts';
import { openTestApp, sqlite } from './support/backends.ts';
import { inboxPage } from './support/inbox-page.ts';

/**
 * Issue 26: answers are serialised through their response schemas (fast-json-stringify), so a
 * property a schema does not name never leaves the server; a value that does not fit its schema is
 * logged and sent pruned, not turned into a 500; every route's schemas compile.
 */
describe('serialising answers through their response schemas (issue 26)', () => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestApp(sqlite);
    cleanup = opened.cleanup;
    app = await buildServer(opened.ctx);
    // Routes of the test's own, on the server as buildServer makes it (its serializer compiler):
    // handlers that answer more than, or other than, what their schemas declare.
    const ZAnswer = z.object({
      id: z.string(),
      at: z.iso.datetime(),
      when: z.date(),
      note: z.string().nullable(),
      count: z.number().int(),
      labels: z.record(z.string(), z.object({ 'zh-CN': z.string() })),
      items: z.array(z.union([z.object({ kind: z.literal('a'), a: z.string() }), z.object({ kind: z.literal('b') })])),
    });
    const answer = {
      id: '01KB',
      at: '2026-11-30T02:00:00.000Z',
      when: new Date('2026-11-30T02:00:00.000Z'),
      note: null,
      count: 3,
      labels: { x: { 'zh-CN': '某', secret: 's1' } },
      items: [
        { kind: 'a', a: 'x', secret: 's2' },
        { kind: 'b', secret: 's3' },
      ],
      passwordHash: '$argon2id$…',
    };
    app.get(
      '/api/v1/test/leak',
      { schema: { response: { 200: ZAnswer } } },
      async () => answer as unknown as z.infer<typeof ZAnswer>,
    );
    app.get('/api/v1/test/wrong-type', { schema: { response: { 200: ZAnswer } } }, async () => ({
      ...answer,
      count: 'many' as unknown as number,
    }));
    app.get('/api/v1/test/error', { schema: { response: { 409: ZError } } }, async (_request, reply) =>
      reply.code(409).send({
        error: { code: 'CONFLICT', message: '冲突 / conflict', details: { version: 2 }, stack: 'at x.ts:1' },
      } as never),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  it('drops what the schema does not name, at every depth (JSON.stringify sent it all)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/leak' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('passwordHash');
    expect(res.json()).toEqual({
      id: '01KB',
      at: '2026-11-30T02:00:00.000Z',
      when: '2026-11-30T02:00:00.000Z',
      note: null,
      count: 3,
      labels: { x: { 'zh-CN': '某' } },
      items: [{ kind: 'a', a: 'x' }, { kind: 'b' }],
    });
  });

  it('sends an error in the Error shape only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/error' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'CONFLICT', message: '冲突 / conflict', details: { version: 2 } } });
  });

  it('answers a value of the wrong type without a 500, pruned, through the fallback', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/wrong-type' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('passwordHash');
    expect(res.json()).toMatchObject({ id: '01KB', count: 'many', when: '2026-11-30T02:00:00.000Z' });
  });

  it('compiles every JSON response schema of every route; the fallback list only shrinks', () => {
    const keys = [...DECLARED.keys()].filter((k) => !k.includes('/api/v1/test/'));
    expect(keys.length).toBeGreaterThan(500);
    const failed: string[] = [];
    for (const key of keys) {
      if (key.endsWith(' 204')) continue;
      const compiled = compileResponse(DECLARED.get(key)!);
      if (!compiled.compiledOk && !JSON_FALLBACK[key]) failed.push(`${key}: ${compiled.error?.message}`);
    }
    expect(failed, 'schemas fast-json-stringify cannot compile: fix them or list them in JSON_FALLBACK').toEqual([]);
    // A listed answer whose schema now compiles leaves the list.
    for (const key of Object.keys(JSON_FALLBACK)) {
      const schema = DECLARED.get(key);
      expect(schema, `${key} is no route's answer any more: remove it from JSON_FALLBACK`).toBeDefined();
      expect(compileResponse(schema!).compiledOk, `${key} compiles now: remove it from JSON_FALLBACK`).toBe(false);
    }
  });

  it('writes unions (of objects with defaults, of scalars) as JSON.stringify does, without Ajv', () => {
    // As a case's allowed actions carry their procedure's field definitions: a union of kinds.
    const ZFields = z.object({
      input: z.array(
        z.union([
          z.object({ type: z.literal('text'), name: z.string(), max: z.number().int().default(50) }),
          z.object({ type: z.literal('date'), name: z.string(), notPast: z.boolean().default(false) }),
        ]),
      ),
      cells: z.array(z.union([z.string(), z.number()]).nullable()),
    });
    const value = {
      input: [
        { type: 'text', name: 'note', max: 10 },
        { type: 'date', name: 'due' },
      ],
      cells: ['a', 1, null, 2.5],
    };
    expect(JSON.parse(compileResponse(ZFields).serialise(value))).toEqual(value);
    expect(compileResponse(ZFields).serialise({ ...value, input: [{ ...value.input[0], secret: 1 }] })).not.toContain(
      'secret',
    );
  });

  it('writes an inbox page exactly as JSON.stringify does', () => {
    const page = inboxPage(50);
    const { serialise, compiledOk } = compileResponse(ZCasePage);
    expect(compiledOk).toBe(true);
    expect(JSON.parse(serialise(page))).toEqual(JSON.parse(JSON.stringify(page)));
  });
});
