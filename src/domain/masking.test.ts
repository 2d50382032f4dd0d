import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone, maskSubmitter } from './masking.ts';
import { ZSubmitter } from './submission.ts';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('masked identities for staff without identity:view (CON-1)', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    ['John Smith', 'J*********'],
    ['𠀀明', '𠀀*'], // a character outside the BMP counts as one
  ])('maskName(%j) is %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '861******5678'],
    ['021-61234567', '021****4567'],
    ['12345', '***45'],
    ['6123456', '*****56'],
    ['1234', '****'],
  ])('maskPhone(%j) is %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['Li@qq.com', 'L***@qq.com'],
  ])('maskEmail(%j) is %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['110101199003071234', '1101**********1234'],
    ['11010119900307123X', '1101**********123X'],
    ['A1234567', '********'],
    ['E12345678', 'E123*5678'],
  ])('maskIdNumber(%j) is %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each([
    ['上海市黄浦区南京东路 1 号', '上海市黄浦区****'],
    ['上海市黄浦区', '****'],
    ['北京', '****'],
  ])('maskAddress(%j) is %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('maskSubmitter masks every field given', () => {
    expect(
      maskSubmitter({
        name: '张三',
        phone: '13812345678',
        email: 'zhang.san@example.com',
        idNumber: '110101199003071234',
        address: '上海市黄浦区南京东路 1 号',
      }),
    ).toEqual({
      name: '张*',
      phone: '138****5678',
      email: 'z***@example.com',
      idNumber: '1101**********1234',
      address: '上海市黄浦区****',
    });
  });

  it('maskSubmitter omits absent fields rather than showing them empty', () => {
    const masked = maskSubmitter({ name: '欧阳娜娜', email: 'nana@example.com' });
    expect(masked).toEqual({ name: '欧***', email: 'n***@example.com' });
    expect(Object.keys(masked).sort()).toEqual(['email', 'name']);
  });
});

describe('properties of maskPhone', () => {
  it('a shorter number (a 7- or 8-digit landline) keeps only its last 2 digits', () => {
    fc.assert(
      fc.property(digits(5, 10), (phone) => {
        expect(maskPhone(phone)).toBe('*'.repeat(phone.length - 2) + phone.slice(-2));
      }),
    );
  });

  it('a masked mobile-length number never contains the middle digits: only the first 3 and last 4 digits remain', () => {
    fc.assert(
      fc.property(digits(11, 20), (phone) => {
        const masked = maskPhone(phone);
        expect(masked.replace(/\D/g, '')).toBe(phone.slice(0, 3) + phone.slice(-4));
        expect(masked.slice(3, -4)).toBe('*'.repeat(phone.length - 7));
      }),
    );
  });

  it('phones that differ only in their middle digits mask the same', () => {
    fc.assert(
      fc.property(digits(3, 3), digits(1, 13), digits(1, 13), digits(4, 4), (head, m1, m2, tail) => {
        fc.pre(m1.length === m2.length);
        expect(maskPhone(head + m1 + tail)).toBe(maskPhone(head + m2 + tail));
      }),
    );
  });

  it('separators do not change the mask', () => {
    fc.assert(
      fc.property(digits(5, 15), (phone) => {
        const spaced = phone.replace(/(\d{3})/g, '$1-');
        expect(maskPhone(spaced)).toBe(maskPhone(phone));
      }),
    );
  });

  it('a phone number the intake accepts is never shown in full (CON-1)', () => {
    // ZSubmitter takes 5–20 characters of digits and separators; a 7-digit local number is among them.
    fc.assert(
      fc.property(digits(5, 20), (phone) => {
        expect(ZSubmitter.shape.phone.safeParse(phone).success).toBe(true);
        expect(maskPhone(phone)).toMatch(/\*/);
      }),
      { examples: [['6123456']] },
    );
  });
});
