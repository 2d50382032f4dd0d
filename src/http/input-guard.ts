import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';

/** Where in a parsed value the first NUL character is, or undefined. Iterative: bodies may nest 10,000 deep. */
export function findNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * A preValidation hook: text with a NUL character is refused before any route sees it.
 * PostgreSQL cannot store NUL in text (it answered such a submission with an error that became a
 * 500, found by the fuzz test, issue 9); refusing it on SQLite too keeps both backends alike.
 */
export async function rejectNul(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const where = findNul(request.params, 'params') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
  if (where) {
    throw new DomainError('VALIDATION_FAILED', msg('inputGuard.textMustNotContainNul'), {
      issues: [{ path: where, message: 'contains U+0000' }],
    });
  }
}

/** How much of a refused body is read and thrown away so the client sees the answer (issue 19). */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_LIMIT_MS = 10_000;

/**
 * Reads and discards the rest of a request body the server has refused (413), up to 16 MiB and
 * 10 seconds. Answering while the client is still sending and then closing the connection makes
 * the client's next write fail (EPIPE, ECONNRESET) before it reads the answer — Node's fetch
 * reported a 5 MB JSON body that way, never the 413. A body past the bound is cut off: the answer
 * carries `connection: close` and the socket goes after it.
 */
export function drainRefusedBody(raw: IncomingMessage): Promise<void> {
  const declared = Number(raw.headers['content-length']);
  if (raw.complete || raw.destroyed || declared > DRAIN_LIMIT_BYTES) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', finish);
      raw.removeListener('error', finish);
      raw.removeListener('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) finish();
    };
    const timer = setTimeout(finish, DRAIN_LIMIT_MS);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}
