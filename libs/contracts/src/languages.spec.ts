import {
  BUILT_IN_LANGUAGES,
  configureLanguages,
  type LanguageInfo,
  languageListProblems,
  localize,
} from '@hocvuso/domain';
import {
  contentLanguageSchema,
  courseDetailQuerySchema,
  languageSchema,
  profileUpdateSchema,
  studioDraftSchema,
  uiLanguageSchema,
} from './index';

const SAMPLE: LanguageInfo = {
  code: 'hmn',
  endonym: 'Lus Hmoob',
  name: { vi: 'Tiếng Mông', en: 'Hmong' },
  script: 'Latn',
  direction: 'ltr',
  ui: true,
  content: true,
  status: 'sample-needs-native-review',
};
const CONTENT_ONLY: LanguageInfo = { ...SAMPLE, code: 'blt', endonym: 'Tai Dam', ui: false };

/** docs/languages.md: the contracts check languages against the configured list, not a code constant. */
describe('languages in the contracts', () => {
  afterEach(() => configureLanguages(BUILT_IN_LANGUAGES));

  it('take any configured language and refuse the rest, by what each language is for', () => {
    expect(languageSchema.safeParse('hmn').success).toBe(false);
    configureLanguages([...BUILT_IN_LANGUAGES, SAMPLE, CONTENT_ONLY]);
    expect(languageSchema.parse('hmn')).toBe('hmn');
    expect(uiLanguageSchema.safeParse('blt').success).toBe(false);
    expect(contentLanguageSchema.parse('blt')).toBe('blt');
    for (const bad of ['fr', 'HMN', 'hmn\u0000', 'h\u200bmn', 'x'.repeat(40), '', 7])
      expect([bad, languageSchema.safeParse(bad).success]).toEqual([bad, false]);
  });

  it('a ?lang= it does not know is Vietnamese, not an error', () => {
    configureLanguages([...BUILT_IN_LANGUAGES, SAMPLE]);
    expect(courseDetailQuerySchema.parse({ lang: 'hmn' }).lang).toBe('hmn');
    expect(courseDetailQuerySchema.parse({ lang: 'fr' }).lang).toBe('vi');
    expect(courseDetailQuerySchema.parse({ lang: ['hmn', 'en'] }).lang).toBe('vi');
  });

  it('the profile takes interface languages only', () => {
    configureLanguages([...BUILT_IN_LANGUAGES, SAMPLE, CONTENT_ONLY]);
    const body = (language: string) => ({
      targetGroups: [],
      subGroups: [],
      unitId: null,
      organisationId: null,
      language,
      accessibility: {},
    });
    expect(profileUpdateSchema.safeParse(body('hmn')).success).toBe(true);
    expect(profileUpdateSchema.safeParse(body('blt')).success).toBe(false);
  });

  it('a studio draft carries any content language and no other; Vietnamese is always there', () => {
    configureLanguages([...BUILT_IN_LANGUAGES, SAMPLE]);
    const draft = (title: Record<string, string>, languages: string[]) =>
      studioDraftSchema.safeParse({ languages, title, summary: {}, description: {}, targetGroups: [] });
    const ok = draft({ hmn: 'Nyob zoo' }, ['vi', 'hmn']);
    expect(ok.success && ok.data.title).toEqual({ vi: '', hmn: 'Nyob zoo' });
    const refused = draft({ vi: 'A', fr: 'B' }, ['vi']);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['title.fr']);
    expect(draft({ vi: 'A' }, ['vi', 'fr']).success).toBe(false);
  });
});

describe('the language list rules', () => {
  it('need Vietnamese, complete, for interface and content, and unique BCP-47 codes', () => {
    expect(languageListProblems(BUILT_IN_LANGUAGES)).toEqual([]);
    expect(languageListProblems([SAMPLE]).map((p) => p.path)).toEqual(['languages']);
    expect(languageListProblems([{ ...BUILT_IN_LANGUAGES[0]!, ui: false }]).map((p) => p.path)).toEqual([
      'languages.0',
    ]);
    expect(
      languageListProblems([...BUILT_IN_LANGUAGES, { ...SAMPLE, code: 'en' }]).map((p) => p.message),
    ).toEqual(['expected each language once ("en" repeats)']);
    expect(() => configureLanguages([SAMPLE])).toThrow('expected Vietnamese (vi)');
  });

  it('localize falls back field by field: the language asked, the course language, Vietnamese', () => {
    const text = { vi: 'Xin chào', en: 'Hello' };
    expect(localize(text, 'hmn')).toBe('Xin chào');
    expect(localize(text, 'hmn', 'en')).toBe('Hello');
    expect(localize({ ...text, hmn: 'Nyob zoo' }, 'hmn', 'en')).toBe('Nyob zoo');
    expect(localize({ ...text, hmn: '' }, 'hmn')).toBe('Xin chào');
  });
});
