import { ValidationError } from '@hocvuso/domain';
import {
  type ConversionNoteCode,
  type StudioDraft,
  studioDraftSchema,
  type StudioLesson,
  type StudioQuizQuestion,
  type StudioVideoQuestion,
} from '@hocvuso/contracts';
import {
  type CourseFolder,
  type FolderProblem,
  invalid,
  lessonAudioSrc,
  type LessonFile,
} from './course-folder';

/**
 * A studio draft as a course folder of the content format and back (docs/course-export.md). The mapping is a
 * fixpoint: draft → folder → draft → folder gives the same folder, so an exported course imported and exported
 * again is byte-identical. Each lesson kind is one entry of {@link STUDIO_LESSON_KINDS}; a new studio kind adds
 * one entry (and, when it carries media, one line in LESSON_MEDIA_FIELDS). Media travel in the content
 * format's own fields: a document lesson's `document.src` is its material's file, a video lesson's `video.src`
 * is the video's original and each language file's `captions` its WebVTT file, and any lesson's narration in a
 * language is that language file's `audio`; ids (material, video, narration) stay behind and the importer gives
 * the files new ones ({@link MediaIds}).
 */
type Localized = { vi: string; [language: string]: string };
export interface StudioMaterialFile {
  /** The material's id (document lessons name it). */
  id: string;
  /** The file name under media/ (the material's name). */
  name: string;
  mediaType: string;
  bytes: Buffer;
  altText: string | null;
}
/** A course video that a lesson shows: its original file, its probed duration and its caption files. */
export interface StudioVideoFile {
  id: string;
  /** The container (`mp4`, `mov`, `webm`, `mkv`): the file's extension under media/. */
  container: string;
  bytes: Buffer;
  durationSeconds: number;
  captions: ReadonlyArray<{ language: string; bytes: Buffer }>;
}
/** A studio narration a lesson names: its file, its container (`mp3`, `ogg`, `m4a`) and its probed length. */
export interface StudioNarrationFile {
  id: string;
  container: string;
  bytes: Buffer;
  durationSeconds: number;
}
/** The ids an import gives the media it stores, by their path in the folder (`media/<name>`). */
export interface MediaIds {
  video(path: string): string;
  material(path: string): string;
  narration(path: string): string;
}
/** Where the files of a video and of a material are in the folder (export side). */
interface MediaNames {
  video(
    id: string | null,
  ): { src: string; durationSeconds: number; captions: Map<string, string> } | undefined;
  material(id: string | null): { src: string; mediaType: string } | undefined;
}

const loc = (t: { vi?: string; [language: string]: string | undefined } | undefined): Localized => ({
  ...Object.fromEntries(Object.entries(t ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
  vi: t?.vi ?? '',
});
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const locFrom = (v: unknown): Localized =>
  isRecord(v)
    ? {
        vi: str(v.vi),
        ...(typeof v.en === 'string' ? { en: v.en } : {}),
        ...Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'vi' && k !== 'en')),
      }
    : { vi: '' };
/** Per-language file texts gathered back into one localized value (the default language always present). */
const byLang = (files: LessonFile[], pick: (f: LessonFile) => string): Localized =>
  Object.fromEntries([['vi', ''], ...files.map((f) => [f.lang, pick(f)])]) as Localized;

interface KindPiece<L extends StudioLesson> {
  /** Front matter of a language file (beyond id, kind, title, minutes); `main` for the default language. */
  front(lesson: L, lang: string, main: boolean, media: MediaNames): Record<string, unknown>;
  body(lesson: L, lang: string): string;
  bank?(lesson: L): Record<string, unknown>;
  /** The lesson back from its files (title and minutes are read by the caller). */
  read(
    files: LessonFile[],
    banks: Map<string, Record<string, unknown>>,
    ids: MediaIds,
  ): Omit<L, 'key' | 'title' | 'minutes' | 'kind'>;
}

const quizSettings = (l: Extract<StudioLesson, { kind: 'quiz' }>) => {
  const s = l.settings;
  return {
    bank: l.key,
    questionsPerAttempt: s.questionsPerAttempt,
    passMark: s.passMark,
    ...(s.timeLimitMinutes !== null ? { timeLimitMinutes: s.timeLimitMinutes } : {}),
    ...(s.maxAttempts !== null ? { maxAttempts: s.maxAttempts } : {}),
    reveal: s.reveal,
    ...(s.retakeCooldownHours !== null ? { retakeCooldownHours: s.retakeCooldownHours } : {}),
  };
};

function questionToFile(q: StudioQuizQuestion): Record<string, unknown> {
  const base = {
    id: q.id,
    type: q.type,
    ...(q.competency !== null ? { competency: q.competency } : {}),
    prompt: loc(q.prompt),
  };
  const explanation = loc(q.explanation);
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        options: q.options.map((o) => ({
          id: o.id,
          text: loc(o.text),
          ...(o.correct ? { correct: true } : {}),
        })),
        explanation,
      };
    case 'truefalse':
      return { ...base, answer: q.answer, explanation };
    case 'ordering':
      return { ...base, items: q.items.map((i) => ({ id: i.id, text: loc(i.text) })), explanation };
  }
}

function questionFromFile(q: unknown): unknown {
  if (!isRecord(q)) return q;
  const out: Record<string, unknown> = {
    ...q,
    competency: typeof q.competency === 'string' ? q.competency : null,
    prompt: locFrom(q.prompt),
    explanation: locFrom(q.explanation),
  };
  if (Array.isArray(q.options))
    out.options = q.options.map((o) =>
      isRecord(o) ? { ...o, text: locFrom(o.text), correct: o.correct === true } : o,
    );
  if (Array.isArray(q.items))
    out.items = q.items.map((i) => (isRecord(i) ? { ...i, text: locFrom(i.text) } : i));
  return out;
}

/** A pinned question back from `video.questions` (no competency: a stray one stays for the schema to refuse). */
function videoQuestionFromFile(q: unknown): unknown {
  if (!isRecord(q)) return q;
  const out = questionFromFile(q) as Record<string, unknown>;
  if (q.competency === undefined) delete out.competency;
  return out;
}

/** A pinned question in the content format's shape (`video.questions`), keys in a fixed order. */
function videoQuestionToFile(q: StudioVideoQuestion): Record<string, unknown> {
  const base = { id: q.id, at: q.at, type: q.type, prompt: loc(q.prompt) };
  const explanation = loc(q.explanation);
  return q.type === 'truefalse'
    ? { ...base, answer: q.answer, explanation }
    : {
        ...base,
        options: q.options.map((o) => ({
          id: o.id,
          text: loc(o.text),
          ...(o.correct ? { correct: true } : {}),
        })),
        explanation,
      };
}

const frontRecord = (files: LessonFile[], field: string): Record<string, unknown> => {
  const v = files[0]?.front[field];
  return isRecord(v) ? v : {};
};

export const STUDIO_LESSON_KINDS: {
  [K in StudioLesson['kind']]: KindPiece<Extract<StudioLesson, { kind: K }>>;
} = {
  text: {
    front: () => ({}),
    body: (l, lang) => (l.body as Record<string, string | undefined>)[lang] ?? '',
    read: (files) => ({ body: byLang(files, (f) => f.body) }),
  },
  checklist: {
    front: (l, lang) => ({
      items: l.items.map((i) => (i as Record<string, string | undefined>)[lang] ?? ''),
    }),
    body: () => '',
    read: (files) => {
      const count = Math.max(
        0,
        ...files.map((f) => (Array.isArray(f.front.items) ? f.front.items.length : 0)),
      );
      return {
        items: Array.from({ length: count }, (_, i) =>
          byLang(files, (f) => str((f.front.items as unknown[] | undefined)?.[i])),
        ),
      };
    },
  },
  quiz: {
    front: (l, _lang, main) => (main ? { quiz: quizSettings(l) } : {}),
    body: (l, lang) => (l.instructions as Record<string, string | undefined>)[lang] ?? '',
    bank: (l) => ({ id: l.key, questions: l.questions.map(questionToFile) }),
    read: (files, banks) => {
      const q = (isRecord(files[0]?.front.quiz) ? files[0]!.front.quiz : {}) as Record<string, unknown>;
      const bank = banks.get(str(q.bank));
      return {
        instructions: byLang(files, (f) => f.body),
        settings: {
          questionsPerAttempt: q.questionsPerAttempt,
          passMark: q.passMark,
          timeLimitMinutes: q.timeLimitMinutes ?? null,
          maxAttempts: q.maxAttempts ?? null,
          reveal: q.reveal ?? 'afterPass',
          retakeCooldownHours: q.retakeCooldownHours ?? null,
        },
        questions: (Array.isArray(bank?.questions) ? bank.questions : []).map(questionFromFile),
      } as never;
    },
  },
  // A document lesson shows a course material: the content format's `document` names its file under media/.
  document: {
    front: (l, _lang, main, media) => {
      const m = main ? media.material(l.materialId) : undefined;
      return m ? { document: { src: m.src, mediaType: m.mediaType } } : {};
    },
    body: (l, lang) => (l.body as Record<string, string | undefined>)[lang] ?? '',
    read: (files, _banks, ids) => {
      const src = frontRecord(files, 'document').src;
      return {
        materialId: typeof src === 'string' ? ids.material(src) : null,
        body: byLang(files, (f) => f.body),
      };
    },
  },
  // A video lesson shows a course video: its original under `video.src` with its probed duration, the pinned
  // questions, and in each language file the caption file of that language. Renditions and the poster are made
  // again from the original by the worker, so they do not travel.
  video: {
    front: (l, lang, main, media) => {
      const v = media.video(l.videoId);
      if (!v) return {};
      const captions = v.captions.get(lang);
      return {
        ...(main
          ? {
              video: {
                src: v.src,
                durationSeconds: v.durationSeconds,
                ...(l.questions.length > 0
                  ? { requiredShare: l.requiredShare, questions: l.questions.map(videoQuestionToFile) }
                  : {}),
              },
            }
          : {}),
        ...(captions ? { captions } : {}),
      };
    },
    body: (l, lang) => (l.body as Record<string, string | undefined>)[lang] ?? '',
    read: (files, _banks, ids) => {
      const v = frontRecord(files, 'video');
      return {
        videoId: typeof v.src === 'string' ? ids.video(v.src) : null,
        body: byLang(files, (f) => f.body),
        questions: (Array.isArray(v.questions) ? v.questions : []).map(videoQuestionFromFile) as never[],
        requiredShare: typeof v.requiredShare === 'number' ? v.requiredShare : 1,
      };
    },
  },
};

/**
 * The course folder of a studio draft; `version` is the edition label written to course.yaml. Each video a lesson
 * shows is written once, named after the first lesson that shows it: `media/<lesson>.<container>` and
 * `media/<lesson>.<lang>.vtt` per course language (captions in a language the course does not offer stay behind).
 * Each narration a lesson names in a course language is written once too, `media/<lesson>.<lang>.<container>`
 * after its first lesson and language, and each language file naming it carries `audio: { src, durationSeconds }`
 * (a narration in a language the course does not offer stays behind, as it is not published).
 */
export function studioDraftToFolder(
  courseId: string,
  version: string,
  draft: StudioDraft,
  materials: StudioMaterialFile[],
  videos: StudioVideoFile[] = [],
  narrations: StudioNarrationFile[] = [],
): CourseFolder {
  const langs = [draft.defaultLanguage, ...draft.languages.filter((l) => l !== draft.defaultLanguage)];
  const media = new Map(materials.map((m) => [`media/${m.name}`, m.bytes]));
  const videoById = new Map(videos.map((v) => [v.id, v]));
  const videoNames = new Map<string, ReturnType<MediaNames['video']>>();
  for (const lesson of draft.lessons) {
    const v = lesson.kind === 'video' && lesson.videoId !== null ? videoById.get(lesson.videoId) : undefined;
    if (!v || videoNames.has(v.id)) continue;
    const src = `media/${lesson.key}.${v.container}`;
    media.set(src, v.bytes);
    const captions = new Map<string, string>();
    for (const c of v.captions)
      if ((langs as string[]).includes(c.language)) {
        const path = `media/${lesson.key}.${c.language}.vtt`;
        captions.set(c.language, path);
        media.set(path, c.bytes);
      }
    videoNames.set(v.id, { src, durationSeconds: v.durationSeconds, captions });
  }
  const narrationById = new Map(narrations.map((n) => [n.id, n]));
  const narrationNames = new Map<string, { src: string; durationSeconds: number }>();
  for (const lesson of draft.lessons)
    for (const lang of langs) {
      const id = lesson.audio?.[lang];
      const n = id === undefined ? undefined : narrationById.get(id);
      if (!n || narrationNames.has(n.id)) continue;
      const src = `media/${lesson.key}.${lang}.${n.container}`;
      media.set(src, n.bytes);
      narrationNames.set(n.id, { src, durationSeconds: n.durationSeconds });
    }
  const audioOf = (lesson: StudioLesson, lang: string) => {
    const id = lesson.audio?.[lang];
    const audio = id === undefined ? undefined : narrationNames.get(id);
    return audio ? { audio } : {};
  };
  const materialById = new Map(materials.map((m) => [m.id, m]));
  const names: MediaNames = {
    video: (id) => (id === null ? undefined : videoNames.get(id)),
    material: (id) => {
      const m = id === null ? undefined : materialById.get(id);
      return m ? { src: `media/${m.name}`, mediaType: m.mediaType } : undefined;
    },
  };
  const course: Record<string, unknown> = {
    id: courseId,
    version,
    defaultLanguage: draft.defaultLanguage,
    languages: draft.languages,
    title: loc(draft.title),
    summary: loc(draft.summary),
    description: loc(draft.description),
    targetGroups: draft.targetGroups,
    subGroups: draft.subGroups,
    competencies: draft.competencies.map((c) => ({
      framework: c.framework,
      code: c.code,
      ...(c.level !== null ? { level: c.level } : {}),
    })),
    estimatedMinutes: Math.max(
      1,
      draft.lessons.reduce((sum, l) => sum + l.minutes, 0),
    ),
    certificate: draft.certificate,
    completion: { lessons: 'all', quizzes: draft.lessons.filter((l) => l.kind === 'quiz').map((l) => l.key) },
    modules: [{ id: 'main', title: loc(draft.title), lessons: draft.lessons.map((l) => l.key) }],
    ...(materials.length > 0
      ? {
          materials: materials.map((m) => ({
            src: `media/${m.name}`,
            ...(m.altText !== null ? { alt: m.altText } : {}),
          })),
        }
      : {}),
  };
  const banks: CourseFolder['banks'] = [];
  const lessons = draft.lessons.map((lesson) => {
    const piece = STUDIO_LESSON_KINDS[lesson.kind] as KindPiece<StudioLesson>;
    const bank = piece.bank?.(lesson);
    if (bank) banks.push({ id: lesson.key, data: bank });
    return {
      key: lesson.key,
      files: langs.map((lang, i) => {
        const title = (lesson.title as Record<string, string | undefined>)[lang] ?? '';
        return {
          lang,
          front:
            i === 0
              ? {
                  id: lesson.key,
                  kind: lesson.kind,
                  title,
                  minutes: lesson.minutes,
                  ...piece.front(lesson, lang, true, names),
                  ...audioOf(lesson, lang),
                }
              : {
                  id: lesson.key,
                  title,
                  ...piece.front(lesson, lang, false, names),
                  ...audioOf(lesson, lang),
                },
          body: piece.body(lesson, lang),
        };
      }),
    };
  });
  banks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    course,
    lessons,
    banks,
    media: new Map([...media].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** What a copy or an import could not keep as it was (shown to the teacher; codes for translated text). */
export interface ConversionNote {
  code: ConversionNoteCode;
  lessons?: string[];
}

const COURSE_KEYS = new Set([
  'id',
  'version',
  'defaultLanguage',
  'languages',
  'title',
  'summary',
  'description',
  'targetGroups',
  'subGroups',
  'competencies',
  'estimatedMinutes',
  'certificate',
  'completion',
  'modules',
  'materials',
]);

/** A video the imported draft shows: its file and its caption files by language (paths in the folder). */
export interface FolderVideo {
  path: string;
  captions: Array<{ language: string; path: string }>;
}

/**
 * The studio draft a course folder describes, with its materials (those `materials:` lists and the files of
 * document lessons), its videos, its narration files and notes on what the studio cannot keep (several modules
 * become one; the completion rule becomes every lesson and every quiz; lesson-level competency tags, reading-time
 * overrides, a video's own HLS files, poster and completion threshold, a narration's `synthetic` mark are dropped). `ids` gives each media file the id the
 * import stores it under. Lesson kinds the studio does not edit are refused (COURSE_FILES_UNSUPPORTED_KIND,
 * naming the lessons); anything the draft schema refuses is COURSE_FILES_INVALID.
 */
export function studioDraftFromFolder(
  given: CourseFolder,
  ids: MediaIds,
): {
  id: string;
  draft: StudioDraft;
  materials: Array<{ path: string; name: string; altText: string | null }>;
  videos: FolderVideo[];
  /** The narration files the lessons name (`audio`), each once. */
  narrations: string[];
  notes: ConversionNote[];
} {
  // The studio edits a course's complete languages: a partial translation (docs/languages.md) is left out, with a note.
  const complete = new Set([
    'vi',
    ...(Array.isArray(given.course.languages) ? given.course.languages.map(String) : []),
  ]);
  const partial = Array.isArray(given.course.partialLanguages) && given.course.partialLanguages.length > 0;
  const onlyComplete = (v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => complete.has(k))) : v;
  const folder: CourseFolder = {
    ...given,
    course: Object.fromEntries(
      Object.entries(given.course)
        .filter(([k]) => k !== 'partialLanguages')
        .map(([k, v]) => [k, ['title', 'summary', 'description'].includes(k) ? onlyComplete(v) : v]),
    ),
    lessons: given.lessons.map((l) => ({ ...l, files: l.files.filter((f) => complete.has(f.lang)) })),
  };
  const c = folder.course;
  const problems: FolderProblem[] = [];
  for (const k of Object.keys(c))
    if (!COURSE_KEYS.has(k))
      problems.push({ file: 'course.yaml', field: k, message: 'not a field of course.yaml' });
  const id = str(c.id);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length < 3 || id.length > 60)
    problems.push({
      file: 'course.yaml',
      field: 'id',
      message: 'expected a course id of 3 to 60 characters such as "bai-hoc-1"',
    });
  const unsupported = folder.lessons.filter((l) => !(str(l.files[0]?.front.kind) in STUDIO_LESSON_KINDS));
  if (unsupported.length > 0)
    throw new ValidationError(
      'COURSE_FILES_UNSUPPORTED_KIND',
      `The studio cannot edit these lessons yet: ${unsupported.map((l) => `${l.key} (${str(l.files[0]?.front.kind) || '?'})`).join(', ')}.`,
      { entry: `lessons/${unsupported[0]!.key}`, lessons: unsupported.map((l) => l.key) },
    );
  const notes: ConversionNote[] = [];
  if (Array.isArray(c.modules) && c.modules.length > 1) notes.push({ code: 'MODULES_MERGED' });
  const quizKeys = folder.lessons.filter((l) => l.files[0]?.front.kind === 'quiz').map((l) => l.key);
  const completion = isRecord(c.completion) ? c.completion : {};
  const quizzes = Array.isArray(completion.quizzes) ? completion.quizzes : [];
  if (
    completion.lessons !== 'all' ||
    quizzes.length !== quizKeys.length ||
    quizKeys.some((k) => !quizzes.includes(k))
  )
    notes.push({ code: 'COMPLETION_EVERY_LESSON' });
  const tagged = folder.lessons.filter(
    (l) =>
      Array.isArray(l.files[0]?.front.competencies) &&
      (l.files[0]!.front.competencies as unknown[]).length > 0,
  );
  if (tagged.length > 0)
    notes.push({ code: 'LESSON_COMPETENCIES_DROPPED', lessons: tagged.map((l) => l.key) });
  const timed = folder.lessons.filter((l) => l.files[0]?.front.minReadSeconds !== undefined);
  if (timed.length > 0) notes.push({ code: 'MIN_READ_SECONDS_DROPPED', lessons: timed.map((l) => l.key) });

  // The studio's narrations are recordings: a file course's mark that a machine made the voice has no place there.
  const synthetic = folder.lessons.filter((l) =>
    l.files.some((f) => isRecord(f.front.audio) && f.front.audio.synthetic === true),
  );
  if (synthetic.length > 0)
    notes.push({ code: 'AUDIO_SYNTHETIC_DROPPED', lessons: synthetic.map((l) => l.key) });

  const banks = new Map(folder.banks.map((b) => [b.id, b.data]));
  const lessons = folder.lessons.map((l) => {
    const main = l.files[0]?.front ?? {};
    const kind = str(main.kind) as StudioLesson['kind'];
    const piece = STUDIO_LESSON_KINDS[kind] as KindPiece<StudioLesson>;
    // Each language file's narration (`audio`) becomes the lesson's narration in that language.
    const audio = l.files.flatMap((f) => {
      const src = lessonAudioSrc(f.front);
      return typeof src === 'string' ? [[f.lang, ids.narration(src)] as const] : [];
    });
    return {
      key: l.key,
      kind,
      title: byLang(l.files, (f) => str(f.front.title)),
      minutes: main.minutes,
      ...piece.read(l.files, banks, ids),
      ...(audio.length > 0 ? { audio: Object.fromEntries(audio) } : {}),
    };
  });
  const videoLessons = folder.lessons.filter((l) => l.files[0]?.front.kind === 'video');
  const remade = videoLessons.filter((l) => {
    const v = frontRecord(l.files, 'video');
    return v.hls !== undefined || v.poster !== undefined;
  });
  if (remade.length > 0) notes.push({ code: 'VIDEO_FILES_REMADE', lessons: remade.map((l) => l.key) });
  const thresholds = videoLessons.filter(
    (l) => frontRecord(l.files, 'video').completionThreshold !== undefined,
  );
  if (thresholds.length > 0)
    notes.push({ code: 'VIDEO_THRESHOLD_DROPPED', lessons: thresholds.map((l) => l.key) });
  if (partial) notes.push({ code: 'PARTIAL_LANGUAGES_DROPPED' });

  const materials = (Array.isArray(c.materials) ? c.materials : []).map((m) => {
    const r = isRecord(m) ? m : {};
    const path = str(r.src);
    return { path, name: path.slice('media/'.length), altText: typeof r.alt === 'string' ? r.alt : null };
  });
  // A document lesson's file is a material of the studio course, listed or not.
  for (const l of folder.lessons) {
    const src = l.files[0]?.front.kind === 'document' ? frontRecord(l.files, 'document').src : undefined;
    if (typeof src === 'string' && !materials.some((m) => m.path === src))
      materials.push({ path: src, name: src.slice('media/'.length), altText: null });
  }
  // Each video once, with its caption file per language (a video shown by two lessons has one set of captions).
  const videos = new Map<string, Map<string, string>>();
  for (const l of videoLessons) {
    const src = frontRecord(l.files, 'video').src;
    if (typeof src !== 'string') continue;
    if (materials.some((m) => m.path === src))
      problems.push({
        file: `lessons/${l.key}.${l.files[0]!.lang}.md`,
        field: 'video.src',
        message: `"${src}" is also a material`,
      });
    const captions = videos.get(src) ?? new Map<string, string>();
    videos.set(src, captions);
    for (const f of l.files) {
      if (typeof f.front.captions !== 'string') continue;
      const known = captions.get(f.lang);
      if (known !== undefined && known !== f.front.captions)
        problems.push({
          file: `lessons/${l.key}.${f.lang}.md`,
          field: 'captions',
          message: `the video "${src}" already has the captions "${known}" in ${f.lang}`,
        });
      else captions.set(f.lang, f.front.captions);
    }
  }
  // Each narration file once (a lesson's languages, or two lessons, may share one); never a material's or a video's.
  const narrations: string[] = [];
  for (const l of folder.lessons)
    for (const f of l.files) {
      const src = lessonAudioSrc(f.front);
      if (typeof src !== 'string' || narrations.includes(src)) continue;
      if (materials.some((m) => m.path === src) || videos.has(src))
        problems.push({
          file: `lessons/${l.key}.${f.lang}.md`,
          field: 'audio',
          message: `"${src}" is also a material or a video`,
        });
      else narrations.push(src);
    }
  const parsed = studioDraftSchema.safeParse({
    defaultLanguage: c.defaultLanguage,
    languages: c.languages,
    title: locFrom(c.title),
    summary: locFrom(c.summary),
    description: locFrom(c.description),
    targetGroups: c.targetGroups ?? [],
    subGroups: c.subGroups ?? [],
    competencies: Array.isArray(c.competencies)
      ? c.competencies.map((x) => (isRecord(x) ? { ...x, level: x.level ?? null } : x))
      : c.competencies,
    certificate: c.certificate ?? true,
    lessons,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [top, i] = issue.path;
      const lesson = top === 'lessons' && typeof i === 'number' ? folder.lessons[i] : undefined;
      problems.push({
        file: lesson ? `lessons/${lesson.key}.${lesson.files[0]?.lang ?? 'vi'}.md` : 'course.yaml',
        field: issue.path.join('.'),
        message: issue.message,
      });
    }
  if (problems.length > 0 || !parsed.success) throw invalid(problems);
  return {
    id,
    draft: parsed.data,
    materials,
    videos: [...videos].map(([path, captions]) => ({
      path,
      captions: [...captions].map(([language, p]) => ({ language, path: p })),
    })),
    narrations,
    notes,
  };
}
