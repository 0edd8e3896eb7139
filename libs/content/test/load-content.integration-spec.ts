import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ContentIssue, ContentValidationError, formatIssues, loadContent } from '../src';
import type { ContentBundle, CourseData, LessonData } from '@hocvuso/contracts';
import {
  brokenCases,
  COURSE,
  copyOk,
  edit,
  type ExpectedIssue,
  OK_DIR,
  remove,
  removeCopy,
  withVideoQuestions,
} from './fixtures/not-ok/cases';

/** Every file under a folder with a hash of its bytes, to prove the loader writes nothing. */
function treeSnapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

function loadBundle(dir: string): ContentBundle {
  const result = loadContent(dir);
  if (!result.bundle) throw new ContentValidationError(result.issues);
  expect(result.issues).toEqual([]);
  return result.bundle;
}

const course = (b: ContentBundle): CourseData => b.courses.find((c) => c.id === 'phone-safety')!;
const lessonOf = (b: ContentBundle, key: string): LessonData => course(b).lessons.find((l) => l.key === key)!;

function expectIssue(issues: ContentIssue[], expected: ExpectedIssue): void {
  const match = issues.find(
    (i) =>
      i.file === expected.file && i.field === expected.field && i.message.includes(expected.messageIncludes),
  );
  if (!match) {
    throw new Error(
      `expected an issue ${JSON.stringify(expected)}, got:\n${formatIssues(issues) || '  (no issues)'}`,
    );
  }
}

describe('loadContent: the ok fixture', () => {
  let bundle: ContentBundle;
  beforeAll(() => {
    bundle = loadBundle(OK_DIR);
  });

  it('loads with no issues and never writes into the folder', () => {
    const before = treeSnapshot(OK_DIR);
    const result = loadContent(OK_DIR);
    expect(result.issues).toEqual([]);
    expect(result.bundle).toBeDefined();
    expect(treeSnapshot(OK_DIR)).toEqual(before);
  });

  it('reads target groups, the framework and its mappings', () => {
    expect(bundle.targetGroups.map((g) => [g.code, g.kind, g.position])).toEqual([
      ['students', 'group', 0],
      ['citizens', 'group', 1],
      ['older-adults', 'sub_group', 0],
    ]);
    expect(bundle.targetGroups[0]!.description).toBeNull();
    expect(bundle.targetGroups[1]!.description).toEqual({
      vi: 'Mọi người dân trưởng thành.',
      en: 'Every adult resident.',
    });

    expect(bundle.frameworks).toHaveLength(1);
    const fw = bundle.frameworks[0]!;
    expect(fw.id).toBe('fixture-fw');
    expect(fw.levels.map((l) => l.code)).toEqual([1, 2, 3]);
    expect(fw.domains.map((d) => d.code)).toEqual(['1', '4']);
    expect(fw.competencies.map((c) => [c.code, c.domainCode, c.provisional, c.position])).toEqual([
      ['1.1', '1', false, 0],
      ['4.1', '4', false, 1],
      ['4.2', '4', true, 2],
    ]);
    expect(bundle.mappings).toEqual([
      {
        fromFramework: 'fixture-fw',
        fromCode: '4.1',
        toFramework: 'fixture-fw',
        toCode: '4.2',
        relation: 'related',
      },
    ]);
  });

  it('reads the course, its outline and its completion rule', () => {
    const c = course(bundle);
    expect(bundle.courses).toHaveLength(1);
    expect(c).toMatchObject({
      id: 'phone-safety',
      edition: '1.0',
      defaultLanguage: 'vi',
      languages: ['vi', 'en'],
      title: { vi: 'Dùng điện thoại an toàn', en: 'Using a phone safely' },
      targetGroups: ['citizens'],
      subGroups: ['older-adults'],
      estimatedMinutes: 30,
      certificate: true,
      completion: { lessons: 'all', quizzes: ['final-quiz'] },
    });
    expect(c.competencies).toEqual([
      { framework: 'fixture-fw', code: '4.1', level: 1 },
      { framework: 'fixture-fw', code: '4.2', level: 2 },
    ]);
    expect(c.modules.map((m) => [m.key, m.lessons])).toEqual([
      ['basics', ['welcome', 'practice', 'intro-video']],
      ['wrap-up', ['guide', 'final-quiz']],
    ]);
    expect(c.lessons.map((l) => [l.key, l.kind])).toEqual([
      ['welcome', 'text'],
      ['practice', 'checklist'],
      ['intro-video', 'video'],
      ['guide', 'document'],
      ['final-quiz', 'quiz'],
    ]);
    expect(c.descriptionHtml.vi).toBe(
      '<p>Khóa học ngắn cho <strong>người mới</strong> dùng điện thoại.</p>\n',
    );
    expect(c.search.title).toBe('dung dien thoai an toan | using a phone safely');
    expect(c.search.a).toContain('dien thoai');
    expect(c.search.c).toContain('bao ve thiet bi'); // competency names are searchable, folded
  });

  it('reads every lesson kind in both languages', () => {
    const text = lessonOf(bundle, 'welcome');
    expect(text.title).toEqual({ vi: 'Chào mừng', en: 'Welcome' });
    expect(text.bodyHtml.vi).toContain('<h2>Khóa màn hình</h2>');
    expect(text.bodyHtml.en).toContain('<strong>PIN</strong>');
    expect(text.minReadSeconds).toBe(10); // a very short text: the 10 s floor
    expect(text.competencies).toEqual(['fixture-fw:4.1']);

    const checklist = lessonOf(bundle, 'practice');
    expect(checklist.data.items).toEqual([
      { vi: 'Đặt khóa màn hình.', en: 'Set a screen lock.' },
      { vi: 'Bật cập nhật tự động.', en: 'Turn on automatic updates.' },
      { vi: 'Xóa một tin nhắn lạ.', en: 'Delete a suspicious message.' },
    ]);
    expect(checklist.minReadSeconds).toBe(0);

    const video = lessonOf(bundle, 'intro-video');
    expect(video.data.video).toEqual({
      src: 'media/intro.mp4',
      durationSeconds: 62,
      completionThreshold: 0.9,
    });
    expect(video.data.captions).toEqual({ vi: 'media/intro.vi.vtt', en: 'media/intro.en.vtt' });
    expect(video.data.mediaHashes).toHaveLength(3);
    expect(video.bodyHtml.en).toContain('Transcript');

    const doc = lessonOf(bundle, 'guide');
    expect(doc.data.document).toEqual({ src: 'media/guide.pdf', mediaType: 'application/pdf' });
    expect(doc.data.mediaHashes).toEqual([
      createHash('sha256')
        .update(readFileSync(join(OK_DIR, COURSE, 'media/guide.pdf')))
        .digest('hex'),
    ]);

    const quiz = lessonOf(bundle, 'final-quiz');
    const bank = course(bundle).banks.find((b) => b.key === 'final')!;
    expect(quiz.data.quiz).toEqual({
      bank: 'final',
      questionsPerAttempt: 4,
      passMark: 70,
      timeLimitMinutes: 10,
      maxAttempts: 3,
      bankHash: bank.contentHash,
    });
    expect((bank.questions as Array<{ type: string }>).map((q) => q.type)).toEqual([
      'single',
      'multiple',
      'truefalse',
      'ordering',
    ]);
    // an option without `correct` is stored as not correct
    expect(
      (bank.questions[0] as { options: Array<{ correct: boolean }> }).options.map((o) => o.correct),
    ).toEqual([false, true]);
  });

  it('gives the same hashes on every load', () => {
    const again = loadBundle(OK_DIR);
    expect(course(again).contentHash).toBe(course(bundle).contentHash);
    expect(course(again).lessons.map((l) => l.contentHash)).toEqual(
      course(bundle).lessons.map((l) => l.contentHash),
    );
    expect(again.frameworks[0]!.contentHash).toBe(bundle.frameworks[0]!.contentHash);
  });
});

describe('loadContent: what changes a hash and what does not', () => {
  let dir: string;
  let original: ContentBundle;
  beforeAll(() => {
    original = loadBundle(OK_DIR);
  });
  beforeEach(() => {
    dir = copyOk();
  });
  afterEach(() => removeCopy(dir));

  it('a lesson saved with Windows line endings, a BOM and decomposed (NFD) Vietnamese hashes the same', () => {
    for (const file of [
      `${COURSE}/lessons/welcome.vi.md`,
      `${COURSE}/course.yaml`,
      `${COURSE}/quizzes/final.yaml`,
    ]) {
      const path = join(dir, file);
      const source = readFileSync(path, 'utf8');
      writeFileSync(path, `\uFEFF${source.normalize('NFD').replace(/\n/g, '\r\n')}`);
    }
    expect(readFileSync(join(dir, `${COURSE}/lessons/welcome.vi.md`), 'utf8')).not.toBe(
      readFileSync(join(OK_DIR, `${COURSE}/lessons/welcome.vi.md`), 'utf8'),
    );
    const changed = loadBundle(dir);
    expect(course(changed).contentHash).toBe(course(original).contentHash);
    expect(lessonOf(changed, 'welcome').title.vi).toBe('Chào mừng'.normalize('NFC'));
  });

  it("editing one lesson's text changes that lesson's hash and the course hash, nothing else", () => {
    edit(dir, `${COURSE}/lessons/welcome.en.md`, 'only you know', 'nobody else knows');
    const changed = loadBundle(dir);
    expect(course(changed).contentHash).not.toBe(course(original).contentHash);
    for (const l of course(changed).lessons) {
      const before = lessonOf(original, l.key).contentHash;
      if (l.key === 'welcome') expect(l.contentHash).not.toBe(before);
      else expect(l.contentHash).toBe(before);
    }
  });

  it('pinned questions of a video are stored with the video, in time order, and change its hash', () => {
    withVideoQuestions(dir);
    const changed = loadBundle(dir);
    const video = lessonOf(changed, 'intro-video');
    expect(video.contentHash).not.toBe(lessonOf(original, 'intro-video').contentHash);
    const stored = video.data.video as { requiredShare: number; questions: Array<Record<string, unknown>> };
    expect(stored.requiredShare).toBe(0.5);
    expect(stored.questions.map((q) => [q.id, q.at, q.type])).toEqual([
      ['why-lock', 20, 'single'],
      ['pin-six', 40.5, 'truefalse'],
    ]);
    expect(stored.questions[0]).toMatchObject({
      prompt: { vi: 'Vì sao nên khóa màn hình?', en: 'Why lock the screen?' },
      options: [
        { id: 'privacy', correct: true },
        { id: 'speed', correct: false },
      ],
    });
  });

  it('replacing a media file changes the hash of the lesson that uses it', () => {
    writeFileSync(join(dir, `${COURSE}/media/intro.mp4`), Buffer.from('another tiny video'));
    const changed = loadBundle(dir);
    expect(lessonOf(changed, 'intro-video').contentHash).not.toBe(
      lessonOf(original, 'intro-video').contentHash,
    );
    expect(lessonOf(changed, 'guide').contentHash).toBe(lessonOf(original, 'guide').contentHash);
  });

  it("editing a question changes the bank hash and the quiz lesson's hash", () => {
    edit(dir, `${COURSE}/quizzes/final.yaml`, 'Updates fix security holes.', 'Updates close security holes.');
    const changed = loadBundle(dir);
    expect(course(changed).banks[0]!.contentHash).not.toBe(course(original).banks[0]!.contentHash);
    expect(lessonOf(changed, 'final-quiz').contentHash).not.toBe(
      lessonOf(original, 'final-quiz').contentHash,
    );
    expect(lessonOf(changed, 'welcome').contentHash).toBe(lessonOf(original, 'welcome').contentHash);
  });
});

describe('loadContent: not-ok fixtures (the ok tree with one breakage each)', () => {
  it('has one uniquely named case per breakage', () => {
    const names = brokenCases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(23);
  });

  describe.each(brokenCases.map((c) => [c.name, c] as const))('%s', (_name, broken) => {
    let dir: string;
    beforeAll(() => {
      dir = copyOk();
      broken.mutate(dir);
    });
    afterAll(() => removeCopy(dir));

    it('returns no bundle and names the file, the field and what was expected', () => {
      const result = loadContent(dir);
      expect(result.bundle).toBeUndefined();
      expect(result.issues.length).toBeGreaterThan(0);
      expectIssue(result.issues, broken.expect);
      for (const issue of result.issues) {
        expect(issue.message.length).toBeGreaterThan(0);
        // files are named relative to the content folder, never with the temporary absolute path
        expect(issue.file.startsWith('/')).toBe(false);
        expect(issue.file).not.toContain(dir);
      }
    });
  });
});

describe('loadContent: several problems at once', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyOk();
  });
  afterEach(() => removeCopy(dir));

  it('reports all three breakages in different files in one run', () => {
    const picked = [
      'course id differs from its folder name',
      'checklist item count differs between languages',
      'single-choice question with two correct options',
    ].map((name) => brokenCases.find((c) => c.name === name)!);
    for (const c of picked) c.mutate(dir);
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    for (const c of picked) expectIssue(result.issues, c.expect);
    expect(new Set(result.issues.map((i) => i.file)).size).toBe(3);
  });

  it('reports several schema problems in the same file', () => {
    edit(dir, `${COURSE}/course.yaml`, 'targetGroups: [citizens]', 'targetGroups: [citizen]');
    edit(dir, `${COURSE}/course.yaml`, 'estimatedMinutes: 30', 'estimatedMinutes: 700');
    edit(dir, `${COURSE}/course.yaml`, 'certificate: true', 'certificate: yes please');
    const file = `${COURSE}/course.yaml`;
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expectIssue(result.issues, { file, field: 'targetGroups.0', messageIncludes: 'expected one of' });
    expectIssue(result.issues, {
      file,
      field: 'estimatedMinutes',
      messageIncludes: 'expected whole minutes',
    });
    expectIssue(result.issues, { file, field: 'certificate', messageIncludes: 'expected boolean' });
  });

  it('reports several cross-reference problems in the same file', () => {
    edit(dir, `${COURSE}/course.yaml`, 'id: phone-safety', 'id: phone-safety-course');
    edit(dir, `${COURSE}/course.yaml`, 'code: "4.2", level: 2', 'code: "4.2", level: 5');
    edit(dir, `${COURSE}/course.yaml`, 'quizzes: [final-quiz]', 'quizzes: [practice]');
    const file = `${COURSE}/course.yaml`;
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expectIssue(result.issues, { file, field: 'id', messageIncludes: 'the folder name' });
    expectIssue(result.issues, {
      file,
      field: 'competencies.1.level',
      messageIncludes: "framework's levels",
    });
    expectIssue(result.issues, {
      file,
      field: 'completion.quizzes.0',
      messageIncludes: 'expected a quiz lesson',
    });
  });

  it('reports a missing top level: no target groups, no frameworks', () => {
    remove(dir, 'target-groups.yaml');
    remove(dir, 'frameworks/fixture-fw.yaml');
    const result = loadContent(dir);
    expect(result.bundle).toBeUndefined();
    expectIssue(result.issues, { file: 'target-groups.yaml', field: '', messageIncludes: 'file is missing' });
    expectIssue(result.issues, {
      file: 'frameworks',
      field: '',
      messageIncludes: 'expected at least one framework file',
    });
  });

  it('ContentValidationError lists every issue with file and field', () => {
    for (const name of ['duplicate question id', 'bad lesson kind'])
      brokenCases.find((c) => c.name === name)!.mutate(dir);
    const { issues } = loadContent(dir);
    const error = new ContentValidationError(issues);
    expect(error.message).toContain(`${issues.length} problem(s) in the content folder`);
    expect(error.message).toContain(
      `${COURSE}/quizzes/final.yaml › questions.1.id: expected question ids to be unique`,
    );
    expect(error.message).toContain(`${COURSE}/lessons/welcome.vi.md › kind: expected kind to be one of`);
  });
});
