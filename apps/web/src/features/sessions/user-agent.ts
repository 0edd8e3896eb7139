export type DeviceKind = 'phone' | 'tablet' | 'computer';

/** A browser's user agent in plain words: which browser, on which system, on what kind of device. */
export interface DeviceDescription {
  /** A product name (`Chrome`, `Cốc Cốc`, `Zalo`), or null when it cannot be told. */
  browser: string | null;
  /** `Android`, `iOS`, `Windows`…, or null. */
  os: string | null;
  kind: DeviceKind | null;
}

/**
 * The first match wins, so apps that embed a browser (Zalo, Facebook) and browsers built on Chrome (Cốc Cốc,
 * Samsung Internet, Edge, Opera) come before Chrome, and Chrome before Safari (Chrome's agent names Safari too).
 */
const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bZalo\b/i, 'Zalo'],
  [/\bFBA[NV]\/|\bFB_IAB\//, 'Facebook'],
  [/coc_coc_browser|\bCocCoc\b/i, 'Cốc Cốc'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bUCBrowser\//, 'UC Browser'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\b(?:Headless)?Chrome\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** KaiOS and Android agents also say "Linux", iPhones say "Mac OS X": the specific systems come first. */
const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bKAIOS\b/i, 'KaiOS'],
  [/\bAndroid\b/, 'Android'],
  [/\biPad\b/, 'iPadOS'],
  [/\biPhone\b|\biPod\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

function kindOf(agent: string, os: string | null): DeviceKind | null {
  if (os === 'iPadOS' || /\bTablet\b/i.test(agent)) return 'tablet';
  if (os === 'Android') return /\bMobile\b/.test(agent) ? 'phone' : 'tablet';
  if (os === 'iOS' || os === 'KaiOS' || /\bMobi/.test(agent)) return 'phone';
  if (os) return 'computer';
  return null;
}

/** Describes the user agent a session signed in with (the api keeps its first 300 characters, or nothing). */
export function describeUserAgent(agent: string | null | undefined): DeviceDescription {
  const text = (agent ?? '').trim();
  if (!text) return { browser: null, os: null, kind: null };
  const browser = BROWSERS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  const os = SYSTEMS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  return { browser, os, kind: kindOf(text, os) };
}
