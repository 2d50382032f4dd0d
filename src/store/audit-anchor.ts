import { PostgresAdapter, sql } from 'kysely';
import { ANCHOR_CHAIN } from '../domain/audit-hash.ts';
import type { Store } from './db.ts';
import { chainSlots } from './audit-chains.ts';
import { appendToChain } from './audit.repository.ts';
import type { Trx } from './transaction.ts';

/** One chain's head as an anchor commits it: [chain, chain_seq, hash]. */
export type AnchoredHead = [chain: string, seq: number, hash: string];

/** An anchor record's payload: the open chains' heads, and the final heads of the chains it seals. */
export type AnchorPayload = { heads: AnchoredHead[]; sealed: AnchoredHead[] };

export const ANCHOR_ACTION = 'audit.anchor';

export type AnchorOptions = {
  /** Milliseconds since the epoch; the lease is measured from it. */
  now?: number;
  /** A chain whose instance has not renewed its lease for this long is sealed. */
  leaseMs?: number;
  /** This instance is shutting down: its own chains are sealed too. */
  closing?: boolean;
};

export type AnchorResult = { anchored: number; sealed: string[]; written: boolean };

/**
 * Issue 22: appends an anchor record to the anchor chain, committing every open chain's head
 * (chain, chain_seq, hash), and seals the chains whose instance is gone — closed, or no lease
 * renewed for `leaseMs`: the anchor records their final head and marks them sealed, so a record
 * appended to one later, or a record up to an anchored head that disappears, fails verification
 * (app/audit.ts). Renews this instance's own lease first. Anchors of several instances take turns
 * on the anchor chain's head row, and only they: writers never touch it. Nothing is written when
 * nothing changed since the last anchor.
 */
export async function anchorAudit(store: Store, options: AnchorOptions = {}): Promise<AnchorResult> {
  const now = options.now ?? Date.now();
  const at = new Date(now).toISOString();
  const cutoff = new Date(now - (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  const instance = chainSlots(store.db).instance;
  return store.transact(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter)
      await sql`select seq from audit_chains where chain = ${ANCHOR_CHAIN} for update`.execute(trx);
    await trx
      .updateTable('audit_instances')
      .set(options.closing ? { alive_at: at, closed_at: at } : { alive_at: at })
      .where('instance', '=', instance)
      .execute();
    const sealed = await trx
      .updateTable('audit_chains')
      .set({ sealed_at: at })
      .where('sealed_at', 'is', null)
      .where('chain', '<>', ANCHOR_CHAIN)
      .where((eb) =>
        eb.or([
          eb('instance', 'is', null),
          eb(
            'instance',
            'not in',
            eb
              .selectFrom('audit_instances')
              .select('instance')
              .where('closed_at', 'is', null)
              .where('alive_at', '>=', cutoff),
          ),
        ]),
      )
      .returning(['chain', 'seq', 'hash'])
      .execute();
    const open = await trx
      .selectFrom('audit_chains')
      .select(['chain', 'seq', 'hash'])
      .where('sealed_at', 'is', null)
      .where('chain', '<>', ANCHOR_CHAIN)
      .where('seq', '>', 0)
      .orderBy('chain')
      .execute();
    const payload: AnchorPayload = {
      heads: open.map((h) => [h.chain, Number(h.seq), h.hash]),
      sealed: sealed.map((h): AnchoredHead => [h.chain, Number(h.seq), h.hash]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    };
    const result = { anchored: payload.heads.length, sealed: payload.sealed.map((h) => h[0]) };
    if (payload.sealed.length === 0 && (await sameAsLastAnchor(trx, payload))) return { ...result, written: false };
    await appendToChain(trx, ANCHOR_CHAIN, {
      at,
      actor: 'system:audit-anchor',
      action: ANCHOR_ACTION,
      entityType: 'audit',
      entityId: null,
      payload,
    });
    return { ...result, written: true };
  });
}

/** Five anchor periods of the default 60 s: a heartbeat may be late, not gone. */
export const DEFAULT_LEASE_MS = 300_000;

async function sameAsLastAnchor(trx: Trx, payload: AnchorPayload): Promise<boolean> {
  const last = await trx
    .selectFrom('audit_log')
    .select('payload')
    .where('chain', '=', ANCHOR_CHAIN)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return payload.heads.length === 0;
  const before = JSON.parse(last.payload) as Partial<AnchorPayload>;
  return JSON.stringify(before.heads ?? []) === JSON.stringify(payload.heads);
}
