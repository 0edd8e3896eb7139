import { describe, expect, it } from '@jest/globals';
import { describeUserAgent } from './user-agent';

/** Agents as real browsers send them (shortened only where the rest does not matter). */
const AGENTS = {
  androidChrome:
    'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  zalo: 'Mozilla/5.0 (Linux; Android 12; V2111) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 Zalo android/12100597 ZaloTheme/light ZaloLanguage/vi',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 12; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  coccoc:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/117.0.236 Chrome/111.0.5563.150 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  kaios: 'Mozilla/5.0 (Mobile; Nokia_8110_4G; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
};

describe('describing a signed-in browser in plain words', () => {
  it.each([
    ['androidChrome', 'Chrome', 'Android', 'phone'],
    ['samsung', 'Samsung Internet', 'Android', 'phone'],
    ['zalo', 'Zalo', 'Android', 'phone'],
    ['androidTablet', 'Chrome', 'Android', 'tablet'],
    ['iphoneSafari', 'Safari', 'iOS', 'phone'],
    ['iphoneChrome', 'Chrome', 'iOS', 'phone'],
    ['ipad', 'Safari', 'iPadOS', 'tablet'],
    ['coccoc', 'Cốc Cốc', 'Windows', 'computer'],
    ['edge', 'Edge', 'Windows', 'computer'],
    ['firefox', 'Firefox', 'Windows', 'computer'],
    ['macSafari', 'Safari', 'macOS', 'computer'],
    ['kaios', 'Firefox', 'KaiOS', 'phone'],
    ['headless', 'Chrome', 'Linux', 'computer'],
    ['chromebook', 'Chrome', 'ChromeOS', 'computer'],
  ] as const)('%s: %s on %s (%s)', (name, browser, os, kind) => {
    expect(describeUserAgent(AGENTS[name])).toEqual({ browser, os, kind });
  });

  it('says nothing it cannot tell: a missing agent, or a tool that is no browser', () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, kind: null });
    expect(describeUserAgent('   ')).toEqual({ browser: null, os: null, kind: null });
    expect(describeUserAgent('curl/8.4.0')).toEqual({ browser: null, os: null, kind: null });
  });

  it('keeps the name of the Vietnamese browser with its diacritics, in NFC', () => {
    const { browser } = describeUserAgent(AGENTS.coccoc);
    expect(browser).toBe('Cốc Cốc'.normalize('NFC'));
  });
});
