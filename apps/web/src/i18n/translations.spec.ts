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

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The plural forms of every plural string (`duration.minutes` → `one`, `other`); plain strings are left out. */
function pluralForms(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value !== 'string') {
      for (const [k, v] of pluralForms(value, path)) out.set(k, v);
      continue;
    }
    const form = PLURAL_SUFFIX.exec(path);
    if (form) {
      const base = path.slice(0, form.index);
      out.set(base, [...(out.get(base) ?? []), form[1]!].sort());
    }
  }
  return out;
}

/**
 * Characters a translator's copy and paste can bring in unseen: controls (NUL…), the soft hyphen, zero-width
 * characters, bidirectional overrides and isolates, the byte order mark. None belongs in an interface string.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const INVISIBLE = /[\u0000-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

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

  it('has no invisible or direction-changing character in either language', () => {
    const hidden = [...viStrings, ...enStrings].filter(([, texts]) => texts.some((t) => INVISIBLE.test(t)));
    expect(hidden.map(([key]) => key)).toEqual([]);
    expect(viStrings.size).toBeGreaterThan(0);
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

  it('is stored in NFC, with no empty string and no invisible or direction-changing character', () => {
    for (const [key, texts] of otherStrings)
      for (const text of texts) {
        expect([key, text]).toEqual([key, text.normalize('NFC')]);
        expect([key, text.trim().length > 0]).toEqual([key, true]);
        expect([key, INVISIBLE.test(text)]).toEqual([key, false]);
      }
  });
});

/**
 * What the Mông sample translates, by design (docs/languages.md, "What is translated"): the strings of the way a
 * learner goes from the catalogue through a course to a lesson and back to My learning. Every string listed here
 * must be in the sample, and the sample holds nothing else, so this list, the files and the docs move together.
 * `prefix.*` is every string Vietnamese has under `prefix`, today's and tomorrow's: a new lesson kind fails here
 * until the sample names it too. Everything else (the sign-up form, quizzes, the studio…) is Vietnamese on purpose.
 */
const HMONG_SAMPLE: Array<[name: string, vi: Tree, hmn: Tree, scope: string[]]> = [
  [
    'shell',
    vi as Tree,
    hmn as Tree,
    [
      'nav.catalogue',
      'nav.myLearning',
      'nav.signIn',
      'nav.signOut',
      'nav.signingOut',
      'footer.help',
      'catalogue.title',
      'catalogue.searchLabel',
      'catalogue.searchSubmit',
      'catalogue.certificate',
      'course.duration',
      'course.languages',
      'course.enrol',
      'course.enrolling',
      'course.start',
      'course.continue',
      'lessonKind.*',
      'duration.minutes',
      'duration.hours',
      'duration.hoursMinutes',
      'notFound.title',
    ],
  ],
  [
    'lesson player section',
    playerVi as Tree,
    playerHmn as Tree,
    ['player.previous', 'player.next', 'player.markComplete', 'player.alreadyDone'],
  ],
  [
    'account section (My learning)',
    accountVi as Tree,
    accountHmn as Tree,
    ['learning.title', 'learning.start', 'learning.continue', 'learning.review'],
  ],
];

/** The scope's keys as Vietnamese has them (wildcards expanded), and the entries that name nothing Vietnamese has. */
function expandScope(scope: string[], viStrings: Map<string, string[]>): { keys: string[]; stale: string[] } {
  const keys: string[] = [];
  const stale: string[] = [];
  for (const entry of scope) {
    const matched = entry.endsWith('.*')
      ? [...viStrings.keys()].filter((key) => key.startsWith(entry.slice(0, -1)))
      : viStrings.has(entry)
        ? [entry]
        : [];
    if (matched.length === 0) stale.push(entry);
    keys.push(...matched);
  }
  return { keys: [...new Set(keys)].sort(), stale };
}

/**
 * The plural forms i18next asks a Hmong string for. No runtime has plural rules for `hmn`, so Intl falls back to
 * the device's own locale: `other` on a Vietnamese phone, `one` and `other` on an English one (Node and Chromium
 * here). A form the sample lacks is taken from Vietnamese: "1 phút" in a Hmong sentence. Hmong does not inflect
 * for number, so each form is the same text.
 */
const HMONG_PLURAL_FORMS = [
  ...new Set(['one', 'other', ...new Intl.PluralRules('hmn').resolvedOptions().pluralCategories]),
].sort();

describe.each(HMONG_SAMPLE)(
  'the Hmong sample covers its documented scope: %s',
  (_name, viTree, hmnTree, scope) => {
    const viStrings = flatten(viTree);
    const hmnStrings = flatten(hmnTree);
    const { keys, stale } = expandScope(scope, viStrings);

    it('names only strings Vietnamese has (a renamed or removed key is caught here)', () => {
      expect(stale).toEqual([]);
      expect(keys.length).toBeGreaterThanOrEqual(scope.length);
    });

    it('has every string of its scope', () => {
      expect(keys.filter((key) => !hmnStrings.has(key))).toEqual([]);
    });

    it('has no string outside its scope (widen the scope and docs/languages.md first)', () => {
      expect([...hmnStrings.keys()].filter((key) => !keys.includes(key))).toEqual([]);
    });

    it('keeps each placeholder of the Vietnamese string, in every plural form', () => {
      for (const key of keys) {
        const wanted = variables(viStrings.get(key) ?? []);
        for (const text of hmnStrings.get(key) ?? [])
          expect([key, text, variables([text])]).toEqual([key, text, wanted]);
      }
    });

    it('has a plural string wherever Vietnamese has one, with every form i18next may ask for', () => {
      const viPlurals = pluralForms(viTree);
      const hmnPlurals = pluralForms(hmnTree);
      for (const key of keys) {
        expect([key, hmnPlurals.get(key) ?? 'not plural']).toEqual([
          key,
          viPlurals.has(key) ? HMONG_PLURAL_FORMS : 'not plural',
        ]);
      }
    });
  },
);
