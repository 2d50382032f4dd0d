import { z } from 'zod';
import { ZLabel } from '../domain/labels.ts';
import { ZSubmitterView } from './case.views.ts';

/** Response schemas of records (personal-data requests, holds) and notices (issue 26). */

export const ZDataRequested = z.object({
  id: z.string(),
  type: z.string().describe('access, correction or deletion'),
  status: z.literal('open'),
  dueAt: z.string().describe('when the answer is owed'),
});

export const ZOwnDataRequests = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      status: z.string(),
      dueAt: z.string(),
      answeredAt: z.string().nullable(),
      answer: z.string().nullable(),
      yourData: z
        .object({
          submitter: ZSubmitterView.nullable(),
          respondents: z.array(z.record(z.string(), z.unknown())),
          subject: z.string(),
          description: z.string(),
        })
        .optional()
        .describe('an answered access request: the data held about you'),
    }),
  ),
  submitter: ZSubmitterView.nullable(),
});

export const ZDataRequestsToAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      caseId: z.string(),
      trackingNo: z.string(),
      type: z.string(),
      details: z.string(),
      status: z.string(),
      createdAt: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
      answeredAt: z.string().nullable(),
      answer: z.string().nullable(),
    }),
  ),
});

/** A notice's title or body: the template's words, or the erased marker once the case is erased. */
const ZNoticeText = z.union([ZLabel, z.string()]);

export const ZNotifications = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      caseId: z.string().nullable(),
      event: z.string(),
      title: ZNoticeText,
      body: ZNoticeText,
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

export const ZDeliveries = z.object({
  counts: z
    .object({
      notYetFannedOut: z.number().int().describe('events not yet turned into deliveries'),
      pending: z.number().int().optional(),
      sent: z.number().int().optional(),
      dead: z.number().int().optional(),
    })
    .describe('deliveries by status (a status with none is absent)'),
  items: z.array(
    z.object({
      id: z.string(),
      caseId: z.string().nullable(),
      channel: z.string(),
      target: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      nextAttemptAt: z.string().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});
