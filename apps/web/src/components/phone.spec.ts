import { describe, expect, it } from '@jest/globals';
import { isVietnamesePhone } from './phone';

describe('isVietnamesePhone', () => {
  it('accepts a mobile number as people write it, or in E.164', () => {
    expect(isVietnamesePhone('0912 345 678')).toBe(true);
    expect(isVietnamesePhone('+84912345678')).toBe(true);
  });

  it('refuses a landline, a short number and an empty field', () => {
    expect(isVietnamesePhone('024 3825 1234')).toBe(false);
    expect(isVietnamesePhone('12345')).toBe(false);
    expect(isVietnamesePhone('')).toBe(false);
  });
});
