import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  // As JSON.stringify does: a Date (or anything with toJSON) is written as what toJSON returns.
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The fields of an audit record that its hash covers. `seq` is the record's number within its
 * chain; `chain` names the chain (issue 22) and is left out for the `genesis` chain, whose records
 * were hashed before there were several chains and must keep verifying.
 */
export type AuditContent = {
  seq: number;
  chain?: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: unknown;
};

export const GENESIS_HASH = '0'.repeat(64);

/** The chain every record written before issue 22 belongs to; its hashes do not name a chain. */
export const GENESIS_CHAIN = 'genesis';

/** The chain of anchor records, each committing every other chain's head. */
export const ANCHOR_CHAIN = 'anchor';

/** The `chain` field a record of `chain` hashes with: none for the genesis chain. */
export function hashedChain(chain: string): { chain?: string } {
  return chain === GENESIS_CHAIN ? {} : { chain };
}

/** hash(n) = sha256(hash(n-1) ‖ canonical record n): editing or removing any row breaks every hash after it. */
export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}
