import type { Label } from '../i18n.tsx';

export type Count = { key: string; label: Label; count: number };
export type ClockRate = { met: number; missed: number; overdue: number; running: number; rate: number | null };

/** GET /api/v1/stats (src/app/stats.ts computeStats). */
export type Stats = {
  period: { from: string; to: string; unitId: string | null; unitName: string | null; procedureId: string | null };
  generatedAt: string;
  total: number;
  closed: number;
  byProcedure: Count[];
  byKind: Count[];
  byCategory: Count[];
  bySeverity: Count[];
  byChannel: Count[];
  byUnit: Count[];
  byState: Count[];
  byMonth: { month: string; count: number }[];
  onTime: (ClockRate & { procedureId: string; clock: string; label: Label })[];
  onTimeByUnit: (ClockRate & { key: string; label: Label })[];
  handlingDays: { count: number; median: number | null; p90: number | null };
  satisfaction: {
    responses: number;
    eligible: number;
    responseRate: number | null;
    average: number | null;
    distribution: { rating: number; count: number }[];
  };
  substantiated: {
    withFinding: number;
    substantiated: number;
    partly: number;
    notSubstantiated: number;
    rate: number | null;
  };
  /** Issue 17, S1: suggestions with an adoption decision and the adoption rate (absent in reports stored before). */
  suggestions?: { received: number; decided: number; adopted: number; notAdopted: number; adoptionRate: number | null };
  repeats: { count: number; rate: number | null };
  appeals: { appealed: number; rate: number | null; received: number; byOutcome: Count[] };
  topRespondents: { name: string; count: number }[];
  topCategories: Count[];
  /** EVA-3: employee surveys open in the period; below three answers only the count is given. */
  employeeSurveys: {
    id: string;
    title: string;
    opensAt: string;
    closesAt: string;
    responses: number;
    codesIssued: number;
    responseRate: number | null;
    withheld: boolean;
    average: number | null;
  }[];
};

export type ReportSummary = {
  id: string;
  month: string;
  unitId: string | null;
  unitName: string;
  generatedAt: string;
  generatedBy: string;
  total: number;
  closed: number;
};
export type ReportSection = { title: Label; columns: Label[]; rows: (string | number | null)[][]; note?: Label };
export type Report = ReportSummary & {
  stats: Stats;
  notable: {
    id: string;
    trackingNo: string;
    subject: string;
    receivedAt: string;
    procedure: Label;
    status: Label;
    severity: Label | null;
    reasons: string[];
  }[];
  extra: { improvement: ReportSection | null; sections: ReportSection[] };
};

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

/** The first and last local day of a `YYYY-MM` month. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
