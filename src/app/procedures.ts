import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../domain/audit-hash.ts';
import { parseProcedure } from '../domain/procedure.parse.ts';
import { ZProcedure, type TProcedure } from '../domain/procedure.schema.ts';
import type { Store } from '../store/db.ts';
import { allProcedureVersions, insertProcedureVersion } from '../store/procedures.repository.ts';

export const BUILT_IN_DIR = fileURLToPath(new URL('../procedures/', import.meta.url));

/** Every version of every procedure this installation has run, so old cases keep their rules. */
export class ProcedureRegistry {
  private readonly versions = new Map<string, TProcedure>();
  private readonly latestVersion = new Map<string, number>();
  /** When this registry last compared itself with the database (ms since epoch; see refreshProcedures). */
  checkedAt = 0;

  add(p: TProcedure): void {
    this.versions.set(`${p.id}@${p.version}`, p);
    if ((this.latestVersion.get(p.id) ?? 0) < p.version) this.latestVersion.set(p.id, p.version);
  }

  /** The version a case was opened under. */
  get(id: string, version: number): TProcedure | undefined {
    return this.versions.get(`${id}@${version}`);
  }

  /** The version new cases are opened under. */
  latest(id: string): TProcedure | undefined {
    const v = this.latestVersion.get(id);
    return v === undefined ? undefined : this.get(id, v);
  }

  /** Every loaded version (cases keep the version they were opened under). */
  all(): TProcedure[] {
    return [...this.versions.values()];
  }

  latestAll(): TProcedure[] {
    return [...this.latestVersion.entries()].map(([id, v]) => this.get(id, v)!);
  }
}

/**
 * Parsed files by path and text. Parsing and validating the built-in procedures is half the cost
 * of opening an app (about 0.3 s): a process that opens several (the CLI's serve and sweep, the
 * test suites) parses each unchanged file once. The cached definitions are frozen, so no caller
 * can change what another app reads.
 */
const parsed = new Map<string, TProcedure>();
/** Definition hashes by definition object: canonicalising a procedure costs about 5 ms. */
const hashes = new WeakMap<TProcedure, string>();

/** Reads and validates every `*.yaml` file of a folder; a bad file stops start-up with its problems listed. */
export function readProcedureFiles(dir: string): TProcedure[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const text = readFileSync(file, 'utf8');
      const key = `${file}\0${text}`;
      let p = parsed.get(key);
      if (!p) {
        p = deepFreeze(parseProcedure(text, file));
        parsed.set(key, p);
      }
      return p;
    });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The hash recorded with a version: a changed definition under the same number is caught by it. */
export function definitionHash(p: TProcedure): string {
  let hash = hashes.get(p);
  if (!hash) {
    hash = createHash('sha256').update(canonicalJson(p)).digest('hex');
    if (Object.isFrozen(p)) hashes.set(p, hash);
  }
  return hash;
}

/**
 * Records each file's procedure version in the database (first start, or a new version) and
 * returns a registry of all versions ever recorded. A file that changes a recorded version
 * without bumping its number is refused: running cases must never change rules under them.
 */
export async function syncProcedures(store: Store, files: TProcedure[], now: Date): Promise<ProcedureRegistry> {
  const recorded = new Map((await allProcedureVersions(store.db)).map((r) => [`${r.id}@${r.version}`, r]));
  for (const p of files) {
    const hash = definitionHash(p);
    const existing = recorded.get(`${p.id}@${p.version}`);
    if (existing && existing.source_hash !== hash) {
      throw new Error(
        `procedure ${p.id} version ${p.version} differs from the recorded one: give the edited file a new version number`,
      );
    }
    if (!existing) {
      try {
        await insertProcedureVersion(store.db, {
          id: p.id,
          version: p.version,
          definition: JSON.stringify(p),
          source_hash: hash,
          loaded_at: now.toISOString(),
        });
      } catch (err) {
        // Another instance recorded it at the same moment; the re-read below checks it is the same.
        const again = (await allProcedureVersions(store.db)).find((r) => r.id === p.id && r.version === p.version);
        if (!again || again.source_hash !== hash) throw err;
      }
    }
  }
  return loadProcedures(store, now);
}

/** Every recorded version of every procedure, read from the database without writing (the read workers use it). */
export async function loadProcedures(store: Store, now: Date): Promise<ProcedureRegistry> {
  const registry = new ProcedureRegistry();
  registry.checkedAt = now.getTime();
  for (const row of await allProcedureVersions(store.db)) registry.add(ZProcedure.parse(JSON.parse(row.definition)));
  return registry;
}
