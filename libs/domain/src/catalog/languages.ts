/**
 * Languages are data (content/languages.yaml, docs/languages.md): each has a BCP-47 code, its own name, its
 * Vietnamese and English names, a script and direction, whether the interface and/or the content may use it,
 * and how far its translation can be trusted. The content loader and the api read the file once and hand the
 * list to {@link configureLanguages}; every check of "is this a language we have" asks this registry, never a
 * list written in code.
 */

/** A BCP-47 language code configured in content/languages.yaml (`vi`, `en`, `hmn`…). */
export type Language = string;

/**
 * The languages mails, PDFs and server-made notices are written in. They are Vietnamese and English by design;
 * a person whose language is another one gets Vietnamese (the platform's fallback), see {@link messageLanguage}.
 */
export type MessageLanguage = 'vi' | 'en';

export const LANGUAGE_STATUSES = ['complete', 'sample-needs-native-review'] as const;
export type LanguageStatus = (typeof LANGUAGE_STATUSES)[number];

export interface LanguageInfo {
  /** BCP-47 (`vi`, `en`, `hmn`, `blt`, `hmn-Latn`…). */
  code: Language;
  /** The language's name in itself ("Tiếng Việt", "English", "Lus Hmoob"). */
  endonym: string;
  /** Its name in Vietnamese and in English. */
  name: { vi: string; en: string };
  /** ISO 15924 script code (`Latn`, `Tavt`…). */
  script: string;
  direction: 'ltr' | 'rtl';
  /** The web's interface may be shown in it (strings it lacks show in Vietnamese). */
  ui: boolean;
  /** Course text may be written in it (text it lacks shows in Vietnamese). */
  content: boolean;
  status: LanguageStatus;
}

/** The shape of a language code: a 2–3 letter primary subtag, then script / region / variant subtags. */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/**
 * What the registry holds before a languages file is read (unit tests, a content folder without
 * languages.yaml, the web before GET /api/languages answers): Vietnamese and English, both complete.
 */
export const BUILT_IN_LANGUAGES: readonly LanguageInfo[] = [
  {
    code: 'vi',
    endonym: 'Tiếng Việt',
    name: { vi: 'Tiếng Việt', en: 'Vietnamese' },
    script: 'Latn',
    direction: 'ltr',
    ui: true,
    content: true,
    status: 'complete',
  },
  {
    code: 'en',
    endonym: 'English',
    name: { vi: 'Tiếng Anh', en: 'English' },
    script: 'Latn',
    direction: 'ltr',
    ui: true,
    content: true,
    status: 'complete',
  },
];

let configured: readonly LanguageInfo[] = BUILT_IN_LANGUAGES;

/**
 * The problems of a list of languages, as `{ path, message }` (empty when it may be used): codes shaped as
 * BCP-47 and unique, Vietnamese present, complete and usable for both interface and content (it is every
 * string's fallback), each language usable for something.
 */
export function languageListProblems(
  list: readonly LanguageInfo[],
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  list.forEach((l, i) => {
    if (!LANGUAGE_CODE_PATTERN.test(l.code))
      problems.push({
        path: `languages.${i}.code`,
        message: `expected a BCP-47 code such as "vi" or "hmn", not "${l.code}"`,
      });
    if (seen.has(l.code.toLowerCase()))
      problems.push({
        path: `languages.${i}.code`,
        message: `expected each language once ("${l.code}" repeats)`,
      });
    seen.add(l.code.toLowerCase());
    if (!l.ui && !l.content)
      problems.push({ path: `languages.${i}`, message: 'expected ui: true or content: true (or both)' });
  });
  const vi = list.find((l) => l.code === 'vi');
  if (!vi)
    problems.push({
      path: 'languages',
      message: 'expected Vietnamese (vi): it is the fallback of every text',
    });
  else if (!vi.ui || !vi.content || vi.status !== 'complete')
    problems.push({
      path: `languages.${list.indexOf(vi)}`,
      message:
        'expected Vietnamese (vi) to be complete, with ui: true and content: true (it is the fallback)',
    });
  return problems;
}

/** Makes `list` the languages of this process (after checking it with {@link languageListProblems}). */
export function configureLanguages(list: readonly LanguageInfo[]): void {
  const problems = languageListProblems(list);
  if (problems.length > 0)
    throw new Error(`Invalid languages: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  configured = Object.freeze(list.map((l) => Object.freeze({ ...l, name: { ...l.name } })));
}

/** Every configured language, in the order of the file (Vietnamese need not be first). */
export function configuredLanguages(): readonly LanguageInfo[] {
  return configured;
}

export function languageInfo(code: string): LanguageInfo | undefined {
  return configured.find((l) => l.code === code);
}

/** A configured language course text may be written in. */
export function isContentLanguage(code: unknown): code is Language {
  return typeof code === 'string' && configured.some((l) => l.content && l.code === code);
}

/** A configured language the interface may be shown in (and a person may choose as theirs). */
export function isUiLanguage(code: unknown): code is Language {
  return typeof code === 'string' && configured.some((l) => l.ui && l.code === code);
}

export const contentLanguageCodes = (): string[] => configured.filter((l) => l.content).map((l) => l.code);
export const uiLanguageCodes = (): string[] => configured.filter((l) => l.ui).map((l) => l.code);

/** The language of a mail, PDF or notice for someone whose language is `code`: English, else Vietnamese. */
export const messageLanguage = (code: string | null | undefined): MessageLanguage =>
  code === 'en' ? 'en' : 'vi';
