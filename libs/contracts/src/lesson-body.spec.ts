import { DEFAULT_VIDEO_COMPLETION_THRESHOLD } from '@hocvuso/domain';
import { lessonBodyOf, lessonBodySchema, mediaTypeOf } from './lesson-body';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('lessonBodyOf', () => {
  it('types a video body with media references: hashes where the importer recorded them', () => {
    const body = lessonBodyOf('video', {
      video: {
        src: 'media/intro.mp4',
        hls: 'media/intro.m3u8',
        poster: 'media/intro.jpg',
        durationSeconds: 90,
      },
      captions: { vi: 'media/intro.vi.vtt' },
      mediaHashes: [HASH_A, HASH_B, 'c'.repeat(64)],
    });
    expect(body).toEqual({
      kind: 'video',
      video: { key: 'media/intro.mp4', hash: HASH_A, mediaType: 'video/mp4' },
      hls: { key: 'media/intro.m3u8', hash: HASH_B, mediaType: 'application/vnd.apple.mpegurl' },
      poster: { key: 'media/intro.jpg', hash: null, mediaType: 'image/jpeg' },
      durationSeconds: 90,
      completionThreshold: DEFAULT_VIDEO_COMPLETION_THRESHOLD,
      captions: [{ language: 'vi', media: { key: 'media/intro.vi.vtt', hash: null, mediaType: 'text/vtt' } }],
      // No questions pinned: none to answer, and the default share (all of none).
      questions: [],
      requiredShare: 1,
    });
    expect(lessonBodySchema.parse(body)).toEqual(body);
  });

  it("keeps a video's own completion threshold and has no HLS or poster when the content names none", () => {
    const body = lessonBodyOf('video', {
      video: { src: 'media/a.webm', durationSeconds: 10, completionThreshold: 0.75 },
      captions: {},
      mediaHashes: [HASH_A],
    });
    expect(body).toMatchObject({ completionThreshold: 0.75, hls: null, poster: null, captions: [] });
  });

  it('types document, checklist, quiz and text bodies', () => {
    expect(
      lessonBodyOf('document', {
        document: { src: 'media/guide.pdf', mediaType: 'application/pdf' },
        mediaHashes: [HASH_A],
      }),
    ).toEqual({
      kind: 'document',
      document: { key: 'media/guide.pdf', hash: HASH_A, mediaType: 'application/pdf' },
    });
    expect(lessonBodyOf('checklist', { items: [{ vi: 'Một', en: 'One' }] })).toEqual({
      kind: 'checklist',
      items: [{ vi: 'Một', en: 'One' }],
    });
    const quiz = {
      bank: 'final',
      bankHash: HASH_A,
      questionsPerAttempt: 5,
      passMark: 80,
      maxAttempts: 3,
      reveal: 'never',
    };
    expect(lessonBodyOf('quiz', { quiz })).toEqual({ kind: 'quiz', quiz });
    expect(lessonBodyOf('text', {})).toEqual({ kind: 'text' });
  });

  it('refuses data that does not match its kind', () => {
    expect(() => lessonBodyOf('video', { items: [] })).toThrow();
    expect(() => lessonBodyOf('quiz', { quiz: { bank: 'x' } })).toThrow();
  });
});

describe('mediaTypeOf', () => {
  it('names the type by extension, and octet-stream for anything else', () => {
    expect(mediaTypeOf('media/clip.MP4')).toBe('video/mp4');
    expect(mediaTypeOf('media/notes.vtt')).toBe('text/vtt');
    expect(mediaTypeOf('media/blob')).toBe('application/octet-stream');
  });
});
