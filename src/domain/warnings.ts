import type { TLabel } from './labels.ts';
import type { TProcedure } from './procedure.schema.ts';

/** Something staff should weigh before deciding, with the rule it comes from (MS-3). */
export type CaseWarning = { rule: string; label: TLabel; field: string; value: string };

/**
 * The procedure's age warnings that hold for a case: an intake date more than `years` before the
 * local day the case was received (2023-04-13 is over 3 years before 2026-04-14; 2023-04-14 is
 * not). Derived when the case is read, so a procedure's new warning covers old cases as well.
 */
export function caseWarnings(procedure: TProcedure, data: Record<string, unknown>, receivedOn: string): CaseWarning[] {
  const fields = (data.fields ?? {}) as Record<string, unknown>;
  return procedure.intake.ageWarnings.flatMap((w) => {
    const value = fields[w.field];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [];
    const limit = `${String(Number(receivedOn.slice(0, 4)) - w.years).padStart(4, '0')}${receivedOn.slice(4)}`;
    return value < limit ? [{ rule: w.rule, label: w.label, field: w.field, value }] : [];
  });
}
