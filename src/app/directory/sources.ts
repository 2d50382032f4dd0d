import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { type SyncReport, syncDirectory } from './sync.ts';
import { WecomClient } from './wecom.ts';
import { msg } from '../../domain/messages.ts';

const ZRule = z
  .object({
    group: z.string().min(1).optional(),
    department: z.string().min(1).optional(),
    role: z.string().min(1),
    unit: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (r) => r.group !== undefined || r.department !== undefined,
    '规则需要 group 或 department / needs group or department',
  );

const ZSource = z.discriminatedUnion('kind', [
  z
    .object({
      name: z.string().regex(/^[a-z0-9-]{1,40}$/),
      kind: z.literal('wecom'),
      corpId: z.string().min(1),
      secret: z.string().min(1),
      baseUrl: z.url().optional(),
      rules: z.array(ZRule).default([]),
    })
    .strict(),
]);

export type DirectorySource = z.infer<typeof ZSource>;

/** The directories configured in PLAINT_DIRECTORY_SOURCES (a JSON list; see docs/sso.md). */
export function directorySourcesFromEnv(env: NodeJS.ProcessEnv = process.env): DirectorySource[] {
  const raw = env.PLAINT_DIRECTORY_SOURCES;
  if (!raw) return [];
  return z.array(ZSource).parse(JSON.parse(raw));
}

/** `plaint directory sync --source NAME [--dry-run]`: reads the directory and applies (or only reports) it. */
export async function syncSource(
  ctx: AppContext,
  source: DirectorySource,
  opts: { dryRun: boolean; sleep?: (ms: number) => Promise<void> },
): Promise<SyncReport> {
  if (source.kind !== 'wecom')
    throw new DomainError('VALIDATION_FAILED', msg('sources.unknownKind', { kind: source.kind }));
  const client = new WecomClient({ ...source, ...(opts.sleep ? { sleep: opts.sleep } : {}) });
  const snapshot = await client.snapshot();
  return syncDirectory(ctx, source.name, snapshot, source.rules, { dryRun: opts.dryRun });
}
