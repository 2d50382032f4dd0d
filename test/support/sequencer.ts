import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files first. CI runs on a clean clone, where vitest knows no durations and
 * starts the largest files first; a long file that happens to be short in lines then starts last
 * and runs alone at the end while the other worker idles. Longest-first keeps both workers busy to
 * the end. The list is by measured time (the summary reporter prints the slowest files after each
 * run); files not listed follow in vitest's own order.
 */
const LONGEST_FIRST = [
  'test/fuzz.test.ts',
  'test/web/handlers-day.test.ts',
  'test/web/every-screen.test.ts',
  'test/accounts.test.ts',
  'test/reach-property.test.ts',
  'test/startup.test.ts',
  'test/web/customer-complaint.test.ts',
  'test/web/directory-ldif.test.ts',
  'test/crash.test.ts',
  'test/directory-admin.test.ts',
  'test/fuzz-valid.test.ts',
  'test/web/admin.test.ts',
  'test/erasure.test.ts',
  'test/outgoing.test.ts',
  'test/reach.test.ts',
  'test/backup.test.ts',
  'test/stats.test.ts',
  'test/clocks.test.ts',
  'test/mail-limits.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: unlisted files keep the base order among themselves.
    return base.sort((a, b) => rank(a) - rank(b));
  }
}
