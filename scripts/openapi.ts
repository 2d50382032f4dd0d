/**
 * Writes docs/openapi.json from the server's own document (issue 26): a server on a throwaway
 * SQLite database, nothing listening. test/openapi-contract.test.ts fails when the file is stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { openapiText } from '../src/http/openapi.ts';
import { buildServer } from '../src/http/server.ts';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plaint-openapi-'));
  try {
    const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl: undefined, pgSchema: undefined });
    const app = await buildServer(ctx);
    await app.ready();
    const target = join(import.meta.dirname, '..', 'docs', 'openapi.json');
    writeFileSync(target, openapiText(app));
    await app.close();
    await ctx.close();
    console.log(`wrote ${target}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
