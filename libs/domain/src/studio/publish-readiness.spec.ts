import {
  PUBLISH_PROBLEM_CODES,
  publishReadiness,
  type ReadinessDraft,
  type ReadinessLesson,
  type ReadinessMaterial,
  type ReadinessVideo,
} from './publish-readiness';

const PDF: ReadinessMaterial = { id: 'm-pdf', mediaType: 'application/pdf', altText: null, name: 'a.pdf' };
const IMAGE: ReadinessMaterial = { id: 'm-img', mediaType: 'image/png', altText: null, name: 'so-do.png' };
const DESCRIBED: ReadinessMaterial = { ...IMAGE, id: 'm-img2', altText: 'Sơ đồ mạng gia đình' };
const READY: ReadinessVideo = {
  id: 'v-ready',
  name: 'gioi-thieu.mp4',
  status: 'ready',
  captionLanguages: ['vi'],
};
const ENGLISH_ONLY: ReadinessVideo = { ...READY, id: 'v-en', captionLanguages: ['en'] };
const TRANSCODING: ReadinessVideo = { ...READY, id: 'v-busy', status: 'transcoding' };
const FAILED: ReadinessVideo = { ...READY, id: 'v-failed', status: 'failed', captionLanguages: [] };
const ctx = {
  materials: new Map([PDF, IMAGE, DESCRIBED].map((m) => [m.id, m])),
  videos: new Map([READY, ENGLISH_ONLY, TRANSCODING, FAILED].map((v) => [v.id, v])),
};

const text = (body = 'Nội dung.'): ReadinessLesson => ({ key: 'bai-viet', kind: 'text', body: { vi: body } });
const draft = (...lessons: ReadinessLesson[]): ReadinessDraft => ({
  competencies: ['tt02-2025:1.1'],
  lessons,
});
const codes = (d: ReadinessDraft) => publishReadiness(d, ctx).map((p) => `${p.code}@${p.path}`);

describe('publishReadiness', () => {
  it('a complete course has no problem', () => {
    expect(
      publishReadiness(
        draft(
          text(),
          { key: 'viec', kind: 'checklist', items: [{ vi: 'Mở ứng dụng' }] },
          { key: 'kt', kind: 'quiz', questions: [1, 2], settings: { questionsPerAttempt: 2 } },
          { key: 'tl', kind: 'document', materialId: 'm-pdf' },
          { key: 'anh', kind: 'document', materialId: 'm-img2' },
          { key: 'phim', kind: 'video', videoId: 'v-ready' },
        ),
        ctx,
      ),
    ).toEqual([]);
  });

  it('COURSE_COMPETENCY_MISSING: the course names no framework competency', () => {
    expect(publishReadiness({ competencies: [], lessons: [text()] }, ctx)).toEqual([
      { code: 'COURSE_COMPETENCY_MISSING', path: 'competencies', message: expect.any(String) },
    ]);
  });

  it('LESSON_EMPTY: a text without body (blank, only spaces, in every language)', () => {
    expect(codes(draft(text('  \n ')))).toEqual(['LESSON_EMPTY@lessons.0.body']);
    expect(publishReadiness(draft(text('')), ctx)[0]).toMatchObject({
      lessonKey: 'bai-viet',
      params: { missing: 'body' },
    });
    // Text in one language is not an empty lesson (the missing language is a field problem, not this one).
    expect(codes(draft({ key: 'b', kind: 'text', body: { vi: '', en: 'Text' } }))).toEqual([]);
  });

  it('LESSON_EMPTY: a checklist without items, or with only blank items', () => {
    expect(codes(draft({ key: 'v', kind: 'checklist', items: [] }))).toEqual([
      'LESSON_EMPTY@lessons.0.items',
    ]);
    expect(codes(draft({ key: 'v', kind: 'checklist', items: [{ vi: ' ' }] }))).toEqual([
      'LESSON_EMPTY@lessons.0.items',
    ]);
  });

  it('LESSON_EMPTY: a quiz without questions (and not also "bank smaller than draw")', () => {
    expect(
      codes(draft({ key: 'kt', kind: 'quiz', questions: [], settings: { questionsPerAttempt: 5 } })),
    ).toEqual(['LESSON_EMPTY@lessons.0.questions']);
  });

  it('QUIZ_BANK_SMALLER_THAN_DRAW: fewer questions than one attempt draws, with both numbers', () => {
    const [p] = publishReadiness(
      draft(text(), { key: 'kt', kind: 'quiz', questions: [1, 2], settings: { questionsPerAttempt: 3 } }),
      ctx,
    );
    expect(p).toMatchObject({
      code: 'QUIZ_BANK_SMALLER_THAN_DRAW',
      path: 'lessons.1.settings.questionsPerAttempt',
      lessonKey: 'kt',
      params: { count: 2, draw: 3 },
    });
  });

  it('DOCUMENT_MATERIAL_MISSING: no material chosen, or one not among this course’s (deleted, another course)', () => {
    expect(
      publishReadiness(
        draft(
          { key: 'a', kind: 'document', materialId: null },
          { key: 'b', kind: 'document', materialId: 'of-another-course' },
        ),
        ctx,
      ).map((p) => [p.code, p.path, p.params]),
    ).toEqual([
      ['DOCUMENT_MATERIAL_MISSING', 'lessons.0.materialId', { missing: 'choice' }],
      ['DOCUMENT_MATERIAL_MISSING', 'lessons.1.materialId', { missing: 'material' }],
    ]);
  });

  it('IMAGE_ALT_TEXT_MISSING: an image shown to learners without alt text (blank counts as none); a PDF needs none', () => {
    const blankAlt = { ...IMAGE, id: 'm-blank', altText: '   ' };
    const withBlank = { materials: new Map([...ctx.materials, [blankAlt.id, blankAlt]]) };
    expect(
      publishReadiness(
        draft(
          { key: 'a', kind: 'document', materialId: 'm-img' },
          { key: 'b', kind: 'document', materialId: 'm-blank' },
          { key: 'c', kind: 'document', materialId: 'm-pdf' },
        ),
        withBlank,
      ).map((p) => [p.code, p.path, p.params?.name]),
    ).toEqual([
      ['IMAGE_ALT_TEXT_MISSING', 'lessons.0.materialId', 'so-do.png'],
      ['IMAGE_ALT_TEXT_MISSING', 'lessons.1.materialId', 'so-do.png'],
    ]);
  });

  it('LESSON_EMPTY: a video lesson without a video, or with one not among this course’s', () => {
    expect(
      publishReadiness(
        draft({ key: 'a', kind: 'video', videoId: null }, { key: 'b', kind: 'video', videoId: 'of-another' }),
        ctx,
      ).map((p) => [p.code, p.path, p.params]),
    ).toEqual([
      ['LESSON_EMPTY', 'lessons.0.videoId', { missing: 'video' }],
      ['LESSON_EMPTY', 'lessons.1.videoId', { missing: 'video' }],
    ]);
    // Without the course's videos in the context, no video is known.
    expect(
      publishReadiness(draft({ key: 'a', kind: 'video', videoId: 'v-ready' }), { materials: new Map() })[0],
    ).toMatchObject({ code: 'LESSON_EMPTY', params: { missing: 'video' } });
  });

  it('VIDEO_CAPTIONS_VI_MISSING: captions in English only do not do (Vietnamese is required in every course)', () => {
    expect(publishReadiness(draft({ key: 'p', kind: 'video', videoId: 'v-en' }), ctx)).toEqual([
      {
        code: 'VIDEO_CAPTIONS_VI_MISSING',
        path: 'lessons.0.captions.vi',
        lessonKey: 'p',
        message: expect.stringContaining('Vietnamese'),
        params: { name: 'gioi-thieu.mp4' },
      },
    ]);
  });

  it('VIDEO_NOT_READY: still transcoding, or transcoding failed (with its status); both reasons at once', () => {
    expect(
      publishReadiness(
        draft(
          { key: 'a', kind: 'video', videoId: 'v-busy' },
          { key: 'b', kind: 'video', videoId: 'v-failed' },
        ),
        ctx,
      ).map((p) => [p.code, p.path, p.params?.status]),
    ).toEqual([
      ['VIDEO_NOT_READY', 'lessons.0.videoId', 'transcoding'],
      ['VIDEO_NOT_READY', 'lessons.1.videoId', 'failed'],
      ['VIDEO_CAPTIONS_VI_MISSING', 'lessons.1.captions.vi', undefined],
    ]);
    const uploaded = { ...TRANSCODING, id: 'v-new', status: 'uploaded' as const };
    expect(
      publishReadiness(draft({ key: 'a', kind: 'video', videoId: 'v-new' }), {
        ...ctx,
        videos: new Map([[uploaded.id, uploaded]]),
      }).map((p) => p.code),
    ).toEqual(['VIDEO_NOT_READY']);
  });

  it('lists every reason at once, course first then lesson by lesson, one code each', () => {
    const all = publishReadiness(
      {
        competencies: [],
        lessons: [
          text(''),
          { key: 'v', kind: 'checklist', items: [] },
          { key: 'q0', kind: 'quiz', questions: [], settings: { questionsPerAttempt: 1 } },
          { key: 'q1', kind: 'quiz', questions: [1], settings: { questionsPerAttempt: 4 } },
          { key: 'd0', kind: 'document', materialId: null },
          { key: 'd1', kind: 'document', materialId: 'm-img' },
          { key: 'v0', kind: 'video', videoId: 'v-busy' },
          { key: 'v1', kind: 'video', videoId: 'v-en' },
        ],
      },
      ctx,
    );
    expect(all.map((p) => p.code)).toEqual([
      'COURSE_COMPETENCY_MISSING',
      'LESSON_EMPTY',
      'LESSON_EMPTY',
      'LESSON_EMPTY',
      'QUIZ_BANK_SMALLER_THAN_DRAW',
      'DOCUMENT_MATERIAL_MISSING',
      'IMAGE_ALT_TEXT_MISSING',
      'VIDEO_NOT_READY',
      'VIDEO_CAPTIONS_VI_MISSING',
    ]);
    expect(new Set(all.map((p) => p.code))).toEqual(new Set(PUBLISH_PROBLEM_CODES));
    expect(all.map((p) => p.lessonKey)).toEqual([
      undefined,
      'bai-viet',
      'v',
      'q0',
      'q1',
      'd0',
      'd1',
      'v0',
      'v1',
    ]);
  });
});
