import { beforeAll, describe, expect, it } from '@jest/globals';
import en from './en.json';
import hmn from './hmn.json';
import { i18n, initI18n, loadSection, switchLanguage } from './i18n';
import playerHmn from './sections/player.hmn.json';
import playerVi from './sections/player.vi.json';
import vi from './vi.json';

/** docs/languages.md: a language's missing strings show in Vietnamese, one string at a time. */
describe('interface strings fall back to Vietnamese string by string', () => {
  beforeAll(async () => {
    await initI18n();
  });

  it('starts in Vietnamese with only the shell loaded', () => {
    expect(i18n.language).toBe('vi');
    expect(i18n.t('nav.catalogue')).toBe(vi.nav.catalogue);
    expect(i18n.hasResourceBundle('hmn', 'translation')).toBe(false);
  });

  it('loads the Hmong sample on demand: its strings where it has them, Vietnamese where it has none', async () => {
    await switchLanguage('hmn');
    expect(i18n.language).toBe('hmn');
    expect(i18n.t('nav.catalogue')).toBe(hmn.nav.catalogue);
    expect(i18n.t('nav.signIn')).toBe(hmn.nav.signIn);
    // Not in the sample: the Vietnamese string, not the key and not English.
    expect(hmn.nav).not.toHaveProperty('profile');
    expect(i18n.t('nav.profile')).toBe(vi.nav.profile);
    expect(i18n.t('catalogue.intro')).toBe(vi.catalogue.intro);
    // A plural the sample has, with its count: one and many alike (Hmong does not inflect for number), never the
    // Vietnamese "1 phút" that a missing `_one` form would fetch on a device whose locale has one.
    expect(i18n.t('duration.minutes', { count: 5 })).toBe('5 feeb');
    expect(i18n.t('duration.minutes', { count: 1 })).toBe('1 feeb');
    expect(i18n.t('duration.hours', { count: 1 })).toBe('1 teev');
    // A plural the sample lacks: the Vietnamese sentence with its count, not the key.
    expect(hmn.catalogue).not.toHaveProperty('found_other');
    expect(i18n.t('catalogue.found', { count: 1 })).toBe('Tìm thấy 1 khóa học.');
  });

  it('a section loaded while Hmong is chosen falls back the same way', async () => {
    await loadSection('player');
    expect(i18n.t('player.next')).toBe(playerHmn.player.next);
    expect(playerHmn.player).not.toHaveProperty('saving');
    expect(i18n.t('player.saving')).toBe(playerVi.player.saving);
  });

  it('a configured language the web has no file for shows every string in Vietnamese', async () => {
    await switchLanguage('blt');
    expect(i18n.language).toBe('blt');
    expect(i18n.t('nav.catalogue')).toBe(vi.nav.catalogue);
    expect(i18n.t('player.next')).toBe(playerVi.player.next);
  });

  it('English stays whole, and back in Vietnamese nothing of the others leaks in', async () => {
    await switchLanguage('en');
    expect(i18n.t('nav.catalogue')).toBe(en.nav.catalogue);
    expect(i18n.t('nav.profile')).toBe(en.nav.profile);
    await switchLanguage('vi');
    expect(i18n.t('nav.catalogue')).toBe(vi.nav.catalogue);
    expect(i18n.t('player.next')).toBe(playerVi.player.next);
  });
});
