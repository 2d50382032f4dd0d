import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { runCli } from './support/cli.ts';
import { startServerProcess } from './support/server-process.ts';

const submission = {
  procedure: 'customer-complaint',
  kind: 'complaint',
  subject: '电梯故障',
  description: '3号楼电梯停运三天，无人处理。',
  anonymous: false,
  submitter: { name: '赵六', phone: '13700001234' },
  requestedOutcome: '尽快修好',
  affirmTruthful: true,
};

/**
 * `plaint backup` copies the SQLite database and its key while the server takes submissions, and
 * `plaint restore` brings the copy back: everything acknowledged before the backup began is in
 * it, the personal data decrypts with the copied key, and the audit chain verifies (issue 9).
 */
describe('plaint backup and restore on SQLite', () => {
  const dirs: string[] = [];
  const tempDir = async (name: string) => {
    const d = await mkdtemp(join(tmpdir(), `plaint-${name}-`));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('makes a consistent online copy under load and restores it', async () => {
    const dataDir = await tempDir('live');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAINT_DATA_DIR: dataDir,
      PLAINT_LOG: 'off',
      PLAINT_ADMIN_PASSWORD: 'correct horse battery',
      PLAINT_SWEEP_INTERVAL_MS: '0',
    };
    const server = await startServerProcess(env);
    const acknowledged: { trackingNo: string; at: number }[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/public/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(submission),
        });
        if (res.status === 201) acknowledged.push({ trackingNo: (await res.json()).trackingNo, at: Date.now() });
      }
    })();
    try {
      while (acknowledged.length < 50) await new Promise((r) => setTimeout(r, 20));
      const backupDir = join(await tempDir('backup'), 'copy');
      const started = Date.now();
      const made = await runCli(['backup', '--to', backupDir], { ...env });
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('plaint.sqlite');
      const before = acknowledged.filter((a) => a.at < started).map((a) => a.trackingNo);
      running = false;
      await load;
      await server.stop();

      // Into a fresh directory: the copy is complete and readable with its key.
      const restoredDir = await tempDir('restored');
      const restored = await runCli(['restore', '--from', backupDir], { ...env, PLAINT_DATA_DIR: restoredDir });
      expect(restored.code, restored.stderr).toBe(0);
      const ctx = await openApp({ ...configFromEnv({}), dataDir: restoredDir });
      try {
        const rows = await ctx.store.db.selectFrom('cases').select(['tracking_no']).execute();
        const present = new Set(rows.map((r) => r.tracking_no));
        expect(before.filter((t) => !present.has(t))).toEqual([]);
        expect((await verifyAudit(ctx)).ok).toBe(true);
      } finally {
        await ctx.close();
      }

      // Over an existing database only when asked, and never from a damaged copy.
      const refused = await runCli(['restore', '--from', backupDir], { ...env, PLAINT_DATA_DIR: restoredDir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('--force');
      expect(
        (await runCli(['restore', '--from', backupDir, '--force'], { ...env, PLAINT_DATA_DIR: restoredDir })).code,
      ).toBe(0);
      const key = join(backupDir, 'secret.key');
      await writeFile(key, `${(await readFile(key, 'utf8')).trim()}x`);
      const damaged = await runCli(['restore', '--from', backupDir, '--force'], {
        ...env,
        PLAINT_DATA_DIR: restoredDir,
      });
      expect(damaged.code).not.toBe(0);
      expect(damaged.stderr).toContain('damaged');
    } finally {
      running = false;
      await load.catch(() => {});
      await server.stop();
    }
  }, 180_000);

  it('points PostgreSQL users to pg_dump instead of copying files', async () => {
    const result = await runCli(['backup', '--to', '/tmp/none'], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump');
  }, 60_000);
});
