import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/app/context.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The CLI as `npx plaint` runs it: one node process that registers tsx itself. The tsx binary
 * would start a second node process around it, about 0.5 s of CPU more per command.
 */
export const PLAINT = [`${ROOT}bin/plaint.js`];

/** The environment that points the CLI at a test's database. */
export function cliEnv(config: Config, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PLAINT_DATA_DIR: config.dataDir,
    // As in backends.ts: suites sign in as admin with a password alone (issue 28's default is tested apart).
    PLAINT_2FA_REQUIRED: 'none',
    ...extra,
  };
  if (config.databaseUrl) env.DATABASE_URL = config.databaseUrl;
  if (config.pgSchema) env.PLAINT_PG_SCHEMA = config.pgSchema;
  return env;
}

/** Runs `plaint <args>` as a user would and collects what it prints. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PLAINT, ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
