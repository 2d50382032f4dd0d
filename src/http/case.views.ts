import { z } from 'zod';
import { ZLabel } from '../domain/labels.ts';
import { ZField } from '../domain/procedure.schema.ts';
import { ZRespondent } from '../domain/submission.ts';
import { ZClockStatus } from './views.ts';

/**
 * Response schemas of a case as staff and as the submitter see it (issue 26), from the shapes the
 * domain already has: fields and labels of the procedure, respondents of the submission.
 */

/** An action open to the caller now (describeAction in src/app/case-views.ts): enough to draw its form. */
export const ZActionView = z.object({
  id: z.string(),
  label: ZLabel,
  to: z.string().nullable().describe('the state it moves the case to; null: stays'),
  visibility: z.enum(['public', 'internal']),
  input: z.array(ZField).describe('the form: the procedure’s fields of this action'),
});

export const ZAttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  visibility: z.string().describe('internal or public (the submitter sees it)'),
  addedBy: z.string().describe('submitter or staff'),
  addedAt: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});

/** The submitter as staff see them: masked (revealSubmitter shows them whole, audited). */
export const ZSubmitterView = z.object({
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  idNumber: z.string().optional(),
  address: z.string().optional(),
});

const ZClockOp = z.enum(['start', 'stop', 'pause', 'resume', 'extend', 'warn', 'breach', 'recompute']);

/** What an event did to a deadline (ClockNote in src/domain/clocks.ts). */
const ZClockNote = z.object({
  clock: z.string(),
  label: ZLabel,
  op: ZClockOp,
  dueAt: z.string().nullable(),
  provisional: z.boolean(),
  explanation: ZLabel.nullable(),
  reason: z.string().optional(),
});

/** The case as the submitter sees it with tracking number and receipt: no staff names, public fields only. */
export const ZPublicCase = z.object({
  trackingNo: z.string(),
  procedure: z.object({ id: z.string(), name: ZLabel }),
  kind: z.string(),
  status: z.string(),
  statusLabel: ZLabel,
  version: z.number().int(),
  subject: z.string(),
  outcome: ZLabel.nullable(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      actionLabel: ZLabel.nullable(),
      status: z.string(),
      statusLabel: ZLabel,
      text: ZLabel.nullable().describe('the procedure’s public wording of the step'),
      by: z.enum(['submitter', 'staff']),
      details: z.record(z.string(), z.unknown()).describe('the inputs of the step marked public'),
      fields: z.record(z.string(), z.object({ label: ZLabel, type: z.string() })),
      valueLabels: z.record(z.string(), ZLabel),
      deadlines: z.array(ZClockNote.omit({ clock: true, reason: true })),
    }),
  ),
  allowedActions: z.array(ZActionView),
  canAppeal: z.boolean().describe('APL-1: appealCase is open now'),
  retaliationAsks: z.array(z.enum(['location', 'occurredAt'])),
  final: z.boolean().describe('APL-3: an appeal at the last level is final (终审)'),
  deadlines: z.array(
    z.object({
      clock: z.string(),
      label: ZLabel,
      status: ZClockStatus,
      dueAt: z.string(),
      provisional: z.boolean(),
      stoppedAt: z.string().nullable(),
      stoppedBy: z.array(ZLabel),
    }),
  ),
  attachments: z.array(ZAttachmentView),
});

/** What the inbox and the case page both show of a case. */
const ZCaseSummary = z.object({
  id: z.string(),
  trackingNo: z.string(),
  procedure: z.object({ id: z.string(), version: z.number().int(), name: ZLabel.nullable() }),
  kind: z.string(),
  status: z.string(),
  statusLabel: ZLabel.nullable(),
  version: z.number().int(),
  category: z.string().nullable(),
  severity: z.string().nullable(),
  severityLabel: ZLabel.nullable(),
  categoryLabel: ZLabel.nullable(),
  outcome: z.string().nullable(),
  assigneeId: z.string().nullable(),
  channel: z.string(),
  subject: z.string(),
  anonymous: z.boolean(),
  receivedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  orgUnitName: z.string().nullable(),
});

export const ZCasePage = z.object({
  items: z.array(
    ZCaseSummary.extend({
      nextDue: z
        .object({ clock: z.string(), label: ZLabel, dueAt: z.string(), status: ZClockStatus, provisional: z.boolean() })
        .nullable()
        .describe('the nearest running deadline'),
      unread: z.boolean().describe('new from the submitter since the caller last opened it'),
    }),
  ),
  nextCursor: z
    .string()
    .nullable()
    .describe(
      'pass as cursor for the next page; null: the last page. A page looks at no more than 5,000 cases, so one with fewer items than asked for may still have a next page',
    ),
});

/** The case as staff see it (getCase). */
export const ZStaffCase = ZCaseSummary.extend({
  description: z.string().describe('contact numbers masked (revealSubmitter shows them)'),
  descriptionMasked: z.boolean(),
  submitter: ZSubmitterView.nullable(),
  respondents: z.array(
    ZRespondent.extend({
      userId: z.string().optional().describe('linked to this user (recusal)'),
      orgUnitId: z.string().optional().describe('linked to this unit (recusal)'),
    }),
  ),
  data: z.record(z.string(), z.unknown()).describe('what the procedure’s steps set (data.<key>)'),
  dataLabels: z.record(z.string(), ZLabel),
  dataValueLabels: z.record(z.string(), ZLabel),
  warnings: z.array(z.object({ rule: z.string(), label: ZLabel, field: z.string(), value: z.string() })),
  receivedBy: z.string().nullable(),
  allowedActions: z.array(ZActionView),
  nextAction: z.string().nullable().describe('the step the procedure expects next (the primary button)'),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      action: z.string(),
      actionLabel: ZLabel.nullable(),
      toStatusLabel: ZLabel,
      inputLabels: z.record(z.string(), ZLabel),
      valueLabels: z.record(z.string(), ZLabel),
      visibility: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
      at: z.string(),
      input: z.record(z.string(), z.unknown()),
      publicText: ZLabel.nullable(),
      clocks: z.array(ZClockNote),
    }),
  ),
  deadlines: z.array(
    z.object({
      clock: z.string(),
      label: ZLabel,
      rule: z.string().nullable(),
      status: ZClockStatus,
      unit: z.enum(['hours', 'same-day', 'natural-days', 'working-days', 'calendar-months']),
      length: z.number(),
      extendedBy: z.number(),
      startedAt: z.string(),
      dueAt: z.string(),
      warnAt: z.string(),
      pausedAt: z.string().nullable(),
      stoppedAt: z.string().nullable(),
      breachedAt: z.string().nullable(),
      provisional: z.boolean(),
      calendarVersion: z.string(),
    }),
  ),
  escalatedAt: z.string().nullable(),
  attachments: z.array(ZAttachmentView.extend({ sha256: z.string() })),
  links: z.array(
    z.object({
      kind: z.string(),
      direction: z.enum(['from', 'to']),
      note: z.string().nullable(),
      at: z.string(),
      trackingNo: z.string(),
      procedure: z.string(),
      caseKind: z.string(),
      status: z.string(),
      statusLabel: ZLabel.nullable(),
      caseId: z.string().optional().describe('only when the caller may open it'),
      visible: z.boolean(),
    }),
  ),
  mayProposeDisclosure: z.boolean(),
});

/** performAction: the case after the step, and a case it opened (an enforcement lead, an appeal …). */
export const ZPerformed = z.object({
  id: z.string(),
  trackingNo: z.string(),
  status: z.string(),
  version: z.number().int(),
  opened: z.object({ id: z.string(), trackingNo: z.string() }).optional(),
});

/** revealSubmitter: the submitter whole (audited), and the statement unmasked. */
export const ZRevealed = z.object({
  viewedAt: z.string(),
  description: z.string().optional().describe('the statement with its contact numbers, when it had any'),
  submitter: ZSubmitterView.nullable(),
  anonymous: z.boolean(),
});
