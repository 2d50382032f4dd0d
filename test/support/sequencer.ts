import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files first. CI runs on a clean clone, where vitest knows no durations and
 * starts the largest files first; a long file that happens to be short in lines then starts last
 * and runs alone at the end while the other worker idles. Longest-first keeps both workers busy to
 * the end. The list is by measured time (the summary reporter prints the slowest files after each
 * run; this order is session 12's clean-clone run); files not listed follow in vitest's own order.
 */
const LONGEST_FIRST = [
  'test/web/every-screen.test.ts',
  'test/fuzz.test.ts',
  'test/web/handlers-day.test.ts',
  'test/startup.test.ts',
  'test/crash.test.ts',
  'test/audit-chain.test.ts',
  'test/accounts.test.ts',
  'test/web/admin.test.ts',
  'test/backup.test.ts',
  'test/web/inbox-bulk.test.ts',
  'test/web/account.test.ts',
  'test/audit-anchor-serve.test.ts',
  'test/reach-property.test.ts',
  'test/web/recusal.test.ts',
  'test/web/customer-complaint.test.ts',
  'test/web/anonymous-report.test.ts',
  'test/attachments.test.ts',
  'test/web/stats.test.ts',
  'test/stats.test.ts',
  'test/web/calendar.test.ts',
  'test/web/directory-ldif.test.ts',
  'test/stats-rollup.property.test.ts',
  'test/import.test.ts',
  'test/web/work-queue.test.ts',
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
