import { containsInjection } from './injection';
import { splitSentences } from './passages';
import type { ScoredPassage } from './ranking';
import { assistantTerms, foldedTokens } from './terms';

/** A passage as the answer sees it: where it comes from and its text. */
export interface AnswerPassage {
  courseId: string;
  lessonId: string;
  lessonKey: string;
  title: string;
  heading: string;
  text: string;
}

export interface ComposedAnswer {
  grounded: boolean;
  /** The sentences of the answer, each copied from one cited passage. */
  sentences: string[];
  citations: { passage: AnswerPassage; quote: string }[];
  fallback?: 'ASK_HELP_OFFICER';
}

export interface AnswerRules {
  /** The best passage must hold at least this share of the question's weight (see `rankPassages`). */
  minCoverage: number;
  /** Passages scoring below this share of the best one are not cited. */
  relativeScore: number;
  maxCitations: number;
  maxSentences: number;
}

export const DEFAULT_ANSWER_RULES: AnswerRules = {
  minCoverage: 0.45,
  relativeScore: 0.6,
  maxCitations: 3,
  maxSentences: 3,
};

const FALLBACK: ComposedAnswer = {
  grounded: false,
  sentences: [],
  citations: [],
  fallback: 'ASK_HELP_OFFICER',
};

/**
 * The answer to a question from ranked passages, by quoting: nothing is written that a lesson does not say.
 * Passages carrying instructions for an assistant are skipped. When the best passage does not cover enough of
 * the question (or there is none), the answer is the fallback: ask the commune's help officer. Otherwise the
 * answer is the sentences of the best passages that share the most terms with the question (at most
 * `maxSentences`, in their order in the passage), and each passage quoted is a citation, one per lesson.
 */
export function composeAnswer(
  question: string,
  ranked: readonly ScoredPassage<AnswerPassage>[],
  rules: AnswerRules = DEFAULT_ANSWER_RULES,
): ComposedAnswer {
  const usable = ranked.filter((r) => !containsInjection(`${r.item.heading}\n${r.item.text}`));
  const best = usable[0];
  if (!best || best.coverage < rules.minCoverage) return FALLBACK;
  const questionTerms = new Set(assistantTerms(question));
  const chosen: ScoredPassage<AnswerPassage>[] = [];
  const lessons = new Set<string>();
  for (const r of usable) {
    if (chosen.length >= rules.maxCitations || r.score < best.score * rules.relativeScore) break;
    if (lessons.has(r.item.lessonId)) continue;
    lessons.add(r.item.lessonId);
    chosen.push(r);
  }
  const sentences: string[] = [];
  const citations: ComposedAnswer['citations'] = [];
  for (const [i, r] of chosen.entries()) {
    const own = splitSentences(r.item.text)
      .map((s, position) => ({ s, position, overlap: overlap(s, questionTerms) }))
      .filter((x) => x.overlap > 0 && x.s.length >= 12);
    // The best passage gives up to two sentences, the others one each, while room is left.
    const room = Math.min(i === 0 ? 2 : 1, rules.maxSentences - sentences.length);
    const picked = own
      .sort((a, b) => b.overlap - a.overlap || a.position - b.position)
      .slice(0, Math.max(0, room))
      .sort((a, b) => a.position - b.position)
      .map((x) => x.s);
    sentences.push(...picked);
    citations.push({ passage: r.item, quote: picked.length > 0 ? picked.join(' ') : clip(r.item.text, 280) });
  }
  if (sentences.length === 0) {
    const first = splitSentences(best.item.text)[0] ?? best.item.text;
    sentences.push(first);
  }
  return {
    grounded: isGrounded(
      sentences,
      chosen.map((c) => c.item.text),
    ),
    sentences,
    citations,
  };
}

function overlap(sentence: string, questionTerms: ReadonlySet<string>): number {
  let n = 0;
  for (const t of new Set(assistantTerms(sentence))) if (questionTerms.has(t)) n += t.includes('_') ? 2 : 1;
  return n;
}

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Groundedness, strictly: every sentence of the answer appears word for word in one of the cited passages. */
export function isGrounded(sentences: readonly string[], passages: readonly string[]): boolean {
  if (sentences.length === 0) return false;
  const texts = passages.map(squash);
  return sentences.every((s) => texts.some((t) => t.includes(squash(s))));
}

/**
 * Groundedness of a rephrased answer (the optional model): every sentence's words are, for at least `minShare`
 * of them, words of the cited passages. A sentence bringing in facts the lessons do not hold fails it.
 */
export function isSupported(answer: string, passages: readonly string[], minShare = 0.75): boolean {
  const vocabulary = new Set(passages.flatMap((p) => foldedTokens(p)));
  const sentences = splitSentences(answer);
  if (sentences.length === 0) return false;
  return sentences.every((s) => {
    const words = foldedTokens(s).filter((w) => w.length > 1 || /\d/.test(w));
    if (words.length === 0) return true;
    return words.filter((w) => vocabulary.has(w)).length / words.length >= minShare;
  });
}
