import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkContract, CONTRACT_MARKER, describeViolation, violationsIn } from '../src/http/contract-check.ts';
import { describeOperations, ok } from '../src/http/contract.ts';
import { SWAGGER_OPTIONS } from '../src/http/openapi.ts';
import { schemaSerialiserCompiler } from '../src/http/serialise.ts';
import { ROOT } from './support/cli.ts';
import { startServerProcess } from './support/server-process.ts';

/**
 * Issue 26: the contract check runs in the whole suite. The tests that start a real `plaint serve`
 * (test/support/server-process.ts, the browser scenarios' shared server) set PLAINT_CONTRACT_CHECK,
 * the server reports each answer outside its OpenAPI document on stderr, and the test fails. Shown
 * here with a server told to check against a document that promises what it does not do.
 */
describe('the contract check of a real plaint serve (issue 26)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaint-contract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each answer outside the document on stderr, and stop() fails listing them', async () => {
    // The published document with two promises the server does not keep.
    const doc = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8'));
    doc.paths['/api/v1/health'].get.responses['200'].content['application/json'].schema.properties.status.enum = [
      'fine',
    ];
    delete doc.paths['/api/v1/public/procedures'].get.responses['200'];
    const document = join(dir, 'openapi.json');
    writeFileSync(document, JSON.stringify(doc));
    const violationsFile = join(dir, 'violations.log');
    writeFileSync(violationsFile, '');
    const server = await startServerProcess(
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PLAINT_DATA_DIR: join(dir, 'data'),
        PLAINT_ADMIN_PASSWORD: 'contract-check-admin',
        // The request log is off: the reports are written whatever PLAINT_LOG says.
        PLAINT_LOG: 'off',
        PLAINT_CONTRACT_CHECK: document,
      },
      { violationsFile },
    );
    let stopped: Error | undefined;
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const procedures = await fetch(`${base}/api/v1/public/procedures`, { headers: { 'accept-encoding': 'br' } });
      expect(procedures.status).toBe(200);
      // Compressed on the way out (a browser asks for it): the check has read it before that.
      expect(procedures.headers.get('content-encoding')).toBe('br');
      // Answers the document allows are not reported: an unknown path's 404 in the Error shape, a 401.
      expect((await fetch(`${base}/api/v1/no-such-thing`)).status).toBe(404);
      expect((await fetch(`${base}/api/v1/me`)).status).toBe(401);
    } finally {
      stopped = await server.stop().then(
        () => undefined,
        (err: Error) => err,
      );
    }
    expect(server.output()).toContain(`every answer is checked against ${document}`);
    expect(stopped?.message).toMatch(/answered outside the API contract/);
    // startServerProcess waited for /api/v1/health: each of its 200s is one violation.
    expect(stopped?.message).toMatch(/GET \/api\/v1\/health → 200: the body does not match the documented schema/);
    expect(stopped?.message).toContain(
      'GET /api/v1/public/procedures → 200: status 200 is not documented for this operation',
    );
    const found = server.violations();
    expect(found.filter((v) => !v.startsWith('GET /api/v1/health → 200:'))).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/public\/procedures → 200: status 200 is not documented/),
    ]);
    // One line each on stderr, with the marker: what the shared web server's files read back.
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith(`${CONTRACT_MARKER} {`));
    expect(lines).toHaveLength(found.length);
    expect(violationsIn(readFileSync(violationsFile, 'utf8')).map(describeViolation)).toEqual(found);
  });

  it("checks against the server's own document by default, and finds nothing in the same answers", async () => {
    const server = await startServerProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: join(dir, 'data'),
      PLAINT_LOG: 'off',
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/api/v1/public/procedures`)).status).toBe(200);
      expect((await fetch(`${base}/api/v1/no-such-thing`)).status).toBe(404);
    } finally {
      await server.stop();
    }
    expect(server.output()).toContain('every answer is checked against the OpenAPI document');
    expect(server.violations()).toEqual([]);
  });
});

/** The kinds of violation, on a server with routes that break their own declarations on purpose. */
describe('what the contract check finds (issue 26)', () => {
  it('an undocumented status, an undeclared field, an error outside the Error shape; not a kept promise', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(schemaSerialiserCompiler(() => app.log));
    const contract = checkContract(app);
    describeOperations(app);
    await app.register(swagger, SWAGGER_OPTIONS);
    const Thing = z.object({ name: z.string() });
    const schema = { response: { 200: ok('a thing', Thing) } };
    app.get('/api/v1/kept', { schema }, async () => ({ name: 'kept' }));
    app.get('/api/v1/extra', { schema }, async () => ({ name: 'extra', secret: 'leaked?' }));
    app.get('/api/v1/teapot', { schema }, async (_request, reply) => reply.code(418 as 200).send({ name: 'teapot' }));
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not the Error shape' }));
    await app.ready();
    try {
      const answers: number[] = [];
      for (const url of ['/api/v1/kept', '/api/v1/extra', '/api/v1/teapot', '/api/v1/nowhere'])
        answers.push((await app.inject({ url })).statusCode);
      expect(answers).toEqual([200, 200, 418, 404]);
      const found = contract.take();
      expect(found).toEqual([
        // The serialiser would drop `secret`; the check reads what the handler made.
        expect.stringMatching(/^GET \/api\/v1\/extra → 200: the body does not match the documented schema:.*secret/),
        expect.stringMatching(/^GET \/api\/v1\/teapot → 418: status 418 is not documented for this operation/),
        expect.stringMatching(/^GET \/api\/v1\/nowhere → 404: not in the Error shape/),
      ]);
      expect(contract.take()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
