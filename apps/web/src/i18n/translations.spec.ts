import { describe, expect, it } from '@jest/globals';
import en from './en.json';
import hmn from './hmn.json';
import accountEn from './sections/account.en.json';
import accountHmn from './sections/account.hmn.json';
import accountVi from './sections/account.vi.json';
import adminEn from './sections/admin.en.json';
import adminVi from './sections/admin.vi.json';
import ambassadorsEn from './sections/ambassadors.en.json';
import ambassadorsVi from './sections/ambassadors.vi.json';
import assistantEn from './sections/assistant.en.json';
import assistantVi from './sections/assistant.vi.json';
import authEn from './sections/auth.en.json';
import authVi from './sections/auth.vi.json';
import campaignsEn from './sections/campaigns.en.json';
import campaignsVi from './sections/campaigns.vi.json';
import coverageEn from './sections/coverage.en.json';
import coverageVi from './sections/coverage.vi.json';
import playerEn from './sections/player.en.json';
import playerHmn from './sections/player.hmn.json';
import playerVi from './sections/player.vi.json';
import populationsEn from './sections/populations.en.json';
import populationsVi from './sections/populations.vi.json';
import reportsEn from './sections/reports.en.json';
import reportsVi from './sections/reports.vi.json';
import teachingEn from './sections/teaching.en.json';
import teachingVi from './sections/teaching.vi.json';
import vi from './vi.json';

type Tree = { [key: string]: string | Tree };

/** Every string of a translation file by its dotted key; plural forms (`_one`, `_other`) as one key. */
function flatten(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), value]);
    } else {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    }
  }
  return out;
}

const variables = (texts: string[]) =>
  [...new Set(texts.flatMap((t) => [...t.matchAll(/{{(\w+)}}/g)].map((m) => m[1])))].sort();

const BUNDLES: Array<[name: string, vi: Tree, en: Tree]> = [
  ['shell', vi as Tree, en as Tree],
  ['account section', accountVi as Tree, accountEn as Tree],
  ['admin section', adminVi as Tree, adminEn as Tree],
  ['ambassadors and families section', ambassadorsVi as Tree, ambassadorsEn as Tree],
  ['assistant section', assistantVi as Tree, assistantEn as Tree],
  ['sign-in pages section', authVi as Tree, authEn as Tree],
  ['campaigns section', campaignsVi as Tree, campaignsEn as Tree],
  ['coverage section', coverageVi as Tree, coverageEn as Tree],
  ['lesson player section', playerVi as Tree, playerEn as Tree],
  ['reports section', reportsVi as Tree, reportsEn as Tree],
  ['teaching section', teachingVi as Tree, teachingEn as Tree],
  ['populations section', populationsVi as Tree, populationsEn as Tree],
];

describe.each(BUNDLES)('translations: %s', (_name, viTree, enTree) => {
  const viStrings = flatten(viTree);
  const enStrings = flatten(enTree);

  it('has the same keys in Vietnamese and English', () => {
    expect([...enStrings.keys()].sort()).toEqual([...viStrings.keys()].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, texts] of viStrings) {
      expect([key, variables(enStrings.get(key) ?? [])]).toEqual([key, variables(texts)]);
    }
  });

  it('stores Vietnamese text in NFC, as the rest of the platform does', () => {
    for (const [key, texts] of viStrings) {
      for (const text of texts) expect([key, text]).toEqual([key, text.normalize('NFC')]);
    }
  });
});

describe('translation sections', () => {
  it('never define a key the shell or another section defines (they merge into one namespace)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, viTree] of BUNDLES) {
      for (const key of flatten(viTree).keys()) {
        const owner = seen.get(key);
        if (owner) clashes.push(`${key} (${owner} and ${name})`);
        else seen.set(key, name);
      }
    }
    expect(clashes).toEqual([]);
  });
});

/**
 * Languages other than Vietnamese and English may be partial (docs/languages.md): every string they have must
 * be one Vietnamese has, with the same placeholders, in NFC; whatever they lack shows in Vietnamese.
 */
const PARTIAL: Array<[name: string, vi: Tree, other: Tree]> = [
  ['Hmong shell (sample)', vi as Tree, hmn as Tree],
  ['Hmong lesson player section (sample)', playerVi as Tree, playerHmn as Tree],
  ['Hmong account section (sample: my learning)', accountVi as Tree, accountHmn as Tree],
];

describe.each(PARTIAL)('partial translations: %s', (_name, viTree, otherTree) => {
  const viStrings = flatten(viTree);
  const otherStrings = flatten(otherTree);

  it('has only keys that Vietnamese has (the rest falls back to Vietnamese)', () => {
    expect([...otherStrings.keys()].filter((key) => !viStrings.has(key))).toEqual([]);
    expect(otherStrings.size).toBeGreaterThan(0);
  });

  it('uses the same placeholders as Vietnamese', () => {
    for (const [key, texts] of otherStrings)
      expect([key, variables(texts)]).toEqual([key, variables(viStrings.get(key) ?? [])]);
  });

  it('is stored in NFC and has no empty string', () => {
    for (const [key, texts] of otherStrings)
      for (const text of texts) {
        expect([key, text]).toEqual([key, text.normalize('NFC')]);
        expect([key, text.trim().length > 0]).toEqual([key, true]);
      }
  });
});
