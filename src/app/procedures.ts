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

/** Reads and validates every `*.yaml` file of a folder; a bad file stops start-up with its problems listed. */
export function readProcedureFiles(dir: string): TProcedure[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => parseProcedure(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/** The hash recorded with a version: a changed definition under the same number is caught by it. */
export function definitionHash(p: TProcedure): string {
  return createHash('sha256').update(canonicalJson(p)).digest('hex');
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
  const registry = new ProcedureRegistry();
  registry.checkedAt = now.getTime();
  for (const row of await allProcedureVersions(store.db)) registry.add(ZProcedure.parse(JSON.parse(row.definition)));
  return registry;
}
