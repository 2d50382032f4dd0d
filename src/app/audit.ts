import { auditHash, GENESIS_HASH } from '../domain/audit-hash.ts';
import { auditBatch, auditHead, listAudit, type AuditFilter, type AuditRow } from '../store/audit.repository.ts';
import type { AppContext } from './context.ts';

export type AuditVerdict =
  | { ok: true; records: number; head: string }
  | { ok: false; records: number; seq: number; problem: string };

const BATCH = 5000;

/**
 * Walks the audit chain from the first record: numbers must run 1, 2, 3 … without gaps, each
 * record must name the previous hash and hash to its own; the head row must match the last
 * record, so deleting the newest rows is caught too (AUD-1).
 */
export async function verifyAudit(ctx: AppContext): Promise<AuditVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await auditBatch(ctx.store.db, expectedSeq - 1, BATCH);
    for (const row of rows) {
      const seq = Number(row.seq);
      const fail = (problem: string): AuditVerdict => ({ ok: false, records: expectedSeq - 1, seq, problem });
      if (seq !== expectedSeq)
        return {
          ok: false,
          records: expectedSeq - 1,
          seq: expectedSeq,
          problem: `record #${expectedSeq} is missing (next is #${seq})`,
        };
      if (row.prev_hash !== prevHash)
        return fail(`record #${seq} does not follow record #${seq - 1} (previous hash differs)`);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return fail(`record #${seq} has an unreadable payload`);
      }
      const content = {
        seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        payload,
      };
      if (auditHash(prevHash, content) !== row.hash)
        return fail(`record #${seq} was altered (its content does not match its hash)`);
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await auditHead(ctx.store.db);
  const records = expectedSeq - 1;
  if (head.seq !== records || head.hash !== prevHash) {
    return {
      ok: false,
      records,
      seq: records + 1,
      problem: `the chain ends at #${records} but its head says #${head.seq}: records after #${records} were removed`,
    };
  }
  return { ok: true, records, head: prevHash };
}

/** A page of the audit record, newest first (AUD-2); the route only shapes the answer. */
export function auditPage(ctx: AppContext, filter: AuditFilter): Promise<AuditRow[]> {
  return listAudit(ctx.store.db, filter);
}
