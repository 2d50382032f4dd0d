import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Scope } from '../domain/policy.ts';
import type { CaseEventTable, CaseTable, Database } from './schema.ts';
import { insertRows } from './insert.ts';

export type Db = Kysely<Database> | Transaction<Database>;
export type CaseRow = Selectable<CaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;

export async function insertCase(db: Db, row: CaseRow): Promise<void> {
  await insertRows(db, 'cases', [row]);
}

export async function findCaseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByTrackingNo(db: Db, trackingNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
}

export type CaseChanges = Partial<Pick<CaseRow, 'status' | 'category' | 'severity' | 'outcome' | 'assignee_id' | 'data' | 'closed_at' | 'escalated_at' | 'org_unit_id' | 'org_unit_path' | 'respondents'
  | 'subject' | 'description' | 'submitter_enc' | 'submitter_phone_bidx' | 'submitter_email_bidx' | 'submitter_id_bidx' | 'deidentified_at' | 'hold_reason' | 'held_at'>>;

/** A case's recusals (RTE-3). */
export async function caseExclusions(db: Db, caseId: string): Promise<{ userId: string | null; unitPath: string | null }[]> {
  const rows = await db.selectFrom('case_exclusions').select(['user_id', 'unit_path']).where('case_id', '=', caseId).execute();
  return rows.map((r) => ({ userId: r.user_id, unitPath: r.unit_path }));
}

/**
 * Applies changes only if the case is still at `expectedVersion`, and bumps the version.
 * Returns false when another writer got there first (optimistic concurrency).
 */
export async function updateCaseIfVersion(db: Db, id: string, expectedVersion: number, changes: CaseChanges, updatedAt: string): Promise<boolean> {
  const result = await db.updateTable('cases')
    .set({ ...changes, version: expectedVersion + 1, updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db, row: CaseEventRow): Promise<void> {
  await insertRows(db, 'case_events', [row]);
}

export async function listEvents(db: Db, caseId: string, onlyPublic: boolean): Promise<CaseEventRow[]> {
  let query = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (onlyPublic) query = query.where('visibility', '=', 'public');
  return query.orderBy('seq', 'asc').execute();
}

export type CaseFilter = {
  procedureId?: string;
  status?: string[];
  kind?: string;
  category?: string;
  severity?: string;
  channel?: string;
  assigneeId?: string | null;
  /** Plain substring search in subject and description (the indexed Chinese search comes later). */
  text?: string;
  /** Ids sort by creation time: the cursor is the last id of the previous page. */
  beforeId?: string;
  /** Cases in these unit subtrees only (the inbox's "my unit"): path prefixes. */
  unitPaths?: string[];
  /** Cases with a running clock that is past due (`overdue`) or warned and not yet due (`soon`), at `now`. */
  due?: { kind: 'soon' | 'overdue'; now: string };
  /** Received in [from, to) (ISO instants): the dashboard's drill-down into a period (STA-1). */
  received?: { from?: string; to?: string };
  limit: number;
  /** What the actor may read (policy.scope); nothing outside it is ever returned or counted. */
  scope: Scope;
};

/** The policy's scope as a WHERE clause: per procedure, the whole organisation or unit subtrees. */
export function inScope(eb: ExpressionBuilder<Database, 'cases'>, scope: Scope): Expression<SqlBool> {
  const recused = scope.recused;
  const notRecused = recused
    ? eb.not(eb.exists(eb.selectFrom('case_exclusions as x').select('x.case_id').whereRef('x.case_id', '=', 'cases.id').where((xb) => xb.or([
      xb('x.user_id', '=', recused.userId),
      ...recused.memberPaths.map((path) => sql<SqlBool>`${path} like ${xb.ref('x.unit_path')} || '%'`),
    ]))))
    : eb.lit(true);
  if (scope.everything) return notRecused;
  if (scope.byProcedure.length === 0) return eb.lit(false);
  return eb.and([notRecused, eb.or(scope.byProcedure.map((s) => eb.and([
    eb('procedure_id', '=', s.procedureId),
    s.all ? eb.lit(true) : eb.or(s.unitPaths.map((path) => eb('org_unit_path', 'like', `${path}%`))),
  ])))]);
}

/** Other cases with any of the same blind-index values (same phone, e-mail or ID), within scope. */
export async function findSameSubmitter(db: Db, caseId: string, keys: Partial<Record<'submitter_phone_bidx' | 'submitter_email_bidx' | 'submitter_id_bidx', string>>, scope: Scope, limit: number): Promise<CaseRow[]> {
  const present = Object.entries(keys) as [keyof typeof keys, string][];
  if (present.length === 0) return [];
  return db.selectFrom('cases').selectAll()
    .where((eb) => inScope(eb, scope))
    .where('id', '!=', caseId)
    .where((eb) => eb.or(present.map(([column, value]) => eb(column, '=', value))))
    .orderBy('id', 'desc').limit(limit).execute();
}

/** A page of cases, newest first. Fetches one extra row to know whether there is a next page. */
export async function listCases(db: Db, filter: CaseFilter): Promise<{ rows: CaseRow[]; hasMore: boolean }> {
  let query = db.selectFrom('cases').selectAll().where((eb) => inScope(eb, filter.scope));
  if (filter.procedureId) query = query.where('procedure_id', '=', filter.procedureId);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.assigneeId !== undefined) {
    query = filter.assigneeId === null ? query.where('assignee_id', 'is', null) : query.where('assignee_id', '=', filter.assigneeId);
  }
  if (filter.text) {
    // Unit paths hold only base32 ids and slashes; user text is escaped, with an explicit
    // ESCAPE because SQLite has no default escape character (PostgreSQL's is the backslash).
    const pattern = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([
      sql<SqlBool>`${eb.ref('subject')} like ${pattern} escape '\\'`,
      sql<SqlBool>`${eb.ref('description')} like ${pattern} escape '\\'`,
      eb('tracking_no', '=', filter.text!),
    ]));
  }
  if (filter.unitPaths) {
    const paths = filter.unitPaths;
    query = query.where((eb) => (paths.length === 0 ? eb.lit(false) : eb.or(paths.map((p) => eb('org_unit_path', 'like', `${p}%`)))));
  }
  if (filter.due) {
    const { kind, now } = filter.due;
    query = query.where((eb) => eb.exists(eb.selectFrom('clocks').select('clocks.case_id')
      .whereRef('clocks.case_id', '=', 'cases.id')
      .where('clocks.stopped_at', 'is', null)
      .where('clocks.paused_at', 'is', null)
      .where((cb) => (kind === 'overdue'
        ? cb('clocks.due_at', '<=', now)
        : cb.and([cb('clocks.due_at', '>', now), cb('clocks.warn_at', '<=', now)])))));
  }
  if (filter.received?.from) query = query.where('received_at', '>=', filter.received.from);
  if (filter.received?.to) query = query.where('received_at', '<', filter.received.to);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

/**
 * INT-6: earlier cases of a procedure received since `since` with the same submitter (any blind
 * index) or naming one of the same respondents. Not scoped by policy: the caller only links them.
 */
export async function findRepeatCandidates(
  db: Db, procedureId: string, since: string,
  keys: Partial<Record<'submitter_phone_bidx' | 'submitter_email_bidx' | 'submitter_id_bidx', string>>,
  respondentNames: string[], limit = 20,
): Promise<Pick<CaseRow, 'id' | 'tracking_no' | 'closed_at'>[]> {
  const present = (Object.entries(keys) as [keyof typeof keys, string | null][]).filter(([, v]) => v);
  if (present.length === 0 && respondentNames.length === 0) return [];
  // Respondents are stored as JSON text; a name is matched as the exact JSON string value.
  const patterns = respondentNames.map((n) => `%"name":${JSON.stringify(n).replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  return db.selectFrom('cases').select(['id', 'tracking_no', 'closed_at'])
    .where('procedure_id', '=', procedureId)
    .where('received_at', '>=', since)
    .where((eb) => eb.or([
      ...present.map(([column, value]) => eb(column, '=', value!)),
      ...patterns.map((p) => sql<SqlBool>`${eb.ref('respondents')} like ${p} escape '\\'`),
    ]))
    .orderBy('id', 'desc').limit(limit).execute();
}
