import {
  PostgresAdapter,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { Scope } from '../domain/policy.ts';
import type { CaseEventTable, CaseTable, Database } from './schema.ts';
import { CLOSED_DUE_KEY, openDueKey } from './clocks.repository.ts';
import { insertRows } from './insert.ts';
import { pgTextPage } from './pg-text-page.ts';
import { indexable, queryTokens, searchCharacters, searchTokens } from './search.ts';
import {
  caseKey,
  caseKeys,
  createCaseKeys,
  keyringOf,
  keysOfRows,
  openData,
  openListText,
  openText,
  sealData,
  sealText,
  searchHash,
  type CaseKey,
  type Keyring,
} from './sealing.ts';

export type Db = Kysely<Database> | Transaction<Database>;

/** Candidate cases read per step of a page driven by a selective filter (listCases). */
const DUE_CHUNK = 500;

/**
 * Issue 25: the most candidate cases one page request looks at (from a filter's index or the
 * full-text index) before it answers. A handler whose scope is rare among the filter's matches (a
 * small unit's search for a common word, its share of 100k `received` cases) otherwise read every
 * match to find 51 of its own, and the cost grew with the data. Past the budget the page is
 * answered short, with a cursor after the last case looked at: 下一页 goes on from there.
 */
const LOOKAHEAD = 5000;

/** How far one page request looks (tests pass small ones): LOOKAHEAD candidates, DUE_CHUNK per step. */
export type PageBudget = { lookahead: number; chunk: number };

/** A page of listCases: `nextKey` is the cursor of the next page whenever there is one. */
export type CasePage = { rows: CaseListRow[]; hasMore: boolean; nextKey?: string };

/** The page from `limit + 1` rows in the page's order, paged by id: the last row shown is the cursor. */
export function pageOf(rows: CaseListRow[], limit: number): CasePage {
  return rows.length > limit
    ? { rows: rows.slice(0, limit), hasMore: true, nextKey: rows[limit - 1].id }
    : { rows, hasMore: false };
}
export type CaseRow = Selectable<CaseTable>;
/** A new case: `due_key` follows from its clocks as they are written ('9999' until one runs; CLOSED_DUE_KEY closed). */
export type NewCaseRow = Omit<CaseRow, 'due_key'> & { due_key?: string };
export type CaseEventRow = Selectable<CaseEventTable>;

/**
 * What a list of cases reads (issue 24): every column but the sealed text a list does not show —
 * description, respondents, form data and submitter stay on the disk, unread and unopened. A page
 * of 50 sealed rows was ~88 kB as read, ~40 kB with these columns (bench dataset, 100k cases).
 */
const LIST_COLUMNS = [
  'id',
  'tracking_no',
  'procedure_id',
  'procedure_version',
  'kind',
  'status',
  'version',
  'category',
  'severity',
  'outcome',
  'assignee_id',
  'channel',
  'subject',
  'anonymous',
  'received_by',
  'received_at',
  'created_at',
  'updated_at',
  'closed_at',
  'org_unit_id',
  'org_unit_path',
  'escalated_at',
  'hold_reason',
  'held_at',
  'deidentified_at',
] as const satisfies readonly (keyof CaseRow)[];
export type CaseListRow = Pick<CaseRow, (typeof LIST_COLUMNS)[number]> & {
  /** PostgreSQL: the case's key row as `kid.wrapped`, read with the page (null: erased). */
  case_key?: string | null;
};

/** A case written by a request (submit, intake): indexed for search by the indexer, not here (issue 22). */
export async function insertCase(db: Db, row: NewCaseRow): Promise<void> {
  await insertCases(db, [row], 'queue');
}

/**
 * Writes new cases with what indexes them: the respondent names (INT-6) at once, and the search
 * tokens (store/search.ts) either at once (`now`: import and the dataset generator, bulk writers
 * that want the index complete when they finish) or through the indexer's queue (`queue`: a
 * request, which then does no segmentation — issue 22; store/search-index.ts). The one way cases
 * are created — submit, intake, import and bench/dataset.ts — so the search index cannot miss a
 * case. Multi-row inserts: callers pass up to 500 rows (parameter limits).
 */
export async function insertCases(db: Db, given: NewCaseRow[], index: 'now' | 'queue'): Promise<void> {
  if (given.length === 0) return;
  const rows = given.map((r) => ({ due_key: r.closed_at ? CLOSED_DUE_KEY : '9999', ...r })) as CaseRow[];
  const keyring = keyringOf(db);
  // Issue 24: each case its key; its subject, description, respondents, form data and submitter are written sealed.
  const keys = await createCaseKeys(
    db,
    rows.map((r) => r.id),
  );
  await insertRows(db, 'cases', rows.map((r, i) => sealCase(keys[i]!, r)) as unknown as CaseTable[]);
  if (index === 'now') {
    const search = rows.map((r) => ({
      case_id: r.id,
      tokens: indexTokens(keyring, r),
    }));
    await insertRows(db, 'case_search', search as never);
  } else {
    await insertRows(
      db,
      'case_search_pending',
      rows.map((r) => ({ case_id: r.id, queued_at: r.created_at })),
    );
  }
  const names = rows.flatMap((r) => respondentKeys(keyring, r));
  for (let i = 0; i < names.length; i += 2000) await insertRows(db, 'case_respondents', names.slice(i, i + 2000));
}

export function respondentKeys(
  keyring: Keyring,
  r: Pick<CaseRow, 'id' | 'procedure_id' | 'received_at' | 'respondents'>,
) {
  const list = JSON.parse(r.respondents) as { name?: unknown }[];
  const names = new Set(list.map((x) => x.name).filter((n): n is string => typeof n === 'string' && n.length > 0));
  return [...names].map((name) => ({
    case_id: r.id,
    procedure_id: r.procedure_id,
    name: respondentHash(keyring, name),
    received_at: r.received_at,
  }));
}

/**
 * A respondent's name as `case_respondents` holds it (issue 24): a keyed hash, like the search
 * tokens — equal names still meet (repeat detection, hotspots), and no name is on the disk.
 */
export function respondentHash(keyring: Keyring, name: string): string {
  return searchHash(keyring, `respondent:${name}`);
}

/** The index holds keyed hashes of the tokens, never the words (issue 24). */
export function hashTokens(keyring: Keyring, tokens: string): string {
  return tokens
    .split(' ')
    .filter(Boolean)
    .map((t) => searchHash(keyring, t))
    .join(' ');
}

/** A character as the index holds it: apart from the words (a word 费 and the character 费 differ). */
function characterHash(keyring: Keyring, c: string): string {
  return searchHash(keyring, `char:${c}`);
}

/** What the index holds for a case: its words and its characters, hashed. */
export function indexTokens(keyring: Keyring, row: Pick<CaseRow, 'subject' | 'description' | 'tracking_no'>): string {
  const words = hashTokens(keyring, searchTokens(row.subject, row.description, row.tracking_no));
  const chars = searchCharacters(row.subject, row.description).map((c) => characterHash(keyring, c));
  return `${words} ${chars.join(' ')}`.trim();
}

/** What of a case row is sealed under its key (issue 24): the personal and free text, not what lists filter by. */
type SealedColumns = 'subject' | 'description' | 'respondents' | 'data' | 'submitter_enc';

function sealCase<T extends Partial<Pick<CaseRow, SealedColumns>>>(key: CaseKey, row: T): T {
  const sealed = { ...row };
  if (row.subject !== undefined) sealed.subject = sealText(key, row.subject);
  if (row.description !== undefined) sealed.description = sealText(key, row.description);
  if (row.respondents !== undefined) sealed.respondents = sealText(key, row.respondents);
  if (row.data !== undefined) sealed.data = sealData(key, row.data);
  if (row.submitter_enc) sealed.submitter_enc = sealText(key, row.submitter_enc);
  return sealed;
}

/** A case row as stored → as the code reads it: its sealed columns opened (issue 24). */
export function openCase(keyring: Keyring, key: CaseKey | undefined, row: CaseRow): CaseRow {
  const submitter = row.submitter_enc ? openText(keyring, key, row.submitter_enc, '') : null;
  return {
    ...row,
    subject: openText(keyring, key, row.subject),
    description: openText(keyring, key, row.description),
    respondents: openText(keyring, key, row.respondents, '[]'),
    data: openData(keyring, key, row.data),
    submitter_enc: submitter || null,
  };
}

/**
 * Subjects of a list (the inbox, supervision, reports) opened, keys read in one query: the one
 * sealed column a list shows. Nothing else of the rows is opened — a page costs one key query and
 * two AES-GCM operations per row.
 */
export async function openSubjects<T extends { subject: string; case_key?: string | null }>(
  db: Db,
  rows: T[],
  caseIdOf: (row: T) => string,
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const keyring = keyringOf(db);
  // Rows that carry their key row (listCases on PostgreSQL) need no key query.
  const keys = rows.every((r) => r.case_key !== undefined)
    ? keysOfRows(
        keyring,
        rows.map((r) => [caseIdOf(r), r.case_key ?? null]),
      )
    : await caseKeys(db, [...new Set(rows.map(caseIdOf))]);
  return rows.map((r) => ({ ...r, subject: openListText(keyring, caseIdOf(r), keys.get(caseIdOf(r)), r.subject) }));
}

/** Rows of a list opened, with their keys read in one query. */
export async function openCases(db: Db, rows: CaseRow[]): Promise<CaseRow[]> {
  if (rows.length === 0) return rows;
  const keyring = keyringOf(db);
  const keys = await caseKeys(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => openCase(keyring, keys.get(r.id), r));
}

async function openOne(db: Db, row: CaseRow | undefined): Promise<CaseRow | undefined> {
  return row ? openCase(keyringOf(db), await caseKey(db, row.id), row) : undefined;
}

/** Removes a case's search tokens and respondent keys (the case itself is being deleted). */
export async function deleteCaseIndexes(db: Db, caseId: string): Promise<void> {
  // The queue row first: on PostgreSQL an indexer holding it (search-index.ts) is waited for, so
  // the tokens it writes are there to be deleted by the next statement.
  await db.deleteFrom('case_search_pending').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_search').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_respondents').where('case_id', '=', caseId).execute();
  await db.deleteFrom('suggestion_decisions').where('case_id', '=', caseId).execute();
}

export async function findCaseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return openOne(db, await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function findCaseByTrackingNo(db: Db, trackingNo: string): Promise<CaseRow | undefined> {
  return openOne(db, await db.selectFrom('cases').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst());
}

export type CaseChanges = Partial<
  Pick<
    CaseRow,
    | 'status'
    | 'category'
    | 'severity'
    | 'outcome'
    | 'assignee_id'
    | 'data'
    | 'closed_at'
    | 'escalated_at'
    | 'org_unit_id'
    | 'org_unit_path'
    | 'respondents'
    | 'subject'
    | 'description'
    | 'submitter_enc'
    | 'submitter_phone_bidx'
    | 'submitter_email_bidx'
    | 'submitter_id_bidx'
    | 'deidentified_at'
    | 'hold_reason'
    | 'held_at'
  >
>;

/** A case's recusals (RTE-3). */
export async function caseExclusions(
  db: Db,
  caseId: string,
): Promise<{ userId: string | null; unitPath: string | null }[]> {
  const rows = await db
    .selectFrom('case_exclusions')
    .select(['user_id', 'unit_path'])
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, unitPath: r.unit_path }));
}

/**
 * Applies changes only if the case is still at `expectedVersion`, and bumps the version.
 * Returns false when another writer got there first (optimistic concurrency).
 */
export async function updateCaseIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: CaseChanges,
  updatedAt: string,
): Promise<boolean> {
  const sealed =
    changes.subject !== undefined ||
    changes.description !== undefined ||
    changes.respondents !== undefined ||
    changes.data !== undefined ||
    changes.submitter_enc
      ? sealCase(await caseKey(db, id, true), changes)
      : changes;
  const result = await db
    .updateTable('cases')
    .set({
      ...sealed,
      version: expectedVersion + 1,
      updated_at: updatedAt,
      // A closing or reopening moves the case in the most-urgent-first order (clocks.repository.ts).
      ...(changes.closed_at !== undefined ? { due_key: changes.closed_at ? CLOSED_DUE_KEY : openDueKey(id) } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  // Corrections and de-identification change the text: the index follows in the same transaction,
  // so redacted words can no longer be found.
  if (changes.subject !== undefined || changes.description !== undefined || changes.respondents !== undefined) {
    const row = (await findCaseById(db, id))!;
    if (changes.subject !== undefined || changes.description !== undefined) await indexCaseNow(db, row);
    if (changes.respondents !== undefined) {
      await db.deleteFrom('case_respondents').where('case_id', '=', id).execute();
      const keys = respondentKeys(keyringOf(db), row);
      if (keys.length) await insertRows(db, 'case_respondents', keys);
    }
  }
  return true;
}

/**
 * A case's tokens written in the caller's transaction, and its queue row dropped (issue 22): what
 * a correction or a de-identification does, so that the words it removed can no longer be found
 * once it commits — even while the case was still waiting for the indexer. The queue row is
 * deleted first: on PostgreSQL an indexer that holds it is waited for, and its (older) tokens are
 * then overwritten here, never the other way round.
 */
export async function indexCaseNow(db: Db, row: Pick<CaseRow, 'id' | 'subject' | 'description' | 'tracking_no'>) {
  await db.deleteFrom('case_search_pending').where('case_id', '=', row.id).execute();
  await upsertTokens(db, [{ case_id: row.id, tokens: indexTokens(keyringOf(db), row) }]);
}

/** Writes (or rewrites) cases' tokens; an existing row keeps its `doc`, so its place in "newest first". */
export async function upsertTokens(db: Db, rows: { case_id: string; tokens: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('case_search')
    .values(rows)
    .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => ({ tokens: eb.ref('excluded.tokens') })))
    .execute();
}

/** Completes a case's form data written in this transaction (an appeal's level), sealed, without a new version. */
export async function setCaseData(db: Db, id: string, data: string): Promise<void> {
  const key = await caseKey(db, id, true);
  await db
    .updateTable('cases')
    .set({ data: sealData(key, data) })
    .where('id', '=', id)
    .execute();
}

/** A timeline event; its input (a message, a note, what a form held) sealed under the case key. */
export async function insertEvent(db: Db, row: CaseEventRow): Promise<void> {
  const key = await caseKey(db, row.case_id, true);
  await insertRows(db, 'case_events', [{ ...row, input: sealText(key, row.input) }]);
}

/** Events of cases written in this transaction (an import): their inputs sealed like `insertEvent`'s. */
export async function insertEvents(db: Db, rows: CaseEventRow[]): Promise<void> {
  const keys = await caseKeys(db, [...new Set(rows.map((r) => r.case_id))]);
  await insertRows(
    db,
    'case_events',
    rows.map((r) => ({ ...r, input: sealText(keys.get(r.case_id)!, r.input) })),
  );
}

/** An event input whose key was erased reads as this: the event is kept, its content is gone. */
export const ERASED_INPUT = '{"erased":true}';

/** One event's input, opened; undefined when there is no such event. */
export async function eventInput(db: Db, caseId: string, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('case_events')
    .select('input')
    .where('case_id', '=', caseId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? openText(keyringOf(db), await caseKey(db, caseId), row.input, ERASED_INPUT) : undefined;
}

export async function listEvents(db: Db, caseId: string, onlyPublic: boolean): Promise<CaseEventRow[]> {
  let query = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (onlyPublic) query = query.where('visibility', '=', 'public');
  const rows = await query.orderBy('seq', 'asc').execute();
  const keyring = keyringOf(db);
  const key = await caseKey(db, caseId);
  return rows.map((e) => ({ ...e, input: openText(keyring, key, e.input, ERASED_INPUT) }));
}

export type CaseFilter = {
  procedureId?: string;
  status?: string[];
  kind?: string;
  category?: string;
  severity?: string;
  channel?: string;
  assigneeId?: string | null;
  /** Full-text search of subject, description and tracking number (store/search.ts). */
  text?: string;
  /** Ids sort by creation time: the cursor is the last id of the previous page. */
  beforeId?: string;
  /** Cases in these unit subtrees only (the inbox's "my unit"): path prefixes. */
  unitPaths?: string[];
  /** Cases with a running clock that is past due (`overdue`) or warned and not yet due (`soon`), at `now`. */
  due?: { kind: 'soon' | 'overdue'; now: string };
  /** Received in [from, to) (ISO instants): the dashboard's drill-down into a period (STA-1). */
  received?: { from?: string; to?: string };
  /**
   * Issue 18, the inbox as a work queue: `due` = nearest running deadline first (cases without one
   * last), `severity` = most severe first by each procedure's list (`ranks`: higher is more severe);
   * both newest first among equals. Paged by the key and id after `sortCursor`. Absent: newest first.
   */
  sort?: { by: 'due' | 'severity'; ranks?: Record<string, number>; after?: { key: string; id: string } };
  limit: number;
  /** What the actor may read (policy.scope); nothing outside it is ever returned or counted. */
  scope: Scope;
};

/**
 * Recusal (RTE-3): whether the case behind `caseId` excludes this reader — by name, or a unit at or
 * above one they hold a grant in. One condition for every list that names cases (inbox, search,
 * notifications), so they cannot disagree.
 */
export function recusedFrom(
  caseId: Expression<string | null>,
  recused: NonNullable<Scope['recused']>,
): Expression<SqlBool> {
  const byUnit = recused.memberPaths.map((path) => sql` or ${path} like x.unit_path || '%'`);
  return sql<SqlBool>`exists (select x.case_id from case_exclusions as x where x.case_id = ${caseId} and (x.user_id = ${recused.userId}${sql.join(byUnit, sql``)}))`;
}

/**
 * The ids of every case the reader is recused from (RTE-3), by the same rule as `recusedFrom`, read
 * from the exclusions alone. Triage subtracts these from its models on every answer (issue 21):
 * joined to the procedure's closed cases, SQLite walked all of them (30,000 at 100,000 cases, 43 ms
 * an answer for a supervisor recused from none), a cost that grew with the database.
 */
export async function recusedCaseIds(db: Db, recused: NonNullable<Scope['recused']>): Promise<string[]> {
  const rows = await db
    .selectFrom('case_exclusions as x')
    .select('x.case_id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb('x.user_id', '=', recused.userId),
        ...recused.memberPaths.map((path) => sql<SqlBool>`${path} like x.unit_path || '%'`),
      ]),
    )
    .execute();
  return rows.map((r) => r.case_id);
}

/**
 * The policy's scope as a WHERE clause: per procedure, the whole organisation or unit subtrees.
 *
 * `walkIds` (SQLite's inbox, issue 25): a scope over several procedures is an OR that SQLite answers
 * from each procedure's index and then sorts every match to find the newest (MULTI-INDEX OR, a
 * temporary B-tree): 0.5–2 s for a manager's first page at 100k cases, whenever its planner has no
 * statistics — and this project never relies on them. Written `+procedure_id`, the terms cannot use
 * an index, so the page walks the primary key newest first and stops after 51 cases in scope. One
 * procedure's scope stays indexable: its (procedure_id, id) index is already in the page's order.
 */
export function inScope(
  eb: ExpressionBuilder<Database, 'cases'>,
  scope: Scope,
  opts: { walkIds?: boolean } = {},
): Expression<SqlBool> {
  const recused = scope.recused;
  const notRecused = recused ? eb.not(recusedFrom(eb.ref('cases.id'), recused)) : eb.lit(true);
  if (scope.everything) return notRecused;
  const invited = scope.invitedCaseIds?.length
    ? [eb.and([eb('cases.id', 'in', scope.invitedCaseIds), eb('cases.closed_at', 'is', null)])]
    : [];
  if (scope.byProcedure.length === 0 && invited.length === 0) return eb.lit(false);
  return eb.and([
    notRecused,
    eb.or([
      ...scope.byProcedure.map((s) =>
        eb.and([
          opts.walkIds && scope.byProcedure.length > 1
            ? eb(sql<string>`+${sql.ref('cases.procedure_id')}`, '=', s.procedureId)
            : eb('procedure_id', '=', s.procedureId),
          s.all ? eb.lit(true) : eb.or(s.unitPaths.map((path) => eb('cases.org_unit_path', 'like', `${path}%`))),
        ]),
      ),
      ...invited,
    ]),
  ]);
}

/** Other cases with any of the same blind-index values (same phone, e-mail or ID), within scope. */
export async function findSameSubmitter(
  db: Db,
  caseId: string,
  keys: Partial<Record<'submitter_phone_bidx' | 'submitter_email_bidx' | 'submitter_id_bidx', string>>,
  scope: Scope,
  limit: number,
): Promise<CaseRow[]> {
  const present = Object.entries(keys) as [keyof typeof keys, string][];
  if (present.length === 0) return [];
  return db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => inScope(eb, scope))
    .where('id', '!=', caseId)
    .where((eb) => eb.or(present.map(([column, value]) => eb(column, '=', value))))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => openSubjects(db, rows, (r) => r.id)); // what the list shows; the rest stays sealed
}

/**
 * A page of cases, newest first, as stored: description and submitter sealed (`openCases` reads
 * them; the inbox does not need them). Fetches one extra row to know whether there is a next page.
 * With `text`, the page comes from the full-text index (store/search.ts) in the index's order —
 * the order cases were indexed, which is their arrival in Plaint (imported history ranks as of its
 * import) — or, for a query of one-character words only, from a substring scan (see `indexable`).
 */
export async function listCases(
  db: Db,
  filter: CaseFilter,
  budget: PageBudget = { lookahead: LOOKAHEAD, chunk: DUE_CHUNK },
): Promise<CasePage> {
  const words = filter.text ? queryTokens(filter.text) : [];
  const fullText = words.length > 0;
  // The index holds keyed hashes of the words and characters (issue 24): the query is hashed the
  // same way; a query of one-character words only is answered from the characters.
  const keyring = fullText ? keyringOf(db) : undefined;
  const tokens = indexable(words)
    ? words.map((w) => searchHash(keyring!, w))
    : words.map((w) => characterHash(keyring!, w));
  let query: SelectQueryBuilder<Database, 'cases', CaseListRow>;
  // The page's order: the id (time order), or the index's key on a full-text query — for SQLite the
  // FTS table's own rowid, which FTS5 hands out in descending order without sorting the matches.
  let order: 'id' | 'case_search.doc' | 'm.doc' = 'id';
  let match: string | undefined;
  let below: number | undefined; // SQLite full text: the cursor's doc
  let tsquery: string | undefined;
  if (fullText && db.getExecutor().adapter instanceof PostgresAdapter) {
    // Each lexeme quoted for tsquery ('' escapes a quote), all required.
    // The match itself is added where the page's plan is chosen (pgTextPage, or the sorted inbox's).
    tsquery = tokens.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ');
    query = db
      .selectFrom('cases')
      .innerJoin('case_search', 'case_search.case_id', 'cases.id')
      .select(LIST_COLUMNS.map((c) => `cases.${c}` as const)) as unknown as typeof query;
    order = 'case_search.doc';
  } else if (fullText) {
    // FTS5: each token a quoted string ("" escapes a quote), all required. The newest matches drive
    // the join in rowid (= doc) order, so a page stops after 51 matching cases in scope — within a
    // window of the newest `lookahead` matches below the cursor (ftsWindow); a sorted page (keyedPage)
    // checks its candidates against every match.
    match = tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
    if (filter.sort) {
      // keyedPage checks chunks of candidates by id: SQLite starts from them.
      query = db
        .selectFrom('case_fts')
        .innerJoin('case_search', 'case_search.doc', 'case_fts.rowid')
        .innerJoin('cases', 'cases.id', 'case_search.case_id')
        .select(LIST_COLUMNS.map((c) => `cases.${c}` as const))
        .where(sql<SqlBool>`case_fts match ${match}`) as unknown as typeof query;
    } else {
      if (filter.beforeId) {
        const at = await indexKeyOf(db, filter.beforeId);
        if (!at) return { rows: [], hasMore: false };
        below = Number(at.doc);
      }
      // CROSS JOIN: SQLite keeps the tables in this order, the window outermost, so the page is read
      // in the window's order and stops at 51 rows (let free, it may start from the scope's index
      // and sort every match in the window).
      query = db
        .selectFrom(ftsWindow(db, match, below, budget.lookahead).as('m'))
        .crossJoin('case_search')
        .crossJoin('cases')
        .whereRef('case_search.doc', '=', 'm.doc')
        .whereRef('cases.id', '=', 'case_search.case_id')
        .select(LIST_COLUMNS.map((c) => `cases.${c}` as const)) as unknown as typeof query;
      // Checked on the index row, before its case is looked up (migration 202612080300).
      const units = indexRowsInScope(filter.scope);
      if (units) query = query.where(units);
      order = 'm.doc';
    }
  } else {
    query = db.selectFrom('cases').select(LIST_COLUMNS);
  }
  const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
  query = query.where((eb) => inScope(eb, filter.scope, { walkIds: sqlite }));
  if (!sqlite) {
    // The page's case keys in the same statement (`openSubjects` uses them): on PostgreSQL a
    // separate key query per page cost a round trip and ~1 ms of the driver's CPU — as much as the
    // list query. Evaluated per row on the page only (PostgreSQL projects after the LIMIT here).
    query = query.select(
      sql<string | null>`(select k.kid || '.' || k.wrapped from case_keys as k where k.case_id = cases.id)`.as(
        'case_key',
      ),
    ) as unknown as typeof query;
  }
  query = query.where((eb) => columnFilters(eb, filter, fullText));
  if (filter.received?.from) query = query.where('received_at', '>=', filter.received.from);
  if (filter.received?.to) query = query.where('received_at', '<', filter.received.to);
  const dueCondition = (kind: 'soon' | 'overdue', now: string) => (cb: ExpressionBuilder<Database, 'clocks'>) =>
    cb.and([
      cb('clocks.stopped_at', 'is', null),
      cb('clocks.paused_at', 'is', null),
      kind === 'overdue'
        ? cb('clocks.due_at', '<=', now)
        : cb.and([cb('clocks.due_at', '>', now), cb('clocks.warn_at', '<=', now)]),
    ]);
  // A selective filter with its own ordered index drives the page: candidate case ids come from
  // that index newest first, a chunk at a time, and each chunk is checked against scope and the
  // other filters until the page is full. The cost follows the filter's own rows (open clocks,
  // one person's cases), whatever the planner guesses about how they overlap the scope.
  //
  // PostgreSQL checks the scope while it walks the running clocks (a join, newest case first, which
  // stops after as many cases in scope as the page still needs): a handler sees about 1 in 30 of
  // them, and a chunk of 500 unscoped ids cost one 500-row IN list per step (3 steps of ~3.7 ms at
  // 1M) where the join reads the same clocks once (3.9 ms for the whole page, bench/README.md).
  if (filter.sort) {
    if (tsquery) query = query.where(sql<SqlBool>`case_search.tsv @@ ${tsquery}::tsquery`);
    if (filter.due) {
      const { kind, now } = filter.due;
      query = query.where('cases.id', 'in', (eb) =>
        eb.selectFrom('clocks').select('clocks.case_id').where(dueCondition(kind, now)),
      );
    }
    if (filter.sort.by === 'due' && !sqlite && !filter.status?.length)
      return pgDuePage(db, query, filter.assigneeId, filter.sort.after, filter.limit, budget);
    const candidates =
      filter.sort.by === 'due'
        ? dueCandidates(db, filter.status, filter.assigneeId)
        : severityCandidates(db, filter.sort.ranks ?? {}, filter.status);
    return keyedPage(query, candidates, filter.sort.after, filter.limit, budget);
  }
  // SQLite, states asked by a reader of some units: the state index tells which cases are theirs.
  const units =
    sqlite && order === 'id' && !filter.due && typeof filter.assigneeId !== 'string' && filter.status?.length
      ? inReadersUnits(filter.scope, { path: 'org_unit_path', id: 'id', procedure: 'procedure_id' })
      : undefined;
  if (units) return scopedStatePage(db, query, filter.status!, units, filter.beforeId, filter.limit, budget);
  const pgDue = db.getExecutor().adapter instanceof PostgresAdapter;
  const driver: ((before: string | undefined, size: number) => { execute(): Promise<{ id: string }[]> }) | undefined =
    order !== 'id'
      ? undefined
      : filter.due && pgDue
        ? (before, size) => {
            let candidates = db
              .selectFrom('clocks')
              .innerJoin('cases', 'cases.id', 'clocks.case_id')
              .select('clocks.case_id as id')
              .where(dueCondition(filter.due!.kind, filter.due!.now))
              .where((eb) => inScope(eb as unknown as ExpressionBuilder<Database, 'cases'>, filter.scope))
              // The page's other filters too: each candidate then makes the page, and asking for just
              // what is missing takes one round trip, not one per 50 clocks of other procedures (a
              // rare procedure's overdue cases took 2.7 s at 100k skewed cases, bench:scale).
              .where((eb) => columnFilters(eb as unknown as ExpressionBuilder<Database, 'cases'>, filter, false));
            if (before) candidates = candidates.where('clocks.case_id', '<', before);
            return candidates.orderBy('clocks.case_id', 'desc').limit(size);
          }
        : filter.due
          ? (before, size) => {
              let candidates = db
                .selectFrom('clocks')
                .select('clocks.case_id as id')
                .where(dueCondition(filter.due!.kind, filter.due!.now));
              if (before) candidates = candidates.where('clocks.case_id', '<', before);
              return candidates.orderBy('clocks.case_id', 'desc').limit(size);
            }
          : typeof filter.assigneeId === 'string' && filter.status?.length
            ? (before, size) => newestInStates(db, filter.status!, before, size, filter.assigneeId as string)
            : typeof filter.assigneeId === 'string'
              ? (before, size) => {
                  let candidates = db
                    .selectFrom('cases')
                    .select('cases.id')
                    .where('cases.assignee_id', '=', filter.assigneeId as string);
                  if (before) candidates = candidates.where('cases.id', '<', before);
                  return candidates.orderBy('cases.id', 'desc').limit(size);
                }
              : filter.status?.length && !pgDue
                ? (before, size) => newestInStates(db, filter.status!, before, size)
                : undefined;
  if (driver) {
    const rows: CaseListRow[] = [];
    let before = filter.beforeId;
    for (let examined = 0; ; ) {
      // Scoped candidates (PostgreSQL's due filters) all make the page unless another filter drops
      // them: ask for just what is missing (each extra one costs a look at ~30 clocks for a
      // handler); unscoped ones come a chunk at a time.
      const size = filter.due && pgDue ? Math.min(budget.chunk, filter.limit + 1 - rows.length) : budget.chunk;
      const chunk = (await driver(before, size).execute()).map((r) => r.id);
      if (chunk.length === 0) break;
      examined += chunk.length;
      rows.push(
        ...(await query
          .where('cases.id', 'in', [...new Set(chunk)])
          .orderBy('id', 'desc')
          .limit(filter.limit + 1 - rows.length)
          .execute()),
      );
      if (rows.length > filter.limit || chunk.length < size) break;
      before = chunk[chunk.length - 1];
      if (examined >= budget.lookahead) return { rows, hasMore: true, nextKey: before };
    }
    return pageOf(rows, filter.limit);
  }
  if (filter.due) {
    const { kind, now } = filter.due;
    query = query.where('cases.id', 'in', (eb) =>
      eb.selectFrom('clocks').select('clocks.case_id').where(dueCondition(kind, now)),
    );
  }
  if (order === 'm.doc') return ftsPage(db, query, match!, below, filter.limit, budget);
  if (order === 'case_search.doc') return pgTextPage(db, query, tsquery!, tokens, filter, budget);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return pageOf(rows, filter.limit);
}

/** A full-text page's cursor: the index key (`doc`) of the case the last page ended on, if it is indexed. */
export function indexKeyOf(db: Db, caseId: string) {
  return db.selectFrom('case_search').select('doc').where('case_id', '=', caseId).executeTakeFirst();
}

/**
 * Which rows a reader of some units may see, from a unit path column (and the procedure's, where
 * the table has one): a superset of `inScope`, which still checks each row that passes (recusal
 * and all). None for a reader of every unit, who has nothing to skip.
 */
function inReadersUnits(
  scope: Scope,
  columns: { path: string; id: string; procedure?: string },
): RawBuilder<SqlBool> | undefined {
  if (scope.everything || scope.byProcedure.some((s) => s.all)) return undefined;
  const under = (paths: string[]) => paths.map((path) => sql`${sql.ref(columns.path)} like ${`${path}%`}`);
  const procedure = columns.procedure;
  const parts = procedure
    ? scope.byProcedure.map(
        (s) =>
          sql`(${sql.ref(procedure)} = ${s.procedureId} and (${sql.join([...under(s.unitPaths), sql`false`], sql` or `)}))`,
      )
    : under([...new Set(scope.byProcedure.flatMap((s) => s.unitPaths))]);
  const invited = scope.invitedCaseIds ?? [];
  if (invited.length > 0) parts.push(sql`${sql.ref(columns.id)} in (${sql.join(invited)})`);
  return sql<SqlBool>`(${sql.join([...parts, sql`false`], sql` or `)})`;
}

/**
 * The index rows a reader's scope reaches, by the unit path each row keeps of its case (migrations
 * 202612072300 and 202612080300): a search page then joins only its matches in scope to their cases,
 * where each is checked again, scope and all. For a handler of a small unit the window's matches
 * were each joined to learn their unit.
 */
export function indexRowsInScope(scope: Scope): RawBuilder<SqlBool> | undefined {
  return inReadersUnits(scope, { path: 'case_search.org_unit_path', id: 'case_search.case_id' });
}

/**
 * SQLite: the matches of `match` below doc `below`, newest first; with `lookahead`, the newest that
 * many only. The window is a LIMIT, not a bound on the rowid: FTS5 walks a word's whole doclist past
 * a lower rowid bound before it stops, so a page the window left short (fewer than 51 of the window's
 * matches in the reader's scope) cost every match of the word: 2.7 ms against 0.5 ms at 221,000
 * cases for a word in a quarter of them, growing with the data (bench/README.md, session 23).
 */
function ftsWindow(db: Db, match: string, below: number | undefined, lookahead: number | undefined) {
  let matches = db.selectFrom('case_fts').select('case_fts.rowid as doc').where(sql<SqlBool>`case_fts match ${match}`);
  if (below !== undefined) matches = matches.where('case_fts.rowid', '<', below);
  return lookahead === undefined ? matches : matches.orderBy('case_fts.rowid', 'desc').limit(lookahead);
}

/**
 * SQLite's full-text page (issue 25): the newest `lookahead` matches below the cursor at most
 * (ftsWindow), read in their order until 51 cases in scope. A page the window left short goes on
 * below the window's last match: that match's case is the cursor, asked only then.
 */
async function ftsPage(
  db: Db,
  query: SelectQueryBuilder<Database, 'cases', CaseListRow>,
  match: string,
  below: number | undefined,
  limit: number,
  budget: PageBudget,
): Promise<CasePage> {
  const rows = await query
    .orderBy(sql.ref('m.doc'), 'desc')
    .limit(limit + 1)
    .execute();
  if (rows.length > limit) return pageOf(rows, limit);
  const edge = await db
    .selectFrom('case_search')
    .select('case_id')
    .where(
      'doc',
      '=',
      ftsWindow(db, match, below, undefined)
        .orderBy('case_fts.rowid', 'desc')
        .limit(1)
        .offset(budget.lookahead - 1),
    )
    .executeTakeFirst();
  // No window's worth of matches: every match was looked at.
  return edge ? { rows, hasMore: true, nextKey: edge.case_id } : { rows, hasMore: false };
}

/**
 * SQLite: the newest `size` cases in `state` below `before`, walked in the (status, id, procedure,
 * unit path) index alone: how many, the last, and those `hint` keeps. One row back, not `size`.
 */
async function walkState(db: Db, state: string, before: string | undefined, size: number, hint: RawBuilder<SqlBool>) {
  const { rows } = await sql<{ n: number; last: string | null; hits: string | null }>`
    select count(*) as n, min(id) as last, group_concat(case when ${hint} then id end) as hits
    from (select id, procedure_id, org_unit_path from cases
          where status = ${state} ${before ? sql`and id < ${before}` : sql``}
          order by id desc limit ${size})`.execute(db);
  const walked = rows[0];
  return { n: Number(walked.n), last: walked.last ?? '', hits: walked.hits ? walked.hits.split(',') : [] };
}

/**
 * SQLite, a state filter for a reader of some units (issue 25, migration 202612080200): each state's
 * newest cases are walked a chunk at a time in the index, and only those in the reader's units are
 * read and checked by the page's query (scope, recusal, the other filters). Before, every case of a
 * chunk was read whole to learn its unit: a small unit's handler asking for the open states, all of
 * them in the busy unit, waited 13 ms for an empty page at 221,000 cases. A step covers every state
 * down to the least advanced of the full walks; what the others walked below it is walked again
 * next step. The look-ahead counts steps of `chunk`, as for the other filters.
 */
async function scopedStatePage(
  db: Db,
  query: SelectQueryBuilder<Database, 'cases', CaseListRow>,
  states: string[],
  hint: RawBuilder<SqlBool>,
  beforeId: string | undefined,
  limit: number,
  budget: PageBudget,
): Promise<CasePage> {
  const rows: CaseListRow[] = [];
  let before = beforeId;
  for (let examined = 0; ; examined += budget.chunk) {
    const walks = await Promise.all([...new Set(states)].map((s) => walkState(db, s, before, budget.chunk, hint)));
    const full = walks.filter((w) => w.n === budget.chunk).map((w) => w.last);
    const frontier = full.length > 0 ? full.reduce((a, b) => (a > b ? a : b)) : undefined;
    const hits = walks.flatMap((w) => w.hits).filter((id) => frontier === undefined || id >= frontier);
    if (hits.length > 0)
      rows.push(
        ...(await query
          .where('cases.id', 'in', hits)
          .orderBy('id', 'desc')
          .limit(limit + 1 - rows.length)
          .execute()),
      );
    if (rows.length > limit || frontier === undefined) break;
    before = frontier;
    if (examined + budget.chunk >= budget.lookahead) return { rows, hasMore: true, nextKey: before };
  }
  return pageOf(rows, limit);
}

/**
 * SQLite, a state filter (issue 25): the newest `size` case ids below `before` in any of `states`,
 * each state read from the (status, id) index newest first and the lists merged. Without it SQLite
 * walked the procedure's index through every case of the procedure and filtered, 95–120 ms at 86k
 * cases when the handler's open states were rare (4 of 86k). PostgreSQL has the (status, unit path)
 * index for the same filter and plans it itself.
 *
 * With an assignee (both databases), each state is read from the (assignee, status, id) index: a
 * handler's own cases in the working states, which the skewed bench has rare among tens of
 * thousands of their closed ones — walking the assignee's index took ~1 s at 100k (bench:scale).
 */
function newestInStates(db: Db, states: string[], before: string | undefined, size: number, assigneeId?: string) {
  return {
    async execute(): Promise<{ id: string }[]> {
      const lists = await Promise.all(
        [...new Set(states)].map((state) => {
          let q = db.selectFrom('cases').select('id').where('status', '=', state);
          if (assigneeId !== undefined) q = q.where('assignee_id', '=', assigneeId);
          if (before) q = q.where('id', '<', before);
          return q.orderBy('id', 'desc').limit(size).execute();
        }),
      );
      return lists
        .flat()
        .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .slice(0, size);
    },
  };
}

/**
 * The inbox's filters on the case's own columns, as one condition: the page's query and, on
 * PostgreSQL, the overdue candidates' join use the same.
 */
function columnFilters(
  eb: ExpressionBuilder<Database, 'cases'>,
  filter: CaseFilter,
  fullText: boolean,
): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (filter.procedureId) all.push(eb('cases.procedure_id', '=', filter.procedureId));
  if (filter.status?.length) all.push(eb('cases.status', 'in', filter.status));
  if (filter.kind) all.push(eb('cases.kind', '=', filter.kind));
  if (filter.category) all.push(eb('cases.category', '=', filter.category));
  if (filter.severity) all.push(eb('cases.severity', '=', filter.severity));
  if (filter.channel) all.push(eb('cases.channel', '=', filter.channel));
  if (filter.assigneeId !== undefined)
    all.push(
      filter.assigneeId === null
        ? eb('cases.assignee_id', 'is', null)
        : eb('cases.assignee_id', '=', filter.assigneeId),
    );
  // No letter or digit at all (punctuation): nothing of the subject or description can match it,
  // as both are sealed and the index holds letters, digits and words only (issue 24); a tracking
  // number typed exactly still finds its case.
  if (filter.text && !fullText) all.push(eb('cases.tracking_no', '=', filter.text));
  if (filter.unitPaths) {
    const paths = filter.unitPaths;
    all.push(paths.length === 0 ? eb.lit(false) : eb.or(paths.map((p) => eb('cases.org_unit_path', 'like', `${p}%`))));
  }
  return all.length ? eb.and(all) : eb.lit(true);
}

type SortCursor = { key: string; id: string };
type Keyed = { id: string; key: string };

/**
 * A page in a work-queue order (issue 18), bounded for issue 25: candidates come from an index in
 * the page's order (key ascending, newest first among equals) after the cursor, a growing chunk at
 * a time, and the whole filter keeps those that belong on the page. Before, a key was computed for
 * every case the filter matched and all of them sorted. The cursor is the last (key, id) pair, so
 * paging neither skips nor repeats a case.
 */
async function keyedPage(
  query: SelectQueryBuilder<Database, 'cases', CaseListRow>,
  candidates: (after: SortCursor | undefined, size: number) => Promise<Keyed[]>,
  start: SortCursor | undefined,
  limit: number,
  budget: PageBudget,
): Promise<CasePage> {
  const rows: { row: CaseListRow; key: string }[] = [];
  let after = start;
  let examined = 0;
  // The first chunk is the page itself (most handlers see most of what comes first); each further
  // one four times larger, so a narrow scope in a large organisation needs few round trips.
  for (let size = limit + 1; ; size = Math.min(size * 4, budget.chunk * 4)) {
    const chunk = await candidates(after, size);
    if (chunk.length === 0) break;
    examined += chunk.length;
    const found = new Map(
      (
        await query
          .where(
            'cases.id',
            'in',
            chunk.map((c) => c.id),
          )
          .execute()
      ).map((r) => [r.id, r]),
    );
    for (const c of chunk) {
      const row = found.get(c.id);
      if (row) rows.push({ row, key: c.key });
      if (rows.length > limit) break;
    }
    if (rows.length > limit || chunk.length < size) break;
    after = chunk[chunk.length - 1];
    // The budget is spent (LOOKAHEAD): a short page, and the next goes on after the last candidate.
    if (examined >= budget.lookahead)
      return { rows: rows.map((r) => r.row), hasMore: true, nextKey: `${after.key}|${after.id}` };
  }
  const last = rows[limit - 1];
  return {
    rows: rows.slice(0, limit).map((r) => r.row),
    hasMore: rows.length > limit,
    nextKey: rows.length > limit ? `${last.key}|${last.row.id}` : undefined,
  };
}

/**
 * PostgreSQL, most urgent first with no state filter (issue 25): the page in one statement. The
 * (due_key, id) index is walked in the page's order, at most `lookahead` entries, and each case is
 * checked against scope and filters as it comes, until the page is full. keyedPage's chunks of
 * ids (51, 204, 816 …) cost a handler who sees 1 case in 8 three round trips, the last checking 816
 * cases to keep a few dozen: 11 / 24 ms p50 / p95 at 1M skewed cases (bench:scale, 100 runs) against
 * 5–6 ms for the unsorted inbox. The walk stops at the page's 51st case, so the supervisor reads
 * 51 rows and the handler about as many as his share of them takes. A page the look-ahead left
 * short goes on after its last candidate, as keyedPage's does. With a state filter the candidates
 * are a merge of per-state walks, which one statement cannot express: keyedPage.
 */
async function pgDuePage(
  db: Db,
  query: SelectQueryBuilder<Database, 'cases', CaseListRow>,
  assigneeId: string | null | undefined,
  after: SortCursor | undefined,
  limit: number,
  budget: PageBudget,
): Promise<CasePage> {
  const walk = dueWalk(db, after, { assigneeId });
  // LATERAL, fenced by OFFSET 0 so that it is not flattened into a join the planner may hash
  // (all of a busy unit's cases, then sorted): each entry of the walk is checked as it comes.
  const rows = (await db
    .selectFrom(walk.limit(budget.lookahead).as('walk'))
    .innerJoinLateral(query.where(sql<SqlBool>`cases.id = walk.id`).offset(0).as('c'), (join) => join.onTrue())
    .selectAll('c')
    .select('walk.key as walk_key')
    .orderBy('walk.key', 'asc')
    .orderBy('walk.id', 'desc')
    .limit(limit + 1)
    .execute()) as (CaseListRow & { walk_key?: string })[];
  const lastKey = rows.length > limit ? rows[limit - 1]!.walk_key : undefined;
  for (const r of rows) delete r.walk_key; // the page's rows are the list's columns only
  if (rows.length > limit)
    return { rows: rows.slice(0, limit), hasMore: true, nextKey: `${lastKey}|${rows[limit - 1]!.id}` };
  // Short: the walk ended, or its look-ahead did (then the next page starts after its last entry).
  const edge = await walk
    .offset(budget.lookahead - 1)
    .limit(1)
    .executeTakeFirst();
  return edge ? { rows, hasMore: true, nextKey: `${edge.key}|${edge.id}` } : { rows, hasMore: false };
}

const byKeyThenNewest = (a: Keyed, b: Keyed) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/**
 * Cases in the due order after the cursor: (due_key, id), or (status, due_key, id) for one state,
 * or (assignee_id, due_key, id) for someone's cases or the unassigned.
 */
function dueWalk(db: Db, after: SortCursor | undefined, only: { state?: string; assigneeId?: string | null }) {
  let q = db.selectFrom('cases').select(['cases.id as id', 'cases.due_key as key']);
  if (only.state) q = q.where('cases.status', '=', only.state);
  else if (only.assigneeId === null) q = q.where('cases.assignee_id', 'is', null);
  else if (only.assigneeId !== undefined) q = q.where('cases.assignee_id', '=', only.assigneeId);
  if (after)
    q = q
      .where('cases.due_key', '>=', after.key) // where the index walk starts (the OR alone is a filter)
      .where((eb) =>
        eb.or([
          eb('cases.due_key', '>', after.key),
          eb.and([eb('cases.due_key', '=', after.key), eb('cases.id', '<', after.id)]),
        ]),
      );
  return q.orderBy('cases.due_key', 'asc').orderBy('cases.id', 'desc');
}

/**
 * Most urgent first: the (due_key, id) index, or (status, due_key, id) per state, merged; with an
 * assignee filter and no state, (assignee_id, due_key, id) — someone's cases, or the unassigned.
 */
function dueCandidates(db: Db, states: string[] | undefined, assigneeId: string | null | undefined) {
  return async (after: SortCursor | undefined, size: number): Promise<Keyed[]> => {
    const read = (state?: string) =>
      dueWalk(db, after, state ? { state } : { assigneeId })
        .limit(size)
        .execute();
    if (!states?.length) return read();
    const lists = await Promise.all([...new Set(states)].map(read));
    return lists.flat().sort(byKeyThenNewest).slice(0, size);
  };
}

/**
 * Most severe first: keys are 99 − rank (each procedure's list, higher is more severe). Each rank's
 * severities are read from the (severity, id) index newest first and merged — with a state filter,
 * from (status, severity, id) for each state, so a rare state reads only its own cases; the last
 * key, '99', holds cases with no severity or an unranked one, read newest first from the primary
 * key (or each state's part of the index).
 */
function severityCandidates(db: Db, ranks: Record<string, number>, states: string[] | undefined) {
  const groups = new Map<string, string[]>();
  for (const [id, rank] of Object.entries(ranks)) {
    const key = String(99 - rank).padStart(2, '0');
    if (key < '99') groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const ranked = [...groups.values()].flat();
  const keys = [...[...groups.keys()].sort(), '99'];
  return async (after: SortCursor | undefined, size: number): Promise<Keyed[]> => {
    const out: Keyed[] = [];
    for (const key of keys) {
      if (after && key < after.key) continue;
      const before = after && key === after.key ? after.id : undefined;
      const need = size - out.length;
      const read = (severity: string | undefined, state: string | undefined) => {
        let q = db.selectFrom('cases').select('id');
        if (state !== undefined) q = q.where('status', '=', state);
        if (severity !== undefined) q = q.where('severity', '=', severity);
        else if (ranked.length)
          q = q.where((eb) => eb.or([eb('severity', 'is', null), eb('severity', 'not in', ranked)]));
        if (before) q = q.where('id', '<', before);
        return q.orderBy('id', 'desc').limit(need).execute();
      };
      const severities = key === '99' ? [undefined] : groups.get(key)!;
      const perState = states?.length ? [...new Set(states)] : [undefined];
      const lists = await Promise.all(severities.flatMap((sev) => perState.map((state) => read(sev, state))));
      out.push(
        ...lists
          .flat()
          .map((r) => ({ id: r.id, key }))
          .sort(byKeyThenNewest)
          .slice(0, need),
      );
      if (out.length >= size) break;
    }
    return out;
  };
}

/**
 * INT-6: earlier cases of a procedure received since `since` with the same submitter (any blind
 * index) or naming one of the same respondents. Not scoped by policy: the caller only links them.
 */
export async function findRepeatCandidates(
  db: Db,
  procedureId: string,
  since: string,
  keys: Partial<Record<'submitter_phone_bidx' | 'submitter_email_bidx' | 'submitter_id_bidx', string>>,
  respondentNames: string[],
  limit = 20,
): Promise<Pick<CaseRow, 'id' | 'tracking_no' | 'closed_at'>[]> {
  const present = (Object.entries(keys) as [keyof typeof keys, string | null][]).filter(([, v]) => v);
  if (present.length === 0 && respondentNames.length === 0) return [];
  // Two indexed lookups, merged here: the blind indexes, and the respondent-name key table
  // (case_respondents) instead of a LIKE over every case's respondents JSON.
  const bySubmitter =
    present.length === 0
      ? []
      : await db
          .selectFrom('cases')
          .select(['id', 'tracking_no', 'closed_at'])
          .where('procedure_id', '=', procedureId)
          .where('received_at', '>=', since)
          .where((eb) => eb.or(present.map(([column, value]) => eb(column, '=', value!))))
          .orderBy('id', 'desc')
          .limit(limit)
          .execute();
  const byRespondent =
    respondentNames.length === 0
      ? []
      : await db
          .selectFrom('case_respondents as r')
          .innerJoin('cases', 'cases.id', 'r.case_id')
          .select(['cases.id', 'cases.tracking_no', 'cases.closed_at'])
          .where('r.procedure_id', '=', procedureId)
          .where('r.name', 'in', [...new Set(respondentNames.map((n) => respondentHash(keyringOf(db), n)))])
          .where('r.received_at', '>=', since)
          .orderBy('cases.id', 'desc')
          .limit(limit)
          .execute();
  const seen = new Map<string, Pick<CaseRow, 'id' | 'tracking_no' | 'closed_at'>>();
  for (const row of [...bySubmitter, ...byRespondent]) seen.set(row.id, row);
  return [...seen.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit);
}
