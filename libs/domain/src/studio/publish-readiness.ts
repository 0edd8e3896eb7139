import type { VideoStatus } from '../videos/video-ladder';

/**
 * Whether a studio draft may go to a reviewer or be published (issue 14, item 6): every reason it may not, at
 * once, each with a stable code and the path of what to fix (`lessons.2.materialId`), so the api refuses with
 * the whole list (400 DRAFT_INCOMPLETE, details.problems) and the editor shows the same list while the teacher
 * types. Field-level completeness (titles in every language, lesson keys…) stays in buildStudioCourse; this
 * function owns the reasons that say "this course is not fit for learners yet".
 *
 * Per lesson kind: one check in `LESSON_CHECKS`, typed by `ReadinessLessons`. A new kind adds its shape to the
 * interface and its check to the table (the compiler asks for both).
 */
export const PUBLISH_PROBLEM_CODES = [
  'COURSE_COMPETENCY_MISSING',
  'LESSON_EMPTY',
  'QUIZ_BANK_SMALLER_THAN_DRAW',
  'DOCUMENT_MATERIAL_MISSING',
  'IMAGE_ALT_TEXT_MISSING',
  'VIDEO_CAPTIONS_VI_MISSING',
  'VIDEO_NOT_READY',
] as const;
export type PublishProblemCode = (typeof PUBLISH_PROBLEM_CODES)[number];

export interface PublishProblem {
  code: PublishProblemCode;
  /** From the draft: `competencies`, `lessons.2.body`, `lessons.0.settings.questionsPerAttempt`. */
  path: string;
  /** The lesson's key (stable across edits), when the problem is about a lesson. */
  lessonKey?: string;
  /** English, for logs and clients that know no code; the editor translates by code. */
  message: string;
  params?: Record<string, string | number>;
}

/** A course material as the checks need it (the api loads the course's own materials only). */
export interface ReadinessMaterial {
  readonly id: string;
  readonly mediaType: string;
  readonly altText: string | null;
  readonly name: string;
}

/**
 * A course video as the checks need it (the api loads the course's own videos only): where transcoding stands
 * and the languages it has captions in.
 */
export interface ReadinessVideo {
  readonly id: string;
  readonly name: string;
  readonly status: VideoStatus;
  readonly captionLanguages: readonly string[];
}

type Localized = { readonly [lang: string]: string | undefined };

/** The shape each lesson kind brings to the checks (a subset of the studio draft's lesson). */
export interface ReadinessLessons {
  text: { readonly body: Localized };
  checklist: { readonly items: readonly Localized[] };
  quiz: {
    readonly questions: readonly unknown[];
    readonly settings: { readonly questionsPerAttempt: number };
  };
  document: { readonly materialId: string | null };
  video: { readonly videoId: string | null };
}
export type ReadinessLessonKind = keyof ReadinessLessons;
export type ReadinessLesson<K extends ReadinessLessonKind = ReadinessLessonKind> =
  K extends ReadinessLessonKind ? { readonly key: string; readonly kind: K } & ReadinessLessons[K] : never;

export interface ReadinessDraft {
  readonly competencies: readonly unknown[];
  readonly lessons: readonly ReadinessLesson[];
}

export interface ReadinessContext {
  /** This course's materials by id; a material of another course is simply not here. */
  readonly materials: ReadonlyMap<string, ReadinessMaterial>;
  /** This course's videos by id (absent: none, so every video lesson's video is missing). */
  readonly videos?: ReadonlyMap<string, ReadinessVideo>;
}

type Found = Omit<PublishProblem, 'path' | 'lessonKey'> & { field: string };
type LessonCheck<K extends ReadinessLessonKind> = (
  lesson: ReadinessLesson<K>,
  ctx: ReadinessContext,
) => Found[];

const blank = (t: Localized) => Object.values(t).every((v) => !(v ?? '').trim());

/** A material is an image when its detected type says so (the upload types it by its bytes). */
export const isImageMediaType = (mediaType: string) => mediaType.startsWith('image/');

/** An image shown to learners needs alt text, whatever lesson shows it. */
function imageAltProblems(material: ReadinessMaterial, field: string): Found[] {
  if (!isImageMediaType(material.mediaType) || (material.altText ?? '').trim()) return [];
  return [
    {
      code: 'IMAGE_ALT_TEXT_MISSING',
      field,
      message: `the image "${material.name}" has no alt text; describe it for learners who cannot see it`,
      params: { material: material.id, name: material.name },
    },
  ];
}

const LESSON_CHECKS: { [K in ReadinessLessonKind]: LessonCheck<K> } = {
  text: (l) =>
    blank(l.body)
      ? [
          {
            code: 'LESSON_EMPTY',
            field: 'body',
            message: 'the lesson has no text',
            params: { missing: 'body' },
          },
        ]
      : [],
  checklist: (l) =>
    l.items.length === 0 || l.items.every(blank)
      ? [
          {
            code: 'LESSON_EMPTY',
            field: 'items',
            message: 'the checklist has no items',
            params: { missing: 'items' },
          },
        ]
      : [],
  quiz: (l) => {
    if (l.questions.length === 0)
      return [
        {
          code: 'LESSON_EMPTY',
          field: 'questions',
          message: 'the quiz has no questions',
          params: { missing: 'questions' },
        },
      ];
    if (l.questions.length < l.settings.questionsPerAttempt)
      return [
        {
          code: 'QUIZ_BANK_SMALLER_THAN_DRAW',
          field: 'settings.questionsPerAttempt',
          message: `the bank has ${l.questions.length} questions but each attempt draws ${l.settings.questionsPerAttempt}`,
          params: { count: l.questions.length, draw: l.settings.questionsPerAttempt },
        },
      ];
    return [];
  },
  document: (l, ctx) => {
    const material = l.materialId === null ? undefined : ctx.materials.get(l.materialId);
    if (!material)
      return [
        {
          code: 'DOCUMENT_MATERIAL_MISSING',
          field: 'materialId',
          message:
            l.materialId === null
              ? 'choose the document learners open'
              : 'the document is not among this course’s materials (deleted, or of another course)',
          params: { missing: l.materialId === null ? 'choice' : 'material' },
        },
      ];
    return imageAltProblems(material, 'materialId');
  },
  // Captions are required in Vietnamese whatever the course's languages (issue 14: deaf learners, and the
  // transcript is built from them); a video still transcoding, or whose transcoding failed, has no HLS ladder
  // nor poster to publish yet.
  video: (l, ctx) => {
    const video = l.videoId === null ? undefined : ctx.videos?.get(l.videoId);
    if (!video)
      return [
        {
          code: 'LESSON_EMPTY',
          field: 'videoId',
          message:
            l.videoId === null
              ? 'choose or upload the video learners watch'
              : 'the video is not among this course’s videos (deleted, or of another course)',
          params: { missing: 'video' },
        },
      ];
    const found: Found[] = [];
    if (video.status !== 'ready')
      found.push({
        code: 'VIDEO_NOT_READY',
        field: 'videoId',
        message:
          video.status === 'failed'
            ? `the video "${video.name}" could not be transcoded; upload it again`
            : `the video "${video.name}" is still being transcoded; publish when it is ready`,
        params: { status: video.status, name: video.name },
      });
    if (!video.captionLanguages.includes('vi'))
      found.push({
        code: 'VIDEO_CAPTIONS_VI_MISSING',
        field: 'captions.vi',
        message: `the video "${video.name}" has no Vietnamese captions; upload a WebVTT file`,
        params: { name: video.name },
      });
    return found;
  },
};

/**
 * Every reason the draft may not be published, in order: the course first, then lesson by lesson. An empty
 * list means it is fit to submit and publish (as far as these checks go).
 */
export function publishReadiness(draft: ReadinessDraft, ctx: ReadinessContext): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (draft.competencies.length === 0)
    problems.push({
      code: 'COURSE_COMPETENCY_MISSING',
      path: 'competencies',
      message: 'the course names no framework competency',
    });
  draft.lessons.forEach((lesson, i) => {
    const check = LESSON_CHECKS[lesson.kind] as LessonCheck<ReadinessLessonKind> | undefined;
    for (const { field, ...found } of check ? check(lesson, ctx) : [])
      problems.push({ ...found, path: `lessons.${i}.${field}`, lessonKey: lesson.key });
  });
  return problems;
}
