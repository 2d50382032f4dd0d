import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { DEFAULT_KEEP, pruneOnce } from '../src/app/housekeeping.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Issue 25 "nothing grows without bound": rows that only served a request or a delivery are pruned
 * after their window, and nothing a person or the audit still needs goes with them. The org is set
 * up as real ones are: a company unit, 客服部 below it, the handler's grant held in 客服部.
 */
describe.each(BACKENDS)('housekeeping on $name (issue 25)', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  let serviceUnit: string;

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    serviceUnit = (await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    await h.staff('kefu', [{ role: 'customer-service', unitId: serviceUnit }] as never);
  });
  afterAll(async () => h?.close());

  const count = async (table: 'idempotency_keys' | 'sessions' | 'staff_notifications' | 'deliveries' | 'outbox') =>
    Number(
      (
        await h.ctx.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const submit = (key: string) =>
    h.call('POST', '/api/v1/public/cases', {
      headers: { 'idempotency-key': key },
      body: { ...complaint(), orgUnit: serviceUnit, submitter: undefined, anonymous: true },
    });

  it('keeps an idempotency key for its 24 hours (a retry gets the first answer), then prunes it', async () => {
    const first = await submit('retry-key-1');
    expect(first.statusCode, first.body).toBe(201);
    clock.advance(23 * HOUR);
    await pruneOnce(h.ctx);
    const retry = await submit('retry-key-1');
    expect(retry.json().trackingNo).toBe(first.json().trackingNo);
    expect(await count('idempotency_keys')).toBe(1);
    clock.advance(2 * HOUR);
    const pruned = await pruneOnce(h.ctx);
    expect(pruned.idempotencyKeys).toBe(1);
    expect(await count('idempotency_keys')).toBe(0);
  });

  it('prunes sent notices and read notifications after their windows; pending ones and unread ones stay', async () => {
    await dispatchOnce(h.ctx);
    const sent = await h.ctx.store.db.selectFrom('deliveries').select(['id', 'status', 'channel']).execute();
    expect(sent.some((d) => d.status === 'sent')).toBe(true);
    // The submitter is anonymous; the handler's notice of the new case went in-app.
    const unread = await count('staff_notifications');
    expect(unread).toBeGreaterThan(0);
    const oneNotice = await h.ctx.store.db.selectFrom('staff_notifications').select('id').executeTakeFirstOrThrow();
    await h.ctx.store.db
      .updateTable('staff_notifications')
      .set({ read_at: clock.now().toISOString() })
      .where('id', '=', oneNotice.id)
      .execute();

    clock.advance(DEFAULT_KEEP.deliveredDays * DAY - HOUR);
    let pruned = await pruneOnce(h.ctx);
    expect(pruned.deliveries).toBe(0);
    clock.advance(2 * HOUR);
    pruned = await pruneOnce(h.ctx);
    expect(pruned.deliveries).toBe(sent.filter((d) => d.status === 'sent').length);
    expect(await count('deliveries')).toBe(sent.filter((d) => d.status !== 'sent').length);
    expect(pruned.outbox).toBeGreaterThan(0);

    clock.advance(DEFAULT_KEEP.readNotificationDays * DAY);
    pruned = await pruneOnce(h.ctx);
    expect(pruned.notifications).toBe(1);
    expect(await count('staff_notifications')).toBe(unread - 1);
  });

  it('prunes expired sessions only, records each pass that removed rows in the audit chain', async () => {
    const login = await h.call('POST', '/api/v1/auth/login', {
      body: { username: 'kefu', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    expect(await count('sessions')).toBe(1);
    let pruned = await pruneOnce(h.ctx);
    expect(pruned.sessions).toBe(0);
    clock.advance(13 * HOUR); // past the 12-hour session lifetime
    pruned = await pruneOnce(h.ctx);
    expect(pruned.sessions).toBe(1);
    expect(await count('sessions')).toBe(0);

    const records = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['actor', 'payload'])
      .where('action', '=', 'housekeeping.prune')
      .execute();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.every((r) => r.actor === 'system:housekeeping')).toBe(true);
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
    // A pass with nothing to remove writes nothing.
    const before = records.length;
    await pruneOnce(h.ctx);
    expect(
      (await h.ctx.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'housekeeping.prune').execute())
        .length,
    ).toBe(before);
  });
});
