import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Timeouts guard against hangs, they measure nothing: on two shared cores with the browser
    // scenarios running beside them, CLI tests that spawn several processes need more than 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores here, yet a CI run kept them only ~55 % busy (22 CPU-minutes in 20): the browser
    // files and the ones that start servers wait on other processes. A third file fills the gaps.
    maxWorkers: 3,
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/pg-global.ts', './test/web/global-setup.ts'],
  },
});
