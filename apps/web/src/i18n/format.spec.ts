import { describe, expect, it } from '@jest/globals';
import { formatDateTime, localizedText } from './format';

describe('localizedText', () => {
  it('is the English text in English, and the Vietnamese one in Vietnamese', () => {
    const text = { vi: 'Khai thác dữ liệu', en: 'Data exploitation' };
    expect(localizedText(text, 'en')).toBe('Data exploitation');
    expect(localizedText(text, 'vi')).toBe('Khai thác dữ liệu');
  });

  it('falls back to Vietnamese when there is no English text, and is empty without a text', () => {
    expect(localizedText({ vi: 'Trình độ cơ bản' }, 'en')).toBe('Trình độ cơ bản');
    expect(localizedText(null, 'en')).toBe('');
    expect(localizedText(undefined, 'vi')).toBe('');
  });
});

describe('formatDateTime', () => {
  const moment = '2026-11-28T07:05:00Z'; // 14:05 in Hà Nội

  it('reads as Vietnamese offices write it, with no "lúc" of its own (the sentence has one)', () => {
    expect(formatDateTime(moment, 'vi', 'Asia/Ho_Chi_Minh')).toBe('14:05 ngày 28/11/2026');
    expect(`Đã lưu bản nháp lúc ${formatDateTime(moment, 'vi', 'Asia/Ho_Chi_Minh')}.`).not.toMatch(/lúc lúc/);
  });

  it('reads in English without a second "at", on a 24-hour clock', () => {
    expect(formatDateTime(moment, 'en', 'Asia/Ho_Chi_Minh')).toBe('14:05, 28 November 2026');
    expect(formatDateTime('2026-11-28T00:30:00Z', 'en', 'UTC')).toBe('00:30, 28 November 2026');
  });

  it('is empty for a value that is not a moment', () => {
    expect(formatDateTime('not a date', 'vi')).toBe('');
  });
});
