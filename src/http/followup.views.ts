import { z } from 'zod';

/** Response schemas of improvement actions and staff surveys (issue 26). */

export const ZImprovement = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  causeCategory: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  orgUnitId: z.string(),
  dueDate: z.string().nullable(),
  status: z.string(),
  completionNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  cases: z.array(z.object({ id: z.string(), trackingNo: z.string() })),
  overdue: z.boolean(),
});

const ZQuestion = z.object({
  id: z.string(),
  type: z.enum(['scale', 'text']),
  text: z.string(),
  required: z.boolean(),
});

export const ZSurvey = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  questions: z.array(ZQuestion),
  opensAt: z.string(),
  closesAt: z.string(),
  orgUnitId: z.string(),
  createdAt: z.string(),
});

export const ZPublicSurvey = ZSurvey.omit({ orgUnitId: true, createdAt: true }).extend({ open: z.boolean() });

export const ZSurveyResults = z.object({
  survey: ZSurvey,
  responses: z.number().int(),
  codesIssued: z.number().int(),
  responseRate: z.number(),
  withheld: z.boolean().describe('fewer answers than minResponses: nothing but the count is given'),
  minResponses: z.number().int(),
  questions: z.array(
    z.union([
      z.object({
        id: z.string(),
        type: z.literal('scale'),
        text: z.string(),
        answered: z.number().int(),
        average: z.number().nullable(),
        distribution: z.record(z.string(), z.number().int()).describe('answers per point 1–5'),
      }),
      z.object({
        id: z.string(),
        type: z.literal('text'),
        text: z.string(),
        answered: z.number().int(),
        answers: z.array(z.string()).describe('sorted, so their order tells nothing'),
      }),
    ]),
  ),
});
