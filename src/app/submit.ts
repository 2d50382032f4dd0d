import { DomainError } from '../domain/errors.ts';
import type { TLabel } from '../domain/labels.ts';
import { clockStoppedBy } from '../domain/public-clocks.ts';
import { decideSubmission, type EarlierCase, type Intake } from '../domain/intake.ts';
import { formatReceipt, timeOrderedId, trackingNumber } from '../domain/ids.ts';
import type { Actor } from '../domain/case.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { matchRespondents, procedureIntakeUnit, resolveIntakeUnit, unitClearOf } from './reach.ts';
import { blindIndexes } from './identity.ts';
import { findIdempotencyKey, insertIdempotencyKey } from '../store/idempotency.repository.ts';
import { findRepeatCandidates, insertCase } from '../store/cases.repository.ts';
import { insertLinks } from '../store/links.repository.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { recordChange, digest } from './case-writes.ts';
import { isUniqueViolation } from './db-errors.ts';
import { decrypt, encrypt, secretHash } from './secrets.ts';
import { latestProcedure } from './procedure-admin.ts';
import { msg } from '../domain/messages.ts';

export type SubmitResult = {
  id: string;
  trackingNo: string;
  /** Shown once; only its keyed hash is stored. */
  receipt: string;
  status: string;
  version: number;
  deadlines: { clock: string; dueAt: string; provisional: boolean }[];
  /** Issue 18: the limits owed to the submitter (`public: true`), the only ones a receipt shows. */
  owed: { clock: string; label: TLabel; dueAt: string; provisional: boolean; stoppedBy: TLabel[] }[];
};

export const RECEIPT_PURPOSE = 'receipt';
const TRACKING_ATTEMPTS = 5;

/**
 * Registers a new case (the `submit` step of every procedure): one transaction writes the case,
 * its first timeline event, the audit record and the acknowledgement in the outbox (INT-4).
 * With an idempotency key, a retry of the same request returns the first result (same receipt).
 */
export async function submitCase(
  ctx: AppContext,
  intake: Intake,
  actor: Actor,
  idempotencyKey?: string,
): Promise<SubmitResult> {
  const procedure = await latestProcedure(ctx, intake.procedure);
  if (!procedure) {
    throw new DomainError('UNKNOWN_PROCEDURE', msg('common.unknownProcedure', { procedure: intake.procedure }), {
      procedure: intake.procedure,
      known: ctx.procedures.latestAll().map((p) => p.id),
    });
  }
  const scopedKey = idempotencyKey
    ? `submit:${actor.kind === 'user' ? actor.id : 'public'}:${idempotencyKey}`
    : undefined;
  // Only a request that may be retried needs its fingerprint.
  const requestHash = scopedKey ? digest(intake) : '';
  if (scopedKey) {
    const earlier = await replay(ctx, scopedKey, requestHash);
    if (earlier) return earlier;
  }
  // S8 投诉举报 (issue 17, MS-14): a public 举报 goes straight into the enforcement-lead flow.
  const routedTo = procedure.intake.kindProcedures[intake.kind];
  const opensIn = routedTo ? await latestProcedure(ctx, routedTo) : procedure;
  if (!opensIn) throw new Error(`procedure ${procedure.id} sends ${intake.kind} to ${routedTo}, which is not loaded`);
  const via = routedTo ? procedure : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerOnce(ctx, opensIn, { ...intake, procedure: opensIn.id }, actor, scopedKey, requestHash, via);
    } catch (err) {
      if (scopedKey && isUniqueViolation(err, 'idempotency_keys')) {
        // A concurrent retry with the same key committed first: answer as it did.
        const earlier = await replay(ctx, scopedKey, requestHash);
        if (earlier) return earlier;
      }
      if (isUniqueViolation(err, 'tracking_no') && attempt < TRACKING_ATTEMPTS) continue;
      throw err;
    }
  }
}

async function registerOnce(
  ctx: AppContext,
  procedure: TProcedure,
  intake: Intake,
  actor: Actor,
  scopedKey: string | undefined,
  requestHash: string,
  via?: TProcedure,
): Promise<SubmitResult> {
  const now = ctx.now();
  // The unit is chosen as the procedure the submitter addressed asks (S8: the county bureau).
  const orgUnit = await resolveIntakeUnit(ctx, via ?? procedure, intake.orgUnit, actor);
  const earlier = await earlierCases(ctx, procedure, intake, now);
  const at = now.toISOString();
  let result: SubmitResult | undefined;
  await ctx.store.transact(async (trx) => {
    result = await writeNewCase(ctx, trx, procedure, intake, actor, now, orgUnit, earlier, via);
    if (scopedKey) {
      await insertIdempotencyKey(trx, {
        key: scopedKey,
        request_hash: requestHash,
        status_code: 201,
        response_enc: encrypt(ctx.secrets, JSON.stringify(result)),
        created_at: at,
      });
    }
  });
  return result!;
}

/**
 * The day a tracking number carries (issue 17): the day the matter was received, not the day it
 * was entered — a letter received 11-30 and registered 12-05 is `…-20261130-…`. An unreadable
 * time is left for decideSubmission to refuse.
 */
function receivedDay(intake: Intake, now: Date): Date {
  const received = intake.receivedAt ? new Date(intake.receivedAt) : now;
  return Number.isNaN(received.getTime()) ? now : received;
}

/**
 * Decides and writes a new case inside the caller's transaction: the case, its first event, audit
 * record, outbox rows, clocks, and the links to the earlier cases it repeats. Also used by an
 * action that opens a linked case (ENF-1), so both commit together.
 */
export async function writeNewCase(
  ctx: AppContext,
  trx: Transaction<Database>,
  procedure: TProcedure,
  intake: Intake,
  actor: Actor,
  now: Date,
  orgUnit: { id: string; path: string } | null,
  earlier: EarlierCase[] = [],
  via?: TProcedure,
): Promise<SubmitResult> {
  const prefix = procedure.intake.trackingPrefix[intake.kind] ?? 'TS';
  // RTE-3 (issue 16): respondents who are staff are kept out from the first second, before any
  // notice goes out; a case landing in a unit so excluded starts one level up.
  const matched = await matchRespondents(trx, procedure, intake.respondents ?? []);
  const ids = {
    caseId: timeOrderedId(now, ctx.random(10)),
    trackingNo: trackingNumber(prefix, receivedDay(intake, now), ctx.config.timeZone, ctx.random(4)),
    orgUnit: await unitClearOf(
      trx,
      orgUnit,
      matched.map((m) => ({ userId: m.user_id, unitPath: m.unit_path })),
    ),
    intakeUnitPath: (await procedureIntakeUnit(trx, procedure.id))?.path ?? null,
  };
  const created = decideSubmission(procedure, intake, actor, now, ids, ctx.calendar, earlier, via);
  const receipt = formatReceipt(ctx.random(13));
  const result: SubmitResult = {
    id: ids.caseId,
    trackingNo: ids.trackingNo,
    receipt,
    status: created.state.status,
    version: created.state.version,
    deadlines: created.clocks.map((c) => ({ clock: c.clock, dueAt: c.dueAt, provisional: c.provisional })),
    owed: created.clocks.flatMap((c) => {
      const clock = procedure.clocks.find((d) => d.id === c.clock);
      if (!clock?.public) return [];
      return [
        {
          clock: c.clock,
          label: clock.label,
          dueAt: c.dueAt,
          provisional: c.provisional,
          stoppedBy: clockStoppedBy(procedure, c.clock),
        },
      ];
    }),
  };
  const at = now.toISOString();
  await insertCase(trx, {
    id: ids.caseId,
    tracking_no: ids.trackingNo,
    procedure_id: procedure.id,
    procedure_version: procedure.version,
    kind: created.state.kind,
    status: created.state.status,
    version: created.state.version,
    category: created.state.category,
    severity: created.state.severity,
    outcome: null,
    assignee_id: null,
    channel: created.state.channel,
    subject: created.subject,
    description: created.description,
    anonymous: created.anonymous ? 1 : 0,
    submitter_enc: created.submitter ? JSON.stringify(created.submitter) : null,
    respondents: JSON.stringify(created.respondents),
    received_by: created.receivedBy,
    receipt_hash: secretHash(ctx.secrets, RECEIPT_PURPOSE, receipt),
    data: JSON.stringify(created.state.data),
    received_at: created.state.receivedAt,
    created_at: at,
    updated_at: at,
    closed_at: null,
    escalated_at: null,
    hold_reason: null,
    held_at: null,
    deidentified_at: null,
    org_unit_id: created.state.orgUnitId,
    org_unit_path: created.state.orgUnitPath,
    ...blindIndexes(ctx, created.submitter),
  });
  if (matched.length > 0)
    await trx
      .insertInto('case_exclusions')
      .values(matched.map((m) => ({ case_id: ids.caseId, ...m })))
      .execute();
  const submitterReachable = Boolean(
    created.submitter && (created.submitter.email || created.submitter.phone || created.submitter.address),
  );
  await recordChange(
    ctx,
    trx,
    { id: ids.caseId, trackingNo: ids.trackingNo, version: 1, submitterReachable },
    created.event,
    created.notifications,
    created.clocks.map((clock) => ({ op: 'start' as const, clock })),
  );
  await insertLinks(
    trx,
    earlier.map((e) => ({ from_case_id: e.id, to_case_id: ids.caseId, kind: 'repeat', note: null, created_at: at })),
  );
  return result;
}

/** INT-6: the earlier cases this submission repeats, when the procedure looks for repeats. */
async function earlierCases(ctx: AppContext, procedure: TProcedure, intake: Intake, now: Date): Promise<EarlierCase[]> {
  const rule = procedure.intake.repeats;
  if (!rule) return [];
  const submitter = rule.match.includes('submitter') && !intake.anonymous ? (intake.submitter ?? null) : null;
  const keys = submitter ? blindIndexes(ctx, submitter) : {};
  const names = rule.match.includes('respondent') ? (intake.respondents ?? []).map((r) => r.name) : [];
  const since = new Date(now.getTime() - rule.windowDays * 86_400_000).toISOString();
  const rows = await findRepeatCandidates(ctx.store.db, procedure.id, since, keys as Record<string, string>, names);
  return rows.map((r) => ({ id: r.id, trackingNo: r.tracking_no, open: r.closed_at === null }));
}

async function replay(ctx: AppContext, key: string, requestHash: string): Promise<SubmitResult | undefined> {
  const row = await findIdempotencyKey(ctx.store.db, key);
  if (!row) return undefined;
  if (row.request_hash !== requestHash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', msg('submit.idempotencyKeyWasUsedFor'));
  }
  return JSON.parse(decrypt(ctx.secrets, row.response_enc)) as SubmitResult;
}
