import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import { parseCourseFolder, serializeCourseFolder } from './course-folder';
import { readCourseZip, writeCourseZip } from './course-zip';
import { studioDraftFromFolder, studioDraftToFolder } from './studio-folder';

const draft: StudioDraft = studioDraftSchema.parse({
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: { vi: 'An toàn trên mạng', en: 'Safe online' },
  summary: { vi: 'Tóm tắt: "trích dẫn" và dấu #', en: 'Summary' },
  description: { vi: '# Mô tả\n\nDòng 2\n---\nkhông phải front matter', en: '' },
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [
    { framework: 'tt02-2025', code: '4.1', level: 1 },
    { framework: 'tt02-2025', code: '1.1' },
  ],
  certificate: true,
  lessons: [
    {
      key: 'mo-dau',
      kind: 'text',
      title: { vi: 'Mở đầu', en: 'Intro' },
      minutes: 5,
      body: { vi: 'Xin chào\n\n---\n\nyes: no', en: '' },
    },
    {
      key: 'viec-can-lam',
      kind: 'checklist',
      title: { vi: 'Việc cần làm' },
      minutes: 3,
      items: [{ vi: 'Đặt mật khẩu', en: 'Set a password' }, { vi: '' }],
    },
    {
      key: 'kiem-tra',
      kind: 'quiz',
      title: { vi: 'Kiểm tra', en: 'Check' },
      minutes: 10,
      instructions: { vi: 'Trả lời', en: 'Answer' },
      settings: {
        questionsPerAttempt: 2,
        passMark: 70,
        timeLimitMinutes: null,
        maxAttempts: 3,
        reveal: 'never',
        retakeCooldownHours: 0,
      },
      questions: [
        {
          id: 'q1',
          type: 'single',
          competency: 'tt02-2025:4.1',
          prompt: { vi: 'Chọn một', en: 'Pick one' },
          explanation: { vi: 'Vì', en: 'Because' },
          options: [
            { id: 'a', text: { vi: 'Đúng', en: 'Right' }, correct: true },
            { id: 'b', text: { vi: 'Sai', en: 'Wrong' } },
          ],
        },
        {
          id: 'q2',
          type: 'truefalse',
          competency: null,
          prompt: { vi: 'Đúng không?' },
          explanation: { vi: '' },
          answer: false,
        },
        {
          id: 'q3',
          type: 'ordering',
          prompt: { vi: 'Sắp xếp' },
          explanation: { vi: 'x' },
          items: [
            { id: 'x', text: { vi: 'Một' } },
            { id: 'y', text: { vi: 'Hai' } },
          ],
        },
      ],
    },
  ],
});
const materials = [{ name: 'Sơ đồ.pdf', bytes: Buffer.from('%PDF-1.4 fake'), altText: null }];

describe('studio draft ↔ course files', () => {
  it('is a fixpoint: draft → zip → draft → zip gives the same bytes and the same draft', () => {
    const zip1 = writeCourseZip(
      serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials)),
    );
    const back = studioDraftFromFolder(parseCourseFolder(readCourseZip(zip1)));
    expect(back.id).toBe('an-toan');
    expect(back.notes).toEqual([]);
    expect(back.materials).toEqual([{ path: 'media/Sơ đồ.pdf', name: 'Sơ đồ.pdf', altText: null }]);
    const again = studioDraftToFolder('an-toan', 'draft', back.draft, [
      { name: 'Sơ đồ.pdf', bytes: readCourseZip(zip1).get('media/Sơ đồ.pdf')!, altText: null },
    ]);
    expect(writeCourseZip(serializeCourseFolder(again)).equals(zip1)).toBe(true);
    // what the draft says survives; texts of languages the course does not offer are not exported
    expect(back.draft.lessons[2]).toEqual(draft.lessons[2]);
    expect(back.draft.competencies).toEqual(draft.competencies);
  });

  it('lays the files out as a content/courses/<id>/ folder', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials));
    expect([...files.keys()]).toEqual([
      'course.yaml',
      'lessons/kiem-tra.en.md',
      'lessons/kiem-tra.vi.md',
      'lessons/mo-dau.en.md',
      'lessons/mo-dau.vi.md',
      'lessons/viec-can-lam.en.md',
      'lessons/viec-can-lam.vi.md',
      'media/Sơ đồ.pdf',
      'quizzes/kiem-tra.yaml',
    ]);
    expect(files.get('lessons/kiem-tra.vi.md')!.toString()).toContain('quiz:\n  bank: kiem-tra\n');
    expect(files.get('course.yaml')!.toString()).toContain('materials:\n  - src: media/Sơ đồ.pdf\n');
  });

  it('refuses files that are not referenced, YAML aliases and unsupported kinds, naming the file', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials));
    const stray = new Map(files).set('media/extra.pdf', Buffer.from('%PDF'));
    expect(() => parseCourseFolder(stray)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'media/extra.pdf' }),
      }),
    );
    const bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n';
    const aliased = new Map(files).set('course.yaml', Buffer.from(bomb));
    expect(() => parseCourseFolder(aliased)).toThrow(
      expect.objectContaining({ code: 'COURSE_FILE_YAML_ALIAS' }),
    );
    const huge = new Map(files).set('course.yaml', Buffer.alloc(300 * 1024, 0x61));
    expect(() => parseCourseFolder(huge)).toThrow(expect.objectContaining({ code: 'COURSE_FILE_TOO_LARGE' }));
    const latin = new Map(files).set(
      'lessons/mo-dau.vi.md',
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe0, 0x0a]),
    );
    expect(() => parseCourseFolder(latin)).toThrow(expect.objectContaining({ code: 'COURSE_FILE_NOT_UTF8' }));
    const video = new Map(files).set(
      'lessons/mo-dau.vi.md',
      Buffer.from('---\nid: mo-dau\nkind: video\ntitle: V\nminutes: 2\n---\n'),
    );
    expect(() => studioDraftFromFolder(parseCourseFolder(video))).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_UNSUPPORTED_KIND',
        details: expect.objectContaining({ lessons: ['mo-dau'] }),
      }),
    );
  });
});
