import { learnerNeedle, needleMatchesAnyone } from './needle';

describe('learnerNeedle', () => {
  it.each(['0912345678', '0912 345 678', '0912.345.678', '+84912345678', '84912345678', '+84 912-345-678'])(
    'reads the whole number %s as the stored E.164 number',
    (typed) => {
      expect(learnerNeedle(typed)).toEqual({ email: null, phone: { exact: '+84912345678' }, terms: [] });
    },
  );

  it('reads a 07… number too', () => {
    expect(learnerNeedle('0701 234 567').phone).toEqual({ exact: '+84701234567' });
  });

  it('matches the start of a number typed as 0… or +84…', () => {
    expect(learnerNeedle('0912 34').phone).toEqual({ like: '+8491234%' });
    expect(learnerNeedle('+84 9123').phone).toEqual({ like: '+849123%' });
  });

  it('matches a part of at least 6 digits anywhere', () => {
    expect(learnerNeedle('345678').phone).toEqual({ like: '%345678%' });
    expect(learnerNeedle('849123').phone).toEqual({ like: '%849123%' });
  });

  it('finds nobody with fewer than 6 digits or a foreign prefix', () => {
    for (const typed of ['12345', '09 12', '+1 202 555 0100']) {
      const n = learnerNeedle(typed);
      expect(n.phone).toBeNull();
      expect(needleMatchesAnyone(n)).toBe(false);
    }
  });

  it('folds names as the catalogue does: no diacritics, đ as d, any case', () => {
    expect(learnerNeedle('Nguyễn Văn An').terms).toEqual(['nguyen', 'van', 'an']);
    expect(learnerNeedle('ĐỖ  thị').terms).toEqual(['do', 'thi']);
    // decomposed input (NFD) folds the same
    expect(learnerNeedle('Nguyê\u0303n').terms).toEqual(['nguyen']);
  });

  it('keeps LIKE syntax out: % _ and quotes are not terms', () => {
    expect(learnerNeedle(`%_' OR 1=1 --`).terms).toEqual(['or', '1', '1']);
    expect(needleMatchesAnyone(learnerNeedle('%%%'))).toBe(false);
  });

  it('reads an e-mail address whole, lower-cased', () => {
    expect(learnerNeedle(' An@Example.VN ')).toEqual({ email: 'an@example.vn', phone: null, terms: [] });
  });
});
