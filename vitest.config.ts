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
    // Each worker imports the application once, not once per file: isolation re-evaluated the same
    // module graph for each of ~120 files (304 s of import time summed over the run, against 33 s
    // without; session 13). The tests share no module state: each opens its own app and database,
    // and the one that sets an environment variable puts it back.
    isolate: false,
    // Two cores here: more parallel files only fight over them. With three, the handler's-day
    // browser file failed twice (sessions 7 and 8) — a step did not come while the machine was busy.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/pg-global.ts', './test/web/global-setup.ts'],
  },
});
