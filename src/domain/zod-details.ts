import type { z } from 'zod';

/** A zod error as `details` of the API error shape: one entry per problem, with a dotted path. */
export function zodDetails(error: z.ZodError, prefix?: string): { issues: { path: string; message: string }[] } {
  return {
    issues: error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    })),
  };
}
