/**
 * Writes docs/openapi.json from the server's own document (issue 26): a server on a throwaway
 * SQLite database, nothing listening; and the web app's types from it (scripts/web-types.ts).
 * test/openapi-contract.test.ts fails when either file is stale; `--check` writes nothing and
 * fails then too — `npm test` runs it with the other static checks, before any test (issue 15).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { openapiText } from '../src/http/openapi.ts';
import { buildServer } from '../src/http/server.ts';
import { WEB_TYPES_PATH, webTypesText } from './web-types.ts';

const CHECK = process.argv.includes('--check');

/** Writes the file, or with --check says whether it is current. */
function put(path: string, text: string): boolean {
  if (!CHECK) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
    return true;
  }
  const current = readFileSync(path, 'utf8') === text;
  if (!current) console.error(`${path} is stale: run npm run openapi`);
  return current;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plaint-openapi-'));
  try {
    const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl: undefined, pgSchema: undefined });
    const app = await buildServer(ctx);
    await app.ready();
    const target = join(import.meta.dirname, '..', 'docs', 'openapi.json');
    const text = openapiText(app);
    // Issue 15: the web app's API types, from the same document.
    const types = join(import.meta.dirname, '..', ...WEB_TYPES_PATH);
    const current = [put(target, text), put(types, await webTypesText(text))].every(Boolean);
    await app.close();
    await ctx.close();
    if (!current) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
