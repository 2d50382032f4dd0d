import { TRACKING_NO, normaliseReceipt } from '../domain/ids.ts';
import { findCaseByTrackingNo, type CaseRow } from '../store/cases.repository.ts';
import type { AppContext } from './context.ts';
import { notFound } from './perform.ts';
import { RECEIPT_PURPOSE } from './submit.ts';
import { sameHash, secretHash } from './secrets.ts';
import { assertNotThrottled, LIMITS, recordFailure } from './throttle.ts';

/**
 * The case a tracking number and receipt open. A wrong receipt and an unknown tracking number
 * give the same NOT_FOUND after the same work, so neither answer tells which one was wrong.
 */
export async function openWithReceipt(
  ctx: AppContext,
  trackingNo: string,
  receipt: string | undefined,
  client: string,
): Promise<CaseRow> {
  const normalised = trackingNo.trim().toUpperCase();
  // Issue 19: counted per (number, address) so guesses from elsewhere leave the owner's address alone.
  const limits = [
    { key: `receipt:${normalised}|${client}`, ...LIMITS.receiptPerCaseClient },
    { key: `receipt:${normalised}`, ...LIMITS.receiptPerCase },
    { key: `receipt-client:${client}`, ...LIMITS.receiptPerClient },
  ];
  await assertNotThrottled(ctx, limits);
  const row = TRACKING_NO.test(normalised) ? await findCaseByTrackingNo(ctx.store.db, normalised) : undefined;
  const given = secretHash(ctx.secrets, RECEIPT_PURPOSE, normaliseReceipt(receipt ?? ''));
  const expected = row?.receipt_hash ?? given.replace(/./g, '0');
  if (!sameHash(given, expected) || !row) {
    await recordFailure(ctx, limits);
    throw notFound();
  }
  return row;
}
