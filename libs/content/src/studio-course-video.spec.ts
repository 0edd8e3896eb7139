import { lessonBodyOf, type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import type { CompetencyIndex } from './assemble-course';
import { buildStudioCourse, studioVideoPath, type StudioVideoRef } from './studio-course';

const competencies: CompetencyIndex = new Map([
  ['tt02-2025:1.1', { name: { vi: 'Duyệt, tìm kiếm', en: 'Browsing' }, levels: [1, 2, 3] }],
]);

const ID = '0f8b7c2e-3f1a-4b6c-9d2e-1a2b3c4d5e6f';
const VI = 'a'.repeat(64);
const EN = 'b'.repeat(64);
const ready: StudioVideoRef = {
  status: 'ready',
  originalKey: `videos/${ID}/original.mp4`,
  sha256: 'c'.repeat(64),
  durationSeconds: 62.5,
  hlsKey: `videos/${ID}/hls/master.m3u8`,
  posterKey: `videos/${ID}/poster.jpg`,
  captions: [
    { language: 'vi', storageKey: `videos/${ID}/captions/${VI}.vtt`, sha256: VI },
    { language: 'en', storageKey: `videos/${ID}/captions/${EN}.vtt`, sha256: EN },
  ],
};

const pinned = (at: number, id = 'mat-khau') => ({
  id,
  at,
  type: 'multiple',
  prompt: { vi: 'Mật khẩu tốt là gì?', en: 'What is a good password?' },
  explanation: { vi: 'Dài và khó đoán.', en: 'Long and hard to guess.' },
  options: [
    { id: 'dai', text: { vi: 'Dài', en: 'Long' }, correct: true },
    { id: 'ngay-sinh', text: { vi: 'Ngày sinh', en: 'Birthday' } },
  ],
});

const withVideo = (lesson: Record<string, unknown>): StudioDraft =>
  studioDraftSchema.parse({
    languages: ['vi', 'en'],
    title: { vi: 'Mật khẩu', en: 'Passwords' },
    summary: { vi: 'Đặt mật khẩu an toàn.', en: 'Safe passwords.' },
    description: { vi: '', en: '' },
    targetGroups: ['citizens'],
    competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
    lessons: [
      {
        key: 'video-mat-khau',
        kind: 'video',
        title: { vi: 'Xem video', en: 'Watch' },
        minutes: 4,
        body: { vi: 'Video về **mật khẩu**.', en: 'A video on passwords.' },
        videoId: ID,
        ...lesson,
      },
    ],
  });

describe('buildStudioCourse: a studio video lesson becomes the content format’s video lesson', () => {
  it('stores the video’s keys, duration, captions by language and the pinned questions, as the player reads them', () => {
    const result = buildStudioCourse(
      'mat-khau',
      '1',
      withVideo({ questions: [pinned(20)], requiredShare: 0.5 }),
      competencies,
      new Map(),
      new Map([[ID, ready]]),
    );
    expect(result.problems).toEqual([]);
    const lesson = result.course!.lessons[0]!;
    expect(lesson).toMatchObject({ kind: 'video', minReadSeconds: 0 });
    expect(lesson.bodyHtml.vi).toContain('<strong>mật khẩu</strong>');
    expect(lessonBodyOf('video', lesson.data)).toEqual({
      kind: 'video',
      video: { key: `videos/${ID}/original.mp4`, hash: 'c'.repeat(64), mediaType: 'video/mp4' },
      hls: { key: `videos/${ID}/hls/master.m3u8`, hash: null, mediaType: 'application/vnd.apple.mpegurl' },
      poster: { key: `videos/${ID}/poster.jpg`, hash: null, mediaType: 'image/jpeg' },
      durationSeconds: 62.5,
      completionThreshold: 0.9,
      captions: [
        {
          language: 'en',
          media: { key: `videos/${ID}/captions/${EN}.vtt`, hash: null, mediaType: 'text/vtt' },
        },
        {
          language: 'vi',
          media: { key: `videos/${ID}/captions/${VI}.vtt`, hash: null, mediaType: 'text/vtt' },
        },
      ],
      questions: [
        {
          id: 'mat-khau',
          at: 20,
          type: 'multiple',
          prompt: { vi: 'Mật khẩu tốt là gì?', en: 'What is a good password?' },
          explanation: { vi: 'Dài và khó đoán.', en: 'Long and hard to guess.' },
          options: [
            { id: 'dai', text: { vi: 'Dài', en: 'Long' }, correct: true },
            { id: 'ngay-sinh', text: { vi: 'Ngày sinh', en: 'Birthday' } },
          ],
        },
      ],
      requiredShare: 0.5,
    });
    // Every key maps to the videos module's public address.
    for (const key of [ready.originalKey, ready.hlsKey!, ready.posterKey!, ready.captions[0]!.storageKey])
      expect(studioVideoPath(key)).toBe(key.slice('videos/'.length));
  });

  it('a video without questions stores none; a replaced caption file changes the lesson’s hash', () => {
    const build = (video: StudioVideoRef) =>
      buildStudioCourse('c', '1', withVideo({}), competencies, new Map(), new Map([[ID, video]])).course!
        .lessons[0]!;
    const plain = build(ready);
    expect((plain.data as { video: Record<string, unknown> }).video).not.toHaveProperty('questions');
    const recaptioned = build({
      ...ready,
      captions: [
        { language: 'vi', storageKey: `videos/${ID}/captions/${'d'.repeat(64)}.vtt`, sha256: 'd'.repeat(64) },
      ],
    });
    expect(recaptioned.contentHash).not.toBe(plain.contentHash);
    expect(build(ready).contentHash).toBe(plain.contentHash);
  });

  it('refuses a missing or unready video and questions that break the content format’s rules, each on its field', () => {
    const problems = (lesson: Record<string, unknown>, video?: StudioVideoRef) =>
      buildStudioCourse(
        'c',
        '1',
        withVideo(lesson),
        competencies,
        new Map(),
        new Map(video ? [[ID, video]] : []),
      ).problems.map((p) => `${p.code ?? '-'}@${p.field}`);
    expect(problems({})).toEqual(['-@lessons.0.videoId']);
    expect(problems({}, { ...ready, status: 'transcoding', hlsKey: null, posterKey: null })).toEqual([
      '-@lessons.0.videoId',
    ]);
    expect(problems({ questions: [pinned(70)] }, ready)).toEqual([
      'VIDEO_QUESTION_AT_PAST_END@lessons.0.questions.0.at',
    ]);
    expect(problems({ questions: [pinned(30, 'a'), pinned(10, 'b')] }, ready)).toEqual([
      'VIDEO_QUESTION_AT_NOT_SORTED@lessons.0.questions.1.at',
    ]);
    const noRight = {
      ...pinned(5),
      type: 'single',
      options: pinned(5).options.map((o) => ({ ...o, correct: false })),
    };
    expect(problems({ questions: [noRight] }, ready)).toEqual([
      'VIDEO_QUESTION_CORRECT_COUNT@lessons.0.questions.0.options',
    ]);
    const untranslated = { ...pinned(5), prompt: { vi: 'Hỏi?', en: '' } };
    expect(problems({ questions: [untranslated] }, ready)).toEqual([
      'VIDEO_QUESTION_TEXT_MISSING@lessons.0.questions.0.prompt.en',
    ]);
  });

  it('names only a studio video’s own files as video paths', () => {
    expect(studioVideoPath('media/intro.mp4')).toBeUndefined();
    expect(studioVideoPath(`videos/${ID}/hls/../../secret`)).toBeUndefined();
    expect(studioVideoPath(`videos/${ID}/captions/short.vtt`)).toBeUndefined();
    expect(studioVideoPath(`materials/${ID}`)).toBeUndefined();
  });
});
