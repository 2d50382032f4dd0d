import type { Actor } from '../domain/case.ts';
import { can, scope, type Scope } from '../domain/policy.ts';
import { rankDuplicates, type Duplicate } from '../domain/similarity.ts';
import { inScope, openCases, respondentHash, type CaseRow, type Db } from '../store/cases.repository.ts';
import { keyringOf } from '../store/sealing.ts';
import { duplicateAction } from './bulk.ts';
import type { AppContext } from './context.ts';
import { loadVisibleCase } from './perform.ts';
import { caseFeatures } from './triage-model.ts';

const DAY_MS = 86_400_000;
/** Closed cases received within this many days are still candidates; open ones always are. */
export const RECENT_DAYS = 90;
/** The newest candidates compared by text alone (the same submitter's or respondent's come on top). */
const TEXT_CANDIDATES = 1000;

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

function recentOrOpen(db: Db, procedureId: string, since: string, s: Scope, caseId: string) {
  return db
    .selectFrom('cases')
    .selectAll('cases')
    .where('cases.procedure_id', '=', procedureId)
    .where('cases.id', '!=', caseId)
    .where((eb) => eb.or([eb('cases.closed_at', 'is', null), eb('cases.received_at', '>=', since)]))
    .where((eb) => inScope(eb, s));
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
  const [byText, bySubmitter, byRespondent] = await Promise.all([
    recentOrOpen(db, procedure.id, since, s, row.id).orderBy('cases.id', 'desc').limit(TEXT_CANDIDATES).execute(),
    keys.length === 0
      ? []
      : recentOrOpen(db, procedure.id, since, s, row.id)
          .where((eb) => eb.or(keys.map((k) => eb(`cases.${k}`, '=', row[k]!))))
          .limit(100)
          .execute(),
    names.length === 0
      ? []
      : recentOrOpen(db, procedure.id, since, s, row.id)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('case_respondents as r')
                .select('r.case_id')
                .whereRef('r.case_id', '=', 'cases.id')
                .where('r.name', 'in', [...new Set(names.map((n) => respondentHash(keyringOf(db), n)))]),
            ),
          )
          .limit(100)
          .execute(),
  ]);
  const submitterIds = new Set(bySubmitter.map((r) => r.id));
  const respondentIds = new Set(byRespondent.map((r) => r.id));
  const rows = new Map<string, CaseRow>();
  for (const r of [...byText, ...bySubmitter, ...byRespondent]) rows.set(r.id, r);
  const opened = new Map((await openCases(db, [...rows.values()])).map((r) => [r.id, r]));
  const ranked = rankDuplicates(
    new Set(caseFeatures(row)),
    [...opened.values()].map((r) => ({
      id: r.id,
      features: new Set(caseFeatures(r)),
      sameSubmitter: submitterIds.has(r.id),
      sameRespondent: respondentIds.has(r.id),
    })),
  );
  const step = duplicateAction(procedure, state);
  return {
    closeAsDuplicate:
      step && can(actor, procedure, step.action, state)
        ? { action: step.action.id, groundField: step.ground, textField: step.text }
        : null,
    similar: ranked.map((d) => {
      const r = opened.get(d.id)!;
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
