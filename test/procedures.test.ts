import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openApp } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { BACKENDS } from './support/backends.ts';
import { checkContract } from '../src/http/contract-check.ts';
import { complaint } from './support/harness.ts';

const builtIn = parse(
  readFileSync(new URL('../src/procedures/customer-complaint.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** A copy of customer-complaint as an organisation's own procedure, changed by `edit`. */
function writeVariant(dir: string, edit: (p: Record<string, unknown>) => void): void {
  const copy = structuredClone(builtIn);
  copy.id = 'store-complaint';
  edit(copy);
  writeFileSync(join(dir, 'store-complaint.yaml'), stringify(copy));
}

/** Procedures are versioned data: a case keeps the version it was opened under (SPEC §1 Procedure). */
describe.each(BACKENDS)('procedure versions on $name', (backend) => {
  const dirs: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('opens new cases under the newest version while old cases keep theirs; an edit without a new number is refused', async () => {
    const { config, cleanup } = await backend.config();
    cleanups.push(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'plaint-procedures-'));
    dirs.push(dir);
    writeVariant(dir, (p) => {
      p.version = 1;
    });
    const v1 = await openApp({ ...config, procedureDirs: [dir] });
    const http1 = await buildServer(v1);
    // Issue 26: both servers' answers are checked against the OpenAPI document, as the harness's are.
    const contract1 = checkContract(http1);
    const first = await http1.inject({
      method: 'POST',
      url: '/api/v1/public/cases',
      payload: complaint({ procedure: 'store-complaint' }),
    });
    expect(first.statusCode).toBe(201);
    expect(contract1.take(), 'API contract broken').toEqual([]);
    await http1.close();
    await v1.close();

    // Version 2 renames a state label; the file of version 1 is gone, its definition is not.
    writeVariant(dir, (p) => {
      p.version = 2;
      (p.states as { id: string; label: Record<string, string> }[])[0].label = { 'zh-CN': '已收到', en: 'Received' };
    });
    const v2 = await openApp({ ...config, procedureDirs: [dir] });
    const http2 = await buildServer(v2);
    const contract2 = checkContract(http2);
    const second = await http2.inject({
      method: 'POST',
      url: '/api/v1/public/cases',
      payload: complaint({ procedure: 'store-complaint' }),
    });
    const view = async (res: typeof first) =>
      (
        await http2.inject({
          method: 'GET',
          url: `/api/v1/public/cases/${res.json().trackingNo}`,
          headers: { 'x-receipt': res.json().receipt },
        })
      ).json();
    expect((await view(first)).statusLabel['zh-CN']).toBe('已登记');
    expect((await view(second)).statusLabel['zh-CN']).toBe('已收到');
    const versions = await v2.store.db
      .selectFrom('cases')
      .select(['tracking_no', 'procedure_version'])
      .where('procedure_id', '=', 'store-complaint')
      .execute();
    expect(versions.map((v) => Number(v.procedure_version)).sort()).toEqual([1, 2]);
    expect(contract2.take(), 'API contract broken').toEqual([]);
    await http2.close();
    await v2.close();

    writeVariant(dir, (p) => {
      p.version = 2;
      p.name = { 'zh-CN': '悄悄改过', en: 'Quietly edited' };
    });
    await expect(openApp({ ...config, procedureDirs: [dir] })).rejects.toThrow(
      /store-complaint version 2 differs .* new version number/,
    );
  });

  it('refuses to start with a bad procedure file, naming the file, the path and the problem', async () => {
    const { config, cleanup } = await backend.config();
    cleanups.push(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'plaint-procedures-'));
    dirs.push(dir);
    writeVariant(dir, (p) => {
      (p.actions as { to?: string }[])[1].to = 'nowhere';
    });
    await expect(openApp({ ...config, procedureDirs: [dir] })).rejects.toThrow(
      /store-complaint\.yaml: actions\[1\]\(accept\)\.to: unknown state "nowhere"/,
    );
  });
});
