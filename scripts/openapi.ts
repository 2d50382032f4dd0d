/**
 * Writes docs/openapi.json from the server's own document (issue 26): a server on a throwaway
 * SQLite database, nothing listening; and the web app's types from it (scripts/web-types.ts).
 * test/openapi-contract.test.ts fails when either file is stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { openapiText } from '../src/http/openapi.ts';
import { buildServer } from '../src/http/server.ts';
import { WEB_TYPES_PATH, webTypesText } from './web-types.ts';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plaint-openapi-'));
  try {
    const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl: undefined, pgSchema: undefined });
    const app = await buildServer(ctx);
    await app.ready();
    const target = join(import.meta.dirname, '..', 'docs', 'openapi.json');
    const text = openapiText(app);
    writeFileSync(target, text);
    // Issue 15: the web app's API types, from the same document.
    const types = join(import.meta.dirname, '..', ...WEB_TYPES_PATH);
    writeFileSync(types, await webTypesText(text));
    console.log(`wrote ${types}`);
    await app.close();
    await ctx.close();
    console.log(`wrote ${target}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
