import { afterAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../src/app/auth.ts';
import { openApp } from '../src/app/context.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS } from './support/backends.ts';
import { cliEnv, runCli } from './support/cli.ts';
import { complaint } from './support/harness.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

/** How often the server under test anchors: short, so that a few periods pass within the test. */
const ANCHOR_MS = 300;

type Head = [chain: string, seq: number, hash: string];
type Anchor = { seq: number; at: string; payload: { heads: Head[]; sealed: Head[] } };
type Written = { chain: string; chainSeq: number; hash: string };

/**
 * Issue 22: `plaint serve` anchors the audit chains — every PLAINT_AUDIT_ANCHOR_MS it commits each
 * open chain's head to the anchor chain, and at shutdown (SIGTERM) it seals its own chains with
 * their final heads. Run against a real server process; what was anchored is read back through
 * the audit API, as an auditor holding the company unit's auditor role reads it, and verified by
 * the API and by `plaint verify-audit`.
 */
describe.each(BACKENDS)('plaint serve anchors the audit chains on $name', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('every period, and at SIGTERM with its own chains sealed', async () => {
    const { config, cleanup } = await backend.config();
    cleanups.push(cleanup);
    const env = cliEnv(config, { PLAINT_ADMIN_PASSWORD: 'anchor-admin-password', PLAINT_LOG: 'off' });
    // The company at the top, a department below; the auditor's grant is held at the company unit.
    // Set up in process before the server starts (each `plaint` process costs seconds of start-up;
    // the CLI's own tests cover those commands).
    const setup = await openApp(config);
    let token: string;
    try {
      const company = await addOrgUnit(setup, { name: '某某物业公司' }, 'system:test');
      await addOrgUnit(setup, { name: '客服部', parent: company.id }, 'system:test');
      await addUser(
        setup,
        {
          username: 'auditor1',
          password: 'auditor1-password-long',
          roles: [{ role: 'auditor', unitId: company.id }],
          isAdmin: false,
          displayName: '审计员',
        },
        'system:test',
      );
      ({ token } = await createToken(setup, 'auditor1', 'anchor-test', 'system:test'));
    } finally {
      await setup.close();
    }

    const start = (anchorMs: number) => startServerProcess({ ...env, PLAINT_AUDIT_ANCHOR_MS: String(anchorMs) });
    const api = async (server: ServerProcess, path: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    /** Files a complaint; the audit record of its submission, as the audit API shows it. */
    const submit = async (server: ServerProcess): Promise<Written> => {
      const filed = await api(server, '/api/v1/public/cases', {
        method: 'POST',
        body: JSON.stringify(complaint({ description: '电梯三天没人修，物业不接电话' })),
      });
      expect(filed.status).toBe(201);
      // The public answer names the case by its tracking number; its audit record carries it too.
      const { items } = (await api(server, '/api/v1/audit?limit=50')).body as {
        items: (Written & { payload: { trackingNo?: string } })[];
      };
      const record = items.find((r) => r.payload.trackingNo === filed.body.trackingNo);
      expect(record).toBeDefined();
      return record!;
    };
    const anchors = async (server: ServerProcess): Promise<Anchor[]> => {
      const page = await api(server, '/api/v1/audit?action=audit.anchor&limit=200');
      expect(page.status).toBe(200);
      return (page.body as { items: Anchor[] }).items;
    };
    const covers = (heads: Head[], r: Written) => heads.some(([chain, seq]) => chain === r.chain && seq >= r.chainSeq);
    /** Waits (a few periods at most) for an anchor that committed the record's chain up to it. */
    const anchoredPast = async (server: ServerProcess, r: Written): Promise<Anchor> => {
      const deadline = Date.now() + 30 * ANCHOR_MS + 15_000;
      for (;;) {
        const found = (await anchors(server)).find((a) => covers(a.payload.heads, r));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no anchor covers ${r.chain}#${r.chainSeq}`);
        await new Promise((resolve) => setTimeout(resolve, ANCHOR_MS / 2));
      }
    };

    const server = await start(ANCHOR_MS);
    cleanups.push(() => server.stop());
    const first = await submit(server);
    const firstAnchor = await anchoredPast(server, first);
    // The next period anchors what was written after the last anchor: the serve keeps anchoring.
    const second = await submit(server);
    const secondAnchor = await anchoredPast(server, second);
    expect(secondAnchor.seq).toBeGreaterThan(firstAnchor.seq);
    expect(covers(firstAnchor.payload.heads, second)).toBe(false);
    expect((await api(server, '/api/v1/audit/verify')).body).toMatchObject({ ok: true });

    // SIGTERM right after a write: the shutdown anchor seals this instance's chains at their final heads.
    const last = await submit(server);
    await server.stop();
    const stoppedAt = new Date().toISOString();
    const verified = await runCli(['verify-audit'], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    // Read back through a second server that anchors nothing of its own while the test reads.
    const reader = await start(0);
    cleanups.push(() => reader.stop());
    const closing = (await anchors(reader)).find((a) => a.payload.sealed.some(([chain]) => chain === last.chain));
    expect(closing, 'an anchor sealing the stopped instance’s chain').toBeDefined();
    expect(closing!.at <= stoppedAt).toBe(true);
    expect(closing!.payload.sealed).toContainEqual([last.chain, last.chainSeq, last.hash]);
    // Every chain the stopped instance wrote to was sealed by that same shutdown anchor.
    const sealedThen = closing!.payload.sealed.map(([chain]) => chain);
    for (const r of [first, second]) expect(sealedThen).toContain(r.chain);
    expect((await api(reader, '/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  });
});
