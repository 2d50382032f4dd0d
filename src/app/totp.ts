import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { DomainError } from '../domain/errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findUserById, type UserRow } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { decrypt, encrypt, secretHash } from './secrets.ts';
import { msg } from '../domain/messages.ts';

/** RFC 6238 with the parameters every authenticator app uses: HMAC-SHA1, 6 digits, 30 s steps. */
export const TOTP_STEP_SECONDS = 30;
const DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of one counter value. */
export function hotp(secret: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return String(code).padStart(DIGITS, '0');
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code of a base32 secret at a time (tests and the CLI use it as an authenticator would). */
export function totpCode(base32Secret: string, at: Date): string {
  return hotp(base32Decode(base32Secret), totpStep(at));
}

/** The step a code belongs to within ±1 step of now (clock drift), newer than `after`; or null. */
export function matchTotp(base32Secret: string, code: string, at: Date, after: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(base32Secret);
  const now = totpStep(at);
  for (const step of [now, now - 1, now + 1]) {
    if (after !== null && step <= after) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}

const RECOVERY_COUNT = 10;

function recoveryHash(ctx: AppContext, code: string): string {
  return secretHash(ctx.secrets, 'recovery-code', code.toLowerCase().replace(/[^a-z2-7]/g, ''));
}

/**
 * Starts enrolment: a new secret, kept (encrypted) as pending until a code confirms it. The secret,
 * its otpauth:// URL and a QR code of it are shown once, here.
 */
export async function startTotpEnrolment(ctx: AppContext, userId: string) {
  const user = await findUserById(ctx.store.db, userId);
  if (!user) throw new DomainError('NOT_FOUND', msg('common.noSuchUser'));
  const secret = base32Encode(ctx.random(20));
  await ctx.store.db
    .updateTable('users')
    .set({ totp_pending_secret: encrypt(ctx.secrets, secret) })
    .where('id', '=', userId)
    .execute();
  const otpauthUrl = `otpauth://totp/${encodeURIComponent(`Plaint:${user.username}`)}?secret=${secret}&issuer=Plaint&algorithm=SHA1&digits=6&period=30`;
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl, qrSvg };
}

/** Confirms enrolment with a first code; returns the recovery codes, shown only this once. */
export async function confirmTotpEnrolment(ctx: AppContext, userId: string, code: string): Promise<string[]> {
  const user = await findUserById(ctx.store.db, userId);
  if (!user?.totp_pending_secret) throw new DomainError('CONFLICT', msg('totp.startEnrolmentFirst'));
  const secret = decrypt(ctx.secrets, user.totp_pending_secret);
  const step = matchTotp(secret, code, ctx.now(), null);
  if (step === null) throw new DomainError('VALIDATION_FAILED', msg('totp.wrongCode'), { field: 'code' });
  const codes = Array.from({ length: RECOVERY_COUNT }, () => {
    const raw = base32Encode(ctx.random(8)).slice(0, 12).toLowerCase();
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  });
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
      })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codes.map((c) => ({ code_hash: recoveryHash(ctx, c), user_id: userId, created_at: now, used_at: null })))
      .execute();
    await appendAudit(trx, {
      at: now,
      actor: `user:${userId}`,
      action: 'user.totp.enable',
      entityType: 'user',
      entityId: userId,
      payload: {},
    });
  });
  return codes;
}

/** Removes a user's second factor (their own, with the password checked by the caller, or an admin's reset). */
export async function removeTotp(ctx: AppContext, userId: string, by: string): Promise<void> {
  const now = ctx.now().toISOString();
  await ctx.store.transact(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await appendAudit(trx, {
      at: now,
      actor: by,
      action: 'user.totp.remove',
      entityType: 'user',
      entityId: userId,
      payload: {},
    });
  });
}

/**
 * Checks a second-factor code at sign-in: a TOTP code (each step good once) or an unused recovery
 * code (then spent). True when it holds.
 */
export async function verifySecondFactor(ctx: AppContext, user: UserRow, code: string): Promise<boolean> {
  if (!user.totp_secret) return true;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const last = user.totp_last_step === null ? null : Number(user.totp_last_step);
    const step = matchTotp(decrypt(ctx.secrets, user.totp_secret), trimmed, ctx.now(), last);
    if (step === null) return false;
    // Compare-and-set: of two sign-ins with the same code, one wins.
    const res = await ctx.store.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
  const res = await ctx.store.db
    .updateTable('recovery_codes')
    .set({ used_at: ctx.now().toISOString() })
    .where('code_hash', '=', recoveryHash(ctx, trimmed))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(ctx: AppContext, userId: string): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
