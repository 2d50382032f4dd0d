import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { createToken } from '../src/app/auth.ts';
import { BACKENDS, PG_URL, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const PHONE = '13912345678';
const EMAIL = 'li.si@example.com';
const ID_NUMBER = '110101199003071234';

/** Issue 4 on both databases: identity protection, contact with the submitter, recusal, tokens, throttles, audit. */
describe.each(BACKENDS)('access on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  const units: Record<string, string> = {};
  const u: Record<string, { id: string; token: string }> = {};

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const sales = await addOrgUnit(h.ctx, { name: '销售部', parent: company.id }, 'system:test');
    const store1 = await addOrgUnit(h.ctx, { name: '人民路门店', parent: sales.id }, 'system:test');
    Object.assign(units, { company: company.id, sales: sales.id, store1: store1.id });
    const add = async (name: string, role: string, unit: string | null) => {
      const { addUser } = await import('../src/app/auth.ts');
      const row = await addUser(
        h.ctx,
        {
          username: name,
          displayName: `名字${name}`,
          password: 'correct horse battery',
          roles: [{ role, unitId: unit }],
          isAdmin: false,
        },
        'system:test',
      );
      u[name] = { id: row.id, token: (await createToken(h.ctx, name, 't', 'system:test')).token };
    };
    await add('cs', 'customer-service', units.company);
    await add('handler', 'department-handler', units.company);
    await add('manager', 'customer-service-manager', units.company);
    await add('store-clerk', 'customer-service', units.store1);
    await add('auditor', 'auditor', null);
  });
  afterAll(async () => h?.close());

  const named = (overrides: Record<string, unknown> = {}) =>
    complaint({ submitter: { name: '李四', phone: PHONE, email: EMAIL, idNumber: ID_NUMBER }, ...overrides });
  async function staffCase(overrides: Record<string, unknown> = {}, who = 'cs') {
    const res = await h.call('POST', '/api/v1/cases', {
      token: u[who].token,
      body: named({ channel: 'phone', orgUnit: units.store1, ...overrides }),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNo: string; receipt: string };
  }

  describe('identity protection (CON-1, CON-4)', () => {
    it('shows the identity masked, and unmasked only with identity:view and a reason, each time audited', async () => {
      const { id } = await staffCase();
      const masked = (await h.call('GET', `/api/v1/cases/${id}`, { token: u.cs.token })).json();
      expect(masked.submitter).toEqual({
        name: '李*',
        phone: '139****5678',
        email: 'l***@example.com',
        idNumber: '1101**********1234',
      });
      expect((await h.call('POST', `/api/v1/cases/${id}/identity`, { token: u.cs.token, body: {} })).statusCode).toBe(
        400,
      );
      const shown = await h.call('POST', `/api/v1/cases/${id}/identity`, {
        token: u.cs.token,
        body: { reason: '需电话联系顾客核实' },
      });
      expect(shown.statusCode).toBe(200);
      expect(shown.json().submitter).toEqual({ name: '李四', phone: PHONE, email: EMAIL, idNumber: ID_NUMBER });
      expect(
        (await h.call('POST', `/api/v1/cases/${id}/identity`, { token: u.handler.token, body: { reason: '想看看' } }))
          .statusCode,
      ).toBe(403);
      const audit = await h.ctx.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'identity.view')
        .where('entity_id', '=', id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].actor).toBe(`user:${u.cs.id}`);
      expect(JSON.parse(audit[0].payload)).toMatchObject({ reason: '需电话联系顾客核实' });
      expect(audit[0].payload).not.toContain(PHONE);
    });

    it('finds the same submitter’s other cases by a keyed hash of the phone, however it was written (INT-6)', async () => {
      const first = await staffCase({ submitter: { name: '李四', phone: '139-1234-5678' } });
      const second = await staffCase({ submitter: { name: '李四', phone: '+86 139 1234 5678' } });
      const other = await staffCase({ submitter: { name: '王五', phone: '13700000000' } });
      const res = (await h.call('GET', `/api/v1/cases/${second.id}/same-submitter`, { token: u.cs.token })).json();
      const ids = res.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(first.id);
      expect(ids).not.toContain(other.id);
    });

    it('keeps no phone, e-mail or ID number in clear in the database', async () => {
      await staffCase();
      if (backend.name === 'sqlite') {
        const dir = h.ctx.config.dataDir;
        await h.ctx.store.db.selectFrom('cases').select('id').execute();
        const bytes = readdirSync(dir)
          .filter((f) => f.startsWith('plaint.sqlite'))
          .map((f) => readFileSync(join(dir, f)).toString('latin1'))
          .join('');
        const utf8 = readdirSync(dir)
          .filter((f) => f.startsWith('plaint.sqlite'))
          .map((f) => readFileSync(join(dir, f)).toString('utf8'))
          .join('');
        expect(bytes.length).toBeGreaterThan(0);
        for (const secret of [PHONE, EMAIL, ID_NUMBER])
          expect(bytes.includes(secret) || utf8.includes(secret)).toBe(false);
        expect(utf8.includes('李四')).toBe(false);
      } else {
        const dump = execFileSync('pg_dump', ['--data-only', '--schema', h.ctx.config.pgSchema!, PG_URL], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(dump).toContain('COPY');
        for (const secret of [PHONE, EMAIL, ID_NUMBER, '李四']) expect(dump).not.toContain(secret);
      }
    });
  });

  describe('anonymous two-way contact (INT-2)', () => {
    it('lets the submitter write and add material with the receipt, and read the handler’s answer', async () => {
      const res = await h.call('POST', '/api/v1/public/cases', {
        body: complaint({ anonymous: true, submitter: undefined, orgUnit: units.store1 }),
      });
      const { trackingNo, receipt } = res.json();
      const id = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: u.cs.token })).json().items[0].id;
      const sent = await h.call('POST', `/api/v1/public/cases/${trackingNo}/messages`, {
        headers: { 'x-receipt': receipt },
        body: { text: '补充：冰箱购买发票已拍照', kind: 'material' },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(
        (
          await h.call('POST', `/api/v1/cases/${id}/messages`, {
            token: u.cs.token,
            body: { text: '已收到，请保留发票原件' },
          })
        ).statusCode,
      ).toBe(201);
      const view = (
        await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
      ).json();
      expect(
        view.timeline.map((e: { action: string; by: string; details: { text?: string } }) => [
          e.action,
          e.by,
          e.details.text,
        ]),
      ).toEqual([
        ['submit', 'submitter', undefined], // #18: the citizen's own submission is theirs
        ['submitter-material', 'submitter', '补充：冰箱购买发票已拍照'],
        ['staff-message', 'staff', '已收到，请保留发票原件'],
      ]);
      expect(JSON.stringify(view)).not.toContain('名字cs');
      const outbox = await h.ctx.store.db.selectFrom('outbox').select('recipient').where('case_id', '=', id).execute();
      expect(outbox.map((o) => o.recipient)).not.toContain('submitter'); // nobody to write to
    });

    it('refuses receipts after 10 wrong tries in 15 minutes from one address, even the right one, with Retry-After', async () => {
      const { trackingNo, receipt } = (await h.call('POST', '/api/v1/public/cases', { body: complaint() })).json();
      for (let i = 0; i < 10; i++) {
        expect(
          (
            await h.call('GET', `/api/v1/public/cases/${trackingNo}`, {
              headers: { 'x-receipt': `WRNG-${i}AAA-AAAA-AAAA-AAAA` },
            })
          ).statusCode,
        ).toBe(404);
      }
      const blocked = await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      clock.advance(16 * 60_000);
      expect(
        (await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })).statusCode,
      ).toBe(200);
    });

    it('throttles password guessing per account', async () => {
      for (let i = 0; i < 10; i++) {
        expect(
          (await h.call('POST', '/api/v1/auth/login', { body: { username: 'manager', password: `guess-${i}-wrong` } }))
            .statusCode,
        ).toBe(401);
      }
      const blocked = await h.call('POST', '/api/v1/auth/login', {
        body: { username: 'manager', password: 'correct horse battery' },
      });
      expect(blocked.statusCode).toBe(429);
      clock.advance(16 * 60_000);
      expect(
        (
          await h.call('POST', '/api/v1/auth/login', {
            body: { username: 'manager', password: 'correct horse battery' },
          })
        ).statusCode,
      ).toBe(200);
    });
  });

  describe('recusal (RTE-3) and retaliation (CON-3)', () => {
    it('a staff member named as respondent can neither see, find nor act on the case; the timeline does not name them', async () => {
      const { id } = await staffCase({ respondents: [{ name: '门店店员甲', type: 'person' }] });
      expect((await h.call('GET', `/api/v1/cases/${id}`, { token: u['store-clerk'].token })).statusCode).toBe(200);
      const linked = await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
        token: u.cs.token,
        body: { user: 'store-clerk' },
      });
      expect(linked.statusCode, linked.body).toBe(200);
      expect((await h.call('GET', `/api/v1/cases/${id}`, { token: u['store-clerk'].token })).statusCode).toBe(404);
      const list = (await h.call('GET', '/api/v1/cases?limit=200', { token: u['store-clerk'].token }))
        .json()
        .items.map((i: { id: string }) => i.id);
      expect(list).not.toContain(id);
      expect(
        (
          await h.call('POST', `/api/v1/cases/${id}/actions/add-note`, {
            token: u['store-clerk'].token,
            body: { input: { note: 'x' }, expectedVersion: 2 },
          })
        ).statusCode,
      ).toBe(404);
      const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: u.cs.token })).json();
      const recusal = detail.timeline.find((e: { action: string }) => e.action === 'recusal');
      expect(JSON.stringify(recusal.input)).not.toContain(u['store-clerk'].id);
      expect(JSON.stringify(recusal.input)).not.toContain('store-clerk');
    });

    it('a department named as respondent is recused and its case goes to the unit above', async () => {
      const { id } = await staffCase({ respondents: [{ name: '人民路门店', type: 'department' }] });
      const res = await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
        token: u.cs.token,
        body: { orgUnit: units.store1 },
      });
      expect(res.statusCode, res.body).toBe(200);
      const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: u.cs.token })).json();
      // Issue 16: the department was matched by name at intake, so the case started one level up.
      expect(detail.orgUnitId).toBe(units.sales);
      expect((await h.call('GET', `/api/v1/cases/${id}`, { token: u['store-clerk'].token })).statusCode).toBe(404);
    });

    it('flagging retaliation opens a linked case kept from the original respondents, with its own receipt', async () => {
      const { id, trackingNo, receipt } = await staffCase({ respondents: [{ name: '门店店员甲', type: 'person' }] });
      await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
        token: u.cs.token,
        body: { user: 'store-clerk' },
      });
      const flagged = await h.call('POST', `/api/v1/public/cases/${trackingNo}/retaliation`, {
        headers: { 'x-receipt': receipt },
        body: { description: '投诉后店员多次打电话威胁我' },
      });
      expect(flagged.statusCode, flagged.body).toBe(201);
      const opened = flagged.json();
      expect(opened.trackingNo).not.toBe(trackingNo);
      expect(
        (await h.call('GET', `/api/v1/public/cases/${opened.trackingNo}`, { headers: { 'x-receipt': opened.receipt } }))
          .statusCode,
      ).toBe(200);
      const newId = (await h.call('GET', `/api/v1/cases?q=${opened.trackingNo}`, { token: u.cs.token })).json().items[0]
        .id;
      expect((await h.call('GET', `/api/v1/cases/${newId}`, { token: u['store-clerk'].token })).statusCode).toBe(404);
      const original = (
        await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
      ).json();
      expect(original.timeline.map((e: { action: string }) => e.action)).toContain('retaliation-flagged');
    });
  });

  describe('tokens and audit (AUD-1)', () => {
    it('a read-only token reads but cannot write; a revoked token is refused', async () => {
      const { token, id } = await createToken(h.ctx, 'cs', 'reporting', 'system:test', ['read']);
      expect((await h.call('GET', '/api/v1/cases', { token })).statusCode).toBe(200);
      const write = await h.call('POST', '/api/v1/cases', { token, body: named({ channel: 'phone' }) });
      expect(write.statusCode).toBe(403);
      expect((await h.call('DELETE', `/api/v1/auth/tokens/${id}`, { token: u.handler.token })).statusCode).toBe(404);
      expect((await h.call('DELETE', `/api/v1/auth/tokens/${id}`, { token: u.cs.token })).statusCode).toBe(204);
      expect((await h.call('GET', '/api/v1/cases', { token })).statusCode).toBe(401);
    });

    it('the auditor reads and verifies the record; nobody else does', async () => {
      expect((await h.call('GET', '/api/v1/audit', { token: u.cs.token })).statusCode).toBe(403);
      const page = await h.call('GET', '/api/v1/audit?action=identity.&limit=10', { token: u.auditor.token });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items.length).toBeGreaterThan(0);
      page.json().items.forEach((i: { action: string }) => expect(i.action).toBe('identity.view'));
      const verify = (await h.call('GET', '/api/v1/audit/verify', { token: u.auditor.token })).json();
      expect(verify.ok).toBe(true);
      expect((await h.call('GET', '/api/v1/cases', { token: u.auditor.token })).json().items).toEqual([]); // the auditor sees no case
    });
  });
});
