import type { Answer } from './answers';
import type { BankQuestion, ChoiceQuestion, OrderingQuestion, TrueFalseQuestion } from './question-bank';

export interface QuestionGrade {
  /** 0..1. */
  score: number;
  /** Whether the answer is exactly right. */
  correct: boolean;
}

export interface AttemptGrade {
  /** 0..100, rounded to 2 decimals. */
  scorePercent: number;
  passed: boolean;
  perQuestion: Array<{ id: string } & QuestionGrade>;
}

const WRONG: QuestionGrade = { score: 0, correct: false };
const RIGHT: QuestionGrade = { score: 1, correct: true };

/** Single choice: 1 when the chosen option is marked correct, else 0. */
function gradeSingle(question: ChoiceQuestion, answer: Answer): QuestionGrade {
  if (typeof answer !== 'string') return WRONG;
  return question.options.some((o) => o.id === answer && o.correct === true) ? RIGHT : WRONG;
}

/**
 * Multiple choice, with partial credit: (right picks − wrong picks) / number of right options, never
 * below 0, so ticking everything does not pay. Correct only for exactly the right set. Repeated ids count
 * once; ids that are not right options (unknown ones included) count as wrong picks.
 */
function gradeMultiple(question: ChoiceQuestion, answer: Answer): QuestionGrade {
  if (!Array.isArray(answer)) return WRONG;
  const right = new Set(question.options.filter((o) => o.correct === true).map((o) => o.id));
  const picked = new Set(answer);
  const rightPicks = [...picked].filter((id) => right.has(id)).length;
  const wrongPicks = picked.size - rightPicks;
  if (rightPicks === right.size && wrongPicks === 0) return RIGHT;
  if (right.size === 0) return WRONG;
  return { score: Math.max(0, (rightPicks - wrongPicks) / right.size), correct: false };
}

/** True/false: 1 when the answer is the string of the statement's truth (`'true'` or `'false'`). */
function gradeTrueFalse(question: TrueFalseQuestion, answer: Answer): QuestionGrade {
  return answer === String(question.answer) ? RIGHT : WRONG;
}

/** Ordering: all or nothing; 1 only for exactly the bank's order of items. */
function gradeOrdering(question: OrderingQuestion, answer: Answer): QuestionGrade {
  if (!Array.isArray(answer) || answer.length !== question.items.length) return WRONG;
  return question.items.every((item, i) => item.id === answer[i]) ? RIGHT : WRONG;
}

/**
 * The grade of one answer (validated with `validateAnswers`, or undefined when unanswered, which scores 0).
 * An answer of the wrong shape scores 0.
 */
export function gradeQuestion(question: BankQuestion, answer: Answer | undefined): QuestionGrade {
  if (answer === undefined) return WRONG;
  switch (question.type) {
    case 'single':
      return gradeSingle(question, answer);
    case 'multiple':
      return gradeMultiple(question, answer);
    case 'truefalse':
      return gradeTrueFalse(question, answer);
    case 'ordering':
      return gradeOrdering(question, answer);
  }
}

/** `value` rounded to 2 decimals. */
function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The grade of an attempt: each question graded (unanswered ones score 0), the score the mean as a
 * percentage rounded to 2 decimals, passed when that rounded score is at least `passMark` (a percentage).
 * An attempt without questions scores 0. Only own properties of `answers` are read.
 */
export function gradeAttempt(
  questions: readonly BankQuestion[],
  answers: Readonly<Record<string, Answer>>,
  passMark: number,
): AttemptGrade {
  const perQuestion = questions.map((question) => {
    const answer = Object.prototype.hasOwnProperty.call(answers, question.id)
      ? answers[question.id]
      : undefined;
    return { id: question.id, ...gradeQuestion(question, answer) };
  });
  const total = perQuestion.reduce((sum, q) => sum + q.score, 0);
  const scorePercent = questions.length === 0 ? 0 : roundTo2((total / questions.length) * 100);
  return { scorePercent, passed: scorePercent >= passMark, perQuestion };
}
