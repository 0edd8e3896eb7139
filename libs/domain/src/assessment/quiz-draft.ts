import { bankBalanceProblems } from './bank-balance';
import type { BankQuestion, QuestionType } from './question-bank';
import type { RevealPolicy } from './retake-policy';

/**
 * A quiz as the teaching studio edits it: the same model as a content quiz lesson with its bank
 * (`quiz:` front matter + `quizzes/<bank>.yaml`), with room for the unfinished (texts may be empty, a question
 * may not be tagged yet). Publishing turns it into exactly what a file course's quiz is.
 */
export type DraftLocalized = Partial<Record<string, string>>;

export interface QuizDraftOption {
  id: string;
  text: DraftLocalized;
  correct: boolean;
}

export interface QuizDraftItem {
  id: string;
  text: DraftLocalized;
}

interface QuizDraftQuestionBase {
  id: string;
  /** `framework:code`, one of the course's competencies; null while not chosen yet. */
  competency: string | null;
  prompt: DraftLocalized;
  explanation: DraftLocalized;
}

export type ChoiceDraftQuestion = QuizDraftQuestionBase & {
  type: 'single' | 'multiple';
  options: QuizDraftOption[];
};
export type QuizDraftQuestion =
  | ChoiceDraftQuestion
  | (QuizDraftQuestionBase & { type: 'truefalse'; answer: boolean })
  | (QuizDraftQuestionBase & { type: 'ordering'; items: QuizDraftItem[] });

export interface QuizDraftSettings {
  /** Questions drawn from the bank for each attempt. */
  questionsPerAttempt: number;
  /** Whole percent needed to pass, 1..100. */
  passMark: number;
  timeLimitMinutes: number | null;
  /** Attempts per set; null: unlimited. */
  maxAttempts: number | null;
  reveal: RevealPolicy;
  /** Hours until a new set of attempts opens; null: the default (24). */
  retakeCooldownHours: number | null;
}

export interface QuizDraft {
  settings: QuizDraftSettings;
  questions: QuizDraftQuestion[];
}

/** Size limits of a studio quiz (the api's contract refuses more). */
export const QUIZ_DRAFT_LIMITS = {
  questions: 200,
  options: 10,
  items: 10,
  questionsPerAttempt: 100,
  timeLimitMinutes: 600,
  maxAttempts: 100,
  retakeCooldownHours: 24 * 90,
} as const;

/** Share of single-choice questions with the right answer at one position above which the editor warns. */
export const QUIZ_POSITION_MAX_SHARE = 0.6;
/** Position and length patterns are measured from this many choice questions on. */
export const QUIZ_PATTERN_MIN_QUESTIONS = 5;

/**
 * Every way a studio quiz can be wrong or weak. `blocking` problems refuse publishing (the draft still saves);
 * the others are warnings shown while editing. Codes are stable: the web translates them.
 */
export const QUIZ_PROBLEM_CODES = [
  'QUIZ_NO_QUESTIONS',
  'QUIZ_BANK_SMALLER_THAN_DRAW',
  'QUIZ_BANK_TOO_SMALL_FOR_RETAKE',
  'QUIZ_DUPLICATE_QUESTION_ID',
  'QUIZ_DUPLICATE_OPTION_ID',
  'QUIZ_TEXT_MISSING',
  'QUIZ_COMPETENCY_MISSING',
  'QUIZ_COMPETENCY_NOT_IN_COURSE',
  'QUIZ_NO_CORRECT_ANSWER',
  'QUIZ_SINGLE_MANY_CORRECT',
  'QUIZ_ALL_OPTIONS_CORRECT',
  'QUIZ_DUPLICATE_OPTION',
  'QUIZ_EXPLANATION_MISSING',
  'QUIZ_ANSWERS_SAME_POSITION',
  'QUIZ_ANSWERS_LONGEST',
] as const;
export type QuizProblemCode = (typeof QUIZ_PROBLEM_CODES)[number];

const BLOCKING: ReadonlySet<QuizProblemCode> = new Set([
  'QUIZ_NO_QUESTIONS',
  'QUIZ_BANK_SMALLER_THAN_DRAW',
  'QUIZ_DUPLICATE_QUESTION_ID',
  'QUIZ_DUPLICATE_OPTION_ID',
  'QUIZ_TEXT_MISSING',
  'QUIZ_COMPETENCY_MISSING',
  'QUIZ_COMPETENCY_NOT_IN_COURSE',
  'QUIZ_NO_CORRECT_ANSWER',
  'QUIZ_SINGLE_MANY_CORRECT',
]);

export interface QuizProblem {
  code: QuizProblemCode;
  /** Where, from the quiz: `questions.2.options.1.text.vi`, `settings.questionsPerAttempt`, `questions`. */
  path: string;
  blocking: boolean;
  message: string;
  /** Numbers and names the message is built from (for translated messages). */
  params?: Record<string, string | number>;
}

export interface QuizCheckContext {
  /** The course's languages: every text is needed in each. */
  languages: readonly string[];
  /** The course's competencies as `framework:code`: the only tags a question may carry. */
  competencies: readonly string[];
}

const problem = (
  code: QuizProblemCode,
  path: string,
  message: string,
  params?: Record<string, string | number>,
): QuizProblem => ({ code, path, blocking: BLOCKING.has(code), message, ...(params ? { params } : {}) });

const blank = (t: DraftLocalized, lang: string) => !(t[lang] ?? '').trim();
/** Options compare without case, surrounding space or repeated spaces. */
const sameText = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * Every problem of a studio quiz at once, in question order: what refuses publishing (`blocking`) and the
 * warnings an editor shows while the teacher types. Never throws; an empty list means the quiz is good.
 */
export function quizDraftProblems(quiz: QuizDraft, ctx: QuizCheckContext): QuizProblem[] {
  const problems: QuizProblem[] = [];
  const { settings, questions } = quiz;
  const allowed = new Set(ctx.competencies);
  if (questions.length === 0)
    problems.push(problem('QUIZ_NO_QUESTIONS', 'questions', 'the quiz has no questions yet'));
  else if (questions.length < settings.questionsPerAttempt)
    problems.push(
      problem(
        'QUIZ_BANK_SMALLER_THAN_DRAW',
        'settings.questionsPerAttempt',
        `the bank has ${questions.length} questions but each attempt draws ${settings.questionsPerAttempt}`,
        { count: questions.length, draw: settings.questionsPerAttempt },
      ),
    );
  else if (questions.length < settings.questionsPerAttempt * 2)
    problems.push(
      problem(
        'QUIZ_BANK_TOO_SMALL_FOR_RETAKE',
        'questions',
        `the bank has ${questions.length} questions; ${settings.questionsPerAttempt * 2} (twice the draw) let a retake see new questions`,
        { count: questions.length, needed: settings.questionsPerAttempt * 2 },
      ),
    );

  const questionIds = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (questionIds.has(q.id))
      problems.push(problem('QUIZ_DUPLICATE_QUESTION_ID', `${at}.id`, `question id "${q.id}" repeats`));
    questionIds.add(q.id);
    if (q.competency === null)
      problems.push(
        problem('QUIZ_COMPETENCY_MISSING', `${at}.competency`, 'choose the competency it checks'),
      );
    else if (!allowed.has(q.competency))
      problems.push(
        problem(
          'QUIZ_COMPETENCY_NOT_IN_COURSE',
          `${at}.competency`,
          `"${q.competency}" is not one of the course's competencies`,
          { competency: q.competency },
        ),
      );
    for (const lang of ctx.languages) {
      if (blank(q.prompt, lang))
        problems.push(
          problem('QUIZ_TEXT_MISSING', `${at}.prompt.${lang}`, `the question text is missing in ${lang}`, {
            lang,
          }),
        );
      if (blank(q.explanation, lang))
        problems.push(
          problem(
            'QUIZ_EXPLANATION_MISSING',
            `${at}.explanation.${lang}`,
            `no explanation in ${lang}: learners learn most from why an answer is right`,
            { lang },
          ),
        );
    }
    const entries =
      q.type === 'single' || q.type === 'multiple' ? q.options : q.type === 'ordering' ? q.items : [];
    const field = q.type === 'ordering' ? 'items' : 'options';
    const optionIds = new Set<string>();
    entries.forEach((o, j) => {
      if (optionIds.has(o.id))
        problems.push(
          problem('QUIZ_DUPLICATE_OPTION_ID', `${at}.${field}.${j}.id`, `option id "${o.id}" repeats`),
        );
      optionIds.add(o.id);
      for (const lang of ctx.languages)
        if (blank(o.text, lang))
          problems.push(
            problem(
              'QUIZ_TEXT_MISSING',
              `${at}.${field}.${j}.text.${lang}`,
              `the text is missing in ${lang}`,
              {
                lang,
              },
            ),
          );
    });
    for (const lang of ctx.languages) {
      const seen = new Map<string, number>();
      entries.forEach((o, j) => {
        const t = o.text[lang];
        if (!t?.trim()) return;
        const key = sameText(t);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, j);
        else
          problems.push(
            problem(
              'QUIZ_DUPLICATE_OPTION',
              `${at}.${field}.${j}.text.${lang}`,
              `this option repeats option ${first + 1} (${lang})`,
              { other: first + 1, lang },
            ),
          );
      });
    }
    if (q.type === 'single' || q.type === 'multiple') {
      const correct = q.options.filter((o) => o.correct).length;
      if (correct === 0)
        problems.push(problem('QUIZ_NO_CORRECT_ANSWER', `${at}.options`, 'mark the correct answer'));
      else if (q.type === 'single' && correct > 1)
        problems.push(
          problem(
            'QUIZ_SINGLE_MANY_CORRECT',
            `${at}.options`,
            `a single-choice question has exactly one correct option, ${correct} are marked`,
            { count: correct },
          ),
        );
      else if (q.type === 'multiple' && correct === q.options.length)
        problems.push(
          problem(
            'QUIZ_ALL_OPTIONS_CORRECT',
            `${at}.options`,
            'every option is correct: ticking everything wins this question',
          ),
        );
    }
  });
  problems.push(...answerPatternProblems(questions, ctx.languages));
  return problems;
}

/**
 * Answers a learner could guess without knowing anything: the right answer of single-choice questions at the
 * same position in more than {@link QUIZ_POSITION_MAX_SHARE} of them, and the right options being the longest
 * in more than half the choice questions (in any language; the rule of `bankBalanceProblems`).
 */
function answerPatternProblems(
  questions: readonly QuizDraftQuestion[],
  languages: readonly string[],
): QuizProblem[] {
  const out: QuizProblem[] = [];
  const single = questions.filter(
    (q): q is ChoiceDraftQuestion => q.type === 'single' && q.options.filter((o) => o.correct).length === 1,
  );
  if (single.length >= QUIZ_PATTERN_MIN_QUESTIONS) {
    const at = new Map<number, number>();
    for (const q of single) {
      const i = q.options.findIndex((o) => o.correct);
      at.set(i, (at.get(i) ?? 0) + 1);
    }
    const [position, count] = [...at.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (count / single.length > QUIZ_POSITION_MAX_SHARE)
      out.push(
        problem(
          'QUIZ_ANSWERS_SAME_POSITION',
          'questions',
          `the correct answer is option ${position + 1} in ${count} of ${single.length} single-choice questions: vary where it stands`,
          { position: position + 1, count, of: single.length },
        ),
      );
  }
  const asBank = questions.map(toBankShape);
  for (const lang of languages) {
    const longest = bankBalanceProblems(asBank, { lang }).find((p) => p.rule === 'correct-longest');
    if (longest) {
      out.push(
        problem(
          'QUIZ_ANSWERS_LONGEST',
          'questions',
          `the correct answer is the longest option in ${longest.count} of ${longest.of} choice questions (${lang}): write wrong options as full as the right one`,
          { count: longest.count, of: longest.of, lang },
        ),
      );
      break;
    }
  }
  return out;
}

/** A draft question in the bank's shape (texts as they are; only for measuring patterns). */
function toBankShape(q: QuizDraftQuestion): BankQuestion {
  const text = (t: DraftLocalized) => ({ ...t, vi: t.vi ?? '' });
  const base = {
    id: q.id,
    competency: q.competency ?? '',
    prompt: text(q.prompt),
    explanation: text(q.explanation),
  };
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, type: q.type, options: q.options.map((o) => ({ ...o, text: text(o.text) })) };
    case 'truefalse':
      return { ...base, type: 'truefalse', answer: q.answer };
    case 'ordering':
      return { ...base, type: 'ordering', items: q.items.map((o) => ({ ...o, text: text(o.text) })) };
  }
}

/** Whether a list of problems allows publishing. */
export const quizPublishable = (problems: readonly QuizProblem[]): boolean =>
  problems.every((p) => !p.blocking);

/** The question types, for editors: the content format's four. */
export const QUIZ_DRAFT_QUESTION_TYPES: readonly QuestionType[] = [
  'single',
  'multiple',
  'truefalse',
  'ordering',
];
