import type { TProcedure } from '../domain/procedure.schema.ts';
import { redact, redactDeep } from '../domain/redaction.ts';
import type { TRespondent, TSubmitter } from '../domain/submission.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { deleteCaseIndexes, findCaseById, listEvents, type CaseRow } from '../store/cases.repository.ts';
import { destroyCaseKey, ERASED_TEXT, openerFor, sealFor } from '../store/sealing.ts';
import type { Trx } from '../store/transaction.ts';
import { addCaseNote } from './case-notes.ts';
import { finishErasures, recordErasure } from './erasure-ledger.ts';
import type { AppContext } from './context.ts';
import { secretHash } from './secrets.ts';

export type RetentionReport = {
  dryRun: boolean;
  at: string;
  deidentified: string[];
  deleted: string[];
  /** Cases past a period but on legal hold: left untouched. */
  held: string[];
};

const BATCH = 500;
const SYSTEM = { kind: 'system' as const, id: null, name: '保存期限 / retention' };

/**
 * CON-4, ARC-1: once a closed case's personal-data period has passed, its submitter and respondents
 * are replaced by stable pseudonyms and its free text is redacted, so statistics keep working;
 * once its record period has passed, the case is deleted. Cases on legal hold are skipped. Each
 * case changes in its own transaction; the run is one audit record with its counts.
 */
export async function runRetention(ctx: AppContext, options: { dryRun: boolean }): Promise<RetentionReport> {
  const now = ctx.now();
  const report: RetentionReport = {
    dryRun: options.dryRun,
    at: now.toISOString(),
    deidentified: [],
    deleted: [],
    held: [],
  };
  for (const procedure of ctx.procedures.all()) {
    const deleteBefore = yearsBefore(now, procedure.records.recordYears);
    const deidentifyBefore = yearsBefore(now, procedure.records.personalDataYears);
    for (const row of await due(ctx, procedure, deleteBefore, false)) {
      if (row.hold_reason) {
        report.held.push(row.tracking_no);
        continue;
      }
      if (!options.dryRun) {
        recordErasure(ctx, row.id, 'deleted');
        await deleteCase(ctx, row);
      }
      report.deleted.push(row.tracking_no);
    }
    const handled = new Set([...report.deleted, ...report.held]);
    for (const row of await due(ctx, procedure, deidentifyBefore, true)) {
      if (handled.has(row.tracking_no)) continue;
      if (row.hold_reason) {
        report.held.push(row.tracking_no);
        continue;
      }
      if (!options.dryRun) await deidentifyCase(ctx, row.id, '保存期限届满 / personal-data period ended');
      report.deidentified.push(row.tracking_no);
    }
  }
  if (!options.dryRun && report.deleted.length + report.deidentified.length > 0) await finishErasures(ctx);
  await ctx.store.transact(async (trx) => {
    await appendAudit(trx, {
      at: now.toISOString(),
      actor: 'system:retention',
      action: 'retention.run',
      entityType: 'system',
      entityId: 'retention',
      payload: {
        dryRun: options.dryRun,
        deidentified: report.deidentified.length,
        deleted: report.deleted.length,
        held: report.held.length,
      },
    });
  });
  return report;
}

function yearsBefore(now: Date, years: number): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

/** Closed cases of one procedure version closed before `before` (not yet de-identified, for that pass). */
async function due(
  ctx: AppContext,
  procedure: TProcedure,
  before: string,
  deidentifyPass: boolean,
): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (let after = ''; ; ) {
    let query = ctx.store.db
      .selectFrom('cases')
      .selectAll()
      .where('procedure_id', '=', procedure.id)
      .where('procedure_version', '=', procedure.version)
      .where('closed_at', 'is not', null)
      .where('closed_at', '<', before)
      .where('id', '>', after);
    if (deidentifyPass) query = query.where('deidentified_at', 'is', null);
    const page = await query.orderBy('id').limit(BATCH).execute();
    rows.push(...page);
    if (page.length < BATCH) return rows;
    after = page[page.length - 1].id;
  }
}

/** A pseudonym that stays the same for the same person across cases (repeat statistics still work). */
function pseudonym(ctx: AppContext, prefix: string, key: string): string {
  return `${prefix}-${secretHash(ctx.secrets, 'pseudonym', key).slice(0, 8)}`;
}

/**
 * Replaces the personal data of one case, through the same write path as every change (version,
 * timeline, audit). Also used when a submitter's deletion request is granted (PIPL Art 47).
 */
export async function deidentifyCase(ctx: AppContext, caseId: string, why: string, record = true): Promise<void> {
  if (record) recordErasure(ctx, caseId, 'deidentified');
  await addCaseNote(ctx, caseId, {
    action: 'deidentified',
    visibility: 'internal',
    actor: SYSTEM,
    input: { reason: why },
    prepare: async (trx, row) => {
      if (row.deidentified_at) return false;
      const submitter = row.submitter_enc ? (JSON.parse(row.submitter_enc) as TSubmitter) : null;
      const respondents = JSON.parse(row.respondents) as (TRespondent & Record<string, unknown>)[];
      const names = [submitter?.name, submitter?.address, ...respondents.map((r) => r.name)].filter((n): n is string =>
        Boolean(n),
      );
      const submitterKey = row.submitter_phone_bidx ?? row.submitter_email_bidx ?? row.submitter_id_bidx ?? row.id;
      const data = redactDeep(JSON.parse(row.data) as Record<string, unknown>, names);
      if (submitter) data.submitterPseudonym = pseudonym(ctx, '当事人', submitterKey);
      // A published disclosure keeps the business's name: it is not personal data, and it is what DIS-1 discloses.
      const personNames = [
        submitter?.name,
        submitter?.address,
        ...respondents.filter((r) => r.type === 'person').map((r) => r.name),
      ].filter((n): n is string => Boolean(n));
      const counts = await scrubRelated(trx, row.id, names, personNames);
      return {
        input: { reason: why, ...counts },
        changes: {
          subject: redact(row.subject, names).text,
          description: redact(row.description, names).text,
          respondents: JSON.stringify(
            respondents.map((r) => ({ name: pseudonym(ctx, '被投诉方', r.name), type: r.type })),
          ),
          data: JSON.stringify(data),
          submitter_enc: null,
          submitter_phone_bidx: null,
          submitter_email_bidx: null,
          submitter_id_bidx: null,
          deidentified_at: ctx.now().toISOString(),
        },
      };
    },
  });
}

/** The case's timeline inputs, personal-data requests and attachments, inside the transaction. */
async function scrubRelated(
  trx: Trx,
  caseId: string,
  names: string[],
  personNames: string[],
): Promise<{ events: number; attachments: number }> {
  // Issue 24: everything is read opened under the case's key, the key is destroyed, and what is
  // kept — redacted — is sealed again under a new key of the case (sealFor makes one). Whatever
  // was sealed under the old key, wherever a copy of it lies, can no longer be read.
  const events = await listEvents(trx, caseId, false);
  const requests = await trx
    .selectFrom('data_requests')
    .select(['id', 'details', 'answer'])
    .where('case_id', '=', caseId)
    .execute();
  // In-app notices quote the case (its subject, a message).
  const notices = await trx
    .selectFrom('staff_notifications')
    .select(['id', 'title', 'body'])
    .where('case_id', '=', caseId)
    .execute();
  const open = await openerFor(trx, [caseId]);
  await destroyCaseKey(trx, caseId);
  for (const e of events) {
    const [input] = await sealFor(trx, caseId, [JSON.stringify(redactDeep(JSON.parse(e.input), names))]);
    await trx
      .updateTable('case_events')
      .set({ input: input! })
      .where('case_id', '=', caseId)
      .where('seq', '=', e.seq)
      .execute();
  }
  for (const r of requests) {
    const answer = r.answer === null ? null : redact(open(caseId, r.answer), names).text;
    const [details, sealedAnswer] = await sealFor(trx, caseId, [
      redact(open(caseId, r.details), names).text,
      answer ?? '',
    ]);
    await trx
      .updateTable('data_requests')
      .set({ details: details!, answer: answer === null ? null : sealedAnswer! })
      .where('id', '=', r.id)
      .execute();
  }
  const erased = JSON.stringify(ERASED_TEXT);
  for (const n of notices) {
    const [title, body] = await sealFor(trx, caseId, [
      JSON.stringify(redactDeep(JSON.parse(open(caseId, n.title, erased)), names)),
      redact(open(caseId, n.body, erased), names).text,
    ]);
    await trx.updateTable('staff_notifications').set({ title: title!, body: body! }).where('id', '=', n.id).execute();
  }
  // A disclosure's text was redacted when proposed and edited; redact again with the names as they are now.
  const disclosures = await trx
    .selectFrom('disclosures')
    .select(['id', 'statement', 'result'])
    .where('case_id', '=', caseId)
    .execute();
  for (const d of disclosures) {
    await trx
      .updateTable('disclosures')
      .set({ statement: redact(d.statement, personNames).text, result: redact(d.result, personNames).text })
      .where('id', '=', d.id)
      .execute();
  }
  // Attachments are evidence full of personal data (photos, IDs, letters): they go.
  const attachments = await trx.selectFrom('case_attachments').select('sha256').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_attachments').where('case_id', '=', caseId).execute();
  await deleteOrphanBlobs(
    trx,
    attachments.map((a) => a.sha256),
  );
  return { events: events.length, attachments: attachments.length };
}

async function deleteOrphanBlobs(trx: Trx, hashes: string[]): Promise<void> {
  for (const sha of new Set(hashes)) {
    const used = await trx
      .selectFrom('case_attachments')
      .select('id')
      .where('sha256', '=', sha)
      .limit(1)
      .executeTakeFirst();
    if (!used) await trx.deleteFrom('attachments').where('sha256', '=', sha).execute();
  }
}

/** Deletes a case whose record period has passed, with everything that hangs on it; audited. */
export async function deleteCase(ctx: AppContext, row: CaseRow): Promise<void> {
  await ctx.store.transact(async (trx) => {
    const current = await findCaseById(trx, row.id);
    if (!current || current.hold_reason) return;
    const attachments = await trx
      .selectFrom('case_attachments')
      .select('sha256')
      .where('case_id', '=', row.id)
      .execute();
    // Issue 8: its disclosures go with it; an improvement action stays, without the link.
    // Issue 24: the case key goes with the rows, so no copy of them elsewhere can be read.
    for (const table of [
      'case_keys',
      'case_events',
      'clocks',
      'case_exclusions',
      'case_invitations',
      'case_attachments',
      'outbox',
      'data_requests',
      'deliveries',
      'staff_notifications',
      'mail_threads',
      'disclosures',
      'improvement_cases',
    ] as const) {
      await trx.deleteFrom(table).where('case_id', '=', row.id).execute();
    }
    await trx
      .deleteFrom('case_links')
      .where((eb) => eb.or([eb('from_case_id', '=', row.id), eb('to_case_id', '=', row.id)]))
      .execute();
    await deleteCaseIndexes(trx, row.id);
    await trx.deleteFrom('cases').where('id', '=', row.id).execute();
    await deleteOrphanBlobs(
      trx,
      attachments.map((a) => a.sha256),
    );
    await appendAudit(trx, {
      at: ctx.now().toISOString(),
      actor: 'system:retention',
      action: 'case.deleted',
      entityType: 'case',
      entityId: row.id,
      payload: { trackingNo: row.tracking_no, closedAt: row.closed_at, reason: 'record period ended' },
    });
  });
}
