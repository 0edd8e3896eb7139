import { localize } from '../catalog';
import type { BankQuestion, ChoiceQuestion } from './question-bank';

/**
 * Which way a question bank gives its answers away without the learner knowing anything:
 * - `correct-position`: the right option sits at the same place (first, or any one place) in most
 *   single-choice questions, or the right options are the first ones in most multiple-choice questions;
 * - `correct-longest`: the right options are the longest ones in most choice questions;
 * - `bank-too-small`: fewer than twice the questions drawn per attempt, so a retake sees the same questions.
 */
export type BankBalanceRule = 'correct-position' | 'correct-longest' | 'bank-too-small';

export interface BankBalanceProblem {
  rule: BankBalanceRule;
  /** How many questions show the pattern, out of how many it was measured on. */
  count: number;
  of: number;
  message: string;
}

/** A pattern is a problem when it holds in more than this share of the questions measured. */
export const BANK_BALANCE_MAX_SHARE = 0.5;
/** Patterns are measured only on at least this many choice questions (fewer say nothing). */
export const BANK_BALANCE_MIN_QUESTIONS = 5;
/** A bank holds at least this many times the questions drawn per attempt. */
export const BANK_SIZE_FACTOR = 2;

const isChoice = (q: BankQuestion): q is ChoiceQuestion => q.type === 'single' || q.type === 'multiple';

/** Whether the right options of a choice question are exactly its first ones. */
function rightOnesFirst(q: ChoiceQuestion): boolean {
  const right = q.options.filter((o) => o.correct === true).length;
  return (
    right > 0 && right < q.options.length && q.options.every((o, i) => i < right === (o.correct === true))
  );
}

/** Whether every right option is longer (in `lang`) than every wrong one. */
function rightOnesLongest(q: ChoiceQuestion, lang: string): boolean {
  const length = (o: ChoiceQuestion['options'][number]) => [...localize(o.text, lang)].length;
  const right = q.options.filter((o) => o.correct === true).map(length);
  const wrong = q.options.filter((o) => o.correct !== true).map(length);
  return right.length > 0 && wrong.length > 0 && Math.min(...right) > Math.max(...wrong);
}

/**
 * The ways a bank gives its answers away (empty when none). Position and length are measured on the choice
 * questions (single and multiple) once there are at least {@link BANK_BALANCE_MIN_QUESTIONS}; each is a problem
 * above {@link BANK_BALANCE_MAX_SHARE} of them (by chance, with four options, about a quarter). The option order
 * in the bank is what an author wrote: the player shuffles options for every attempt anyway, but a bank
 * written with its answers first, or longest, shows an author's habit a learner can learn too (longest).
 * Lengths are counted in `lang` (Vietnamese by default). With `questionsPerAttempt`, a bank with fewer than
 * {@link BANK_SIZE_FACTOR} times that many questions is a problem too.
 */
export function bankBalanceProblems(
  questions: readonly BankQuestion[],
  opts: { questionsPerAttempt?: number; lang?: string } = {},
): BankBalanceProblem[] {
  const lang = opts.lang ?? 'vi';
  const problems: BankBalanceProblem[] = [];
  const choice = questions.filter(isChoice);
  if (choice.length >= BANK_BALANCE_MIN_QUESTIONS) {
    const single = choice.filter((q) => q.type === 'single');
    const atPosition = new Map<number, number>();
    for (const q of single) {
      const at = q.options.findIndex((o) => o.correct === true);
      atPosition.set(at, (atPosition.get(at) ?? 0) + 1);
    }
    const modal = Math.max(0, ...atPosition.values());
    const firstMultiple = choice.filter((q) => q.type === 'multiple' && rightOnesFirst(q)).length;
    const firstAll = choice.filter(rightOnesFirst).length;
    const positioned = Math.max(firstAll, modal + firstMultiple);
    if (positioned / choice.length > BANK_BALANCE_MAX_SHARE) {
      problems.push({
        rule: 'correct-position',
        count: positioned,
        of: choice.length,
        message: `the right answer is in the same position in ${positioned} of ${choice.length} choice questions (at most half may be): vary where it stands`,
      });
    }
    const longest = choice.filter((q) => rightOnesLongest(q, lang)).length;
    if (longest / choice.length > BANK_BALANCE_MAX_SHARE) {
      problems.push({
        rule: 'correct-longest',
        count: longest,
        of: choice.length,
        message: `the right answer is the longest option in ${longest} of ${choice.length} choice questions (at most half may be): write some wrong options as full and precise as the right one`,
      });
    }
  }
  const perAttempt = opts.questionsPerAttempt;
  if (perAttempt !== undefined && questions.length < perAttempt * BANK_SIZE_FACTOR) {
    problems.push({
      rule: 'bank-too-small',
      count: questions.length,
      of: perAttempt * BANK_SIZE_FACTOR,
      message: `the bank has ${questions.length} questions; ${perAttempt * BANK_SIZE_FACTOR} are needed (twice the ${perAttempt} drawn per attempt) so a retake sees new questions`,
    });
  }
  return problems;
}
