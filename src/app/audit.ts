import { createHash } from 'node:crypto';
import { ANCHOR_CHAIN, auditHash, GENESIS_HASH, hashedChain } from '../domain/audit-hash.ts';
import {
  auditBatch,
  auditChainHeads,
  auditChainsWithRecords,
  listAudit,
  type AuditFilter,
  type AuditRow,
} from '../store/audit.repository.ts';
import { ANCHOR_ACTION, type AnchoredHead, type AnchorPayload } from '../store/audit-anchor.ts';
import type { Db } from '../store/cases.repository.ts';
import type { AppContext } from './context.ts';

export type AuditVerdict =
  | { ok: true; records: number; chains: number; head: string }
  | { ok: false; records: number; chain: string; seq: number; problem: string };

type Failure = { chain: string; seq: number; problem: string };

const BATCH = 5000;

/** What the anchors say about one chain: its newest anchored head, and the head it was sealed at. */
type Claim = { seq: number; hash: string; anchor: number; sealed?: { seq: number; hash: string; anchor: number } };

/**
 * AUD-1, issue 22: walks every audit chain from its first record — numbers run 1, 2, 3 … without
 * gaps, each record names the previous hash and hashes to its own — and checks the chains against
 * each other and against the anchors:
 * - each chain's head row must match its last record (the newest rows deleted is caught at once,
 *   unless the head row is moved back too);
 * - every head an anchor committed must still be there with that hash (records deleted up to an
 *   anchored head are caught even when the head row was moved back), and anchors never go back;
 * - a chain an anchor sealed must end exactly at the sealed head (nothing appended later).
 * Names the chain and the record (its number within the chain) where it fails.
 */
export async function verifyAudit(ctx: Pick<AppContext, 'store'>): Promise<AuditVerdict> {
  const db = ctx.store.db;
  const heads = new Map((await auditChainHeads(db)).map((h) => [h.chain, h]));
  const names = new Set([...heads.keys(), ...(await auditChainsWithRecords(db))]);
  names.delete(ANCHOR_CHAIN);
  const claims = new Map<string, Claim>();
  let records = 0;
  const fail = (f: Failure): AuditVerdict => ({ ok: false, records, ...f });

  // The anchor chain first: what it commits is checked against the other chains as they are walked.
  const anchors = await walkChain(db, ANCHOR_CHAIN, (row) => readAnchor(row, claims));
  if ('problem' in anchors) return fail(anchors);
  records += anchors.count;
  const digest = createHash('sha256');
  for (const chain of [ANCHOR_CHAIN, ...[...names].sort()]) {
    const claim = claims.get(chain);
    const walked = chain === ANCHOR_CHAIN ? anchors : await walkChain(db, chain, undefined, claim?.seq);
    if ('problem' in walked) return fail(walked);
    if (chain !== ANCHOR_CHAIN) records += walked.count;
    const problem = checkEnds(chain, walked, heads.get(chain), claim);
    if (problem) return fail(problem);
    digest.update(`${chain} ${walked.count} ${walked.last}\n`);
  }
  return { ok: true, records, chains: names.size + 1, head: digest.digest('hex') };
}

type Walked = { count: number; last: string; hashAtClaim?: string };

/** Walks one chain; `onRecord` may refuse a record (the anchor chain's own checks). */
async function walkChain(
  db: Db,
  chain: string,
  onRecord?: (row: AuditRow, seq: number, payload: unknown) => string | undefined,
  claimSeq?: number,
): Promise<Walked | Failure> {
  let expected = 1;
  let prev = GENESIS_HASH;
  // An anchor may commit an empty chain (sealed before its first record): its head is the genesis hash.
  let hashAtClaim = claimSeq === 0 ? GENESIS_HASH : undefined;
  for (;;) {
    const rows = await auditBatch(db, chain, expected - 1, BATCH);
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const bad = (problem: string): Failure => ({ chain, seq, problem });
      if (seq !== expected)
        return { chain, seq: expected, problem: `record #${expected} is missing (next is #${seq})` };
      if (row.prev_hash !== prev)
        return bad(`record #${seq} does not follow record #${seq - 1} (previous hash differs)`);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return bad(`record #${seq} has an unreadable payload`);
      }
      const content = {
        ...hashedChain(chain),
        seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        payload,
      };
      if (auditHash(prev, content) !== row.hash)
        return bad(`record #${seq} was altered (its content does not match its hash)`);
      const refused = onRecord?.(row, seq, payload);
      if (refused) return bad(refused);
      if (seq === claimSeq) hashAtClaim = row.hash;
      prev = row.hash;
      expected++;
    }
    if (rows.length < BATCH) break;
  }
  return { count: expected - 1, last: prev, hashAtClaim };
}

/** Reads one anchor record into `claims`; a reason if it contradicts an earlier anchor. */
function readAnchor(row: AuditRow, claims: Map<string, Claim>): string | undefined {
  const anchor = Number(row.chain_seq);
  if (row.action !== ANCHOR_ACTION) return `record #${anchor} of the anchor chain is not an anchor`;
  const payload = JSON.parse(row.payload) as Partial<AnchorPayload>;
  const take = (head: AnchoredHead, sealed: boolean): string | undefined => {
    const [chain, seq, hash] = head;
    const before = claims.get(chain);
    if (before?.sealed) return `anchor #${anchor} names chain ${chain}, which anchor #${before.sealed.anchor} sealed`;
    if (before && (seq < before.seq || (seq === before.seq && hash !== before.hash)))
      return `anchor #${anchor} puts chain ${chain} at #${seq}, behind anchor #${before.anchor} (#${before.seq})`;
    const claim: Claim = { seq, hash, anchor };
    if (sealed) claim.sealed = { seq, hash, anchor };
    claims.set(chain, claim);
    return undefined;
  };
  for (const head of payload.heads ?? []) {
    const refused = take(head, false);
    if (refused) return refused;
  }
  for (const head of payload.sealed ?? []) {
    const refused = take(head, true);
    if (refused) return refused;
  }
  return undefined;
}

/** A walked chain against its head row and what the anchors committed of it. */
function checkEnds(
  chain: string,
  walked: Walked,
  head: { seq: number; hash: string } | undefined,
  claim: Claim | undefined,
): Failure | undefined {
  const { count } = walked;
  if (claim && count < claim.seq)
    return {
      chain,
      seq: count + 1,
      problem: `the chain ends at #${count} but anchor #${claim.anchor} committed it up to #${claim.seq}: records after #${count} were removed`,
    };
  if (claim && walked.hashAtClaim !== claim.hash)
    return {
      chain,
      seq: claim.seq,
      problem: `record #${claim.seq} is not the one anchor #${claim.anchor} committed (its hash differs)`,
    };
  if (claim?.sealed && count > claim.sealed.seq)
    return {
      chain,
      seq: claim.sealed.seq + 1,
      problem: `record #${claim.sealed.seq + 1} was appended after anchor #${claim.sealed.anchor} sealed the chain at #${claim.sealed.seq}`,
    };
  if (!head) {
    if (count === 0) return undefined;
    return { chain, seq: 1, problem: `the chain has ${count} records but no head row` };
  }
  if (Number(head.seq) !== count || head.hash !== walked.last)
    return {
      chain,
      seq: count + 1,
      problem:
        Number(head.seq) > count
          ? `the chain ends at #${count} but its head says #${head.seq}: records after #${count} were removed`
          : Number(head.seq) < count
            ? `the chain runs to #${count} but its head says #${head.seq}: records were added behind its head`
            : `record #${count} is not the one its head names (the hash differs)`,
    };
  return undefined;
}

/** A page of the audit record, newest first (AUD-2); the route only shapes the answer. */
export function auditPage(ctx: AppContext, filter: AuditFilter): Promise<AuditRow[]> {
  return listAudit(ctx.store.db, filter);
}
