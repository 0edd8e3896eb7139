import { describe, expect, it } from '@jest/globals';
import { mergeDisplayPreferences, READING_PREFERENCES } from './display-preferences';

describe('reading settings chosen signed out meet the account at sign-in', () => {
  it('keeps on what the visitor turned on before signing in', () => {
    expect(
      mergeDisplayPreferences(
        { largeText: true, highContrast: false },
        { largeText: false, highContrast: false, captionsAlways: true, reducedMotion: false },
      ),
    ).toEqual({ largeText: true, highContrast: false, captionsAlways: true, reducedMotion: false });
  });

  it('adds what the account saved on another device', () => {
    expect(
      mergeDisplayPreferences({ largeText: false }, { highContrast: true, reducedMotion: true }),
    ).toEqual({ largeText: false, highContrast: true, reducedMotion: true });
  });

  it('leaves the account as it is when the device remembers nothing', () => {
    const account = { largeText: true, highContrast: false, captionsAlways: false, reducedMotion: false };
    expect(mergeDisplayPreferences({}, account)).toEqual(account);
  });

  it('offers in the header the three settings the stylesheet reads, not the captions', () => {
    expect([...READING_PREFERENCES].sort()).toEqual(['highContrast', 'largeText', 'reducedMotion']);
  });
});
