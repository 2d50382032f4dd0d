/**
 * Shape limits checked on a procedure's YAML text before the parser builds anything (issue 28):
 * a deeply nested document (480 kB of `[` or of `- - -`) made the parser recurse for seconds and
 * then fail on the call stack, blocking the server meanwhile. A real procedure nests about ten
 * levels; these limits leave room for far more. Linear in the text, no recursion.
 */
export const YAML_LIMITS = {
  /** `[` and `{` open inside each other. */
  flowDepth: 32,
  /** The column a line's content starts at, after its indentation and `- ` / `? ` markers. */
  contentColumn: 160,
  /** Aliases (`*name`) in one document: each may expand to a whole copy of what it names. */
  aliases: 64,
};

/** The first line that goes beyond a limit, with what is wrong; undefined when the text is within them. */
export function yamlShapeProblem(text: string): { line: number; problem: string } | undefined {
  let line = 1;
  let depth = 0;
  let quote: '"' | "'" | null = null;
  let atLineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      atLineStart = true;
      column = 0;
      continue;
    }
    if (atLineStart) {
      // Indentation and block markers (`- `, `? `) count towards where the content starts.
      if (ch === ' ' || ((ch === '-' || ch === '?') && (text[i + 1] === ' ' || text[i + 1] === '\n'))) {
        if (++column > YAML_LIMITS.contentColumn)
          return { line, problem: `嵌套过深 / nested too deeply (content beyond column ${YAML_LIMITS.contentColumn})` };
        continue;
      }
      atLineStart = false;
    }
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++; // a comment
    } else if (ch === '"' || ch === "'") {
      // A quote opens a string only where a scalar starts, not inside a word (don't, 5'10").
      if (i === 0 || /[\s[{,:-]/.test(text[i - 1])) quote = ch;
    } else if (ch === '[' || ch === '{') {
      if (++depth > YAML_LIMITS.flowDepth)
        return { line, problem: `嵌套过深 / nested too deeply (more than ${YAML_LIMITS.flowDepth} levels of [ and {)` };
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}
