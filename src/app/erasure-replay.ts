import { findCaseById } from '../store/cases.repository.ts';
import type { AppContext } from './context.ts';
import { finishErasures, readLedger } from './erasure-ledger.ts';
import { deidentifyCase, deleteCase } from './retention.ts';

export type ReplayReport = { deidentified: string[]; deleted: string[] };

/**
 * Issue 24: erases again every case the ledger lists that the database holds un-erased — after a
 * restore of a backup made before the erasure. A de-identified case comes back with its key and
 * its text: it is de-identified again (a new key, the old one destroyed); a deleted one is
 * deleted again. Then the batch cleans the freed space, so the restored rows' keys leave the
 * files too (on PostgreSQL the restore's own inserts are dead tuples until this VACUUM).
 */
export async function replayErasures(ctx: AppContext): Promise<ReplayReport> {
  const report: ReplayReport = { deidentified: [], deleted: [] };
  const seen = new Set<string>();
  for (const entry of readLedger(ctx).reverse()) {
    // The newest entry of a case decides (a case de-identified, then deleted, is deleted).
    if (seen.has(entry.caseId)) continue;
    seen.add(entry.caseId);
    const row = await findCaseById(ctx.store.db, entry.caseId);
    if (!row) continue;
    if (entry.kind === 'deleted') {
      await deleteCase(ctx, row);
      report.deleted.push(row.tracking_no);
    } else if (!row.deidentified_at) {
      await deidentifyCase(ctx, row.id, '恢复备份后重新删除 / erased again after a restore (erasure ledger)', false);
      report.deidentified.push(row.tracking_no);
    }
  }
  if (report.deidentified.length + report.deleted.length > 0) await finishErasures(ctx);
  return report;
}
