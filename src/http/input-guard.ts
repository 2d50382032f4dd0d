import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';

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
    throw new DomainError('VALIDATION_FAILED', '内容中不能含有空字符（NUL）/ text must not contain NUL characters', {
      issues: [{ path: where, message: 'contains U+0000' }],
    });
  }
}
