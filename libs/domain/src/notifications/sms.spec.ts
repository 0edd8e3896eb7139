import { isDomainError } from '../errors';
import { mandateNotification, mandateSms, vietnameseDate } from './mandate-notices';
import {
  SMS_MAX_PARTS,
  SMS_PART_UNITS,
  SMS_SINGLE_UNITS,
  smsConcatHeader,
  smsDestination,
  splitSmsText,
} from './sms';

describe('splitSmsText (UCS-2)', () => {
  it('keeps a text of up to 70 code units in one part', () => {
    const seventy = 'ạ'.repeat(SMS_SINGLE_UNITS);
    expect(splitSmsText(seventy)).toEqual([seventy]);
    expect(splitSmsText('')).toEqual(['']);
  });

  it('splits 71 code units into parts of at most 67 that join back to the text', () => {
    const text = 'Học vụ số: '.repeat(7).slice(0, 71);
    const parts = splitSmsText(text);
    expect(parts.map((p) => p.length)).toEqual([67, 4]);
    expect(parts.join('')).toBe(text);
  });

  it('normalises to NFC first (decomposed Vietnamese counts as composed)', () => {
    const decomposed = 'Hạn học'.normalize('NFD');
    expect(splitSmsText(decomposed)).toEqual(['Hạn học'.normalize('NFC')]);
  });

  it('never cuts a surrogate pair', () => {
    const text = `${'a'.repeat(66)}😀${'b'.repeat(10)}`;
    const parts = splitSmsText(text);
    expect(parts[0]).toBe('a'.repeat(66));
    expect(parts[1]!.startsWith('😀')).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('cuts a huge text to four parts ending with an ellipsis', () => {
    const parts = splitSmsText('x'.repeat(100_000));
    expect(parts).toHaveLength(SMS_MAX_PARTS);
    expect(parts.every((p) => p.length <= SMS_PART_UNITS)).toBe(true);
    expect(parts.at(-1)!.endsWith('…')).toBe(true);
  });
});

describe('smsDestination and smsConcatHeader', () => {
  it('sends to the international number without +; refuses anything else', () => {
    expect(smsDestination('+84912345678')).toBe('84912345678');
    for (const bad of ['0912345678', '84912345678', '+84 912', '+0912345678', '+84912345678\u0000'])
      expect(() => smsDestination(bad)).toThrow(expect.objectContaining({ code: 'INVALID_PHONE' }));
    try {
      smsDestination('x');
    } catch (err) {
      expect(isDomainError(err)).toBe(true);
    }
  });

  it('builds the 6-byte concatenation header', () => {
    expect(smsConcatHeader(0x1ab, 3, 2)).toEqual([5, 0, 3, 0xab, 3, 2]);
  });
});

describe('mandate notices', () => {
  const v = { title: 'An toàn số', dueOn: '2026-12-15', url: 'https://hvs.example/me/learning' };
  it('writes the date the Vietnamese way and names the mandate', () => {
    expect(vietnameseDate('2026-12-15')).toBe('15/12/2026');
    expect(mandateSms('created', v)).toBe(
      'Học vụ số: Bạn có khóa học bắt buộc mới. “An toàn số”: hoàn thành trước hết ngày 15/12/2026. https://hvs.example/me/learning',
    );
    expect(mandateNotification('cancelled', v).body.en).toContain('cancelled');
    expect(mandateNotification('extended', v).title.vi).toBe('Hạn học bắt buộc được gia hạn');
  });
});
