import type { LocalizedText } from '../catalog';

/** The kinds of quiz question in a content bank (`courses/<id>/quizzes/<bank>.yaml`). Stored: never rename. */
export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'ordering'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

interface QuestionBase {
  id: string;
  /** `framework:code`, e.g. `tt02-2025:4.1`. */
  competency: string;
  prompt: LocalizedText;
  /** Shown only after submission. */
  explanation: LocalizedText;
}

/** An option of a choice question; `correct` is absent (false) for a wrong option in the bank file. */
export interface ChoiceOption {
  id: string;
  text: LocalizedText;
  correct?: boolean;
}

/** `single`: exactly one option is correct. `multiple`: at least one is. */
export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multiple';
  options: readonly ChoiceOption[];
}

/** A statement the learner marks true or false; `answer` is the truth. */
export interface TrueFalseQuestion extends QuestionBase {
  type: 'truefalse';
  answer: boolean;
}

export interface OrderingItem {
  id: string;
  text: LocalizedText;
}

/** Items listed in the bank in the correct order; the player shows them shuffled. */
export interface OrderingQuestion extends QuestionBase {
  type: 'ordering';
  items: readonly OrderingItem[];
}

/** A question as authored in a bank, with everything needed to grade it. Never sent to a learner as is. */
export type BankQuestion = ChoiceQuestion | TrueFalseQuestion | OrderingQuestion;

/** The option ids a true/false question offers; they are also its answers. */
export const TRUE_FALSE_OPTION_IDS = ['true', 'false'] as const;

/** The labels of the true/false options. */
export const TRUE_FALSE_LABELS: Record<(typeof TRUE_FALSE_OPTION_IDS)[number], LocalizedText> = {
  true: { vi: 'Đúng', en: 'True' },
  false: { vi: 'Sai', en: 'False' },
};

/** The ids a question offers, in bank order: options, items, or `true`/`false`. */
export function offeredIds(question: BankQuestion): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((o) => o.id);
    case 'truefalse':
      return [...TRUE_FALSE_OPTION_IDS];
    case 'ordering':
      return question.items.map((i) => i.id);
  }
}

/**
 * The right answer as option ids: the correct options of a choice question (bank order), `['true']` or
 * `['false']` for a true/false question, and the items in the correct order for an ordering question.
 */
export function correctOptionIds(question: BankQuestion): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.filter((o) => o.correct === true).map((o) => o.id);
    case 'truefalse':
      return [String(question.answer)];
    case 'ordering':
      return question.items.map((i) => i.id);
  }
}
