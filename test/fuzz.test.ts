import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { BACKENDS, openTestApp, sqlite } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';
import { checkContract } from '../src/http/contract-check.ts';
import {
  CONTENT_TYPES,
  EDGE_STRINGS,
  fromSchema,
  hostileString,
  hostileValue,
  RAW_BODIES,
  TRAVERSAL,
  upload,
  type JsonSchema,
} from './support/hostile.ts';
import { startServerProcess } from './support/server-process.ts';

/**
 * Issue 9, faults §4: hostile input to every operation the server publishes in its OpenAPI
 * document — wrong types, missing and extra fields, huge strings, deep JSON, unicode edge cases,
 * numbers out of range, traversal in paths and file names, bad multipart, bad headers — as
 * anonymous, handler (token and session) and admin. Never a 5xx; every 4xx in the API error
 * shape; a batch of rejected requests changes nothing in the database; the process stays up.
 */

type Param = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: JsonSchema };
type Operation = { method: string; path: string; params: Param[]; body?: JsonSchema; multipart: boolean };
type Auth = 'anonymous' | 'handler-token' | 'handler-session' | 'admin-token' | 'bad';
type Sent = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 30);
const CHUNK = 110;

/** The operations of the published OpenAPI document (GET /api/docs/json is the same document). */
function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Param[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        multipart: path.endsWith('/attachments') && method === 'post',
      });
    }
  }
  return ops;
}

/** Percent-encodes what `encodeURIComponent` refuses (lone surrogates) as their UTF-8 replacement. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Header values carry bytes, not characters: keep them to what HTTP can carry. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e]/g, '?').slice(0, 20_000);

/**
 * The state a rejected request must not touch: every table but `throttle`, which counts failed
 * guesses by design, and a token's `last_used_at` and a session's `last_seen_at` (issue 28's idle
 * timeout), which record that the credential was presented (at most once a minute), whatever the
 * request then asked for.
 */
type Digest = { hash: string; auditSeq: number };

/**
 * SQLite: the tables are read again only when a row was written since they were last read. The
 * connection's total_changes() counts every row an INSERT, UPDATE or DELETE wrote (one rolled back
 * too), and the app writes through this one connection: an unchanged count is unchanged tables.
 * Reading every table twice per group of requests was most of this file's time (CI budget).
 */
const lastDigest = new WeakMap<AppContext['store'], { changes: number; digest: Digest }>();
async function stateDigest(ctx: AppContext): Promise<Digest> {
  if (ctx.store.dialect !== 'sqlite') return tableDigest(ctx);
  const count = await sql<{ n: number }>`select total_changes() as n`.execute(ctx.store.db);
  const changes = Number(count.rows[0].n);
  const last = lastDigest.get(ctx.store);
  if (last?.changes === changes) return last.digest;
  const digest = await tableDigest(ctx);
  lastDigest.set(ctx.store, { changes, digest });
  return digest;
}

async function tableDigest(ctx: AppContext): Promise<Digest> {
  const skip = new Set(['throttle', 'kysely_migration', 'kysely_migration_lock']);
  // Only this test's own schema is read: Kysely's introspection walks every schema in the
  // database, and other test files create and drop theirs meanwhile (it failed on a vanished one).
  const names =
    ctx.store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(ctx.store.db)).rows
      : (
          await sql<{
            name: string;
          }>`select tablename as name from pg_tables where schemaname = ${ctx.store.pgSchema}`.execute(ctx.store.db)
        ).rows;
  const tables = names
    .map((t) => t.name)
    .filter((name) => !skip.has(name))
    .sort();
  const hash = createHash('sha256');
  for (const name of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(ctx.store.db)).rows.map(
      (r) =>
        name === 'api_tokens'
          ? { ...r, last_used_at: undefined }
          : name === 'sessions'
            ? { ...r, last_seen_at: undefined }
            : r,
    );
    hash.update(`${name}:${rows.length}\n`);
    for (const line of rows
      .map((r) => JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)))
      .sort())
      hash.update(line);
  }
  // Issue 22: the records of every chain (the heads' numbers add up to the records written).
  const heads = await ctx.store.db.selectFrom('audit_chains').select('seq').execute();
  return { hash: hash.digest('hex'), auditSeq: heads.reduce((sum, h) => sum + Number(h.seq), 0) };
}

/** A 4xx must be `{ error: { code, message, details } }` with nothing of the server's insides. */
function checkErrorShape(status: number, body: string, what: string): void {
  let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${what}: ${status} with a body that is not JSON: ${body.slice(0, 300)}`);
  }
  const error = parsed?.error;
  if (
    !error ||
    typeof error.code !== 'string' ||
    !/^[A-Z_]+$/.test(error.code) ||
    typeof error.message !== 'string' ||
    !error.message ||
    !('details' in error)
  ) {
    throw new Error(`${what}: ${status} not in the API error shape: ${body.slice(0, 300)}`);
  }
  if (/\n\s+at |node_modules|\.ts:\d+|\/src\//.test(body))
    throw new Error(`${what}: ${status} leaks a stack trace: ${body.slice(0, 300)}`);
}

describe.each(BACKENDS)('hostile input from the OpenAPI document on $name (inject)', (backend) => {
  // The volume runs on the SQLite file; PostgreSQL gets a third of it, for what only it refuses.
  const runsPerOperation = backend.name === 'sqlite' ? RUNS_PER_OPERATION : Math.ceil(RUNS_PER_OPERATION / 3);
  let ctx: AppContext;
  let app: FastifyInstance;
  let cleanup: () => Promise<void> = async () => {};
  let ops: Operation[] = [];
  const known = {
    caseId: '',
    trackingNo: '',
    receipt: '',
    attachmentId: '',
    userIds: [] as string[],
    bystanderId: '',
    adminToken: '',
    handlerToken: '',
    session: '',
    csrf: '',
  };
  let sentTotal = 0;
  // Issue 26: every answer, hostile request or not, is checked against the OpenAPI document.
  let contract: ReturnType<typeof checkContract> | undefined;
  afterEach(() => {
    expect(contract?.take() ?? [], 'API contract broken').toEqual([]);
  });

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend));
    // The server as `plaint serve` builds it: 1 MB body limit, all routes.
    app = await buildServer(ctx);
    contract = checkContract(app);
    await app.ready();
    ops = operationsOf(app.swagger() as never);
    const admin = await addUser(
      ctx,
      { username: 'fuzz-admin', password: 'correct horse battery', roles: [], isAdmin: true, displayName: '管理员' },
      'system:test',
    );
    const handler = await addUser(
      ctx,
      {
        username: 'fuzz-handler',
        password: 'correct horse battery',
        isAdmin: false,
        displayName: '处理人',
        roles: ['customer-service', 'customer-service-manager', 'auditor'].map((role) => ({ role, unitId: null })),
      },
      'system:test',
    );
    known.userIds = [admin.id, handler.id];
    known.bystanderId = (
      await addUser(
        ctx,
        { username: 'fuzz-bystander', password: 'correct horse battery', roles: [], isAdmin: false },
        'system:test',
      )
    ).id;
    known.adminToken = (await createToken(ctx, 'fuzz-admin', 'fuzz', 'system:test')).token;
    known.handlerToken = (await createToken(ctx, 'fuzz-handler', 'fuzz', 'system:test')).token;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'fuzz-handler', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    known.session = login.cookies.find((c) => c.name === 'plaint_session')!.value;
    known.csrf = login.json().csrfToken;
    const submitted = await app.inject({ method: 'POST', url: '/api/v1/public/cases', payload: complaint() });
    expect(submitted.statusCode).toBe(201);
    ({ trackingNo: known.trackingNo, receipt: known.receipt } = submitted.json());
    known.caseId = (await ctx.store.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png')]);
    const b = 'seed-boundary';
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${known.trackingNo}/attachments`,
      headers: { 'x-receipt': known.receipt, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    });
    expect(added.statusCode, added.body).toBe(201);
    known.attachmentId = added.json().id;
  });

  afterAll(async () => {
    await app?.close();
    await cleanup();
    console.info(`fuzz (inject, ${backend.name}): ${sentTotal} requests over ${ops.length} operations`);
  });

  function authHeaders(auth: Auth, badPick: number, csrfRight: boolean): Record<string, string> {
    switch (auth) {
      case 'anonymous':
        return {};
      case 'handler-token':
        return { authorization: `Bearer ${known.handlerToken}` };
      case 'admin-token':
        return { authorization: `Bearer ${known.adminToken}` };
      case 'handler-session':
        return {
          cookie: `plaint_session=${known.session}`,
          ...(csrfRight ? { 'x-csrf-token': known.csrf } : { 'x-csrf-token': 'wrong' }),
        };
      case 'bad':
        return [
          { authorization: `Bearer ${'x'.repeat(20_000)}` },
          { authorization: 'Basic Zm9vOmJhcg==' },
          { authorization: 'Bearer' },
          { authorization: 'Bearer plt_../../etc/passwd' },
          { cookie: `plaint_session=${'a'.repeat(100_000)}` },
          { cookie: '%%%=;;;=;plaint_session' },
          { cookie: `${Array.from({ length: 2000 }, (_, i) => `c${i}=v`).join('; ')}` },
          { cookie: `plaint_session=${known.session}` /* no CSRF token */ },
        ][badPick % 8];
    }
  }

  /** A value for a path parameter: a real one, a plausible one, or an attack on the path. */
  function pathValue(op: Operation, name: string): fc.Arbitrary<string> {
    const real: string[] =
      name === 'trackingNo'
        ? [known.trackingNo]
        : name === 'action'
          ? ['accept', 'reject', 'assign', 'withdraw', 'rate', 'close-invalid', 'forward']
          : name === 'index'
            ? ['0', '1', '19', '20', '-1', '1.5', '1e3']
            : // Disabling or resetting a user ends their sessions and tokens (issue 28), which every later
              // request uses (like signing out, below): those operations get a bystander's id instead.
              /\/admin\/users\/\{id\}\/(disable|reset-password)$/.test(op.path)
              ? [known.caseId, known.attachmentId, known.bystanderId]
              : [known.caseId, known.attachmentId, ...known.userIds];
    const schema = op.params.find((p) => p.in === 'path' && p.name === name)?.schema;
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...real).map(encodeSegment) },
      {
        weight: 2,
        arbitrary: fromSchema(schema).map((v) =>
          encodeSegment(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')),
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom(...TRAVERSAL) },
      { weight: 2, arbitrary: hostileString.map((s) => encodeSegment(s.slice(0, 5000))) },
    );
  }

  /** A known-good body for the operation, so mutations reach the code behind validation. */
  function baseBody(op: Operation): Record<string, unknown> | undefined {
    const p = op.path;
    if (p === '/api/v1/public/cases' || p === '/api/v1/cases') return complaint();
    if (p.endsWith('/messages'))
      return { text: '补充一点情况', ...(p.startsWith('/api/v1/public') ? { kind: 'material' } : {}) };
    if (p.endsWith('/retaliation')) return { description: '提交投诉后被调岗' };
    if (p.endsWith('/appeal')) return { reasons: '处理结果不公平，请复查' };
    if (p.includes('/actions/')) return { input: { category: 'product-quality', note: '受理' }, expectedVersion: 1 };
    if (p === '/api/v1/auth/login') return { username: 'fuzz-handler', password: 'correct horse battery' };
    if (p.endsWith('/identity')) return { reason: '需要联系投诉人核实情况' };
    return undefined;
  }

  function mutate(base: Record<string, unknown>): fc.Arbitrary<unknown> {
    const keys = Object.keys(base);
    return fc.oneof(
      fc.constant(base),
      fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...base, [k]: v })),
      fc.constantFrom(...keys).map((k) => {
        const copy = { ...base };
        delete copy[k];
        return copy;
      }),
      fc.tuple(fc.string({ maxLength: 12 }), hostileValue).map(([k, v]) => ({ ...base, [k]: v })),
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...EDGE_STRINGS)).map(([k, v]) => ({ ...base, [k]: v })),
    );
  }

  function requestFor(op: Operation): fc.Arbitrary<Sent & { auth: Auth }> {
    const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const queryParams = op.params.filter((p) => p.in === 'query');
    const base = baseBody(op);
    const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = op.multipart
      ? upload.map((u) => ({ payload: u.payload, contentType: u.contentType }))
      : fc.oneof(
          {
            weight: 4,
            arbitrary: (base ? mutate(base) : fromSchema(op.body ?? { type: 'object' })).map((v) => ({
              payload: JSON.stringify(v) ?? 'null',
              contentType: 'application/json',
            })),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ payload: raw, contentType: 'application/json' })),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom('{"text":"x"}', 'a=b', '<x/>'))
              .map(([contentType, payload]) => ({ payload, contentType })),
          },
          { weight: 1, arbitrary: fc.constant({}) },
        );
    return fc
      .record({
        auth: fc.constantFrom<Auth>('anonymous', 'handler-token', 'handler-session', 'admin-token', 'bad'),
        badPick: fc.nat(),
        csrfRight: fc.boolean(),
        path: fc.tuple(...pathNames.map((n) => pathValue(op, n))),
        query: fc.tuple(
          ...queryParams.map((p) => fc.option(fromSchema(p.schema), { freq: 2 })),
          fc.option(fc.tuple(fc.string({ maxLength: 8 }), hostileString), { freq: 5 }),
        ),
        receipt: fc.oneof(
          fc.constant(known.receipt),
          fc.constant(known.receipt.toLowerCase()),
          hostileString.map(headerSafe),
          fc.constant(undefined),
        ),
        idempotencyKey: fc.option(fc.oneof(fc.string({ maxLength: 30 }), hostileString).map(headerSafe), { freq: 3 }),
        body,
        ip: fc.ipV4(),
      })
      .map((r) => {
        // Signing out would end the session every later request uses; logout gets the other auths.
        if (op.path === '/api/v1/auth/logout' && r.auth === 'handler-session') r.auth = 'anonymous';
        let url = op.path;
        for (const [i, n] of pathNames.entries()) url = url.replace(`{${n}}`, r.path[i]);
        const search: string[] = [];
        queryParams.forEach((p, i) => {
          const v = r.query[i];
          if (v !== null)
            search.push(
              `${encodeURIComponent(p.name)}=${encodeSegment(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
            );
        });
        const extra = r.query[queryParams.length] as [string, string] | null;
        if (extra) search.push(`${encodeSegment(extra[0])}=${encodeSegment(extra[1].slice(0, 20_000))}`);
        if (search.length) url += `?${search.join('&')}`;
        const headers: Record<string, string> = {
          ...authHeaders(r.auth, r.badPick, r.csrfRight),
          'x-forwarded-for': r.ip,
        };
        if (r.receipt !== undefined) headers['x-receipt'] = r.receipt;
        if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
        const withBody = op.method !== 'GET' && op.method !== 'DELETE' && r.body.payload !== undefined;
        if (withBody && r.body.contentType) headers['content-type'] = r.body.contentType;
        return {
          auth: r.auth,
          method: op.method,
          url,
          headers,
          ...(withBody ? { payload: r.body.payload } : {}),
          remoteAddress: r.ip,
        } as Sent & { auth: Auth };
      });
  }

  const resetThrottle = () => ctx.store.db.deleteFrom('throttle').execute();

  async function send(sent: Sent & { remoteAddress?: string }): Promise<LightMyRequestResponse> {
    sentTotal++;
    return app.inject({
      method: sent.method as InjectOptions['method'],
      url: sent.url,
      headers: sent.headers,
      payload: sent.payload,
      remoteAddress: sent.remoteAddress,
    });
  }

  function check(res: LightMyRequestResponse, sent: Sent): void {
    const what = `${sent.method} ${sent.url.slice(0, 200)} [${Object.keys(sent.headers).join(',')}] body ${String(sent.payload ?? '').slice(0, 200)}`;
    if (res.statusCode >= 500) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
    if (res.statusCode >= 400) checkErrorShape(res.statusCode, res.body, what);
    const broken = contract?.take() ?? [];
    if (broken.length > 0) throw new Error(`${what}: API contract broken:\n${broken.join('\n')}`);
  }

  it('never answers 5xx, always answers errors in the API shape, and leaves the database alone when it refuses', async () => {
    let refusedBatches = 0;
    let batches = 0;
    for (const op of ops) {
      for (let chunk = 0; chunk * CHUNK < runsPerOperation; chunk++) {
        batches++;
        // Wrong receipts lock the seeded case for 15 minutes (10 per case, by design); start each
        // batch with fresh counters so the right receipt keeps reaching the code behind it.
        await resetThrottle();
        const before = await stateDigest(ctx);
        let accepted = false;
        await fc.assert(
          fc.asyncProperty(requestFor(op), async (sent) => {
            const res = await send(sent);
            check(res, sent);
            if (res.statusCode < 400 && sent.method !== 'GET') accepted = true;
          }),
          { numRuns: Math.min(CHUNK, runsPerOperation - chunk * CHUNK), endOnFailure: true },
        );
        if (accepted) continue;
        // Nothing in this batch was accepted: nothing may have changed (reads included).
        const after = await stateDigest(ctx);
        expect(after.auditSeq, `${op.method} ${op.path}`).toBe(before.auditSeq);
        expect(after.hash, `${op.method} ${op.path}`).toBe(before.hash);
        refusedBatches++;
      }
    }
    expect(refusedBatches).toBeGreaterThan(batches / 2);
    expect(sentTotal).toBeGreaterThanOrEqual(ops.length * runsPerOperation);
  }, 900_000);

  it('sends every broken body, deep JSON and wrong content type to every operation that takes a body', async () => {
    let refusedGroups = 0;
    for (const op of ops.filter((o) => o.method !== 'GET')) {
      const url = op.path
        .replace('{trackingNo}', known.trackingNo)
        .replace('{id}', known.caseId)
        .replace('{attachment}', known.attachmentId)
        .replace('{action}', 'accept')
        .replace('{index}', '0');
      for (const auth of ['anonymous', 'admin-token', 'handler-session'] as Auth[]) {
        if (op.path === '/api/v1/auth/logout' && auth === 'handler-session') continue;
        await resetThrottle();
        const before = await stateDigest(ctx);
        let accepted = false;
        const sends = [
          ...RAW_BODIES.map((raw) => ({ contentType: 'application/json', payload: raw })),
          ...CONTENT_TYPES.map((contentType) => ({ contentType, payload: '{"text":"x"}' as string | Buffer })),
        ];
        for (const { contentType, payload } of sends) {
          const sent = {
            method: op.method,
            url,
            headers: { ...authHeaders(auth, 0, true), 'content-type': contentType, 'x-receipt': known.receipt },
            payload,
          };
          const res = await send(sent);
          check(res, sent);
          if (res.statusCode < 400) accepted = true;
        }
        // Some bodies are valid for some routes (`{}` releases a hold): only all-refused groups must leave no trace.
        if (accepted) continue;
        const after = await stateDigest(ctx);
        expect(after.auditSeq, `${op.method} ${op.path} as ${auth}`).toBe(before.auditSeq);
        expect(after.hash, `${op.method} ${op.path} as ${auth}`).toBe(before.hash);
        refusedGroups++;
      }
    }
    expect(refusedGroups).toBeGreaterThan(60);
  }, 300_000);

  it('checks uploads by content, not by name: a .pdf or .png that holds HTML or a program is refused', async () => {
    await resetThrottle();
    const before = await stateDigest(ctx);
    const b = 'content-check';
    for (const [name, content] of [
      ['invoice.pdf', '<html><body><script>alert(document.cookie)</script></body></html>'],
      ['photo.png', '  <!DOCTYPE html><html><img src=x onerror=alert(1)>'],
      ['scan.pdf', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['report.txt', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
      ['photo.png', '\u0000MZ\u0090'],
    ]) {
      for (const [url, headers] of [
        [`/api/v1/public/cases/${known.trackingNo}/attachments`, { 'x-receipt': known.receipt }],
        [`/api/v1/cases/${known.caseId}/attachments`, { authorization: `Bearer ${known.handlerToken}` }],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': `multipart/form-data; boundary=${b}` },
          payload: Buffer.concat([
            Buffer.from(
              `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
            ),
            Buffer.from(content),
            Buffer.from(`\r\n--${b}--\r\n`),
          ]),
        });
        expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
        expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    }
    // A part larger than the 10 MB limit is refused as too large, and nothing is kept.
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x61);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${known.trackingNo}/attachments`,
      headers: { 'x-receipt': known.receipt, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n`),
        huge,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    });
    expect(res.statusCode).toBe(413);
    checkErrorShape(res.statusCode, res.body, 'huge part');
    const after = await stateDigest(ctx);
    expect(after.hash).toBe(before.hash);
  }, 120_000);
});

describe('hostile input over real HTTP to plaint serve', () => {
  it('stays up and never answers 5xx to generated requests on the wire', async () => {
    const { config, cleanup } = await sqlite.config();
    const server = await startServerProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: config.dataDir,
      PLAINT_LOG: 'off',
      PLAINT_ADMIN_PASSWORD: 'correct horse battery',
      PLAINT_SWEEP_INTERVAL_MS: '0',
    });
    let sent = 0;
    try {
      const doc = await (await fetch(`http://127.0.0.1:${server.port}/api/docs/json`)).json();
      const ops = operationsOf(doc);
      expect(ops.length).toBeGreaterThan(40);
      const wire = (method: string, path: string, headers: Record<string, string>, payload?: string | Buffer) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(
            { host: '127.0.0.1', port: server.port, method, path, headers, timeout: 30_000 },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c) => chunks.push(c));
              res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          req.on('timeout', () => req.destroy(new Error('timeout')));
          if (payload !== undefined) req.end(payload);
          else req.end();
        });
      const requests = fc.sample(
        fc.record({
          op: fc.constantFrom(...ops),
          segment: fc.oneof(
            fc.constantFrom(...TRAVERSAL),
            hostileString.map((s) => encodeSegment(s.slice(0, 3000))),
          ),
          body: fc.oneof(
            hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
            fc.constantFrom(...RAW_BODIES),
          ),
          contentType: fc.oneof(fc.constant('application/json'), fc.constantFrom(...CONTENT_TYPES)),
          header: fc.constantFrom<Record<string, string>>(
            {},
            { cookie: `plaint_session=${'a'.repeat(64 * 1024)}` },
            { authorization: 'Bearer plt_x' },
            { 'x-receipt': 'R-'.repeat(5000) },
            { 'idempotency-key': '\t' },
          ),
        }),
        { numRuns: 1500, seed: 9 },
      );
      for (const r of requests) {
        const path = r.op.path.replace(/\{\w+\}/g, r.segment);
        const withBody = r.op.method !== 'GET' && r.op.method !== 'DELETE';
        let res: { status: number; body: string };
        try {
          res = await wire(
            r.op.method,
            path,
            { ...r.header, ...(withBody ? { 'content-type': r.contentType } : {}) },
            withBody ? r.body : undefined,
          );
        } catch (err) {
          // Node refuses to send some of our own bytes (ERR_INVALID_CHAR / ERR_UNESCAPED_CHARACTERS): not the server's doing.
          if (
            /ERR_INVALID_CHAR|ERR_UNESCAPED_CHARACTERS|Invalid character/.test(
              `${(err as { code?: string }).code} ${(err as Error).message}`,
            )
          )
            continue;
          throw err;
        }
        sent++;
        expect(res.status, `${r.op.method} ${path.slice(0, 200)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) checkErrorShape(res.status, res.body, `${r.op.method} ${path.slice(0, 200)}`);
      }
      expect(sent).toBeGreaterThan(1000);
      expect(server.child.exitCode).toBeNull();
      const health = await fetch(`http://127.0.0.1:${server.port}/api/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await server.stop();
      await cleanup();
      console.info(`fuzz (HTTP): ${sent} requests on the wire`);
    }
  }, 600_000);
});

/** One regression test per failure the fuzzer found (issue 9); each failed before its fix. */
describe.each(BACKENDS)('fuzz findings, fixed, on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(async () => h?.close());

  it('counts failed logins for a username with a lone surrogate instead of failing with 500 (throttle keys as stored)', async () => {
    const attempt = () =>
      h.http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":"x\\udc00y","password":"correct horse battery"}',
      });
    for (let i = 0; i < 10; i++) {
      const res = await attempt();
      expect(res.statusCode, res.body).toBe(401);
    }
    // The eleventh is throttled: the failures were counted against the key the database holds.
    const res = await attempt();
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
  });

  it('answers a multipart body without boundary, or cut short, with 400 instead of 500', async () => {
    const staff = await h.staff('fuzz-finding-cs', ['customer-service']);
    const submitted = (await h.call('POST', '/api/v1/public/cases', { body: complaint() })).json();
    for (const [contentType, payload] of [
      ['multipart/form-data', '{"text":"x"}'],
      ['multipart/form-data; boundary=', 'anything'],
      [
        'multipart/form-data; boundary=cut',
        '--cut\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG',
      ],
    ]) {
      for (const [url, headers] of [
        [`/api/v1/public/cases/${submitted.trackingNo}/attachments`, { 'x-receipt': submitted.receipt }],
        [
          `/api/v1/cases/${(await h.call('GET', '/api/v1/cases', { token: staff.token })).json().items[0].id}/attachments`,
          { authorization: `Bearer ${staff.token}` },
        ],
      ] as const) {
        const res = await h.http.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': contentType },
          payload,
        });
        expect(res.statusCode, `${contentType}: ${res.body}`).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('multipart'),
        });
      }
    }
  });

  it('refuses text with a NUL character with 400 on both databases (PostgreSQL cannot store it: it was a 500)', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/v1/public/cases', JSON.stringify(complaint({ subject: '电梯\u0000故障' }))],
      ['POST', '/api/v1/public/cases', JSON.stringify(complaint({ fields: { orderNo: 'SO\u0000' } }))],
      ['POST', '/api/v1/auth/login', JSON.stringify({ username: 'a\u0000', password: 'correct horse battery' })],
      ['GET', '/api/v1/public/cases/TS-1%00', undefined],
    ] as const) {
      const before = await h.ctx.store.db
        .selectFrom('cases')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const res = await h.http.inject({
        method,
        url,
        headers: { 'content-type': 'application/json', 'x-receipt': 'AAAA-AAAA' },
        payload,
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ message: 'contains U+0000' }] },
      });
      const after = await h.ctx.store.db
        .selectFrom('cases')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    }
  });

  it('refuses an audit cursor past a 32-bit integer with 400 (it was a 500 on PostgreSQL)', async () => {
    const admin = await h.staff('fuzz-finding-admin', [], { isAdmin: true });
    for (const before of ['2147483648', '3000000000', '9007199254740991']) {
      const res = await h.call('GET', `/api/v1/audit?before=${before}`, { token: admin.token });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await h.call('GET', '/api/v1/audit?before=2147483647', { token: admin.token })).statusCode).toBe(200);
  });

  it('answers a path that is not valid percent-encoded UTF-8 in the API error shape', async () => {
    const res = await h.http.inject({ method: 'GET', url: '/api/v1/public/cases/%c0%ae%c0%ae' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('/'),
        details: { reason: 'bad percent-encoding' },
      },
    });
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers headers over 16 KiB with 431 in the API error shape, and keeps serving', async () => {
    const { config, cleanup } = await sqlite.config();
    const server = await startServerProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: config.dataDir,
      PLAINT_LOG: 'off',
      PLAINT_ADMIN_PASSWORD: 'correct horse battery',
      PLAINT_SWEEP_INTERVAL_MS: '0',
    });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/me`, {
        headers: { cookie: `plaint_session=${'a'.repeat(64 * 1024)}` },
      });
      expect(res.status).toBe(431);
      expect(await res.json()).toEqual({
        error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('/'), details: { limitBytes: 16384 } },
      });
      expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).status).toBe(200);
    } finally {
      await server.stop();
      await cleanup();
    }
  }, 120_000);
});
