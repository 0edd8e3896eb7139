import type { DraftProblem, StudioDraft, StudioLesson, StudioQuizQuestion } from '@hocvuso/contracts';
import { quizDraftProblems } from '@hocvuso/domain';
import type { Lang } from './draft-edit';

/*
 * Editing operations on a studio quiz: pure functions returning a new lesson, as draft-edit.ts does for the
 * rest of the draft. A quiz lesson holds its settings and its question bank (the content format's quiz).
 */

export type QuizLesson = Extract<StudioLesson, { kind: 'quiz' }>;
export type QuizQuestion = StudioQuizQuestion;
export type QuestionKind = QuizQuestion['type'];
export type ChoiceQuestion = Extract<QuizQuestion, { type: 'single' | 'multiple' }>;
export type OrderingQuestion = Extract<QuizQuestion, { type: 'ordering' }>;
type Localized = { vi: string; en?: string };

export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'truefalse', 'ordering'];
export const MAX_QUESTIONS = 200;
export const MAX_OPTIONS = 10;

/** The numeric settings of a quiz and their ranges (as the api's contract has them); optional ones may be empty. */
export const QUIZ_SETTING_RANGES = {
  questionsPerAttempt: { min: 1, max: 100, optional: false },
  passMark: { min: 1, max: 100, optional: false },
  timeLimitMinutes: { min: 1, max: 600, optional: true },
  maxAttempts: { min: 1, max: 100, optional: true },
  retakeCooldownHours: { min: 0, max: 2160, optional: true },
} as const;

const emptyText = (langs: readonly Lang[]): Localized =>
  langs.includes('en') ? { vi: '', en: '' } : { vi: '' };

/** A short random id the bank keeps for a question or option (never shown to learners, never meaningful). */
export function newQuizId(prefix: 'q' | 'o'): string {
  const bytes = new Uint8Array(5);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The settings a new quiz starts with: draw 5, pass at 70 %, three attempts, answers shown after passing. */
export const DEFAULT_QUIZ_SETTINGS: QuizLesson['settings'] = {
  questionsPerAttempt: 5,
  passMark: 70,
  timeLimitMinutes: null,
  maxAttempts: 3,
  reveal: 'afterPass',
  retakeCooldownHours: null,
};

/** A new question of a kind: choices start with four empty options, ordering with three steps. */
export function newQuestion(
  kind: QuestionKind,
  langs: readonly Lang[],
  competency: string | null,
): QuizQuestion {
  const base = {
    id: newQuizId('q'),
    competency,
    prompt: emptyText(langs),
    explanation: emptyText(langs),
  };
  switch (kind) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: kind,
        options: [0, 1, 2, 3].map(() => ({ id: newQuizId('o'), text: emptyText(langs), correct: false })),
      };
    case 'truefalse':
      return { ...base, type: 'truefalse', answer: true };
    case 'ordering':
      return {
        ...base,
        type: 'ordering',
        items: [0, 1, 2].map(() => ({ id: newQuizId('o'), text: emptyText(langs) })),
      };
  }
}

/** Changes a question's kind keeping what carries over: prompt, explanation, tag, and option texts. */
export function changeKind(q: QuizQuestion, kind: QuestionKind, langs: readonly Lang[]): QuizQuestion {
  if (q.type === kind) return q;
  const base = { id: q.id, competency: q.competency, prompt: q.prompt, explanation: q.explanation };
  const texts =
    q.type === 'single' || q.type === 'multiple'
      ? q.options.map((o) => o.text)
      : q.type === 'ordering'
        ? q.items.map((i) => i.text)
        : [];
  const filled = texts.length >= 2 ? texts : [emptyText(langs), emptyText(langs), emptyText(langs)];
  switch (kind) {
    case 'single':
    case 'multiple': {
      const wasChoice = q.type === 'single' || q.type === 'multiple';
      let options = filled.map((text, i) => ({
        id: newQuizId('o'),
        text,
        correct: wasChoice ? (q as ChoiceQuestion).options[i]!.correct : false,
      }));
      // A single-choice question keeps only the first right option marked.
      if (kind === 'single') {
        const first = options.findIndex((o) => o.correct);
        options = options.map((o, i) => ({ ...o, correct: i === first }));
      }
      return { ...base, type: kind, options };
    }
    case 'truefalse':
      return { ...base, type: 'truefalse', answer: true };
    case 'ordering':
      return { ...base, type: 'ordering', items: filled.map((text) => ({ id: newQuizId('o'), text })) };
  }
}

export const newQuizLesson = (key: string, langs: readonly Lang[]): QuizLesson => ({
  key,
  kind: 'quiz',
  title: emptyText(langs),
  minutes: 10,
  instructions: emptyText(langs),
  settings: { ...DEFAULT_QUIZ_SETTINGS },
  questions: [],
});

const swap = <T>(list: readonly T[], i: number, delta: -1 | 1): T[] => {
  if (i + delta < 0 || i + delta >= list.length || i < 0 || i >= list.length) return [...list];
  const next = [...list];
  [next[i], next[i + delta]] = [next[i + delta]!, next[i]!];
  return next;
};

export const addQuestion = (lesson: QuizLesson, q: QuizQuestion): QuizLesson => ({
  ...lesson,
  questions: [...lesson.questions, q],
});
export const moveQuestion = (lesson: QuizLesson, i: number, delta: -1 | 1): QuizLesson => ({
  ...lesson,
  questions: swap(lesson.questions, i, delta),
});
export const removeQuestion = (lesson: QuizLesson, i: number): QuizLesson => ({
  ...lesson,
  questions: lesson.questions.filter((_, j) => j !== i),
});
export const replaceQuestion = (lesson: QuizLesson, i: number, q: QuizQuestion): QuizLesson => ({
  ...lesson,
  questions: lesson.questions.map((x, j) => (j === i ? q : x)),
});

/** Marks option `k` right or wrong; in a single-choice question marking one unmarks the others. */
export function setCorrect(q: ChoiceQuestion, k: number, correct: boolean): ChoiceQuestion {
  return {
    ...q,
    options: q.options.map((o, j) =>
      j === k ? { ...o, correct } : q.type === 'single' && correct ? { ...o, correct: false } : o,
    ),
  };
}

export function addOption(q: ChoiceQuestion | OrderingQuestion, langs: readonly Lang[]) {
  if (q.type === 'ordering')
    return { ...q, items: [...q.items, { id: newQuizId('o'), text: emptyText(langs) }] };
  return { ...q, options: [...q.options, { id: newQuizId('o'), text: emptyText(langs), correct: false }] };
}

/** Removes option (or step) `k`, keeping at least two. */
export function removeOption<Q extends ChoiceQuestion | OrderingQuestion>(q: Q, k: number): Q {
  if (q.type === 'ordering')
    return q.items.length <= 2 ? q : { ...q, items: q.items.filter((_, j) => j !== k) };
  return q.options.length <= 2 ? q : { ...q, options: q.options.filter((_, j) => j !== k) };
}

export function moveOption<Q extends ChoiceQuestion | OrderingQuestion>(q: Q, k: number, delta: -1 | 1): Q {
  if (q.type === 'ordering') return { ...q, items: swap(q.items, k, delta) };
  return { ...q, options: swap(q.options, k, delta) };
}

/** Untags the questions that carried a competency the course no longer lists. */
export function untagRemoved(draft: StudioDraft): StudioDraft {
  const own = new Set(draft.competencies.map((c) => `${c.framework}:${c.code}`));
  return {
    ...draft,
    lessons: draft.lessons.map((l) =>
      l.kind !== 'quiz'
        ? l
        : {
            ...l,
            questions: l.questions.map((q) =>
              q.competency !== null && !own.has(q.competency) ? { ...q, competency: null } : q,
            ),
          },
    ),
  };
}

/**
 * Every quiz problem of the draft as draft problems (`lessons.<i>.` + the quiz path), warnings included:
 * the one rule the api applies at publishing (libs/domain quizDraftProblems).
 */
export function quizProblems(draft: StudioDraft): DraftProblem[] {
  const competencies = draft.competencies.map((c) => `${c.framework}:${c.code}`);
  return draft.lessons.flatMap((lesson, i) =>
    lesson.kind !== 'quiz'
      ? []
      : quizDraftProblems(lesson, { languages: draft.languages, competencies }).map((p) => ({
          field: `lessons.${i}.${p.path}`,
          message: p.message,
          code: p.code,
          blocking: p.blocking,
          ...(p.params ? { params: p.params } : {}),
        })),
  );
}
