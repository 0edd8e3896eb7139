import { localize } from '../catalog';
import type { Answer } from './answers';
import { answerInShownIds, assertLayoutMatches, type AttemptQuestion, shownIds } from './attempt-layout';
import { gradeQuestion } from './grading';
import {
  type BankQuestion,
  correctOptionIds,
  offeredIds,
  type QuestionType,
  TRUE_FALSE_LABELS,
} from './question-bank';

/** A question as a learner sees it during an attempt: localized text, options in the attempt's order. */
export interface LearnerQuestionView {
  id: string;
  type: QuestionType;
  prompt: string;
  options: Array<{ id: string; text: string }>;
}

/**
 * A question after submission: the learner view with the learner's answer and the grade; with the right
 * answer and the explanation only when the quiz's reveal policy allows (else both are null and the
 * competency tells the learner what to revise).
 */
export interface FeedbackQuestionView extends LearnerQuestionView {
  /** The right options; for an ordering question, the items in the right order. Null while not revealed. */
  correctOptionIds: string[] | null;
  /** What the learner chose, in their order; empty when unanswered. */
  selected: string[];
  correct: boolean;
  /** 0..1, partial for multiple choice. */
  score: number;
  /** Why the right answer is right. Null while not revealed. */
  explanation: string | null;
  /** The competency (`framework:code`) the question checks: what to revise when it was wrong. */
  competency: string;
}

/** The localized text of each id a question offers. */
function optionTexts(question: BankQuestion, lang: string): Map<string, string> {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return new Map(question.options.map((o) => [o.id, localize(o.text, lang)]));
    case 'truefalse':
      return new Map(Object.entries(TRUE_FALSE_LABELS).map(([id, text]) => [id, localize(text, lang)]));
    case 'ordering':
      return new Map(question.items.map((i) => [i.id, localize(i.text, lang)]));
  }
}

/**
 * What a learner is shown for one question of an attempt: the prompt and options in `lang` (falling back
 * to Vietnamese), the options in the order of `layout`. It is built field by field and holds nothing about
 * correctness: no `correct` flags, no true/false answer, no explanation, and ordering items are never in
 * the right order (the layout scrambled them). Throws `QUIZ_LAYOUT_MISMATCH` for a layout of another
 * question.
 */
export function learnerView(
  question: BankQuestion,
  layout: AttemptQuestion,
  lang: string,
): LearnerQuestionView {
  assertLayoutMatches(question, layout);
  const texts = optionTexts(question, lang);
  return {
    id: question.id,
    type: question.type,
    prompt: localize(question.prompt, lang),
    options: shownIds(layout).map((id, i) => ({ id, text: texts.get(layout.optionOrder[i]!)! })),
  };
}

/** An answer as a list of option ids: nothing, the one chosen, or the list as given. */
function selectedIds(answer: Answer | undefined): string[] {
  if (answer === undefined) return [];
  return typeof answer === 'string' ? [answer] : [...answer];
}

/**
 * What a learner is shown for one question after submitting: the learner view (in the attempt's order
 * and with its shown ids when `layout` is given, else in bank order), the learner's selection (`answer` is
 * in bank ids, as stored) and the grade; the right option ids and the localized explanation only when
 * `reveal` is set (the default), else null: the key never reaches a learner before the policy allows.
 */
export function feedbackView(
  question: BankQuestion,
  answer: Answer | undefined,
  lang: string,
  layout: AttemptQuestion = { id: question.id, type: question.type, optionOrder: offeredIds(question) },
  reveal = true,
): FeedbackQuestionView {
  const { score, correct } = gradeQuestion(question, answer);
  return {
    ...learnerView(question, layout, lang),
    correctOptionIds: reveal ? selectedIds(answerInShownIds(layout, correctOptionIds(question))) : null,
    selected: answer === undefined ? [] : selectedIds(answerInShownIds(layout, answer)),
    correct,
    score,
    explanation: reveal ? localize(question.explanation, lang) : null,
    competency: question.competency,
  };
}
