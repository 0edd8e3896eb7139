import { normalizeEmail, parseLoginIdentifier } from './contact';
import { checkRosterRows } from '../directory';
import { displayNameProblem, normalizeDisplayName } from './display-name';

describe('normalizeDisplayName', () => {
  it('stores a name typed with combining marks (NFD) composed (NFC), trimmed, inner spaces collapsed', () => {
    const stored = normalizeDisplayName('  Nguyễn   Thị Hồng '.normalize('NFD'));
    expect(stored).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(stored.normalize('NFC')).toBe(stored);
  });

  it.each([
    ['ANSI colour escapes', '\u001b[31mNguyễn Văn A\u001b[0m'],
    ['a right-to-left override', 'Nguyễn \u202EA nạV'],
    ['an isolate', 'An \u2067Bình\u2069'],
    ['a line break', 'Nguyễn Văn A\nSố CCCD: 0123'],
    ['a CR LF', 'Nguyễn Văn A\r\nB'],
    ['a zero-width space', 'Nguyễn\u200BVăn A'],
    ['a NUL', 'An\u0000'],
    ['only spaces', '   '],
    ['more than 120 characters', 'A'.repeat(121)],
  ])('refuses %s with 400 INVALID_DISPLAY_NAME', (_what, name) => {
    expect(displayNameProblem(name)).toEqual(expect.any(String));
    expect(() => normalizeDisplayName(name)).toThrow(
      expect.objectContaining({ code: 'INVALID_DISPLAY_NAME', kind: 'validation' }),
    );
  });
});

describe('normalizeEmail', () => {
  it('lower-cases, trims and composes', () => {
    expect(normalizeEmail('  Hồng@Example.VN ')).toBe('hồng@example.vn'.normalize('NFC'));
  });

  it.each([
    'an\u200Bna@example.com',
    'anna\u200D@example.com',
    'an\uFEFFna@example.com',
    'anna@exa\u202Emple.com',
    'an\u0000na@example.com',
    'anna@example.com\u2060',
  ])('refuses the look-alike %j', (email) => {
    expect(() => normalizeEmail(email)).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL' }));
    expect(() => parseLoginIdentifier(email)).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL' }));
  });
});

describe('roster rows use the same display-name rule', () => {
  it('rejects a row whose name carries an escape, an override or a line break, naming the field', () => {
    const base = { email: 'a@example.com', target_group: 'citizens' };
    const { rows, rejected } = checkRosterRows([
      { ...base, name: 'Nguyễn Thị Hồng'.normalize('NFD') },
      { ...base, email: 'b@example.com', name: '\u001b[31mĐỏ' },
      { ...base, email: 'c@example.com', name: 'A \u202Eb' },
      { ...base, email: 'd@example.com', name: 'A\u2028B' },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['Nguyễn Thị Hồng'.normalize('NFC')]);
    expect(rejected.map((r) => r.errors.map((e) => e.field))).toEqual([['name'], ['name'], ['name']]);
  });
});
