import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../support/cli.ts';
import { startServerProcess } from '../support/server-process.ts';

export const ADMIN_PASSWORD = 'admin-web-test-1';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

declare module 'vitest' {
  export interface ProvidedContext {
    web: { base: string; wsEndpoint: string; dataDir: string; violationsFile: string } | null;
  }
}

/**
 * One `plaint serve` on a fresh SQLite data dir and one Chromium for all the browser scenarios of
 * a run (issue 6): starting them per file cost ~20 s each on two shared cores. Each scenario uses
 * its own users and cases and its own browser contexts. Runs only when test/web is part of the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');
  if (filters.length > 0 && !filters.some((f) => f.includes('test/web'))) {
    project.provide('web', null);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-web-'));
  // The server checks every answer against its OpenAPI document (issue 26); what it reports is
  // kept here, and each file's `close()` (support.ts) fails on what was reported while it ran.
  const violationsFile = join(dataDir, 'contract-violations.log');
  writeFileSync(violationsFile, '');
  const server = await startServerProcess(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: dataDir,
      PLAINT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PLAINT_PROCEDURES_DIR: join(ROOT, 'test/fixtures/web-procedures'),
      PLAINT_LOG: 'off',
      // The browser suites sign in as admin with a password; enrolment is tested in account.test.ts.
      PLAINT_2FA_REQUIRED: 'none',
    },
    { violationsFile },
  );
  const browser = await chromium.launchServer({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  project.provide('web', {
    base: `http://127.0.0.1:${server.port}`,
    wsEndpoint: browser.wsEndpoint(),
    dataDir,
    violationsFile,
  });
  return async () => {
    await browser.close();
    try {
      // Fails the run on any violation, also one reported after the last file's check. Vitest only
      // logs an error thrown here: the exit code says it too.
      await server.stop();
    } catch (err) {
      process.exitCode = 1;
      throw err;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
