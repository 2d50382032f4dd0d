import type { AppContext } from '../app/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { openCases } from '../store/cases.repository.ts';
import { submitterOf } from '../notify/recipients.ts';
import { COLUMNS, headerCell, type ColumnKey } from './columns.ts';
import { offsetMinutes } from './import.ts';
import { orgUnitCells } from './units.ts';

/**
 * Cases as rows in the import format (issue 7). Submitter identities are decrypted only with
 * `withIdentity` (CON-1: personal data leaves only when asked for), and the export is audited.
 */
export async function exportCases(
  ctx: AppContext,
  opts: { procedure?: string; withIdentity?: boolean; by?: string },
): Promise<string[][]> {
  let q = ctx.store.db.selectFrom('cases').selectAll().orderBy('received_at').orderBy('id');
  if (opts.procedure) q = q.where('procedure_id', '=', opts.procedure);
  const rows = await openCases(ctx.store.db, await q.execute());
  const offset = offsetMinutes(ctx.config.timeZone, ctx.now());
  const local = (iso: string | null) =>
    iso ? new Date(Date.parse(iso) + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ') : '';
  const units = await orgUnitCells(ctx.store.db);
  const out: string[][] = [COLUMNS.map(([k]) => headerCell(k))];
  for (const r of rows) {
    const s = opts.withIdentity ? submitterOf(r) : null;
    const data = JSON.parse(r.data) as { requestedOutcome?: string; thirdParty?: { name: string; reference?: string } };
    const respondents = JSON.parse(r.respondents) as { name: string }[];
    const value: Record<ColumnKey, string> = {
      trackingNo: r.tracking_no,
      kind: r.kind,
      channel: r.channel,
      receivedAt: local(r.received_at),
      subject: r.subject,
      description: r.description,
      anonymous: r.anonymous ? '是' : '否',
      // Without identities a named case still reads as named: the name column says it is withheld.
      submitterName: r.anonymous ? '' : (s?.name ?? '（未导出）'),
      submitterPhone: s?.phone ?? '',
      submitterEmail: s?.email ?? '',
      respondent: respondents.map((x) => x.name).join('、'),
      category: r.category ?? '',
      severity: r.severity ?? '',
      status: r.status,
      outcome: r.outcome ?? '',
      closedAt: local(r.closed_at),
      requestedOutcome: data.requestedOutcome ?? '',
      thirdParty: data.thirdParty?.name ?? '',
      thirdPartyReference: data.thirdParty?.reference ?? '',
      orgUnit: units.write(r.org_unit_id),
    };
    out.push(COLUMNS.map(([k]) => value[k]));
  }
  await ctx.store.transact(async (trx) => {
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: opts.by ?? 'system:cli',
      action: 'case.export',
      entityType: 'procedure',
      entityId: opts.procedure ?? '*',
      payload: { count: rows.length, withIdentity: Boolean(opts.withIdentity) },
    });
  });
  return out;
}
