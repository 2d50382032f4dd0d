import type { TSubmitter } from './submission.ts';

/** 张三 → 张*, 欧阳娜娜 → 欧***; Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * 13812345678 → 138****5678 (a mobile number keeps 7 of 11 digits, as is customary); shorter
 * numbers, such as a 7- or 8-digit landline, keep only their last 2 digits.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

/** Keeps the first 4 and last 4 characters of an ID number. */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Keeps the first 6 characters (city and district) of an address. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? '****' : `${chars.slice(0, 6).join('')}****`;
}

/** The submitter as staff without `identity:view` see them (CON-1). */
export function maskSubmitter(s: TSubmitter): TSubmitter {
  return {
    name: maskName(s.name),
    ...(s.phone ? { phone: maskPhone(s.phone) } : {}),
    ...(s.email ? { email: maskEmail(s.email) } : {}),
    ...(s.idNumber ? { idNumber: maskIdNumber(s.idNumber) } : {}),
    ...(s.address ? { address: maskAddress(s.address) } : {}),
  };
}
