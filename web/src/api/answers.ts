import type { operations } from './schema';

/**
 * What an operation answers (issue 15): the body of its 2xx in docs/openapi.json, through the types
 * generated from it (schema.d.ts). `Answer<'getCase'>` is what GET /api/v1/cases/{id} sends.
 */
export type Answer<O extends keyof operations, S extends number = 200> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer B } }> ? B : never;
