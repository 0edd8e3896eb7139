import { foldedWords, foldForSearch, normalizeText, searchTerms } from './normalize';

describe('foldForSearch', () => {
  it('folds Vietnamese diacritics and đ so that unaccented queries match', () => {
    expect(foldForSearch('Dịch vụ công')).toBe('dich vu cong');
    expect(foldForSearch('ĐIỆN THOẠI thông minh')).toBe('dien thoai thong minh');
    expect(foldForSearch('Người dân')).toBe(foldForSearch('nguoi dan'));
  });

  it('treats decomposed (NFD) and composed (NFC) input alike', () => {
    expect(foldForSearch('Tiếng Việt'.normalize('NFD'))).toBe(foldForSearch('Tiếng Việt'));
  });

  it('turns punctuation, wildcards and quotes into separators', () => {
    expect(foldForSearch(`50% "lừa_đảo" O'Reilly`)).toBe('50 lua dao o reilly');
  });
});

describe('foldedWords', () => {
  const matches = (stored: string, query: string) =>
    searchTerms(query).every((term) => stored.includes(` ${term}`));

  it('lets every search term match the start of a word, whatever the accents and case', () => {
    const stored = foldedWords('Ủy ban nhân dân Phường Đống Đa');
    expect(stored).toBe(' uy ban nhan dan phuong dong da');
    expect(matches(stored, 'phuong dong')).toBe(true);
    expect(matches(stored, 'Đống')).toBe(true);
    expect(matches(stored, 'UỶ BAN')).toBe(true);
  });

  it('never matches inside a word', () => {
    expect(matches(foldedWords('Trường Tiểu học Hòa Bình'), 'binh hoa')).toBe(true);
    expect(matches(foldedWords('Trường Tiểu học Hòa Bình'), 'inh')).toBe(false);
  });
});

describe('searchTerms', () => {
  it('returns only letter and digit runs, so nothing reaches SQL syntax', () => {
    expect(searchTerms(`%_' OR 1=1 -- ":*&|!`)).toEqual(['or', '1', '1']);
  });

  it('is empty for blank or symbol-only queries and caps the number of terms', () => {
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('%%% ___')).toEqual([]);
    expect(searchTerms('a b c d e f g h i j k', 8)).toHaveLength(8);
  });
});

describe('normalizeText', () => {
  it('stores text NFC and trimmed', () => {
    const nfd = '  Học vụ số  '.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Học vụ số'.normalize('NFC'));
  });
});
