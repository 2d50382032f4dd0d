import { z } from 'zod';
import { ZLabel } from '../domain/labels.ts';

/** Response schemas of public disclosure (DIS-1, issue 26). */

/** A disclosure as its reviewers see it (present() in src/app/disclosure.ts). */
export const ZDisclosureView = z.object({
  id: z.string(),
  caseId: z.string(),
  procedure: z.string(),
  status: z.string(),
  version: z.number().int(),
  business: z.string(),
  category: z.string().nullable(),
  categoryLabel: ZLabel.nullable(),
  statement: z.string().describe('redacted'),
  result: z.string().describe('redacted'),
  handledAt: z.string().nullable(),
  redactionFound: z.record(z.string(), z.number()).describe('what redaction removed, by kind, how often'),
  proposedAt: z.string(),
  notifiedAt: z.string().nullable(),
  publishableAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  unpublishedAt: z.string().nullable(),
  unpublishReason: z.string().nullable(),
});

export const ZDisclosureDetail = ZDisclosureView.extend({
  trackingNo: z.string(),
  canReview: z.boolean().describe('the caller holds the review role'),
});

export const ZPublishedPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      business: z.string(),
      category: z.string().nullable(),
      categoryLabel: ZLabel.nullable(),
      handledAt: z.string().nullable(),
      publishedAt: z.string().nullable(),
      statement: z.string(),
      result: z.string(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  categories: z.array(z.object({ id: z.string().nullable(), label: ZLabel.nullable() })),
});
