import { describe, expect, it } from '@jest/globals';
import { localizedText } from './format';

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
