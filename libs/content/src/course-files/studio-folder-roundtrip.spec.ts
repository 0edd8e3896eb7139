import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import { parseCourseFolder, serializeCourseFolder } from './course-folder';
import { readCourseZip, writeCourseZip } from './course-zip';
import { type MediaIds, studioDraftFromFolder, studioDraftToFolder } from './studio-folder';

const MATERIAL_ID = '11111111-1111-4111-8111-111111111111';
const VIDEO_ID = '22222222-2222-4222-8222-222222222222';
const NARRATION_VI = '33333333-3333-4333-8333-333333333333';
const NARRATION_EN = '44444444-4444-4444-8444-444444444444';
/** The ids an import gives the files it stores: here fixed per path, so the draft comes back equal. */
const ids: MediaIds = {
  material: (path) => (path === 'media/Sơ đồ.pdf' ? MATERIAL_ID : `unknown ${path}`),
  video: (path) => (path === 'media/xem-video.mp4' ? VIDEO_ID : `unknown ${path}`),
  narration: (path) =>
    path.startsWith('media/mo-dau.vi.')
      ? NARRATION_VI
      : path.startsWith('media/mo-dau.en.')
        ? NARRATION_EN
        : path,
};

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
    {
      key: 'xem-video',
      kind: 'video',
      title: { vi: 'Xem video', en: 'Watch' },
      minutes: 2,
      videoId: VIDEO_ID,
      body: { vi: 'Lời thoại', en: 'Transcript' },
      requiredShare: 0.5,
      questions: [
        {
          id: 'dung-lai',
          at: 2.5,
          type: 'single',
          prompt: { vi: 'Chọn', en: 'Pick' },
          explanation: { vi: 'Vì', en: 'Because' },
          options: [
            { id: 'a', text: { vi: 'Một', en: 'One' }, correct: true },
            { id: 'b', text: { vi: 'Hai', en: 'Two' } },
          ],
        },
        {
          id: 'dung-khong',
          at: 3,
          type: 'truefalse',
          prompt: { vi: 'Đúng?' },
          explanation: { vi: '' },
          answer: true,
        },
      ],
    },
    {
      key: 'nhac-lai',
      kind: 'video',
      title: { vi: 'Xem lại', en: 'Again' },
      minutes: 1,
      videoId: VIDEO_ID,
      body: { vi: '', en: '' },
    },
    {
      key: 'tai-lieu',
      kind: 'document',
      title: { vi: 'Tài liệu', en: 'Document' },
      minutes: 4,
      materialId: MATERIAL_ID,
      body: { vi: 'Đọc sơ đồ', en: 'Read it' },
    },
  ],
});
const materials = [
  {
    id: MATERIAL_ID,
    name: 'Sơ đồ.pdf',
    mediaType: 'application/pdf',
    bytes: Buffer.from('%PDF-1.4 fake'),
    altText: null,
  },
];
const videos = [
  {
    id: VIDEO_ID,
    container: 'mp4',
    bytes: Buffer.from('....ftypisom fake'),
    durationSeconds: 4.011,
    // a caption in a language the course does not offer stays behind
    captions: [
      { language: 'en', bytes: Buffer.from('WEBVTT\n\nen') },
      { language: 'vi', bytes: Buffer.from('WEBVTT\n\nvi') },
      { language: 'fr', bytes: Buffer.from('WEBVTT\n\nfr') },
    ],
  },
];

describe('studio draft ↔ course files', () => {
  it('is a fixpoint: draft → zip → draft → zip gives the same bytes and the same draft', () => {
    const zip1 = writeCourseZip(
      serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos)),
    );
    const files = readCourseZip(zip1);
    const back = studioDraftFromFolder(parseCourseFolder(files), ids);
    expect(back.id).toBe('an-toan');
    expect(back.notes).toEqual([]);
    expect(back.materials).toEqual([{ path: 'media/Sơ đồ.pdf', name: 'Sơ đồ.pdf', altText: null }]);
    expect(back.videos).toEqual([
      {
        path: 'media/xem-video.mp4',
        captions: [
          { language: 'vi', path: 'media/xem-video.vi.vtt' },
          { language: 'en', path: 'media/xem-video.en.vtt' },
        ],
      },
    ]);
    const again = studioDraftToFolder(
      'an-toan',
      'draft',
      back.draft,
      [{ ...materials[0]!, bytes: files.get('media/Sơ đồ.pdf')! }],
      [
        {
          ...videos[0]!,
          bytes: files.get('media/xem-video.mp4')!,
          captions: back.videos[0]!.captions.map((c) => ({
            language: c.language,
            bytes: files.get(c.path)!,
          })),
        },
      ],
    );
    expect(writeCourseZip(serializeCourseFolder(again)).equals(zip1)).toBe(true);
    // what the draft says survives; texts of languages the course does not offer are not exported
    expect(back.draft.lessons.slice(2)).toEqual(draft.lessons.slice(2));
    expect(back.draft.competencies).toEqual(draft.competencies);
  });

  it('carries lesson narration: each file once, `audio` in each language file naming it, and back to the same ids', () => {
    const narratedDraft: StudioDraft = {
      ...draft,
      lessons: draft.lessons.map((l) =>
        l.key === 'mo-dau'
          ? { ...l, audio: { vi: NARRATION_VI, en: NARRATION_EN } }
          : // the same narration named by a second lesson, and one in a language the course does not offer
            l.key === 'tai-lieu'
            ? { ...l, audio: { vi: NARRATION_VI, fr: NARRATION_EN } }
            : l,
      ),
    };
    const narrations = [
      { id: NARRATION_VI, container: 'mp3', bytes: Buffer.from('ID3 vi'), durationSeconds: 3.02 },
      { id: NARRATION_EN, container: 'ogg', bytes: Buffer.from('OggS en'), durationSeconds: 2.5 },
      // a narration of the course no lesson names stays behind
      { id: MATERIAL_ID, container: 'm4a', bytes: Buffer.from('ftyp'), durationSeconds: 1 },
    ];
    const folder = studioDraftToFolder('an-toan', 'draft', narratedDraft, materials, videos, narrations);
    const files = serializeCourseFolder(folder);
    expect([...files.keys()].filter((k) => /\.(mp3|ogg|m4a)$/.test(k))).toEqual([
      'media/mo-dau.en.ogg',
      'media/mo-dau.vi.mp3',
    ]);
    expect(files.get('lessons/mo-dau.vi.md')!.toString()).toContain(
      'minutes: 5\naudio:\n  src: media/mo-dau.vi.mp3\n  durationSeconds: 3.02\n---\n',
    );
    expect(files.get('lessons/mo-dau.en.md')!.toString()).toContain(
      'audio:\n  src: media/mo-dau.en.ogg\n  durationSeconds: 2.5\n',
    );
    expect(files.get('lessons/tai-lieu.vi.md')!.toString()).toContain('audio:\n  src: media/mo-dau.vi.mp3\n');
    expect(files.get('lessons/tai-lieu.en.md')!.toString()).not.toContain('audio:');
    const back = studioDraftFromFolder(parseCourseFolder(files), ids);
    expect(back.narrations).toEqual(['media/mo-dau.vi.mp3', 'media/mo-dau.en.ogg']);
    expect(back.notes).toEqual([]);
    expect(back.draft.lessons.find((l) => l.key === 'mo-dau')!.audio).toEqual({
      vi: NARRATION_VI,
      en: NARRATION_EN,
    });
    expect(back.draft.lessons.find((l) => l.key === 'tai-lieu')!.audio).toEqual({ vi: NARRATION_VI });
    expect(back.draft.lessons.find((l) => l.key === 'kiem-tra')!.audio).toBeUndefined();
    const again = studioDraftToFolder('an-toan', 'draft', back.draft, materials, videos, narrations);
    expect(serializeCourseFolder(again)).toEqual(files);
    // a narration file that is also the document's material is refused, naming the lesson file
    const shared = new Map(files).set(
      'lessons/mo-dau.en.md',
      Buffer.from(
        files
          .get('lessons/mo-dau.en.md')!
          .toString()
          .replace('src: media/mo-dau.en.ogg', 'src: media/Sơ đồ.pdf'),
      ),
    );
    shared.delete('media/mo-dau.en.ogg');
    expect(() => studioDraftFromFolder(parseCourseFolder(shared), ids)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'lessons/mo-dau.en.md' }),
      }),
    );
  });

  it('lays the files out as a content/courses/<id>/ folder', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
    expect([...files.keys()]).toEqual([
      'course.yaml',
      'lessons/kiem-tra.en.md',
      'lessons/kiem-tra.vi.md',
      'lessons/mo-dau.en.md',
      'lessons/mo-dau.vi.md',
      'lessons/nhac-lai.en.md',
      'lessons/nhac-lai.vi.md',
      'lessons/tai-lieu.en.md',
      'lessons/tai-lieu.vi.md',
      'lessons/viec-can-lam.en.md',
      'lessons/viec-can-lam.vi.md',
      'lessons/xem-video.en.md',
      'lessons/xem-video.vi.md',
      'media/Sơ đồ.pdf',
      'media/xem-video.en.vtt',
      'media/xem-video.mp4',
      'media/xem-video.vi.vtt',
      'quizzes/kiem-tra.yaml',
    ]);
    expect(files.get('lessons/kiem-tra.vi.md')!.toString()).toContain('quiz:\n  bank: kiem-tra\n');
    expect(files.get('course.yaml')!.toString()).toContain('materials:\n  - src: media/Sơ đồ.pdf\n');
    // the content format's own fields: a document's file, a video's original, captions per language file
    expect(files.get('lessons/tai-lieu.vi.md')!.toString()).toContain(
      'document:\n  src: media/Sơ đồ.pdf\n  mediaType: application/pdf\n',
    );
    const video = files.get('lessons/xem-video.vi.md')!.toString();
    expect(video).toContain(
      'video:\n  src: media/xem-video.mp4\n  durationSeconds: 4.011\n  requiredShare: 0.5\n',
    );
    expect(video).toContain('captions: media/xem-video.vi.vtt\n');
    expect(files.get('lessons/xem-video.en.md')!.toString()).toContain('captions: media/xem-video.en.vtt\n');
    // a second lesson showing the same video names the same files
    expect(files.get('lessons/nhac-lai.vi.md')!.toString()).toContain('src: media/xem-video.mp4\n');
    // nothing of the platform's ids travels
    for (const [path, bytes] of files)
      if (!path.startsWith('media/')) expect(bytes.toString()).not.toMatch(/11111111|22222222/);
  });

  it('refuses files that are not referenced, YAML aliases and unsupported kinds, naming the file', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
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
    const audio = new Map(files).set(
      'lessons/mo-dau.vi.md',
      Buffer.from('---\nid: mo-dau\nkind: audio\ntitle: V\nminutes: 2\n---\n'),
    );
    expect(() => studioDraftFromFolder(parseCourseFolder(audio), ids)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_UNSUPPORTED_KIND',
        details: expect.objectContaining({ lessons: ['mo-dau'] }),
      }),
    );
  });

  it('refuses a video that is also a material, and two caption files for one video and language', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
    const course = files.get('course.yaml')!.toString();
    const both = new Map(files).set(
      'course.yaml',
      Buffer.from(
        course.replace(
          '  - src: media/Sơ đồ.pdf\n',
          '  - src: media/Sơ đồ.pdf\n  - src: media/xem-video.mp4\n',
        ),
      ),
    );
    expect(() => studioDraftFromFolder(parseCourseFolder(both), ids)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'lessons/xem-video.vi.md' }),
      }),
    );
    const lesson = files.get('lessons/nhac-lai.vi.md')!.toString();
    const twice = new Map(files)
      .set(
        'lessons/nhac-lai.vi.md',
        Buffer.from(lesson.replace('captions: media/xem-video.vi.vtt', 'captions: media/khac.vi.vtt')),
      )
      .set('media/khac.vi.vtt', Buffer.from('WEBVTT\n'));
    expect(() => studioDraftFromFolder(parseCourseFolder(twice), ids)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'lessons/nhac-lai.vi.md' }),
      }),
    );
  });

  it('notes what a file course’s video lesson cannot keep in the studio', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
    const lesson = files.get('lessons/xem-video.vi.md')!.toString();
    const withFiles = new Map(files)
      .set(
        'lessons/xem-video.vi.md',
        Buffer.from(
          lesson.replace(
            '  durationSeconds: 4.011\n',
            '  poster: media/anh.jpg\n  durationSeconds: 4.011\n  completionThreshold: 0.8\n',
          ),
        ),
      )
      .set('media/anh.jpg', Buffer.from([0xff, 0xd8, 0xff]));
    expect(studioDraftFromFolder(parseCourseFolder(withFiles), ids).notes).toEqual([
      { code: 'VIDEO_FILES_REMADE', lessons: ['xem-video'] },
      { code: 'VIDEO_THRESHOLD_DROPPED', lessons: ['xem-video'] },
    ]);
  });

  it('passes over the small copy the importer made beside a poster, and refuses one whose image is not there', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
    const lesson = files.get('lessons/xem-video.vi.md')!.toString();
    const withPoster = new Map(files)
      .set(
        'lessons/xem-video.vi.md',
        Buffer.from(
          lesson.replace('  durationSeconds: 4.011\n', '  poster: media/anh.jpg\n  durationSeconds: 4.011\n'),
        ),
      )
      .set('media/anh.jpg', Buffer.from([0xff, 0xd8, 0xff]));
    const withSmall = new Map(withPoster).set('media/anh.480w.webp', Buffer.from('RIFF'));
    const folder = parseCourseFolder(withSmall);
    expect([...folder.media.keys()]).toContain('media/anh.jpg');
    expect([...folder.media.keys()]).not.toContain('media/anh.480w.webp');
    expect(serializeCourseFolder(folder)).toEqual(withPoster);
    const orphan = new Map(withPoster).set('media/khac.480w.webp', Buffer.from('RIFF'));
    expect(() => parseCourseFolder(orphan)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'media/khac.480w.webp' }),
      }),
    );
  });

  it('keeps a file course’s narration when the folder is read and written back, and in a copy to the studio', () => {
    const files = serializeCourseFolder(studioDraftToFolder('an-toan', 'draft', draft, materials, videos));
    const mp3 = Buffer.from([0xff, 0xf3, 0x40, 0xc0]);
    const narrated = new Map(files)
      .set(
        'lessons/mo-dau.vi.md',
        Buffer.from(
          files
            .get('lessons/mo-dau.vi.md')!
            .toString()
            .replace('id: mo-dau\n', 'id: mo-dau\naudio:\n  src: media/mo-dau.vi.mp3\n  synthetic: true\n'),
        ),
      )
      .set(
        'lessons/mo-dau.en.md',
        Buffer.from(
          files
            .get('lessons/mo-dau.en.md')!
            .toString()
            .replace('id: mo-dau\n', 'id: mo-dau\naudio: media/mo-dau.en.mp3\n'),
        ),
      )
      .set('media/mo-dau.vi.mp3', mp3)
      .set('media/mo-dau.en.mp3', mp3);
    // Export of a file course: the narration files are referenced, kept, and the bytes come back the same.
    const folder = parseCourseFolder(narrated);
    expect([...folder.media.keys()]).toEqual(
      expect.arrayContaining(['media/mo-dau.vi.mp3', 'media/mo-dau.en.mp3']),
    );
    expect(serializeCourseFolder(folder)).toEqual(narrated);
    // The studio keeps both narrations (one shared file, as two lessons may share one); the `synthetic` mark
    // it cannot keep is noted, naming the lesson.
    const copied = studioDraftFromFolder(folder, ids);
    expect(copied.narrations).toEqual(['media/mo-dau.vi.mp3', 'media/mo-dau.en.mp3']);
    expect(copied.draft.lessons[0]!.audio).toEqual({ vi: NARRATION_VI, en: NARRATION_EN });
    expect(copied.notes).toContainEqual({ code: 'AUDIO_SYNTHETIC_DROPPED', lessons: ['mo-dau'] });
    // A narration file no lesson names is refused like any stray file; one named but absent too.
    const stray = new Map(files).set('media/stray.mp3', mp3);
    expect(() => parseCourseFolder(stray)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'media/stray.mp3' }),
      }),
    );
    const absent = new Map(narrated);
    absent.delete('media/mo-dau.en.mp3');
    expect(() => parseCourseFolder(absent)).toThrow(
      expect.objectContaining({
        code: 'COURSE_FILES_INVALID',
        details: expect.objectContaining({ entry: 'lessons/mo-dau.en.md' }),
      }),
    );
  });
});
