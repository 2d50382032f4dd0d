import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.ts';

/**
 * The layers of docs/architecture.md and the one direction allowed between each pair (issue 15).
 * A folder may import itself and the folders listed for it, nothing else: `src/http` never reads
 * `src/store` (routes go through `src/app`), `src/domain` imports no other layer, and nothing
 * below `src/app` imports the adapters that run it.
 */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  store: ['domain'],
  app: ['domain', 'store'],
  notify: ['app', 'store', 'domain'],
  mail: ['notify', 'app', 'store', 'domain'],
  jobs: ['notify', 'app', 'store', 'domain'],
  transfer: ['notify', 'app', 'store', 'domain'],
  http: ['app', 'domain'],
  procedures: [],
};
/** Files at the top of src/ (the CLI) wire everything together. */
const TOP = '(src)';

const SRC = join(ROOT, 'src');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function layerOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? TOP : parts[0];
}

/** Every relative import in src/ as `file → layer`, with the layer of the file it names. */
function edges(): { file: string; from: string; to: string; spec: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(SPECIFIER)]
      .map((m) => m[1] ?? m[2])
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => {
        const target = resolve(dirname(file), spec);
        const to = relative(SRC, target).startsWith('..') ? '(outside src)' : layerOf(target);
        return { file: relative(ROOT, file), from: layerOf(file), to, spec };
      });
  });
}

describe('layers (issue 15, docs/architecture.md)', () => {
  it('every import in src/ goes in an allowed direction', () => {
    const all = edges();
    expect(all.length).toBeGreaterThan(100);
    const broken = all
      .filter((e) => e.from !== TOP && e.from !== e.to && !(ALLOWED[e.from] ?? []).includes(e.to))
      .map((e) => `${e.file}: ${e.from} → ${e.to} (${e.spec})`);
    expect(broken).toEqual([]);
  });

  it('knows every folder of src/, so a new one is placed on purpose', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(Object.keys(ALLOWED).sort());
  });

  it('catches an import that breaks a layer (the rule itself can fail)', () => {
    const sample = "import { listAudit } from '../store/audit.repository.ts';";
    const [m] = [...sample.matchAll(SPECIFIER)];
    const target = resolve(join(SRC, 'http'), m[1]);
    expect(layerOf(target)).toBe('store');
    expect(ALLOWED.http.includes(layerOf(target))).toBe(false);
  });
});
