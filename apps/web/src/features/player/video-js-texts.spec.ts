import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import enVideoJs from 'video.js/dist/lang/en.json';
import playerEn from '../../i18n/sections/player.en.json';
import playerVi from '../../i18n/sections/player.vi.json';
import { videoJsTexts } from './video-js-texts';

const SEEK = 'progress bar timing: currentTime={1} duration={2}';

/** An i18next set up as the app sets it up (i18n.ts), with the player's strings. */
async function appI18n() {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'vi',
    fallbackLng: 'vi',
    resources: { vi: { translation: playerVi }, en: { translation: playerEn } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

describe('videoJsTexts', () => {
  it('gives the seek slider its translated value, not the raw key i18next made of it', async () => {
    const i18n = await appI18n();
    // What the player was given before: i18next reads "progress bar timing:" as a namespace.
    const viaT = i18n.t('videoControls', { returnObjects: true }) as Record<string, string>;
    expect(viaT[SEEK]).toBe(' currentTime={1} duration={2}');

    const vi = videoJsTexts(i18n.getResource('vi', 'translation', 'videoControls'));
    expect(vi[SEEK]).toBe('{1} trên {2}');
    const en = videoJsTexts(i18n.getResource('en', 'translation', 'videoControls'));
    expect(en[SEEK]).toBe('{1} of {2}');
  });

  it('keeps texts with dots and colons exactly as written', async () => {
    const i18n = await appI18n();
    const vi = videoJsTexts(i18n.getResource('vi', 'translation', 'videoControls'));
    expect(vi['No compatible source was found for this media.']).toBe(
      'Điện thoại hoặc trình duyệt này không phát được video.',
    );
    expect(vi['{1} is loading.']).toBe('{1} đang tải.');
    expect(vi['This is a modal window.']).toBe('Đây là một hộp thoại.');
  });

  it('has a Vietnamese text for every text video.js ships, none left in English', () => {
    const vi = videoJsTexts(playerVi.videoControls);
    const missing = Object.keys(enVideoJs).filter((key) => !vi[key]);
    expect(missing).toEqual([]);
    // The strings a screen reader hears on a phone: all Vietnamese now.
    for (const key of [
      'Play',
      'Pause',
      'Mute',
      'Captions',
      'Fullscreen',
      'Skip Backward',
      'This is a modal window',
    ]) {
      expect([key, vi[key] === key]).toEqual([key, false]);
    }
  });

  it('keeps the {1} and {2} placeholders video.js fills in', () => {
    const vi = videoJsTexts(playerVi.videoControls);
    for (const [key, text] of Object.entries(vi)) {
      const wanted = [...key.matchAll(/\{\d\}/gu)].map((m) => m[0]).sort();
      expect([key, [...text.matchAll(/\{\d\}/gu)].map((m) => m[0]).sort()]).toEqual([key, wanted]);
    }
  });

  it('ignores anything that is not a dictionary of strings', () => {
    expect(videoJsTexts(undefined)).toEqual({});
    expect(videoJsTexts('Play')).toEqual({});
    expect(videoJsTexts({ Play: 'Phát', nested: { a: 'b' }, n: 1 })).toEqual({ Play: 'Phát' });
  });
});
