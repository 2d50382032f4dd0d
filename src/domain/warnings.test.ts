import { describe, expect, it } from 'vitest';
import { caseWarnings } from './warnings.ts';
import type { TProcedure } from './procedure.schema.ts';

const procedure = {
  intake: {
    ageWarnings: [{ field: 'harmKnownAt', years: 3, rule: 'MS-3', label: { 'zh-CN': '超过三年', en: 'over 3 years' } }],
  },
} as unknown as TProcedure;

describe('age warnings (MS-3, issue 17)', () => {
  it('warns when the date is more than the years before the day received, not on the day itself', () => {
    const at = (harmKnownAt: unknown) => caseWarnings(procedure, { fields: { harmKnownAt } }, '2026-04-14');
    expect(at('2023-04-13')).toEqual([
      { rule: 'MS-3', label: procedure.intake.ageWarnings[0].label, field: 'harmKnownAt', value: '2023-04-13' },
    ]);
    expect(at('2023-04-14')).toEqual([]);
    expect(at('2026-01-01')).toEqual([]);
    expect(at(undefined)).toEqual([]);
    expect(at('not a date')).toEqual([]);
  });
});
