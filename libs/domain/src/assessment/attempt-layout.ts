import { ConflictError } from '../errors';
import { type BankQuestion, offeredIds, type QuestionType, TRUE_FALSE_OPTION_IDS } from './question-bank';
import { seededRandom, shuffle } from './seeded-random';

/**
 * One question of an attempt as laid out for the learner: which bank question, and the order its option
 * ids (items for an ordering question, `true`/`false` for a true/false one) are shown in. Stored with the
 * attempt on the server; holds no text and no correctness.
 */
export interface AttemptQuestion {
  id: string;
  type: QuestionType;
  /** Bank ids of the options (items, `true`/`false`) in the order they are shown. */
  optionOrder: string[];
  /**
   * The opaque ids the learner sees for `optionOrder`, position by position: derived from the attempt's
   * secret seed, different in every attempt, so no id says which option is right or where it stood in the
   * bank. Absent in attempts laid out before opaque ids (the bank ids are shown then).
   */
  optionKeys?: string[];
}

/** Options of {@link buildAttempt}. */
export interface BuildAttemptOptions {
  /** The opaque id shown for an option of a question; unique per question (a clash is disambiguated). */
  keyOf?: (questionId: string, optionId: string) => string;
  /** Question ids the learner saw recently: picked only when the bank has too few others. */
  avoid?: ReadonlySet<string>;
}

/** How many reshuffles an ordering question gets before falling back to a rotation. */
const MAX_RESHUFFLES = 10;

/** Whether two id lists are the same sequence. */
function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * `ids` (given in the correct order) shuffled into an order that is not the correct one, so an ordering
 * question never starts solved. Reshuffles while the result is still solved (so every other order stays
 * equally likely), then, with a broken generator, rotates by one. Fewer than two ids are returned as is.
 */
export function scrambledOrder(ids: readonly string[], random: () => number): string[] {
  if (ids.length < 2) return [...ids];
  for (let attempt = 0; attempt < MAX_RESHUFFLES; attempt++) {
    const order = shuffle(ids, random);
    if (!sameOrder(order, ids)) return order;
  }
  const [first, ...rest] = ids;
  return first === undefined ? [] : [...rest, first];
}

/** The first question of each id, in bank order: a repeated id (refused by the importer) is never picked twice. */
function distinctById(bank: readonly BankQuestion[]): BankQuestion[] {
  const byId = new Map<string, BankQuestion>();
  for (const question of bank) if (!byId.has(question.id)) byId.set(question.id, question);
  return [...byId.values()];
}

/** The order a question's options are shown in for one attempt. */
function optionOrder(question: BankQuestion, random: () => number): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return shuffle(offeredIds(question), random);
    case 'truefalse':
      return [...TRUE_FALSE_OPTION_IDS];
    case 'ordering':
      return scrambledOrder(offeredIds(question), random);
  }
}

/**
 * Lays out a new attempt: `count` distinct questions of the bank (all of them when `count` is at least
 * the bank size; none for a count below 1), in a random order, each with its options shuffled, ordering
 * items never in the correct order, and true/false offered as `true`, `false`. Everything comes from a
 * generator seeded by `seed`, so the same bank, count and seed always give the same attempt.
 */
export function buildAttempt(
  bank: readonly BankQuestion[],
  count: number,
  seed: string,
  options: BuildAttemptOptions = {},
): AttemptQuestion[] {
  const random = seededRandom(seed);
  const take = count >= 1 ? Math.floor(count) : 0;
  const shuffled = shuffle(distinctById(bank), random);
  const avoid = options.avoid ?? new Set<string>();
  const fresh = shuffled.filter((q) => !avoid.has(q.id));
  const seen = shuffled.filter((q) => avoid.has(q.id));
  // Fresh questions first; the pick is shuffled again so the seen ones are not always last.
  const picked =
    seen.length === 0 ? fresh.slice(0, take) : shuffle([...fresh, ...seen].slice(0, take), random);
  return picked.map((question) => {
    const order = optionOrder(question, random);
    const laid: AttemptQuestion = { id: question.id, type: question.type, optionOrder: order };
    if (options.keyOf) laid.optionKeys = distinctKeys(order.map((id) => options.keyOf!(question.id, id)));
    return laid;
  });
}

/** `keys` with any repeat made distinct by a suffix, so every option of a question keeps its own id. */
function distinctKeys(keys: string[]): string[] {
  const used = new Set<string>();
  return keys.map((key) => {
    let candidate = key;
    for (let n = 1; used.has(candidate); n++) candidate = `${key}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

/** The ids a learner sees for a laid-out question, in its order: the opaque keys, or the bank ids. */
export function shownIds(layout: AttemptQuestion): string[] {
  return layout.optionKeys && layout.optionKeys.length === layout.optionOrder.length
    ? [...layout.optionKeys]
    : [...layout.optionOrder];
}

/** The id a learner sees for a bank id of a laid-out question (the bank id itself when unknown). */
export function shownIdOf(layout: AttemptQuestion, bankId: string): string {
  const index = layout.optionOrder.indexOf(bankId);
  return index < 0 ? bankId : shownIds(layout)[index]!;
}

/** The layout as the learner knows it: the same questions with the shown ids as the option order. */
export function learnerLayout(layout: AttemptQuestion): AttemptQuestion {
  return { id: layout.id, type: layout.type, optionOrder: shownIds(layout) };
}

/** An answer given in shown ids, in bank ids (every id must be a shown id of the question: validate first). */
export function answerInBankIds(layout: AttemptQuestion, answer: string | string[]): string | string[] {
  const shown = shownIds(layout);
  const toBank = (id: string) => layout.optionOrder[shown.indexOf(id)] ?? id;
  return typeof answer === 'string' ? toBank(answer) : answer.map(toBank);
}

/** An answer stored in bank ids, in the ids the learner saw. */
export function answerInShownIds(layout: AttemptQuestion, answer: string | string[]): string | string[] {
  return typeof answer === 'string' ? shownIdOf(layout, answer) : answer.map((id) => shownIdOf(layout, id));
}

/**
 * Throws `QUIZ_LAYOUT_MISMATCH` unless `layout` is a layout of `question`: same id and type, and its
 * option order a permutation of the ids the question offers. A mismatch means the bank changed under a
 * running attempt, or a bug; showing or grading it could hide a right answer.
 */
export function assertLayoutMatches(question: BankQuestion, layout: AttemptQuestion): void {
  const offered = offeredIds(question);
  const isPermutation =
    layout.optionOrder.length === offered.length &&
    new Set(layout.optionOrder).size === offered.length &&
    layout.optionOrder.every((id) => offered.includes(id));
  if (layout.id !== question.id || layout.type !== question.type || !isPermutation) {
    throw new ConflictError(
      'QUIZ_LAYOUT_MISMATCH',
      `The attempt layout does not match question "${question.id}".`,
      {
        questionId: question.id,
        layoutId: layout.id,
      },
    );
  }
}
