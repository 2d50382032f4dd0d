import { z } from 'zod';
import { ZLabel } from '../domain/labels.ts';

/**
 * Response schemas of the API (issue 26): what the routes answer, for the document and for Fastify,
 * which serialises through them. Plain `z.object` (not strict) on purpose: an answer carrying a field
 * the schema does not name (an idempotent replay stored by an older version) loses that field
 * instead of failing; the document still says `additionalProperties: false`.
 */

const ZDeadline = z.object({
  clock: z.string().describe('the clock id of the procedure'),
  dueAt: z.string().describe('ISO 8601'),
  provisional: z.boolean().describe('the calendar of that year is not yet published: the date may move'),
});

/** A limit owed to the submitter (issue 18): only these are shown to them. */
const ZOwedDeadline = ZDeadline.extend({
  label: ZLabel,
  stoppedBy: z.array(ZLabel).describe('what stops this clock (e.g. waiting for the submitter)'),
});

/** submitCase: what the submitter keeps. */
export const ZSubmitted = z.object({
  trackingNo: z.string().describe('查询码'),
  receipt: z.string().describe('回执码: shown once, only a keyed hash is stored'),
  status: z.string(),
  deadlines: z.array(ZOwedDeadline),
});

/** Issue 21: one suggested value for a case's category, severity or handling unit. */
const ZSuggestion = z.object({
  value: z.string().describe('category or severity id of the procedure, or org unit id'),
  label: ZLabel,
  confidence: z.number().describe('posterior probability, at least the floor (docs/triage.md)'),
  because: z.array(z.string()).describe('words of this case that drove it'),
});

export const ZSuggestions = z.object({
  category: ZSuggestion.optional(),
  severity: ZSuggestion.optional(),
  unit: ZSuggestion.optional(),
});

/** registerCase (staff intake): the case too. */
export const ZRegistered = z.object({
  id: z.string(),
  trackingNo: z.string(),
  receipt: z.string().describe('回执码 for the submitter: shown once'),
  status: z.string(),
  version: z.number().int(),
  deadlines: z.array(ZDeadline),
  owed: z.array(ZOwedDeadline),
  suggestions: ZSuggestions.optional().describe('staff intake (issue 21): what triage suggests for the new case'),
});

const ZGrant = z.object({ role: z.string(), unitId: z.string().nullable(), unitPath: z.string().nullable() });

/** getMe */
export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  grants: z.array(ZGrant),
  isAdmin: z.boolean(),
  canSeeStats: z.boolean(),
  canSupervise: z.boolean(),
  mustChangePassword: z.boolean(),
  secondFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  csrfToken: z.string().optional().describe('with a session (not with a bearer token): send it as X-CSRF-Token'),
});

/** signIn */
export const ZSignedIn = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  expiresAt: z.string(),
  mustChangePassword: z.boolean(),
  secondFactorSetupRequired: z.boolean(),
  csrfToken: z.string().describe('send it as X-CSRF-Token with every write of this session'),
});

/** retryDelivery */
export const ZRetryAccepted = z.object({ id: z.string(), status: z.literal('pending') });

/** How a deadline stands now (clockStatus in src/domain/clocks.ts). */
export const ZClockStatus = z.enum(['running', 'paused', 'warning', 'overdue', 'met', 'missed']);

/** What an action or a step on a case answers: the case at its new version. */
export const ZCaseStep = z.object({ id: z.string(), trackingNo: z.string(), version: z.number().int() });

/** appealCase, reportRetaliation: the new case, with its own receipt (shown once). */
export const ZOpened = ZRegistered.omit({ id: true, suggestions: true });

/** A message or note added to a case (addCaseNote): its new version; null when nothing was added. */
export const ZNoteAdded = z.object({ version: z.number().int(), trackingNo: z.string() }).nullable();
