import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { insertOutbox } from '../src/store/outbox.repository.ts';
import { BACKENDS, openTestApp } from './support/backends.ts';

/**
 * The hot-insert helper shares one compiled statement per table and row count. Two callers that
 * write a row's keys in different orders must still land each value in its own column (a monthly
 * report's notice once put its template into `recipient`, issue 8).
 */
describe.each(BACKENDS)('compiled inserts on $name', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ ctx, cleanup } = await openTestApp(backend)));
  afterAll(async () => cleanup?.());

  it('puts each value in its column whatever the order of the keys', async () => {
    const at = '2026-11-30T00:00:00.000Z';
    await insertOutbox(ctx.store.db, [
      {
        case_id: null,
        recipient: 'email:a@x.test',
        template: 't1',
        event: 'e1',
        payload: '{}',
        idempotency_key: 'k1',
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
        sent_at: null,
        last_error: null,
      },
    ]);
    await insertOutbox(ctx.store.db, [
      {
        idempotency_key: 'k2',
        last_error: null,
        sent_at: null,
        created_at: at,
        next_attempt_at: at,
        attempts: 0,
        status: 'pending',
        payload: '{}',
        event: 'e2',
        template: 't2',
        recipient: 'email:b@x.test',
        case_id: null,
      },
    ]);
    const rows = await ctx.store.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'recipient', 'template', 'event'])
      .orderBy('idempotency_key')
      .execute();
    expect(rows).toEqual([
      { idempotency_key: 'k1', recipient: 'email:a@x.test', template: 't1', event: 'e1' },
      { idempotency_key: 'k2', recipient: 'email:b@x.test', template: 't2', event: 'e2' },
    ]);
  });
});
