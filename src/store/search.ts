import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese full-text search (SPEC ARC-1, issue 9). Text is segmented here, in the process, with
 * jieba's search mode (`cutForSearch`: 物业公司 gives 物业, 公司 and 物业公司, so a 2-character word
 * is found inside a longer one). The tokens, lower-cased and space-separated, go into
 * `case_search.tokens`; SQLite indexes them with an FTS5 `unicode61` table (`case_fts`, external
 * content kept by triggers), PostgreSQL with a GIN index on `array_to_tsvector(tokens)` — the same
 * tokens on both, so both find the same cases. Measured (STACK.md, bench/README.md): jieba
 * segments a case in ~4 µs, Intl.Segmenter is about twice as slow and has no search mode.
 */
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  // The dictionary takes ~200 ms to load: on first use, not at import (commands that never segment
  // skip it); `plaint serve` loads it before it listens (loadSegmenter).
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Loads the dictionary now. On first use it held the event loop 200–250 ms inside the first
 * request that segments (a submit, a search, a model build: bench/triage-scale.ts, #25).
 */
export function loadSegmenter(): void {
  segmenter();
}

/** Letters and digits only: punctuation and spaces are separators. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;

function clean(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) for (const part of w.toLowerCase().split(SEPARATORS)) if (part) out.push(part);
  return out;
}

/**
 * Text as it is indexed and searched (issue 19): NFKC, so full-width letters and digits
 * (ＡＬＰＨＡＭＡＲＫ, １２３), ligatures and circled numbers are the letters and digits people type
 * on a half-width keyboard; case is folded later, per token.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC');
}

/** The searchable tokens of a case: subject, description and tracking number, each token once. */
export function searchTokens(subject: string, description: string, trackingNo: string): string {
  const j = segmenter();
  const tokens = new Set(
    clean([...j.cutForSearch(foldForSearch(subject), false), ...j.cutForSearch(foldForSearch(description), false)]),
  );
  for (const t of trackingTokens(trackingNo)) tokens.add(t);
  return [...tokens].join(' ');
}

/** A tracking number as the index holds it, whole (without its dashes) and in parts: TS-20261129-WJJ0N2 is found by either. */
export function trackingTokens(trackingNo: string): string[] {
  const whole = foldForSearch(trackingNo)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return [...new Set([...(whole ? [whole] : []), ...clean([foldForSearch(trackingNo)])])];
}

/**
 * Every letter and digit of subject and description, once each: what a query of one-character
 * words (费, 坏, ４) is answered from. The index holds them (hashed, like every token) because the
 * description is sealed (issue 24) and can no longer be scanned with LIKE.
 */
export function searchCharacters(subject: string, description: string): string[] {
  const chars = new Set<string>();
  for (const c of foldForSearch(`${subject}\n${description}`).toLowerCase()) if (/[\p{L}\p{N}]/u.test(c)) chars.add(c);
  return [...chars];
}

/**
 * The words of a query: jieba's ordinary mode (物业费 stays one word, which the search mode of the
 * indexed text also produced), every one required. Empty when the query holds no letter or digit.
 */
export function queryTokens(query: string): string[] {
  return [...new Set(clean(segmenter().cut(foldForSearch(query), false)))].slice(0, 16);
}

/**
 * Whether a query is served by the words of the index. A query of one-character words only (费,
 * 张) is not: jieba keeps a single character as a word only where it stood alone, so such a query
 * is answered from the characters of the text (`searchCharacters`), all required.
 */
export function indexable(tokens: string[]): boolean {
  return tokens.some((t) => [...t].length >= 2);
}

/**
 * The words of a text as jieba's ordinary mode cuts them, lower-cased, in order (repeats kept):
 * what triage learns from (issue 21, domain/triage.ts). The search index's own tokens are hashed
 * (issue 24) and cannot be read back into words.
 */
export function textWords(text: string): string[] {
  return clean(segmenter().cut(foldForSearch(text), false));
}
