import { join } from 'node:path';
import { BUILT_IN_LANGUAGES, configuredLanguages, isContentLanguage, localize } from '@hocvuso/domain';
import type { ContentBundle, CourseData } from '@hocvuso/contracts';
import { formatIssues, loadContent, readLanguagesFile } from '../src';
import { COURSE, copyOk, edit, remove, removeCopy, write } from './fixtures/not-ok/cases';

const CONTENT_DIR = join(__dirname, '..', '..', '..', 'content');

function load(dir: string): ContentBundle {
  const result = loadContent(dir);
  if (!result.bundle) throw new Error(formatIssues(result.issues));
  return result.bundle;
}
const phoneSafety = (b: ContentBundle): CourseData => b.courses.find((c) => c.id === 'phone-safety')!;

/** docs/languages.md: languages are data, a course may carry any configured one in part, vi is required. */
describe('languages as data in the content folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyOk();
  });
  afterEach(() => removeCopy(dir));

  it('reads languages.yaml first and checks the course against it (a configured sample language is accepted)', () => {
    edit(dir, `${COURSE}/course.yaml`, 'languages: [vi, en]', 'languages: [vi, en]\npartialLanguages: [hmn]');
    edit(
      dir,
      `${COURSE}/course.yaml`,
      '  en: Using a phone safely\n',
      '  en: Using a phone safely\n  hmn: Siv xov tooj\n',
    );
    write(
      dir,
      `${COURSE}/lessons/welcome.hmn.md`,
      '---\nid: welcome\ntitle: Nyob zoo\n---\n\nNyob zoo **koj**.\n',
    );
    const course = phoneSafety(load(dir));
    expect(configuredLanguages().map((l) => l.code)).toEqual(['vi', 'en', 'hmn']);
    // The complete languages stay what the catalogue filters by; the sample is carried text by text.
    expect(course.languages).toEqual(['vi', 'en']);
    expect(course.title).toMatchObject({ vi: 'Dùng điện thoại an toàn', hmn: 'Siv xov tooj' });
    const welcome = course.lessons.find((l) => l.key === 'welcome')!;
    expect(welcome.title).toMatchObject({ hmn: 'Nyob zoo' });
    expect(welcome.bodyHtml.hmn).toContain('<strong>koj</strong>');
    // A lesson the sample does not translate has no text in it: the api shows its Vietnamese.
    const practice = course.lessons.find((l) => l.key === 'practice')!;
    expect(Object.keys(practice.bodyHtml).sort()).toEqual(['en', 'vi']);
    expect(localize(practice.title, 'hmn', course.defaultLanguage)).toBe(practice.title.vi);
  });

  it('changes the lesson and course hashes when a sample lesson is added, and only that lesson', () => {
    const before = phoneSafety(load(dir));
    edit(dir, `${COURSE}/course.yaml`, 'languages: [vi, en]', 'languages: [vi, en]\npartialLanguages: [hmn]');
    const declaredOnly = phoneSafety(load(dir));
    expect(declaredOnly.lessons.map((l) => l.contentHash)).toEqual(before.lessons.map((l) => l.contentHash));
    write(dir, `${COURSE}/lessons/welcome.hmn.md`, '---\nid: welcome\ntitle: Nyob zoo\n---\n\nNyob zoo.\n');
    const after = phoneSafety(load(dir));
    const changed = after.lessons.filter((l, i) => l.contentHash !== before.lessons[i]!.contentHash);
    expect(changed.map((l) => l.key)).toEqual(['welcome']);
  });

  it('a folder without languages.yaml has Vietnamese and English, and refuses any other language', () => {
    remove(dir, 'languages.yaml');
    edit(
      dir,
      `${COURSE}/course.yaml`,
      '  en: Using a phone safely\n',
      '  en: Using a phone safely\n  hmn: Siv xov tooj\n',
    );
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expect(configuredLanguages()).toEqual(BUILT_IN_LANGUAGES);
    expect(result.issues).toContainEqual({
      file: `${COURSE}/course.yaml`,
      field: 'title.hmn',
      message: '"hmn" is not a content language of languages.yaml (vi, en)',
    });
  });

  it('still requires Vietnamese in every localised text, whatever else is there', () => {
    edit(
      dir,
      `${COURSE}/course.yaml`,
      '  vi: Dùng điện thoại an toàn\n  en: Using a phone safely\n',
      '  en: Using a phone safely\n  hmn: Siv xov tooj\n',
    );
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues.find((i) => i.field === 'title.vi')?.message).toBe('expected text');
  });

  it('a broken languages.yaml is reported alone (nothing else can be checked against it), with every problem', () => {
    write(
      dir,
      'languages.yaml',
      'languages:\n  - { code: en, endonym: English, name: { vi: Tiếng Anh, en: English }, script: latin, ui: false, content: false, status: complete }\n',
    );
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expect(result.issues.map((i) => `${i.file} ${i.field}`)).toEqual(['languages.yaml languages.0.script']);
    write(
      dir,
      'languages.yaml',
      'languages:\n  - { code: en, endonym: English, name: { vi: Tiếng Anh, en: English }, script: Latn, ui: false, content: false, status: complete }\n',
    );
    expect(loadContent(dir).issues.map((i) => `${i.file} ${i.field}: ${i.message}`)).toEqual([
      'languages.yaml languages.0: expected ui: true or content: true (or both)',
      'languages.yaml languages: expected Vietnamese (vi): it is the fallback of every text',
    ]);
    write(dir, 'languages.yaml', 'languages: [\n');
    expect(loadContent(dir).issues[0]).toMatchObject({
      file: 'languages.yaml',
      message: expect.stringContaining('not valid YAML'),
    });
  });
});

describe('the shipped languages', () => {
  it('content/languages.yaml is valid: Vietnamese and English complete, the Hmong sample marked for review', () => {
    const { languages, issues } = readLanguagesFile(CONTENT_DIR);
    expect(issues).toEqual([]);
    expect(languages!.map((l) => [l.code, l.status, l.ui, l.content])).toEqual([
      ['vi', 'complete', true, true],
      ['en', 'complete', true, true],
      ['hmn', 'sample-needs-native-review', true, true],
    ]);
    for (const l of languages!) expect(l.endonym).toBe(l.endonym.normalize('NFC'));
  });

  it('smartphone-basics carries the sample: its title and one lesson in Hmong, everything else in Vietnamese', () => {
    const bundle = load(CONTENT_DIR);
    expect(isContentLanguage('hmn')).toBe(true);
    const course = bundle.courses.find((c) => c.id === 'smartphone-basics')!;
    expect(course.languages).toEqual(['vi', 'en']);
    expect(course.title.hmn).toBe('Siv xov tooj ntse kom muaj kev nyab xeeb');
    const withSample = course.lessons.filter((l) => l.bodyHtml.hmn !== undefined).map((l) => l.key);
    expect(withSample).toEqual(['turn-on-and-unlock']);
    const lesson = course.lessons.find((l) => l.key === 'turn-on-and-unlock')!;
    expect(lesson.title.hmn).toBe('Qhib xov tooj thiab xauv lub vijtsam');
    // The sample says what it is, in the lesson itself.
    expect(lesson.bodyHtml.hmn).toContain('Bản dịch mẫu, cần người bản ngữ rà soát');
  });
});
