import { z } from 'zod';
import { CASE_KINDS, CHANNELS } from './procedure.schema.ts';

const text = (max: number) => z.string().trim().min(1, '不能为空 / must not be empty').max(max);

export const ZSubmitter = z
  .object({
    name: text(100),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确 / not a phone number')
      .optional(),
    email: z.email('邮箱格式不正确 / not an e-mail address').max(200).optional(),
    idNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{6,20}$/, '证件号码格式不正确 / not an ID number')
      .optional(),
    address: text(300).optional(),
  })
  .strict();
export type TSubmitter = z.infer<typeof ZSubmitter>;

export const ZRespondent = z
  .object({
    name: text(200),
    type: z.enum(['person', 'department', 'business']),
  })
  .strict();
export type TRespondent = z.infer<typeof ZRespondent>;

/** POST /api/v1/public/cases — the fields DESIGN.md fixes, plus the truthfulness affirmation (INT-5). */
export const ZPublicSubmission = z
  .object({
    procedure: z.string().min(1).max(100),
    kind: z.enum(CASE_KINDS),
    category: z.string().min(1).max(100).optional(),
    severity: z.string().min(1).max(100).optional(),
    subject: text(200),
    description: text(20000),
    anonymous: z.boolean(),
    submitter: ZSubmitter.optional(),
    respondents: z.array(ZRespondent).max(20).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    location: text(300).optional(),
    requestedOutcome: text(2000).optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    /** INT-5: "I affirm this is true: no fabrication, no malicious defamation." */
    affirmTruthful: z.boolean().optional(),
    /** The org unit the matter is addressed to (S8: a county bureau of the submitter's choice). */
    orgUnit: z
      .string()
      .regex(/^[0-9A-Z]{26}$/, 'an org unit id')
      .optional(),
  })
  .strict();

export const THIRD_PARTY_TYPES = [
  'industry-association',
  'consumer-association',
  'government',
  'labour-bureau',
  'union',
  'other',
] as const;

/** POST /api/v1/cases — staff intake on someone's behalf (INT-1, INT-3, REG-1). */
export const ZStaffSubmission = ZPublicSubmission.extend({
  channel: z.enum(CHANNELS),
  /** When the matter actually reached the organisation (a call yesterday, a letter last week). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /** REG-1: who took the call or the letter, when someone else types it in (recorded as said). */
  receivingPerson: text(100).optional(),
  thirdParty: z
    .object({
      type: z.enum(THIRD_PARTY_TYPES),
      name: text(200),
      reference: text(100).optional(),
    })
    .strict()
    .optional(),
}).strict();
export type TStaffSubmission = z.infer<typeof ZStaffSubmission>;
