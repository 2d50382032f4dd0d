import { z } from 'zod';

/** `{ input, expectedVersion }` of POST …/actions/{action}. */
export const ZActionBody = z
  .object({
    input: z.record(z.string(), z.unknown()).default({}),
    expectedVersion: z.number().int().positive(),
  })
  .strict();

/** The submitter's actions carry no version: they act on what they see. */
export const ZPublicActionBody = ZActionBody.extend({
  expectedVersion: z.number().int().positive().optional(),
}).strict();

export const ZIdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key: 1–200 visible ASCII characters')
  .optional();

export const ZActionParam = z.string().regex(/^[a-z][a-z0-9-]{0,60}$/, 'an action id is lower-case kebab-case');
