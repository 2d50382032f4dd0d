import { z } from 'zod';
import { ZLabel } from '../domain/labels.ts';

/** Response schemas of statistics and monthly reports (STA-1, issue 26). */

const ZCount = z.object({ key: z.string(), label: ZLabel, count: z.number().int() });
const ZClockRate = z.object({
  met: z.number().int(),
  missed: z.number().int(),
  overdue: z.number().int(),
  running: z.number().int(),
  rate: z.number().nullable().describe('met of met and missed; null without any'),
});

/** computeStats in src/app/stats.ts. */
export const ZStats = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    procedureId: z.string().nullable(),
  }),
  generatedAt: z.string(),
  total: z.number().int(),
  closed: z.number().int(),
  byProcedure: z.array(ZCount),
  byKind: z.array(ZCount),
  byCategory: z.array(ZCount),
  bySeverity: z.array(ZCount),
  byChannel: z.array(ZCount),
  byUnit: z.array(ZCount),
  byState: z.array(ZCount),
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
  onTime: z.array(ZClockRate.extend({ procedureId: z.string(), clock: z.string(), label: ZLabel })),
  onTimeByUnit: z.array(ZClockRate.extend({ key: z.string(), label: ZLabel })),
  handlingDays: z.object({ count: z.number().int(), median: z.number().nullable(), p90: z.number().nullable() }),
  satisfaction: z.object({
    responses: z.number().int(),
    eligible: z.number().int(),
    responseRate: z.number().nullable(),
    average: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number().int(), count: z.number().int() })),
  }),
  substantiated: z.object({
    withFinding: z.number().int(),
    substantiated: z.number().int(),
    partly: z.number().int(),
    notSubstantiated: z.number().int(),
    rate: z.number().nullable(),
  }),
  suggestions: z.object({
    received: z.number().int(),
    decided: z.number().int(),
    adopted: z.number().int(),
    notAdopted: z.number().int(),
    adoptionRate: z.number().nullable(),
  }),
  repeats: z.object({ count: z.number().int(), rate: z.number().nullable() }),
  appeals: z.object({
    appealed: z.number().int(),
    rate: z.number().nullable(),
    received: z.number().int(),
    byOutcome: z.array(ZCount),
  }),
  topRespondents: z.array(z.object({ name: z.string(), count: z.number().int() })),
  topCategories: z.array(ZCount),
  employeeSurveys: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        orgUnitId: z.string(),
        opensAt: z.string(),
        closesAt: z.string(),
        responses: z.number().int(),
        codesIssued: z.number().int(),
        responseRate: z.number().nullable(),
        withheld: z.boolean(),
        average: z.number().nullable(),
      }),
    )
    .describe('EVA-3: below three answers only the count is given'),
});

export const ZReportSummary = z.object({
  id: z.string(),
  month: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  total: z.number().int(),
  closed: z.number().int(),
});

const ZReportSection = z.object({
  title: ZLabel,
  columns: z.array(ZLabel),
  rows: z.array(z.array(z.union([z.string(), z.number()]).nullable())),
  note: ZLabel.optional(),
});

/** A stored report: the statistics as they were that month (older ones have no suggestions). */
export const ZReport = ZReportSummary.extend({
  stats: ZStats.extend({ suggestions: ZStats.shape.suggestions.optional() }),
  notable: z.array(
    z.object({
      id: z.string(),
      trackingNo: z.string(),
      subject: z.string(),
      receivedAt: z.string(),
      orgUnitId: z.string().nullable(),
      procedure: ZLabel,
      status: ZLabel,
      severity: ZLabel.nullable(),
      reasons: z.array(z.string()),
    }),
  ),
  extra: z.object({ improvement: ZReportSection.nullable(), sections: z.array(ZReportSection) }),
});
