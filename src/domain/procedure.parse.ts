import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ZProcedure, type TProcedure } from './procedure.schema.ts';

/** A procedure file that cannot be loaded: each problem names the file and the path in it. */
export class ProcedureFileError extends Error {
  readonly problems: { file: string; path: string; problem: string }[];
  constructor(problems: { file: string; path: string; problem: string }[]) {
    super(problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.problem}`).join('\n'));
    this.name = 'ProcedureFileError';
    this.problems = problems;
  }
}

/** Parses and validates one procedure definition; `file` is only used to name the source in errors. */
export function parseProcedure(text: string, file: string): TProcedure {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new ProcedureFileError([{ file, path: '', problem: `not valid YAML: ${(err as Error).message}` }]);
  }
  const result = ZProcedure.safeParse(raw);
  if (!result.success) throw new ProcedureFileError(describeIssues(result.error.issues, raw, file));
  return result.data;
}

function describeIssues(issues: z.core.$ZodIssue[], raw: unknown, file: string) {
  return issues.map((i) => ({ file, path: readablePath(i.path, raw), problem: i.message }));
}

/** `actions[3](accept).to` — array entries named by their id so a reader finds them in the YAML. */
function readablePath(path: PropertyKey[], raw: unknown): string {
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? ((node as Record<string, unknown>).id ?? (node as Record<string, unknown>).name) : undefined;
      out += typeof id === 'string' ? `[${key}](${id})` : `[${key}]`;
    } else {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out;
}
