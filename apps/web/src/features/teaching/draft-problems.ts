import type { DraftProblem, StudioDraft } from '@hocvuso/contracts';
import { LANGUAGE_CODE_PATTERN, PUBLISH_PROBLEM_CODES } from '@hocvuso/domain';
import { isLessonKey } from './course-id';
import { parseMinutes } from './draft-edit';
import { QUIZ_SETTING_RANGES } from './quiz-edit';

export type ProblemKind =
  | 'languages'
  | 'courseTitle'
  | 'courseSummary'
  | 'courseDescription'
  | 'targetGroups'
  | 'subGroups'
  | 'competencies'
  | 'competencyUnknown'
  | 'competencyLevel'
  | 'lessons'
  | 'lessonKey'
  | 'lessonKeyFormat'
  | 'lessonMinutes'
  | 'lessonTitle'
  | 'lessonBody'
  | 'lessonItems'
  | 'lessonItem'
  | 'quiz'
  | 'readiness'
  | 'other';

/** What a problem is about, in words the editor can translate, and the id of the control to focus. */
export interface ProblemTarget {
  kind: ProblemKind;
  /** 1-based numbers, as people count: lesson 1, item 2, competency 3. */
  lesson?: number;
  item?: number;
  competency?: number;
  lang?: string;
  /** Quiz problems: the question and option (1-based), the stable code and its numbers. */
  question?: number;
  option?: number;
  code?: string;
  params?: Record<string, string | number>;
  /** False for a quiz warning that does not refuse publishing. */
  blocking?: boolean;
  /** The id of the control that fixes it; undefined when no control matches (the message is shown as is). */
  targetId?: string;
  /** The api's own words, for problems the editor does not know. */
  message: string;
}

const lang = (value: string | undefined): string | undefined =>
  value !== undefined && LANGUAGE_CODE_PATTERN.test(value) ? value : undefined;

// Ids of the editor's controls; the editor builds its ids with the same functions.
export const fieldIds = {
  english: 'course-lang-en',
  language: (code: string) => `course-lang-${code}`,
  courseText: (field: 'title' | 'summary' | 'description', l: string) => `course-${field}-${l}`,
  targetGroup: (code: string) => `course-group-${code}`,
  subGroup: (code: string) => `course-subgroup-${code}`,
  addCompetency: 'competency-framework',
  competencyRemove: (i: number) => `competency-${i}-remove`,
  competencyLevel: (i: number) => `competency-${i}-level`,
  addTextLesson: 'add-text-lesson',
  lessonKey: (i: number) => `lesson-${i}-key`,
  lessonMinutes: (i: number) => `lesson-${i}-minutes`,
  lessonTitle: (i: number, l: string) => `lesson-${i}-title-${l}`,
  lessonBody: (i: number, l: string) => `lesson-${i}-body-${l}`,
  lessonAddItem: (i: number) => `lesson-${i}-add-item`,
  lessonItem: (i: number, j: number, l: string) => `lesson-${i}-item-${j}-${l}`,
  quizSetting: (i: number, field: string) => `lesson-${i}-quiz-${field}`,
  quizAddQuestion: (i: number) => `lesson-${i}-add-question`,
  question: (i: number, q: number, field: string) => `lesson-${i}-q-${q}-${field}`,
  questionOption: (i: number, q: number, k: number, field: string) => `lesson-${i}-q-${q}-opt-${k}-${field}`,
  lessonMaterial: (i: number) => `lesson-${i}-material`,
  lessonVideo: (i: number) => `lesson-${i}-video`,
  lessonCaptions: (i: number, l: string) => `lesson-${i}-captions-${l}`,
  videoAddQuestion: (i: number) => `lesson-${i}-add-video-question`,
} as const;

const FIRST_TARGET_GROUP = 'students';
const FIRST_SUB_GROUP = 'older-adults';

/**
 * Maps a problem's field path to what it is about and the control that fixes it. A save refused by the api's
 * validation reports paths under `document.`; they map the same way.
 */
export function describeProblem(problem: DraftProblem): ProblemTarget {
  const parts = problem.field.replace(/^document\./, '').split('.');
  const [head, a, b, c, d] = parts;
  const message = problem.message;
  const n = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  const readiness = readinessTarget(problem, head, n(a), b);
  if (readiness) return readiness;

  if (head === 'languages' || head === 'defaultLanguage')
    return { kind: 'languages', targetId: fieldIds.english, message };
  if ((head === 'title' || head === 'summary' || head === 'description') && lang(a)) {
    const kind =
      head === 'title' ? 'courseTitle' : head === 'summary' ? 'courseSummary' : 'courseDescription';
    return { kind, lang: lang(a), targetId: fieldIds.courseText(head, a!), message };
  }
  if (head === 'targetGroups')
    return { kind: 'targetGroups', targetId: fieldIds.targetGroup(FIRST_TARGET_GROUP), message };
  if (head === 'subGroups')
    return { kind: 'subGroups', targetId: fieldIds.subGroup(FIRST_SUB_GROUP), message };
  if (head === 'competencies') {
    if (a === undefined) return { kind: 'competencies', targetId: fieldIds.addCompetency, message };
    const i = n(a);
    if (i === undefined) return { kind: 'other', message };
    if (b === 'level')
      return { kind: 'competencyLevel', competency: i + 1, targetId: fieldIds.competencyLevel(i), message };
    return { kind: 'competencyUnknown', competency: i + 1, targetId: fieldIds.competencyRemove(i), message };
  }
  if (head === 'lessons') {
    if (a === undefined) return { kind: 'lessons', targetId: fieldIds.addTextLesson, message };
    const i = n(a);
    if (i === undefined) return { kind: 'other', message };
    const lesson = i + 1;
    if (b === 'key') return { kind: 'lessonKey', lesson, targetId: fieldIds.lessonKey(i), message };
    if (b === 'minutes')
      return { kind: 'lessonMinutes', lesson, targetId: fieldIds.lessonMinutes(i), message };
    if (b === 'title' && lang(c))
      return { kind: 'lessonTitle', lesson, lang: lang(c), targetId: fieldIds.lessonTitle(i, c!), message };
    if (b === 'body' && lang(c))
      return { kind: 'lessonBody', lesson, lang: lang(c), targetId: fieldIds.lessonBody(i, c!), message };
    if (b === 'settings' || b === 'questions') return quizTarget(problem, i, parts.slice(2));
    if (b === 'items') {
      const j = n(c);
      if (j === undefined)
        return { kind: 'lessonItems', lesson, targetId: fieldIds.lessonAddItem(i), message };
      const l = lang(d) ?? 'vi';
      return {
        kind: 'lessonItem',
        lesson,
        item: j + 1,
        lang: lang(d),
        targetId: fieldIds.lessonItem(i, j, l),
        message,
      };
    }
  }
  return { kind: 'other', message };
}

/**
 * What the api would refuse when saving (shape, not completeness): lesson keys that are not ids and lesson
 * minutes outside 1–120. Checked before saving so the teacher sees it next to the field.
 */
export function saveProblems(draft: StudioDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  draft.lessons.forEach((lesson, i) => {
    if (!isLessonKey(lesson.key))
      problems.push({
        field: `lessons.${i}.key`,
        message: 'expected lowercase letters, digits and single hyphens',
      });
    const minutes = parseMinutes(String(lesson.minutes));
    if (!(Number.isInteger(minutes) && minutes >= 1 && minutes <= 120))
      problems.push({ field: `lessons.${i}.minutes`, message: 'expected whole minutes from 1 to 120' });
    if (lesson.kind === 'quiz')
      for (const [setting, range] of Object.entries(QUIZ_SETTING_RANGES)) {
        const value = lesson.settings[setting as keyof typeof QUIZ_SETTING_RANGES];
        if (value === null && range.optional) continue;
        if (!(Number.isInteger(value) && value! >= range.min && value! <= range.max))
          problems.push({
            field: `lessons.${i}.settings.${setting}`,
            message: `expected a whole number from ${range.min} to ${range.max}`,
            code: 'QUIZ_SETTING_RANGE',
            params: { min: range.min, max: range.max },
          });
      }
  });
  return problems;
}

/**
 * Problems of shape (found before saving, or the api's VALIDATION_FAILED details, whose `path` is the field):
 * there a lesson key is refused for its form, which is a different fix than a key that repeats.
 */
export function shapeProblemTargets(problems: ReadonlyArray<DraftProblem>): ProblemTarget[] {
  return problems.map((p) => {
    const target = describeProblem(p);
    return target.kind === 'lessonKey' ? { ...target, kind: 'lessonKeyFormat' } : target;
  });
}

/** The VALIDATION_FAILED details of the api (`[{ path, message }]`) as draft problems. */
export function validationProblems(details: unknown): DraftProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (!d || typeof d !== 'object') return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof path === 'string'
      ? [{ field: path, message: typeof message === 'string' ? message : '' }]
      : [];
  });
}

/** The DRAFT_INCOMPLETE details of the api (`{ problems: [{ field, message }] }`). */
export function incompleteProblems(details: unknown): DraftProblem[] {
  const problems = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((p: unknown) => {
    if (!p || typeof p !== 'object') return [];
    const { field, message, code, blocking, params } = p as {
      field?: unknown;
      message?: unknown;
      code?: unknown;
      blocking?: unknown;
      params?: unknown;
    };
    if (typeof field !== 'string') return [];
    return [
      {
        field,
        message: typeof message === 'string' ? message : '',
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof blocking === 'boolean' ? { blocking } : {}),
        ...(params && typeof params === 'object'
          ? { params: params as Record<string, string | number> }
          : {}),
      },
    ];
  });
}

/** A quiz lesson's problem (`settings.<field>`, `questions`, `questions.<j>.<field>...`) and its control. */
function quizTarget(problem: DraftProblem, i: number, path: string[]): ProblemTarget {
  const [head, q, field, k, sub, l] = path;
  const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const base = {
    kind: 'quiz' as const,
    lesson: i + 1,
    message: problem.message,
    code: problem.code ?? 'QUIZ_OTHER',
    ...(problem.params ? { params: problem.params } : {}),
    ...(problem.blocking !== undefined ? { blocking: problem.blocking } : {}),
  };
  if (head === 'settings') return { ...base, targetId: fieldIds.quizSetting(i, q ?? 'questionsPerAttempt') };
  const j = num(q);
  if (j === undefined)
    return {
      ...base,
      targetId: problem.code?.startsWith('VIDEO_QUESTION_')
        ? fieldIds.videoAddQuestion(i)
        : fieldIds.quizAddQuestion(i),
    };
  const question = j + 1;
  if ((field === 'prompt' || field === 'explanation') && lang(k))
    return { ...base, question, lang: lang(k), targetId: fieldIds.question(i, j, `${field}-${k}`) };
  if (field === 'competency') return { ...base, question, targetId: fieldIds.question(i, j, 'competency') };
  if (field === 'options' || field === 'items') {
    const o = num(k);
    if (o === undefined) return { ...base, question, targetId: fieldIds.questionOption(i, j, 0, 'correct') };
    const language = lang(l);
    return {
      ...base,
      question,
      option: o + 1,
      lang: language,
      targetId: fieldIds.questionOption(i, j, o, sub === 'text' ? (language ?? 'vi') : 'correct'),
    };
  }
  if (field === 'answer') return { ...base, question, targetId: fieldIds.question(i, j, 'answer-true') };
  // A question pinned in a video: its time (the video lesson editor uses the quiz's ids for the rest).
  if (field === 'at') return { ...base, question, targetId: fieldIds.question(i, j, 'at') };
  return { ...base, question, targetId: fieldIds.question(i, j, 'type') };
}

/**
 * The publish-readiness reasons (libs/domain publishReadiness: stable codes) and the control that fixes each;
 * a bank smaller than its draw stays a quiz problem (the quiz editor shows it on the draw field).
 */
function readinessTarget(
  problem: DraftProblem,
  head: string | undefined,
  i: number | undefined,
  field: string | undefined,
): ProblemTarget | undefined {
  const code = problem.code;
  if (!code || code === 'QUIZ_BANK_SMALLER_THAN_DRAW') return undefined;
  if (!(PUBLISH_PROBLEM_CODES as readonly string[]).includes(code)) return undefined;
  const base = {
    kind: 'readiness' as const,
    code,
    message: problem.message,
    ...(problem.params ? { params: problem.params } : {}),
  };
  if (head !== 'lessons' || i === undefined) return { ...base, targetId: fieldIds.addCompetency };
  const lesson = i + 1;
  const targetId =
    field === 'body'
      ? fieldIds.lessonBody(i, 'vi')
      : field === 'items'
        ? fieldIds.lessonAddItem(i)
        : field === 'questions'
          ? fieldIds.quizAddQuestion(i)
          : field === 'videoId'
            ? fieldIds.lessonVideo(i)
            : field === 'captions'
              ? fieldIds.lessonCaptions(i, 'vi')
              : fieldIds.lessonMaterial(i);
  return { ...base, lesson, targetId };
}
