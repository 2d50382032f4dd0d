import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Timeouts guard against hangs, they measure nothing: on two shared cores with the browser
    // scenarios running beside them, CLI tests that spawn several processes need more than 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Three files at once on two cores: many files wait on a browser, PostgreSQL or a child process
    // for much of their time, so a third keeps the cores busy (with two, CI ran 21.5 min of its
    // 20). The browser tests' step timeout is 120 s for the busier machine (test/web/support.ts).
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/pg-global.ts', './test/web/global-setup.ts'],
  },
});
