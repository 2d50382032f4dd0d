import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser, createToken, type NewUser } from '../../src/app/auth.ts';
import type { AppContext } from '../../src/app/context.ts';
import { REQUEST_EXAMPLES } from '../../src/http/openapi.ts';
import { buildServer } from '../../src/http/server.ts';
import { indexPending } from '../../src/store/search-index.ts';
import { openTestApp, type Backend, type TestClock } from './backends.ts';
import { checkContract } from '../../src/http/contract-check.ts';

export type Harness = {
  ctx: AppContext;
  http: FastifyInstance;
  /** Creates a user with these roles (held in units: `{ role, unitId }`) and returns a bearer token for it. */
  staff(
    username: string,
    roles: NewUser['roles'],
    options?: { isAdmin?: boolean },
  ): Promise<{ id: string; token: string; username: string }>;
  call(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/** A real server on a real database, driven through `inject` (the full HTTP stack without a socket). */
export async function startHarness(
  backend: Backend,
  clock?: TestClock,
  options: { procedureDirs?: string[] } = {},
): Promise<Harness> {
  const { ctx, cleanup } = await openTestApp(backend, clock, options.procedureDirs);
  const http = await buildServer(ctx, { bodyLimit: 64 * 1024 });
  // Issue 26: every answer is checked against the OpenAPI document; a breach fails the request's test.
  const contract = checkContract(http);
  const breaches = () => {
    const found = contract.take();
    if (found.length > 0) throw new Error(`API contract broken:\n${found.join('\n')}`);
  };
  return {
    ctx,
    http,
    async staff(username, roles, options = {}) {
      const user = await addUser(
        ctx,
        {
          username,
          password: 'correct horse battery',
          roles,
          isAdmin: options.isAdmin ?? false,
          displayName: username,
        },
        'system:test',
      );
      const { token } = await createToken(ctx, username, 'test', 'system:test');
      return { id: user.id, token, username };
    },
    async call(method, url, options = {}) {
      // Issue 22: search is indexed after the write, by the indexer `plaint serve` runs every
      // 100 ms; a test that searches what it just wrote drains the queue first, as waiting out the
      // freshness window would (search-indexer.test.ts tests the queue itself).
      if (method === 'GET' && /[?&]q=/.test(url)) await indexPending(ctx.store);
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
      const response = await http.inject({
        method: method as 'GET',
        url,
        headers,
        payload: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      breaches();
      return response;
    },
    async close() {
      // Answers to requests a test injected itself are checked here, at the end of its file.
      breaches();
      await http.close();
      await cleanup();
    },
  };
}

/** A complete, valid public submission of a customer complaint; override what a test needs. */
export function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  // The submitCase example of the OpenAPI document: what integrators read is what the tests send.
  return { ...structuredClone(REQUEST_EXAMPLES['POST /api/v1/public/cases']), ...overrides };
}
