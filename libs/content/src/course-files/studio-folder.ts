import { ValidationError } from '@hocvuso/domain';
import {
  type StudioDraft,
  studioDraftSchema,
  type StudioLesson,
  type StudioQuizQuestion,
} from '@hocvuso/contracts';
import { type CourseFolder, type FolderProblem, invalid, type LessonFile } from './course-folder';

/**
 * A studio draft as a course folder of the content format and back (docs/course-export.md). The mapping is a
 * fixpoint: draft → folder → draft → folder gives the same folder, so an exported course imported and exported
 * again is byte-identical. Each lesson kind is one entry of {@link STUDIO_LESSON_KINDS}; a new studio kind adds
 * one entry (and, when it carries media, one line in LESSON_MEDIA_FIELDS).
 */
type Localized = { vi: string; en?: string };
export interface StudioMaterialFile {
  /** The file name under media/ (the material's name). */
  name: string;
  bytes: Buffer;
  altText: string | null;
}

const loc = (t: Partial<Localized> | undefined): Localized => ({
  vi: t?.vi ?? '',
  ...(t?.en !== undefined ? { en: t.en } : {}),
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
  /** Structural front matter of the default-language file (beyond id, kind, title, minutes). */
  front(lesson: L, lang: string, main: boolean): Record<string, unknown>;
  body(lesson: L, lang: string): string;
  bank?(lesson: L): Record<string, unknown>;
  /** The lesson back from its files (title and minutes are read by the caller). */
  read(
    files: LessonFile[],
    banks: Map<string, Record<string, unknown>>,
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
  // A document lesson names a course material by id (docs/studio-review.md "Document lessons"); writing the
  // file into media/ with the content format's `document: { src, mediaType }` is the round trip's to finish.
  document: {
    front: (l, _lang, main) => (main && l.materialId !== null ? { material: l.materialId } : {}),
    body: (l, lang) => (l.body as Record<string, string | undefined>)[lang] ?? '',
    read: (files) => ({
      materialId: typeof files[0]?.front.material === 'string' ? files[0].front.material : null,
      body: byLang(files, (f) => f.body),
    }),
  },
  // A video lesson names a course video by id, with its pinned questions. Writing the video and its captions
  // into media/ in the content format's `video:` shape is the round trip's to finish, so a folder's video
  // lessons are not imported into the studio yet (NOT_IMPORTABLE below).
  video: {
    front: (l, _lang, main) =>
      main
        ? {
            studioVideo: l.videoId,
            ...(l.questions.length > 0 ? { requiredShare: l.requiredShare, questions: l.questions } : {}),
          }
        : {},
    body: (l, lang) => (l.body as Record<string, string | undefined>)[lang] ?? '',
    read: (files) => ({
      videoId: typeof files[0]?.front.studioVideo === 'string' ? files[0].front.studioVideo : null,
      body: byLang(files, (f) => f.body),
      questions: Array.isArray(files[0]?.front.questions) ? (files[0].front.questions as never[]) : [],
      requiredShare: typeof files[0]?.front.requiredShare === 'number' ? files[0].front.requiredShare : 1,
    }),
  },
};

/** Kinds the studio writes but does not read back from a folder yet (their media are not in the folder). */
const NOT_IMPORTABLE = new Set<string>(['video']);

/** The course folder of a studio draft; `version` is the edition label written to course.yaml. */
export function studioDraftToFolder(
  courseId: string,
  version: string,
  draft: StudioDraft,
  materials: StudioMaterialFile[],
): CourseFolder {
  const langs = [draft.defaultLanguage, ...draft.languages.filter((l) => l !== draft.defaultLanguage)];
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
                  ...piece.front(lesson, lang, true),
                }
              : { id: lesson.key, title, ...piece.front(lesson, lang, false) },
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
    media: new Map(materials.map((m) => [`media/${m.name}`, m.bytes])),
  };
}

/** What a copy or an import could not keep as it was (shown to the teacher; codes for translated text). */
export interface ConversionNote {
  code:
    'MODULES_MERGED' | 'COMPLETION_EVERY_LESSON' | 'LESSON_COMPETENCIES_DROPPED' | 'MIN_READ_SECONDS_DROPPED';
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

/**
 * The studio draft a course folder describes, with its materials and notes on what the studio cannot keep
 * (several modules become one; the completion rule becomes every lesson and every quiz; lesson-level competency
 * tags and reading-time overrides are dropped). Lesson kinds the studio does not edit yet are refused
 * (COURSE_FILES_UNSUPPORTED_KIND, naming the lessons); anything the draft schema refuses is COURSE_FILES_INVALID.
 */
export function studioDraftFromFolder(folder: CourseFolder): {
  id: string;
  draft: StudioDraft;
  materials: Array<{ path: string; name: string; altText: string | null }>;
  notes: ConversionNote[];
} {
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
  const unsupported = folder.lessons.filter((l) => {
    const kind = str(l.files[0]?.front.kind);
    return !(kind in STUDIO_LESSON_KINDS) || NOT_IMPORTABLE.has(kind);
  });
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

  const banks = new Map(folder.banks.map((b) => [b.id, b.data]));
  const lessons = folder.lessons.map((l) => {
    const main = l.files[0]?.front ?? {};
    const kind = str(main.kind) as StudioLesson['kind'];
    const piece = STUDIO_LESSON_KINDS[kind] as KindPiece<StudioLesson>;
    return {
      key: l.key,
      kind,
      title: byLang(l.files, (f) => str(f.front.title)),
      minutes: main.minutes,
      ...piece.read(l.files, banks),
    };
  });
  const materials = (Array.isArray(c.materials) ? c.materials : []).map((m) => {
    const r = isRecord(m) ? m : {};
    const path = str(r.src);
    return { path, name: path.slice('media/'.length), altText: typeof r.alt === 'string' ? r.alt : null };
  });
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
  return { id, draft: parsed.data, materials, notes };
}
