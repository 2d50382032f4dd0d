import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { blindIndexes } from '../app/identity.ts';
import { timeOrderedId, trackingNumber } from '../domain/ids.ts';
import type { TProcedure } from '../domain/procedure.schema.ts';
import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { analyzeTables } from '../store/analyze.ts';
import { insertCases, insertEvents, type NewCaseRow } from '../store/cases.repository.ts';
import type { CaseEventTable } from '../store/schema.ts';
import { COLUMNS, readHeader, rowSchema, type ColumnKey, type ImportRow } from './columns.ts';
import { orgUnitCells, type PlacedUnit } from './units.ts';
import { resolveIntakeUnit } from '../app/reach.ts';
import { msg } from '../domain/messages.ts';

export type RowProblem = { row: number; column: string; problem: string };
export type ImportReport = { rows: number; valid: number; imported: number; problems: RowProblem[]; dryRun: boolean };
export type ImportOptions = {
  procedure: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  by?: string;
  progress?: (phase: string, done: number, total: number) => void;
  source?: string;
};

const CHUNK = 500; // cases: 500 × 31 columns = 15 500 parameters (SQLite allows 32 766, PostgreSQL 65 535)
const ACTOR = '历史数据导入 / import';

/**
 * Loads historical cases from a sheet (issue 7). Every row is checked first and every problem
 * reported as (row, column, problem); nothing is written if any row fails, unless `skipInvalid`,
 * which writes the good rows. The write is one transaction of multi-row inserts — the fast
 * path — with one timeline event per case and one audit record for the whole import. Imported
 * cases send no notices (they are history) and start no clocks.
 */
export async function importCases(ctx: AppContext, table: string[][], opts: ImportOptions): Promise<ImportReport> {
  const procedure = ctx.procedures.latest(opts.procedure);
  if (!procedure)
    throw new DomainError('UNKNOWN_PROCEDURE', msg('common.unknownProcedure', { procedure: opts.procedure }), {
      procedure: opts.procedure,
    });
  const [header = [], ...body] = table;
  const { keys, unknown } = readHeader(header);
  const problems: RowProblem[] = unknown.map((h) => ({ row: 1, column: h, problem: '未知列 / unknown column' }));
  for (const need of ['kind', 'channel', 'receivedAt', 'subject', 'description'] as const) {
    if (!keys.includes(need))
      problems.push({ row: 1, column: need, problem: '缺少必需的列 / required column missing' });
  }
  if (problems.length) return { rows: body.length, valid: 0, imported: 0, problems, dryRun: Boolean(opts.dryRun) };

  const schema = rowSchema(offsetMinutes(ctx.config.timeZone, ctx.now()));
  // Where a case goes: the unit its row names, else where the portal puts a new case of the
  // procedure (its intake unit, else the top unit). Before, imported cases had no unit, so only
  // staff with organisation-wide grants saw them, and triage learnt nothing for a unit's desk.
  const units = await orgUnitCells(ctx.store.db);
  const placed = await resolveIntakeUnit(ctx, procedure, undefined, { kind: 'system', name: ACTOR });
  const good: { line: number; row: ImportRow; unit: PlacedUnit | null }[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c.trim())) return; // blank line
    const record: Record<string, string> = Object.fromEntries(COLUMNS.map(([k]) => [k, '']));
    keys.forEach((k, j) => {
      if (k) record[k] = cells[j] ?? '';
    });
    const parsed = schema.safeParse(record);
    const rowProblems: RowProblem[] = parsed.success
      ? []
      : parsed.error.issues.map((iss) => ({ row: line, column: String(iss.path[0] ?? ''), problem: iss.message }));
    if (parsed.success)
      rowProblems.push(...checkAgainstProcedure(procedure, parsed.data).map((p) => ({ row: line, ...p })));
    let unit = placed;
    if (parsed.success && parsed.data.orgUnit) {
      const found = units.read(parsed.data.orgUnit);
      if ('problem' in found) rowProblems.push({ row: line, column: 'orgUnit', problem: found.problem });
      else unit = found;
    }
    if (parsed.success && parsed.data.trackingNo) {
      const first = seen.get(parsed.data.trackingNo);
      if (first)
        rowProblems.push({ row: line, column: 'trackingNo', problem: `与第 ${first} 行重复 / same as row ${first}` });
      else seen.set(parsed.data.trackingNo, line);
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else good.push({ line, row: (parsed as { data: ImportRow }).data, unit });
    if (line % 5000 === 0) opts.progress?.('check', line - 1, body.length);
  });
  // Tracking numbers already in the database.
  const numbers = [...seen.keys()];
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const taken = await ctx.store.db
      .selectFrom('cases')
      .select('tracking_no')
      .where('tracking_no', 'in', numbers.slice(i, i + CHUNK))
      .execute();
    for (const t of taken) {
      problems.push({
        row: seen.get(t.tracking_no)!,
        column: 'trackingNo',
        problem: '该受理编号已存在 / this tracking number exists already',
      });
      const at = good.findIndex((g) => g.row.trackingNo === t.tracking_no);
      if (at >= 0) good.splice(at, 1);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  opts.progress?.('check', body.length, body.length);
  const report: ImportReport = {
    rows: body.length,
    valid: good.length,
    imported: 0,
    problems,
    dryRun: Boolean(opts.dryRun),
  };
  if (opts.dryRun || good.length === 0 || (problems.length && !opts.skipInvalid)) return report;

  const at = ctx.now().toISOString();
  const cases: NewCaseRow[] = [];
  const events: CaseEventTable[] = [];
  const ids = createHash('sha256');
  const used = new Set(seen.keys());
  for (const { row, unit } of good) {
    const c = caseRow(ctx, procedure, row, at, unit);
    // Numbers drawn for one day collide now and then when thousands share the day: draw again.
    while (!row.trackingNo && used.has(c.tracking_no))
      c.tracking_no = caseRow(ctx, procedure, row, at, unit).tracking_no;
    used.add(c.tracking_no);
    ids.update(c.id);
    cases.push(c);
    events.push({
      case_id: c.id,
      seq: 1,
      type: 'submitted',
      action: 'import',
      visibility: 'internal',
      from_status: null,
      to_status: c.status,
      actor_kind: 'system',
      actor_id: null,
      actor_name: ACTOR,
      actor_unit_id: null,
      at,
      input: JSON.stringify({
        channel: row.channel,
        kind: row.kind,
        receivedAt: row.receivedAt,
        source: opts.source ?? null,
      }),
      public_text: null,
      clocks: '[]',
    });
  }
  await redrawTaken(
    ctx,
    procedure,
    cases.filter((_, i) => !good[i].row.trackingNo),
    used,
  );
  await ctx.store.transact(async (trx) => {
    for (let i = 0; i < cases.length; i += CHUNK) {
      // Indexed in the import's own transaction: imported cases are searchable when it answers.
      await insertCases(trx, cases.slice(i, i + CHUNK), 'now');
      await insertEvents(trx, events.slice(i, i + CHUNK));
      opts.progress?.('write', Math.min(i + CHUNK, cases.length), cases.length);
    }
    // One record for the import: what, how many, and a digest of the case ids it made.
    await appendAudit(trx, {
      at,
      actor: opts.by ?? 'system:cli',
      action: 'case.import',
      entityType: 'procedure',
      entityId: procedure.id,
      payload: {
        count: cases.length,
        skipped: problems.length ? new Set(problems.map((p) => p.row)).size : 0,
        caseIds: ids.digest('hex'),
        source: opts.source ?? null,
      },
    });
  });
  report.imported = cases.length;
  // A bulk load outruns autovacuum: plan the next inbox pages from the new numbers (issue 25).
  await analyzeTables(ctx.store, ['cases', 'case_events', 'case_search', 'case_respondents']);
  return report;
}

/** Drawn numbers that an existing case already has are drawn again (rare, but a unique violation would undo the import). */
async function redrawTaken(ctx: AppContext, p: TProcedure, drawn: NewCaseRow[], used: Set<string>): Promise<void> {
  for (let i = 0; i < drawn.length; i += CHUNK) {
    const chunk = drawn.slice(i, i + CHUNK);
    const taken = new Set(
      (
        await ctx.store.db
          .selectFrom('cases')
          .select('tracking_no')
          .where(
            'tracking_no',
            'in',
            chunk.map((c) => c.tracking_no),
          )
          .execute()
      ).map((t) => t.tracking_no),
    );
    for (const c of chunk.filter((x) => taken.has(x.tracking_no))) {
      do
        c.tracking_no = trackingNumber(
          p.intake.trackingPrefix[c.kind as 'complaint'] ?? 'TS',
          new Date(c.received_at),
          ctx.config.timeZone,
          ctx.random(4),
        );
      while (used.has(c.tracking_no) || taken.has(c.tracking_no));
      used.add(c.tracking_no);
    }
  }
}

function checkAgainstProcedure(p: TProcedure, r: ImportRow): { column: ColumnKey; problem: string }[] {
  const out: { column: ColumnKey; problem: string }[] = [];
  if (!p.intake.kinds.includes(r.kind))
    out.push({ column: 'kind', problem: `该流程只受理 ${p.intake.kinds.join(', ')} / not a kind of this procedure` });
  if (r.category && !p.categories.some((c) => c.id === r.category || c.label['zh-CN'] === r.category))
    out.push({
      column: 'category',
      problem: `未知类别 / unknown category; one of ${p.categories.map((c) => c.id).join(', ')}`,
    });
  if (r.severity && !p.severities.some((s) => s.id === r.severity || s.label['zh-CN'] === r.severity))
    out.push({ column: 'severity', problem: '未知严重程度 / unknown severity' });
  const state = r.status ? p.states.find((s) => s.id === r.status || s.label['zh-CN'] === r.status) : undefined;
  if (r.status && !state)
    out.push({ column: 'status', problem: `未知状态 / unknown state; one of ${p.states.map((s) => s.id).join(', ')}` });
  if (r.outcome && !p.outcomes.some((o) => o.id === r.outcome || o.label['zh-CN'] === r.outcome))
    out.push({ column: 'outcome', problem: '未知结论 / unknown outcome' });
  if (state?.terminal && !r.closedAt)
    out.push({ column: 'closedAt', problem: '已办结的案件需填办结时间 / a closed case needs its closing time' });
  if (r.closedAt && r.closedAt < r.receivedAt)
    out.push({ column: 'closedAt', problem: '办结时间早于收到时间 / closed before it was received' });
  if (r.anonymous && (r.submitterName || r.submitterPhone || r.submitterEmail))
    out.push({ column: 'anonymous', problem: '匿名案件不填身份信息 / an anonymous case carries no identity' });
  if (!r.anonymous && !r.submitterName)
    out.push({ column: 'submitterName', problem: '实名案件需填投诉人 / a named case needs the submitter' });
  if (r.channel === 'third-party' && !r.thirdParty)
    out.push({ column: 'thirdParty', problem: '第三方转来的案件需注明机构 / name the third party' });
  return out;
}

/** Not hex: matches no receipt. */
export const NO_RECEIPT = 'imported:no-receipt';

function caseRow(ctx: AppContext, p: TProcedure, r: ImportRow, at: string, unit: PlacedUnit | null): NewCaseRow {
  const received = new Date(r.receivedAt);
  const state = r.status
    ? p.states.find((s) => s.id === r.status || s.label['zh-CN'] === r.status)!
    : p.states.find((s) => s.initial)!;
  const submitter = r.anonymous
    ? null
    : {
        name: r.submitterName!,
        ...(r.submitterPhone ? { phone: r.submitterPhone } : {}),
        ...(r.submitterEmail ? { email: r.submitterEmail } : {}),
      };
  const data: Record<string, unknown> = { imported: true };
  if (r.requestedOutcome) data.requestedOutcome = r.requestedOutcome;
  if (r.thirdParty)
    data.thirdParty = {
      type: 'other',
      name: r.thirdParty,
      ...(r.thirdPartyReference ? { reference: r.thirdPartyReference } : {}),
    };
  const prefix = p.intake.trackingPrefix[r.kind] ?? 'TS';
  return {
    id: timeOrderedId(received, ctx.random(10)),
    tracking_no: r.trackingNo ?? trackingNumber(prefix, received, ctx.config.timeZone, ctx.random(4)),
    procedure_id: p.id,
    procedure_version: p.version,
    kind: r.kind,
    status: state.id,
    version: 1,
    category: r.category ? p.categories.find((c) => c.id === r.category || c.label['zh-CN'] === r.category)!.id : null,
    severity: r.severity ? p.severities.find((s) => s.id === r.severity || s.label['zh-CN'] === r.severity)!.id : null,
    outcome: r.outcome ? p.outcomes.find((o) => o.id === r.outcome || o.label['zh-CN'] === r.outcome)!.id : null,
    assignee_id: null,
    channel: r.channel,
    subject: r.subject,
    description: r.description,
    anonymous: r.anonymous ? 1 : 0,
    submitter_enc: submitter ? JSON.stringify(submitter) : null,
    respondents: JSON.stringify(r.respondent ? [{ name: r.respondent, type: 'business' }] : []),
    received_by: null,
    // Nobody holds a receipt for a historical case. A receipt hash is hex; this marker is not, so
    // no receipt can ever match it (secrets.sameHash compares decoded bytes and lengths). Cheaper
    // than 32 random bytes per row, which the OS generator made 7 % of an import's time.
    receipt_hash: NO_RECEIPT,
    data: JSON.stringify(data),
    received_at: r.receivedAt,
    created_at: at,
    updated_at: at,
    closed_at: r.closedAt ?? (state.terminal ? at : null),
    org_unit_id: unit?.id ?? null,
    org_unit_path: unit?.path ?? null,
    escalated_at: null,
    hold_reason: null,
    held_at: null,
    deidentified_at: null,
    ...blindIndexes(ctx, submitter),
  };
}

/** Minutes east of UTC of a time zone at an instant (Asia/Shanghai: 480). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}
