import { cleanText, findNul, hasInvisibleOrControl, unsafeCharacter } from './safe-text';

describe('unsafeCharacter (single-line text: names, titles)', () => {
  it.each([
    ['an ANSI escape', 'Nguyễn \u001b[31mĐỏ\u001b[0m', 'escape'],
    ['a NUL', 'An\u0000', 'control'],
    ['DEL', 'An\u007f', 'control'],
    ['a C1 control', 'An\u0085', 'control'],
    ['a line feed', 'Dòng 1\nDòng 2', 'line break'],
    ['a carriage return', 'Dòng 1\rDòng 2', 'line break'],
    ['a Unicode line separator', 'Dòng 1\u2028Dòng 2', 'line break'],
    ['a tab', 'An\tBình', 'control'],
    ['a right-to-left override', 'Bằng \u202Egpj.exe', 'text-direction'],
    ['a left-to-right isolate', 'An \u2066x\u2069', 'text-direction'],
    ['a right-to-left mark', 'An\u200F', 'text-direction'],
    ['a zero-width space', 'An\u200BBình', 'invisible'],
    ['a zero-width joiner', 'An\u200DBình', 'invisible'],
    ['a word joiner', 'An\u2060Bình', 'invisible'],
    ['a byte-order mark', 'A\uFEFFn', 'invisible'],
  ])('refuses %s and says what it is', (_what, text, words) => {
    expect(unsafeCharacter(cleanText(text))).toContain(words);
  });

  it('accepts Vietnamese, including text typed with combining marks once it is NFC', () => {
    const nfd = 'Nguyễn Thị Hồng'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(cleanText(nfd)).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(unsafeCharacter(cleanText(nfd))).toBeUndefined();
    expect(unsafeCharacter("Trần Đức O'Brien-Lê (Hà Nội), 2026")).toBeUndefined();
  });
});

describe('unsafeCharacter (multi-line text: lesson bodies)', () => {
  it('allows line feeds, CR LF and tabs', () => {
    const body = cleanText('Bước 1\r\n\tMở ứng dụng\nBước 2', 'multi-line');
    expect(body).toBe('Bước 1\n\tMở ứng dụng\nBước 2');
    expect(unsafeCharacter(body, 'multi-line')).toBeUndefined();
  });

  it('still refuses escapes, lone carriage returns, bidi overrides and zero-width characters', () => {
    for (const bad of ['a\u001b[2Jb', 'a\rb', 'a\u202Eb', 'a\u200Bb', 'a\u0000b', 'a\u2029b']) {
      expect(unsafeCharacter(cleanText(bad, 'multi-line'), 'multi-line')).toBeDefined();
    }
  });
});

describe('hasInvisibleOrControl', () => {
  it('spots the characters that make two identifiers look the same', () => {
    expect(hasInvisibleOrControl('an\u200Bna@example.com')).toBe(true);
    expect(hasInvisibleOrControl('\u2066anna@example.com')).toBe(true);
    expect(hasInvisibleOrControl('anna@example.com')).toBe(false);
  });
});

describe('findNul', () => {
  it('names the path of the first string or key holding a NUL', () => {
    expect(findNul({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(findNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNul('x\u0000')).toBe('');
    expect(findNul({ a: 'ok', n: 1, z: null, list: [true, 'fine'] })).toBeUndefined();
    expect(findNul(undefined)).toBeUndefined();
  });

  it('finds a NUL hidden behind more filler values than any walk budget', () => {
    // Object keys are walked last-in first-out: `filler` comes before `name`.
    expect(findNul({ name: 'An\u0000', filler: new Array(150_000).fill('a') })).toBe('name');
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findNul(deep)).toBe(Array(10_000).fill('0').join('.'));
  });
});
