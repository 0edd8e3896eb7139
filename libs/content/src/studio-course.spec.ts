import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import type { CompetencyIndex } from './assemble-course';
import { buildStudioCourse } from './studio-course';

const competencies: CompetencyIndex = new Map([
  ['tt02-2025:1.1', { name: { vi: 'Duyệt, tìm kiếm', en: 'Browsing' }, levels: [1, 2, 3, 4, 5, 6, 7, 8] }],
]);

const complete = (): StudioDraft =>
  studioDraftSchema.parse({
    languages: ['vi', 'en'],
    title: { vi: 'Dùng Zalo an toàn', en: 'Using Zalo safely' },
    summary: { vi: 'Nhắn tin, gọi điện, giữ tài khoản an toàn.', en: 'Messages, calls, a safe account.' },
    description: { vi: 'Khoá học **ngắn**.', en: '' },
    targetGroups: ['citizens'],
    competencies: [{ framework: 'tt02-2025', code: '1.1', level: 2 }],
    lessons: [
      {
        key: 'mo-dau',
        kind: 'text',
        title: { vi: 'Mở đầu', en: 'Start' },
        minutes: 5,
        body: { vi: 'Xin chào các bác.', en: 'Hello.' },
      },
      {
        key: 'thuc-hanh',
        kind: 'checklist',
        title: { vi: 'Thực hành', en: 'Practice' },
        minutes: 10,
        items: [{ vi: 'Mở Zalo', en: 'Open Zalo' }],
      },
    ],
  });

describe('buildStudioCourse', () => {
  it('turns a complete draft into an importable course with one module and an all-lessons completion rule', () => {
    const result = buildStudioCourse('zalo-an-toan', '3', complete(), competencies);
    expect(result.problems).toEqual([]);
    const course = result.course!;
    expect(course).toMatchObject({
      id: 'zalo-an-toan',
      edition: '3',
      estimatedMinutes: 15,
      completion: { lessons: 'all', quizzes: [] },
      modules: [{ key: 'main', lessons: ['mo-dau', 'thuc-hanh'] }],
    });
    expect(course.descriptionHtml.vi).toContain('<strong>ngắn</strong>');
    // An empty description in a language falls back to the summary.
    expect(course.descriptionHtml.en).toContain('Messages, calls');
    expect(course.lessons[0]!.bodyHtml.vi).toBe('<p>Xin chào các bác.</p>\n');
    expect(course.lessons[0]!.minReadSeconds).toBe(10);
    expect(course.lessons[1]!.data).toEqual({ items: [{ vi: 'Mở Zalo', en: 'Open Zalo' }] });
    expect(course.search.a).toContain('zalo an toan');
    expect(course.search.c).toContain('duyet');
  });

  it('gives the same content hash for the same draft and a new one when a lesson changes', () => {
    const a = buildStudioCourse('c', '1', complete(), competencies).course!;
    const b = buildStudioCourse('c', '1', complete(), competencies).course!;
    expect(a.contentHash).toBe(b.contentHash);
    const changed = complete();
    (changed.lessons[0] as { body: { vi: string } }).body.vi = 'Nội dung mới.';
    const c = buildStudioCourse('c', '1', changed, competencies).course!;
    expect(c.contentHash).not.toBe(a.contentHash);
    // The unchanged lesson keeps its hash, so learners' progress on it carries over.
    expect(c.lessons[1]!.contentHash).toBe(a.lessons[1]!.contentHash);
  });

  it('lists every missing piece of an unfinished draft, by field', () => {
    const draft = studioDraftSchema.parse({
      languages: ['vi', 'en'],
      title: { vi: 'Khoá mới' },
      summary: { vi: '' },
      description: { vi: '' },
      targetGroups: [],
    });
    const result = buildStudioCourse('c', '1', draft, competencies);
    expect(result.course).toBeUndefined();
    expect(result.problems.map((p) => p.field)).toEqual([
      'title.en',
      'summary.vi',
      'summary.en',
      'targetGroups',
      'competencies',
      'lessons',
    ]);
  });

  it('refuses unknown competencies, levels outside the framework, repeated lesson ids and empty lesson texts', () => {
    const draft = complete();
    draft.competencies = [
      { framework: 'tt02-2025', code: '9.9', level: null },
      { framework: 'tt02-2025', code: '1.1', level: 8 },
    ];
    competencies.set('tt02-2025:1.1', { name: { vi: 'Duyệt' }, levels: [1, 2] });
    draft.lessons[1] = {
      key: 'mo-dau',
      kind: 'checklist',
      title: { vi: 'Lặp', en: 'Again' },
      minutes: 1,
      items: [],
    };
    (draft.lessons[0] as { body: { en?: string } }).body.en = '   ';
    const result = buildStudioCourse('c', '1', draft, competencies);
    expect(result.problems).toEqual([
      { field: 'competencies.0', message: 'unknown competency "tt02-2025:9.9"' },
      { field: 'competencies.1.level', message: "expected one of the framework's levels 1, 2" },
      { field: 'lessons.0.body.en', message: 'expected the text in en' },
      { field: 'lessons.1.key', message: 'expected lesson ids to be unique ("mo-dau" repeats)' },
      { field: 'lessons.1.items', message: 'expected at least one checklist item' },
    ]);
  });

  it('drops texts in languages the course does not offer', () => {
    const draft = complete();
    draft.languages = ['vi'];
    const course = buildStudioCourse('c', '1', draft, competencies).course!;
    expect(course.title).toEqual({ vi: 'Dùng Zalo an toàn' });
    expect(Object.keys(course.lessons[0]!.bodyHtml)).toEqual(['vi']);
  });
});
