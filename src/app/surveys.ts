import { z } from 'zod';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { formatReceipt, normaliseReceipt, timeOrderedId } from '../domain/ids.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import type { SurveyTable } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { secretHash } from './secrets.ts';
import { assertNotThrottled, recordFailure } from './throttle.ts';
import { msg } from '../domain/messages.ts';

/**
 * EVA-3 (S3 二.5 匿名员工满意度调查): periodic anonymous satisfaction surveys of employees.
 *
 * Anonymity by design: whoever runs the survey creates one-time codes and hands them out (printed
 * slips drawn from a box, a QR code per envelope) — the system never learns who got which code.
 * A code is stored only as a keyed hash with a used flag; a response row holds the answers and
 * the day, and nothing else: no user, no session, no client address, no code, no time of day, and
 * a random (not time-ordered) id. Wrong codes are throttled per client (a keyed hash of the
 * address, kept 15 minutes, never with a response). Results are shown only from
 * `MIN_RESPONSES` answers on, so a small unit's answers cannot be told apart.
 */

const ZUlid = z.string().regex(/^[0-9A-Z]{26}$/, 'an id has 26 characters');
export const MIN_RESPONSES = 3;
const CODE_PURPOSE = 'survey-code';
const CODE_LIMIT = { max: 20, windowMs: 15 * 60_000 };

export const ZSurveyCreate = z
  .object({
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).default(''),
    questions: z
      .array(
        z
          .object({
            type: z.enum(['scale', 'text']),
            text: z.string().trim().min(2).max(500),
            required: z.boolean().default(true),
          })
          .strict(),
      )
      .min(1)
      .max(30),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    orgUnit: ZUlid,
    /** How many one-time answer codes to create; they are shown once. */
    codes: z.number().int().min(1).max(2000),
  })
  .strict()
  .refine((s) => new Date(s.closesAt) > new Date(s.opensAt), {
    message: 'closesAt must be after opensAt',
    path: ['closesAt'],
  });

export const ZSurveyAnswer = z
  .object({
    code: z.string().trim().min(4).max(40),
    /** By question id (q1, q2 …): 1–5 for a scale, text up to 2,000 characters. */
    answers: z.record(
      z.string().regex(/^q\d{1,2}$/),
      z.union([z.number().int().min(1).max(5), z.string().trim().max(2000)]),
    ),
  })
  .strict();

type Question = { id: string; type: 'scale' | 'text'; text: string; required: boolean };

function actorName(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}` : actor.kind;
}

/** Admins, or a role with `surveys` (HR) held in the unit or above it. */
function runsSurveysFor(ctx: AppContext, actor: Actor, unitPath: string): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.isAdmin) return true;
  const roles = new Set(
    ctx.procedures
      .latestAll()
      .flatMap((p) => p.roles.filter((r) => r.permissions.includes('surveys')).map((r) => r.id)),
  );
  return actor.grants.some((g) => roles.has(g.role) && (g.unitPath === null || unitPath.startsWith(g.unitPath)));
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', msg('surveys.noSuchSurvey'));
}

async function findSurvey(ctx: AppContext, id: string) {
  return ctx.store.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

function newCodes(ctx: AppContext, count: number): string[] {
  // 12 characters of base32 (60 bits): typed from a slip, guessed never (and guesses are throttled).
  return Array.from({ length: count }, () => formatReceipt(ctx.random(13)).replace(/-/g, '').slice(0, 12));
}

export async function createSurvey(ctx: AppContext, input: z.infer<typeof ZSurveyCreate>, actor: Actor) {
  const unit = await findOrgUnit(ctx.store.db, input.orgUnit);
  if (!unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit2'), {
      issues: [{ path: 'orgUnit', message: 'unknown org unit' }],
    });
  if (!runsSurveysFor(ctx, actor, unit.path))
    throw new DomainError('FORBIDDEN', msg('surveys.youMayNotRunSurveys'), {
      permission: 'surveys',
    });
  const at = ctx.now().toISOString();
  const questions: Question[] = input.questions.map((q, i) => ({ id: `q${i + 1}`, ...q }));
  const row: SurveyTable = {
    id: timeOrderedId(ctx.now(), ctx.random(10)),
    title: input.title,
    description: input.description,
    questions: JSON.stringify(questions),
    opens_at: new Date(input.opensAt).toISOString(),
    closes_at: new Date(input.closesAt).toISOString(),
    org_unit_id: unit.id,
    org_unit_path: unit.path,
    created_by: actorName(actor),
    created_at: at,
  };
  const codes = newCodes(ctx, input.codes);
  await ctx.store.transact(async (trx) => {
    await trx.insertInto('surveys').values(row).execute();
    for (let i = 0; i < codes.length; i += 500) {
      await trx
        .insertInto('survey_codes')
        .values(
          codes
            .slice(i, i + 500)
            .map((c) => ({ code_hash: secretHash(ctx.secrets, CODE_PURPOSE, c), survey_id: row.id, used: 0 })),
        )
        .execute();
    }
    await appendAudit(trx, {
      at,
      actor: actorName(actor),
      action: 'survey.create',
      entityType: 'survey',
      entityId: row.id,
      payload: {
        title: row.title,
        orgUnit: unit.id,
        questions: questions.length,
        codes: codes.length,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
      },
    });
  });
  return { ...present(row), codes };
}

function present(row: SurveyTable) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    questions: JSON.parse(row.questions) as Question[],
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    orgUnitId: row.org_unit_id,
    createdAt: row.created_at,
  };
}

/** The surveys of the units the actor runs surveys for. */
export async function listSurveys(ctx: AppContext, actor: Actor) {
  const rows = await ctx.store.db.selectFrom('surveys').selectAll().orderBy('created_at', 'desc').limit(500).execute();
  return rows.filter((r) => runsSurveysFor(ctx, actor, r.org_unit_path)).map(present);
}

/** What the answer page shows: the questions and whether the survey is open; never who answered. */
export async function publicSurvey(ctx: AppContext, id: string) {
  const row = await findSurvey(ctx, id);
  if (!row) throw notFound();
  const now = ctx.now().toISOString();
  const { id: surveyId, title, description, questions, opensAt, closesAt } = present(row);
  return {
    id: surveyId,
    title,
    description,
    questions,
    opensAt,
    closesAt,
    open: now >= row.opens_at && now < row.closes_at,
  };
}

/** Records one anonymous answer with a one-time code. */
export async function answerSurvey(ctx: AppContext, id: string, input: z.infer<typeof ZSurveyAnswer>, client: string) {
  const limits = [{ key: `survey-client:${client}`, ...CODE_LIMIT }];
  await assertNotThrottled(ctx, limits);
  const row = await findSurvey(ctx, id);
  if (!row) throw notFound();
  const now = ctx.now();
  if (now.toISOString() < row.opens_at || now.toISOString() >= row.closes_at) {
    throw new DomainError('PRECONDITION_FAILED', msg('surveys.surveyNotOpen'), {
      guard: 'open-period',
      opensAt: row.opens_at,
      closesAt: row.closes_at,
    });
  }
  const questions = JSON.parse(row.questions) as Question[];
  const answers: Record<string, number | string> = {};
  const issues: { path: string; message: string }[] = [];
  for (const q of questions) {
    const value = input.answers[q.id];
    const empty = value === undefined || value === '';
    if (empty) {
      if (q.required) issues.push({ path: `answers.${q.id}`, message: 'required' });
      continue;
    }
    if (q.type === 'scale' && typeof value !== 'number')
      issues.push({ path: `answers.${q.id}`, message: 'a number from 1 to 5' });
    else if (q.type === 'text' && typeof value !== 'string') issues.push({ path: `answers.${q.id}`, message: 'text' });
    else answers[q.id] = value;
  }
  for (const key of Object.keys(input.answers))
    if (!questions.some((q) => q.id === key)) issues.push({ path: `answers.${key}`, message: 'no such question' });
  if (issues.length) throw new DomainError('VALIDATION_FAILED', msg('surveys.answersIncomplete'), { issues });
  const codeHash = secretHash(ctx.secrets, CODE_PURPOSE, normaliseCode(input.code));
  const accepted = await ctx.store.transact(async (trx) => {
    const used = await trx
      .updateTable('survey_codes')
      .set({ used: 1 })
      .where('code_hash', '=', codeHash)
      .where('survey_id', '=', id)
      .where('used', '=', 0)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('survey_responses')
      .values({
        id: Buffer.from(ctx.random(16)).toString('hex'),
        survey_id: id,
        answers: JSON.stringify(answers),
        submitted_on: ctx.calendar.localDate(now),
      })
      .execute();
    return true;
  });
  if (!accepted) {
    await recordFailure(ctx, limits);
    throw new DomainError('NOT_FOUND', msg('surveys.codeUnknownOrWasUsed'));
  }
  return { accepted: true };
}

function normaliseCode(code: string): string {
  return normaliseReceipt(code).replace(/-/g, '');
}

/** EVA-3 results for those who run surveys for the unit: count, per-question averages and distributions, free text. */
export async function surveyResults(ctx: AppContext, id: string, actor: Actor) {
  const row = await findSurvey(ctx, id);
  if (!row || !runsSurveysFor(ctx, actor, row.org_unit_path)) throw notFound();
  const responses = await ctx.store.db
    .selectFrom('survey_responses')
    .select('answers')
    .where('survey_id', '=', id)
    .execute();
  const codes = await ctx.store.db.selectFrom('survey_codes').select(['used']).where('survey_id', '=', id).execute();
  const questions = JSON.parse(row.questions) as Question[];
  const base = {
    survey: present(row),
    responses: responses.length,
    codesIssued: codes.length,
    responseRate: codes.length ? responses.length / codes.length : 0,
  };
  if (responses.length < MIN_RESPONSES) return { ...base, withheld: true, minResponses: MIN_RESPONSES, questions: [] };
  const answers = responses.map((r) => JSON.parse(r.answers) as Record<string, number | string>);
  return {
    ...base,
    withheld: false,
    minResponses: MIN_RESPONSES,
    questions: questions.map((q) => {
      const values = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
      if (q.type === 'scale') {
        const numbers = values.filter((v): v is number => typeof v === 'number');
        const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<number, number>;
        for (const n of numbers) distribution[n]++;
        const average = numbers.length
          ? Math.round((numbers.reduce((s, n) => s + n, 0) / numbers.length) * 100) / 100
          : null;
        return { id: q.id, type: q.type, text: q.text, answered: numbers.length, average, distribution };
      }
      // Sorted, so the order says nothing about when (or by whom) an answer came.
      const texts = values.filter((v): v is string => typeof v === 'string' && v.length > 0).sort();
      return { id: q.id, type: q.type, text: q.text, answered: texts.length, answers: texts };
    }),
  };
}

/**
 * EVA-3 in statistics (STA-1): the surveys open during a period (ISO instants, `to` exclusive)
 * in units a stats reader covers, each with its response count and the mean of its scale answers.
 * The same floor as the results page: below `MIN_RESPONSES` nothing but the count is given.
 */
export async function surveySummaries(
  ctx: AppContext,
  period: { from: string; to: string; unitPaths: string[] | 'all' },
) {
  const rows = await ctx.store.db
    .selectFrom('surveys')
    .selectAll()
    .where('opens_at', '<', period.to)
    .where('closes_at', '>', period.from)
    .orderBy('opens_at')
    .limit(200)
    .execute();
  const visible = rows.filter(
    (r) => period.unitPaths === 'all' || period.unitPaths.some((p) => r.org_unit_path.startsWith(p)),
  );
  return Promise.all(
    visible.map(async (r) => {
      const responses = await ctx.store.db
        .selectFrom('survey_responses')
        .select('answers')
        .where('survey_id', '=', r.id)
        .execute();
      const issued = await ctx.store.db
        .selectFrom('survey_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('survey_id', '=', r.id)
        .executeTakeFirstOrThrow();
      const scale = new Set((JSON.parse(r.questions) as Question[]).filter((q) => q.type === 'scale').map((q) => q.id));
      const withheld = responses.length < MIN_RESPONSES;
      const values = withheld
        ? []
        : responses.flatMap((x) =>
            Object.entries(JSON.parse(x.answers) as Record<string, unknown>)
              .filter(([k, v]) => scale.has(k) && typeof v === 'number')
              .map(([, v]) => v as number),
          );
      const codesIssued = Number(issued.n);
      return {
        id: r.id,
        title: r.title,
        orgUnitId: r.org_unit_id,
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        responses: responses.length,
        codesIssued,
        responseRate: codesIssued ? responses.length / codesIssued : null,
        withheld,
        average: values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100 : null,
      };
    }),
  );
}
