import { describe, expect, it } from '@jest/globals';
import { LOW_DATA_STORAGE_KEY, lowDataSuggested, offerLowData, readLowData, writeLowData } from './low-data';

/** A Storage stand-in: a map, or one that throws like Safari's private mode or a full quota. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}
const brokenStorage = {
  getItem: (): string | null => {
    throw new Error('SecurityError');
  },
  setItem: (): void => {
    throw new Error('QuotaExceededError');
  },
};

describe('when low-data mode is suggested', () => {
  it('suggests it on 3G, 2G and slow 2G, and when the person asked the browser to save data', () => {
    expect(lowDataSuggested({ effectiveType: '3g' })).toBe(true);
    expect(lowDataSuggested({ effectiveType: '2g' })).toBe(true);
    expect(lowDataSuggested({ effectiveType: 'slow-2g' })).toBe(true);
    expect(lowDataSuggested({ effectiveType: '4g', saveData: true })).toBe(true);
  });

  it('stays quiet on 4G, and where the browser says nothing (Safari, Firefox)', () => {
    expect(lowDataSuggested({ effectiveType: '4g', saveData: false })).toBe(false);
    expect(lowDataSuggested({})).toBe(false);
    expect(lowDataSuggested(undefined)).toBe(false);
    // Not a known type: no guess.
    expect(lowDataSuggested({ effectiveType: '3G ' })).toBe(false);
  });

  it('offers it once: not when it is already on, never again after an answer', () => {
    const slow = { effectiveType: '2g' };
    expect(offerLowData({ on: false, suggestionAnswered: false }, slow)).toBe(true);
    expect(offerLowData({ on: true, suggestionAnswered: false }, slow)).toBe(false);
    expect(offerLowData({ on: false, suggestionAnswered: true }, slow)).toBe(false);
    expect(offerLowData({ on: false, suggestionAnswered: false }, { effectiveType: '4g' })).toBe(false);
  });
});

describe('low-data mode remembered on the device', () => {
  it('is off on a device that remembers nothing, or something it cannot read', () => {
    const off = { on: false, suggestionAnswered: false };
    expect(readLowData(memoryStorage())).toEqual(off);
    expect(readLowData(undefined)).toEqual(off);
    expect(readLowData(brokenStorage)).toEqual(off);
    for (const raw of ['{', 'null', '"on"', '[true]', '{"on":"yes","suggestionAnswered":1}'])
      expect(readLowData(memoryStorage({ [LOW_DATA_STORAGE_KEY]: raw }))).toEqual(off);
  });

  it('reads back what was written, and survives a storage that refuses to write', () => {
    const storage = memoryStorage();
    writeLowData(storage, { on: true, suggestionAnswered: true });
    expect(readLowData(storage)).toEqual({ on: true, suggestionAnswered: true });
    expect(() => writeLowData(brokenStorage, { on: true, suggestionAnswered: true })).not.toThrow();
  });
});
