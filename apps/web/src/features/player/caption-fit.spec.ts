import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CAPTION_SIZE,
  MAX_CUE_CHARS,
  rememberCaptionSize,
  splitCue,
  storedCaptionSize,
} from './caption-fit';

// A cue of the shipped "online-scams" video (178 characters: five lines on a 360 px phone before).
const LONG =
  'Ghi nhớ: không bao giờ đọc mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng hay công an. ' +
  'Dừng lại, kiểm tra, rồi mới hành động. Khi khẩn cấp, bị đe dọa, hãy gọi 113.';

const chars = (s: string) => [...s].length;
const words = (s: string) => s.split(/\s+/u).filter(Boolean);

describe('splitCue', () => {
  it('leaves a cue that fits as it is', () => {
    const cue = { start: 1, end: 3, text: 'Xin chào bà con.' };
    expect(splitCue(cue)).toEqual([cue]);
  });

  it('shows a long cue as shorter ones that keep every word, in order, over the same time', () => {
    const parts = splitCue({ start: 60, end: 72, text: LONG });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(chars(part.text)).toBeLessThanOrEqual(MAX_CUE_CHARS);
    expect(parts.flatMap((p) => words(p.text))).toEqual(words(LONG));
    expect(parts[0]!.start).toBe(60);
    expect(parts.at(-1)!.end).toBe(72);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end);
    for (const part of parts) expect(part.end).toBeGreaterThan(part.start);
  });

  it('cuts at the end of a clause rather than in the middle of one', () => {
    const parts = splitCue({ start: 0, end: 10, text: LONG });
    // Every part but the last ends where a reader would pause.
    for (const part of parts.slice(0, -1)) expect(part.text).toMatch(/[.,;:!?…]$/u);
  });

  it('gives each part its share of the time by length', () => {
    const parts = splitCue({ start: 0, end: 100, text: LONG });
    const total = parts.reduce((sum, p) => sum + chars(p.text), 0);
    for (const part of parts) expect(part.end - part.start).toBeCloseTo((100 * chars(part.text)) / total, 6);
  });

  it('cuts between words when a clause alone is too long', () => {
    const text = Array.from({ length: 30 }, (_, i) => `chữ${i}`).join(' ');
    const parts = splitCue({ start: 0, end: 6, text }, 40);
    for (const part of parts) expect(chars(part.text)).toBeLessThanOrEqual(40);
    expect(parts.flatMap((p) => words(p.text))).toEqual(words(text));
  });

  it('keeps a single word longer than the limit whole', () => {
    const word = 'x'.repeat(80);
    const parts = splitCue({ start: 0, end: 4, text: `mở ${word} ngay` }, 20);
    expect(parts.map((p) => p.text)).toEqual(['mở', word, 'ngay']);
  });

  it('reads line breaks and runs of spaces as one space', () => {
    const parts = splitCue({ start: 0, end: 8, text: LONG.replace(/, /gu, ',\n  ') });
    expect(parts.flatMap((p) => words(p.text))).toEqual(words(LONG));
  });

  it('leaves a cue with markup whole rather than breaking a tag', () => {
    const cue = { start: 0, end: 10, text: `<v Lan>${LONG}</v>` };
    expect(splitCue(cue)).toEqual([cue]);
    const entity = { start: 0, end: 10, text: `${LONG} &amp;` };
    expect(splitCue(entity)).toEqual([entity]);
  });

  it('leaves a cue without a time span whole', () => {
    const cue = { start: 5, end: 5, text: LONG };
    expect(splitCue(cue)).toEqual([cue]);
  });
});

describe('caption size on this device', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
  };

  it('is remembered and read back', () => {
    const storage = memory();
    expect(storedCaptionSize(storage)).toBe(DEFAULT_CAPTION_SIZE);
    rememberCaptionSize(storage, 'large');
    expect(storedCaptionSize(storage)).toBe('large');
  });

  it('falls back to the default for anything else stored, or no storage at all', () => {
    const storage = memory();
    storage.setItem('hvs.captionSize', 'huge');
    expect(storedCaptionSize(storage)).toBe('medium');
    expect(storedCaptionSize(undefined)).toBe('medium');
    const refusing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(storedCaptionSize(refusing)).toBe('medium');
    expect(() => rememberCaptionSize(refusing, 'small')).not.toThrow();
  });
});
