import { submitCase } from '../../src/app/submit.ts';
import { findCaseByTrackingNo } from '../../src/store/cases.repository.ts';
import { complaint, type Harness } from './harness.ts';

/** A web complaint to `unit` with no category (what triage is asked about); returns its id. */
export async function fileCase(
  h: Harness,
  unit: string,
  subject: string,
  description: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const made = await submitCase(
    h.ctx,
    complaint({ channel: 'web', orgUnit: unit, subject, description, category: undefined, ...extra }) as never,
    { kind: 'system', name: 'test' },
  );
  const row = await findCaseByTrackingNo(h.ctx.store.db, made.trackingNo);
  if (!row) throw new Error(`filed ${made.trackingNo}, but it is not in the store`);
  return row.id;
}

/** Ends a case in `category` as the store holds a closed one: the label triage learns. */
export async function closeInStore(h: Harness, id: string, category: string, at: Date): Promise<void> {
  await h.ctx.store.db
    .updateTable('cases')
    .set({ status: 'closed', category, closed_at: at.toISOString() })
    .where('id', '=', id)
    .execute();
}
