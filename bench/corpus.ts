/**
 * Labelled corpora for the triage benches (issue 21): `{items:[{procedure, category, severity?,
 * subject, description, dupOf?}]}`. Several files may be named; they are read as one corpus, in
 * order, each file's `dupOf` (an index into its own items) moved by the items before it. So a
 * corpus can grow by a file of its own (bench/triage-corpus-property-more.json beside the large one)
 * while the figures of the files alone stay reproducible.
 */
import { readFileSync } from 'node:fs';

export type CorpusItem = {
  procedure: string;
  category: string;
  severity?: string;
  subject: string;
  description: string;
  dupOf?: number;
};

export function readCorpus(files: string[]): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const file of files) {
    const own = (JSON.parse(readFileSync(file, 'utf8')) as { items: CorpusItem[] }).items;
    const offset = items.length;
    items.push(...own.map((i) => (i.dupOf === undefined ? i : { ...i, dupOf: i.dupOf + offset })));
  }
  return items;
}
