import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIO_MAX_BYTES } from '@hocvuso/domain';
import { lessonAudioOf } from '@hocvuso/contracts';
import { formatIssues, loadContent } from '../src';
import { COURSE, copyOk, edit, removeCopy } from './fixtures/not-ok/cases';

/** Small real recordings made by ffmpeg (a 2 s tone): `tools/content/narrate-lessons.mjs` makes the same kind. */
const AUDIO_DIR = join(__dirname, 'fixtures', 'audio');
const WELCOME_VI = `${COURSE}/lessons/welcome.vi.md`;
const WELCOME_EN = `${COURSE}/lessons/welcome.en.md`;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Puts a fixture recording into the course's media/ and names it in a lesson file's front matter. */
function narrate(dir: string, lessonFile: string, fixture: string, name: string, front: string): void {
  copyFileSync(join(AUDIO_DIR, fixture), join(dir, COURSE, 'media', name));
  edit(dir, lessonFile, /^---\nid: welcome\n/, `---\nid: welcome\naudio: ${front}\n`);
}

function issuesOf(dir: string) {
  const result = loadContent(dir);
  expect(result.bundle).toBeUndefined();
  return result.issues;
}

function welcome(dir: string) {
  const result = loadContent(dir);
  if (!result.bundle) throw new Error(formatIssues(result.issues));
  return result.bundle.courses[0]!.lessons.find((l) => l.key === 'welcome')!;
}

describe('loadContent: a lesson narration (audio per lesson and language)', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyOk();
  });
  afterEach(() => removeCopy(dir));

  it('stores each language’s file with its hash, type, measured length and synthetic flag, and changes the hash', () => {
    const before = welcome(dir).contentHash;
    narrate(
      dir,
      WELCOME_VI,
      'tone.mp3',
      'welcome.vi.mp3',
      '{ src: media/welcome.vi.mp3, durationSeconds: 2, synthetic: true }',
    );
    narrate(dir, WELCOME_EN, 'tone.ogg', 'welcome.en.ogg', 'media/welcome.en.ogg');
    const lesson = welcome(dir);
    const mp3 = readFileSync(join(dir, COURSE, 'media/welcome.vi.mp3'));
    const ogg = readFileSync(join(dir, COURSE, 'media/welcome.en.ogg'));
    expect(lesson.data.audio).toEqual({
      vi: {
        src: 'media/welcome.vi.mp3',
        sha256: sha256(mp3),
        mediaType: 'audio/mpeg',
        durationSeconds: expect.closeTo(2, 0) as number,
        synthetic: true,
      },
      en: {
        src: 'media/welcome.en.ogg',
        sha256: sha256(ogg),
        mediaType: 'audio/ogg',
        durationSeconds: expect.closeTo(2, 0) as number,
        synthetic: false,
      },
    });
    expect(lesson.contentHash).not.toBe(before);
    // The api reads the stored form back as media refs keyed by the language string.
    expect(lessonAudioOf(lesson.data).map((a) => [a.language, a.media.key, a.media.hash])).toEqual([
      ['vi', 'media/welcome.vi.mp3', sha256(mp3)],
      ['en', 'media/welcome.en.ogg', sha256(ogg)],
    ]);
  });

  it('a lesson without narration keeps exactly the data it had (no new course version for old courses)', () => {
    expect(welcome(dir).data).toEqual({});
  });

  it.each([
    [
      'a missing file',
      'media/nowhere.mp3',
      undefined,
      WELCOME_VI,
      'audio.src',
      'expected a file media/<name>',
    ],
    [
      'a path out of the course',
      '../../../target-groups.yaml',
      undefined,
      WELCOME_VI,
      'audio.src',
      'expected a file media/<name>',
    ],
    [
      'a file in a sub-folder',
      'media/x/welcome.mp3',
      undefined,
      WELCOME_VI,
      'audio.src',
      'expected a file media/<name>',
    ],
    ['a WAV file', 'media/welcome.wav', 'tone.mp3', WELCOME_VI, 'audio.src', 'AUDIO_TYPE_NOT_ALLOWED'],
    [
      'a PDF named .mp3',
      'media/welcome.mp3',
      '../ok/courses/phone-safety/media/guide.pdf',
      `${COURSE}/media/welcome.mp3`,
      '',
      'AUDIO_NOT_AUDIO',
    ],
    [
      'a caption file named .ogg',
      'media/welcome.ogg',
      '../ok/courses/phone-safety/media/intro.vi.vtt',
      `${COURSE}/media/welcome.ogg`,
      '',
      'AUDIO_NOT_AUDIO',
    ],
    [
      'Ogg bytes named .mp3',
      'media/welcome.mp3',
      'tone.ogg',
      `${COURSE}/media/welcome.mp3`,
      '',
      'AUDIO_TYPE_MISMATCH',
    ],
  ])('refuses %s, naming the file and the problem', (_what, src, fixture, file, field, message) => {
    if (fixture) copyFileSync(join(AUDIO_DIR, fixture), join(dir, COURSE, src));
    edit(dir, WELCOME_VI, /^---\nid: welcome\n/, `---\nid: welcome\naudio: ${src}\n`);
    const issues = issuesOf(dir);
    expect(issues).toContainEqual({ file, field, message: expect.stringContaining(message) as string });
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = Buffer.alloc(AUDIO_MAX_BYTES + 1);
    readFileSync(join(AUDIO_DIR, 'tone.mp3')).copy(big);
    writeFileSync(join(dir, COURSE, 'media/welcome.mp3'), big);
    edit(dir, WELCOME_VI, /^---\nid: welcome\n/, '---\nid: welcome\naudio: media/welcome.mp3\n');
    expect(issuesOf(dir)).toContainEqual({
      file: `${COURSE}/media/welcome.mp3`,
      field: '',
      message: expect.stringContaining('AUDIO_TOO_LARGE') as string,
    });
  });

  it('refuses a declared length the file does not play', () => {
    narrate(
      dir,
      WELCOME_VI,
      'tone.mp3',
      'welcome.vi.mp3',
      '{ src: media/welcome.vi.mp3, durationSeconds: 30 }',
    );
    expect(issuesOf(dir)).toContainEqual({
      file: WELCOME_VI,
      field: 'audio.durationSeconds',
      message: expect.stringContaining('AUDIO_DURATION_MISMATCH') as string,
    });
  });

  it('refuses malformed front matter with the shape it expects', () => {
    edit(
      dir,
      WELCOME_VI,
      /^---\nid: welcome\n/,
      '---\nid: welcome\naudio: { src: media/a.mp3, speaker: robot }\n',
    );
    expect(formatIssues(issuesOf(dir))).toContain('audio');
  });

  it('reports problems in every language file at once', () => {
    edit(dir, WELCOME_VI, /^---\nid: welcome\n/, '---\nid: welcome\naudio: media/none.vi.mp3\n');
    edit(dir, WELCOME_EN, /^---\nid: welcome\n/, '---\nid: welcome\naudio: media/none.en.mp3\n');
    const files = issuesOf(dir)
      .filter((i) => i.field === 'audio.src')
      .map((i) => i.file);
    expect(files.sort()).toEqual([WELCOME_EN, WELCOME_VI].sort());
  });
});
