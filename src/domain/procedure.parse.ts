import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ZProcedure, type TProcedure } from './procedure.schema.ts';
import { YAML_LIMITS, yamlShapeProblem } from './yaml-guard.ts';

/** One problem of a procedure file: where (path in the definition, line in the text) and what. */
export type ProcedureProblem = { file: string; path: string; problem: string; line?: number };

/** A procedure file that cannot be loaded: each problem names the file, the path in it and, where known, the line. */
export class ProcedureFileError extends Error {
  readonly problems: ProcedureProblem[];
  constructor(problems: ProcedureProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.problem}`).join('\n'));
    this.name = 'ProcedureFileError';
    this.problems = problems;
  }
}

/** Parses and validates one procedure definition; `file` is only used to name the source in errors. */
export function parseProcedure(text: string, file: string): TProcedure {
  const shape = yamlShapeProblem(text);
  if (shape)
    throw new ProcedureFileError([{ file, path: '', problem: `not valid YAML: ${shape.problem}`, line: shape.line }]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  // An alias bomb (aliases of aliases of …) is refused here, before toJS would expand it.
  let aliases = 0;
  let tooMany: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (++aliases <= YAML_LIMITS.aliases) return undefined;
      tooMany = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (tooMany !== undefined)
    throw new ProcedureFileError([
      {
        file,
        path: '',
        problem: `not valid YAML: 别名过多 / more than ${YAML_LIMITS.aliases} aliases (*name)`,
        line: lines.linePos(tooMany).line,
      },
    ]);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new ProcedureFileError([
      {
        file,
        path: '',
        problem: `not valid YAML: ${first.message}`,
        ...(first.linePos ? { line: first.linePos[0].line } : {}),
      },
    ]);
  }
  let raw: unknown;
  try {
    // yaml's own guard (maxAliasCount) stops aliases that expand into a great many nodes.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ProcedureFileError([
      { file, path: '', problem: `not valid YAML: 别名展开过多 / aliases expand too far (${(e as Error).message})` },
    ]);
  }
  const result = ZProcedure.safeParse(raw);
  if (!result.success) {
    throw new ProcedureFileError(
      result.error.issues.map((i) => {
        const line = lineOf(doc.contents, i.path, lines);
        return { file, path: readablePath(i.path, raw), problem: i.message, ...(line ? { line } : {}) };
      }),
    );
  }
  return result.data;
}

/**
 * The line of the deepest node of `path` the text has (a missing key points at its parent), so
 * an editor can mark where a problem is.
 */
function lineOf(root: unknown, path: z.core.$ZodIssue['path'], lines: LineCounter): number | undefined {
  let node = root as YamlNode | null | undefined;
  let at = node?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      at = (pair.key as YamlNode | null)?.range?.[0] ?? at;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      at = item.range?.[0] ?? at;
      node = item;
    } else break;
  }
  return at === undefined ? undefined : lines.linePos(at).line;
}

/** `actions[3](accept).to` — array entries named by their id so a reader finds them in the YAML. */
function readablePath(path: PropertyKey[], raw: unknown): string {
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      const id =
        node && typeof node === 'object'
          ? ((node as Record<string, unknown>).id ?? (node as Record<string, unknown>).name)
          : undefined;
      out += typeof id === 'string' ? `[${key}](${id})` : `[${key}]`;
    } else {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out;
}
