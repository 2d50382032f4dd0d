import type { Actor } from '../domain/case.ts';
import { can, scope, type Scope } from '../domain/policy.ts';
import { jaccardOfList, rankDuplicates, type Duplicate } from '../domain/similarity.ts';
import {
  hashTokens,
  indexTokens,
  inScope,
  openCases,
  openSubjects,
  respondentHash,
  type Db,
} from '../store/cases.repository.ts';
import { trackingTokens } from '../store/search.ts';
import { keyringOf } from '../store/sealing.ts';
import { duplicateAction } from './bulk.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';

const DAY_MS = 86_400_000;
/** Closed cases received within this many days are still candidates; open ones always are. */
export const RECENT_DAYS = 90;
/** The newest candidates compared by text alone (the same submitter's or respondent's come on top). */
const TEXT_CANDIDATES = 1000;
/**
 * Recent candidates are looked for among this many newest cases of the procedure, older open ones
 * among this many newest open cases: what an answer reads is bounded whatever the size of the
 * database or the reader's share of it.
 */
const NEWEST_WINDOW = 5000;
/**
 * The same submitter's (per blind index) or respondent's (per name) cases are looked for among this
 * many of their newest: a caller or a business with thousands of complaints is not read in full.
 */
const SAME_PARTY_WINDOW = 200;

export type SimilarCase = Duplicate & {
  trackingNo: string;
  subject: string;
  status: string;
  receivedAt: string;
  open: boolean;
};

export type SimilarCases = {
  /** How this case is closed as a duplicate (MS-12), when the actor may do it now; the UI links first. */
  closeAsDuplicate: { action: string; groundField: string; textField: string } | null;
  similar: SimilarCase[];
};

const BIDX = ['submitter_phone_bidx', 'submitter_email_bidx', 'submitter_id_bidx'] as const;

/**
 * A candidate as it is compared: its words and characters as the search index holds them (hashed,
 * issue 24). Reading those instead of the case text means no decryption and no segmentation per
 * candidate: a page view costs one indexed read, not a thousand jieba runs (issue 21).
 */
function recentOrOpen(db: Db, procedureId: string, since: string, s: Scope, caseId: string) {
  return (
    db
      .selectFrom('cases')
      // A left join: a case still queued for the indexer (issue 22) is a candidate too, its tokens
      // computed below.
      .leftJoin('case_search', 'case_search.case_id', 'cases.id')
      .select([
        'cases.id',
        'cases.tracking_no',
        'cases.subject',
        'cases.status',
        'cases.received_at',
        'cases.closed_at',
        'case_search.tokens',
      ])
      .where('cases.procedure_id', '=', procedureId)
      .where('cases.id', '!=', caseId)
      .where((eb) => eb.or([eb('cases.closed_at', 'is', null), eb('cases.received_at', '>=', since)]))
      .where((eb) => inScope(eb, s))
  );
}

/**
 * The candidates by text: the newest the reader may see of the procedure's latest NEWEST_WINDOW
 * cases, and of its latest NEWEST_WINDOW open ones when those left room.
 */
async function textCandidates(db: Db, procedureId: string, since: string, s: Scope, caseId: string) {
  // The newest the reader may see among the procedure's latest NEWEST_WINDOW cases (open ones only
  // with `openOnly`): read in bounded steps, whatever share of the procedure the reader's units hold
  // (a unit-scoped reader's scan of every case of the procedure took 100 ms at 100,000 cases). The
  // open ones come newest first from (procedure_id, closed_at, id), and the walk stops at the window
  // (before, SQLite walked every case of the procedure to find them, 80 ms at 100,000 cases).
  const windowed = (openOnly: boolean) =>
    recentOrOpen(db, procedureId, since, s, caseId)
      .where('cases.id', 'in', (eb) => {
        const window = eb.selectFrom('cases as w').select('w.id').where('w.procedure_id', '=', procedureId);
        return (openOnly ? window.where('w.closed_at', 'is', null) : window)
          .orderBy('w.id', 'desc')
          .limit(NEWEST_WINDOW);
      })
      .orderBy('cases.id', 'desc')
      .limit(TEXT_CANDIDATES)
      .execute();
  const newest = await windowed(false);
  // An open case of the window is among those already, and one older than the window is older
  // than all of them: it can only count when the window left room (a small or quiet procedure).
  // (Read on every answer, they were up to 1,000 more rows of tokens, at 300,000 cases for nothing.)
  if (newest.length >= TEXT_CANDIDATES) return newest;
  return [...newest, ...(await windowed(true))];
}

/**
 * GET /api/v1/cases/{id}/similar (issue 21): open and recent cases of the same procedure whose
 * matter is near this one's — similar text, or the same submitter (blind index) or respondent with
 * somewhat similar text — best first, at most 10. Only cases in the actor's scope are read at all,
 * so a case they may not see (another unit's, or one they are recused from) neither appears nor
 * moves the scores.
 */
export async function similarCases(ctx: AppContext, caseId: string, actor: Actor): Promise<SimilarCases> {
  const { row, state, procedure } = await loadVisibleCase(ctx, caseId, actor);
  const s = scope(actor, ctx.procedures.latestAll());
  const since = new Date(ctx.now().getTime() - RECENT_DAYS * DAY_MS).toISOString();
  const db = ctx.store.db;
  const keys = BIDX.filter((k) => row[k]);
  const names = (JSON.parse(row.respondents) as { name?: unknown }[])
    .map((r) => r.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  const [byTextRows, bySubmitter, byRespondent] = await Promise.all([
    textCandidates(db, procedure.id, since, s, row.id),
    // The same submitter and the same respondent: each key's or name's newest cases from its own
    // index, then filtered. Asked in one query with the procedure, SQLite walked the procedure's
    // cases instead and tested each (50 ms at 100,000, growing with the database).
    keys.length === 0
      ? []
      : recentOrOpen(db, procedure.id, since, s, row.id)
          .where((eb) =>
            eb.or(
              keys.map((k) =>
                eb(
                  'cases.id',
                  'in',
                  eb
                    .selectFrom('cases as p')
                    .select('p.id')
                    .where(`p.${k}`, '=', row[k]!)
                    .orderBy('p.id', 'desc')
                    .limit(SAME_PARTY_WINDOW),
                ),
              ),
            ),
          )
          .limit(100)
          .execute(),
    names.length === 0
      ? []
      : recentOrOpen(db, procedure.id, since, s, row.id)
          .where((eb) =>
            eb.or(
              [...new Set(names.map((n) => respondentHash(keyringOf(db), n)))].map((name) =>
                eb(
                  'cases.id',
                  'in',
                  eb
                    .selectFrom('case_respondents as r')
                    .select('r.case_id')
                    .where('r.procedure_id', '=', procedure.id)
                    .where('r.name', '=', name)
                    .orderBy('r.received_at', 'desc')
                    .limit(SAME_PARTY_WINDOW),
                ),
              ),
            ),
          )
          .limit(100)
          .execute(),
  ]);
  const submitterIds = new Set(bySubmitter.map((r) => r.id));
  const respondentIds = new Set(byRespondent.map((r) => r.id));
  const rows = new Map<string, (typeof byTextRows)[number]>();
  for (const r of byTextRows.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, TEXT_CANDIDATES)) rows.set(r.id, r);
  for (const r of [...bySubmitter, ...byRespondent]) rows.set(r.id, r);
  // This case's own tokens are computed here, not read from the index: a case just submitted may
  // still wait for the indexer (issue 22), and its text is open in `row` anyway.
  const own = { tokens: indexTokens(keyringOf(db), row) };
  // The tracking number is indexed with the words; it is the case's own and says nothing of its
  // matter. Left out of this case's set; a candidate's own tracking tokens are only counted out of
  // its size (they cannot be in this set: its parts, such as the date, were just taken out of it).
  const matter = new Set(own.tokens.split(' ').filter(Boolean));
  for (const t of hashTokens(keyringOf(db), trackingTokens(row.tracking_no).join(' ')).split(' ')) matter.delete(t);
  const queued = await queuedTokens(
    db,
    [...rows.values()].filter((r) => r.tokens === null).map((r) => r.id),
  );
  const ranked = rankDuplicates(
    [...rows.values()].map((r) => {
      const tokens = (r.tokens ?? queued.get(r.id) ?? '').split(' ');
      return {
        id: r.id,
        text: jaccardOfList(matter, tokens, tokens.length - trackingTokens(r.tracking_no).length),
        sameSubmitter: submitterIds.has(r.id),
        sameRespondent: respondentIds.has(r.id),
      };
    }),
  );
  // Subjects are sealed (issue 24): only those of the cases shown are opened.
  const shown = await openSubjects(
    db,
    ranked.map((d) => rows.get(d.id)!),
    (r) => r.id,
  );
  const step = duplicateAction(procedure, state);
  return {
    closeAsDuplicate:
      step && can(actor, procedure, step.action, state)
        ? { action: step.action.id, groundField: step.ground, textField: step.text }
        : null,
    similar: ranked.map((d, i) => {
      const r = shown[i]!;
      return {
        ...d,
        trackingNo: r.tracking_no,
        subject: r.subject,
        status: r.status,
        receivedAt: r.received_at,
        open: r.closed_at === null,
      };
    }),
  };
}

/**
 * The tokens of candidates the indexer has not reached yet (issue 22: at most about a second's
 * worth of new cases), computed from their text as the indexer will: a case filed a moment ago
 * is the likeliest duplicate of all.
 */
async function queuedTokens(db: Db, ids: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  if (ids.length === 0) return tokens;
  const keyring = keyringOf(db);
  for (const r of await openCases(db, await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute()))
    tokens.set(r.id, indexTokens(keyring, r));
  return tokens;
}
