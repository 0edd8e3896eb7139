import { redactPersonalData } from './personal-data';

describe('redactPersonalData: what may leave the platform', () => {
  it.each([
    ['Số của tôi là 0912 345 678, gọi lại nhé', 'Số của tôi là [số điện thoại], gọi lại nhé'],
    ['call +84 912.345.678 please', 'call [số điện thoại] please'],
    ['email an.nguyen@example.com.vn giúp tôi', 'email [email] giúp tôi'],
    ['CCCD 001203004567 bị khóa', 'CCCD [số giấy tờ] bị khóa'],
    ['CMND 123456789', 'CMND [số giấy tờ]'],
    ['hộ chiếu C1234567 hết hạn', 'hộ chiếu [số giấy tờ] hết hạn'],
  ])('removes personal data from %j', (question, sent) => {
    expect(redactPersonalData(question)).toBe(sent);
  });

  it('keeps ordinary numbers (years, amounts, levels)', () => {
    expect(redactPersonalData('Tài khoản mức 2 năm 2025, chuyển 500.000 đồng')).toBe(
      'Tài khoản mức 2 năm 2025, chuyển 500.000 đồng',
    );
  });

  it('removes them without a placeholder for the search, which must not look for them', () => {
    expect(redactPersonalData('OTP? 0912345678 an@example.com', false).split(/\s+/).filter(Boolean)).toEqual([
      'OTP?',
    ]);
  });
});
