/** What BM25 needs to know about the searched passages as a whole. */
export interface CorpusStats {
  /** How many passages were searched (published, in the question's language and course). */
  passages: number;
  /** Their average length in terms. */
  averageLength: number;
  /** For each question term, how many of them contain it. */
  documentFrequency: Readonly<Record<string, number>>;
}

export interface ScoredPassage<T> {
  item: T;
  score: number;
  /**
   * The share of the question's weight (the sum of its single words' idf; word pairs rank but do not count here,
   * as a question's own phrasing makes pairs no lesson has) that this passage contains, 0..1.
   */
  coverage: number;
}

const K1 = 1.2;
const B = 0.75;

/** Inverse document frequency (BM25's, never negative); a term no passage contains weighs the most. */
export const idf = (stats: CorpusStats, term: string): number => {
  const n = stats.documentFrequency[term] ?? 0;
  return Math.log(1 + (stats.passages - n + 0.5) / (n + 0.5));
};

/**
 * Okapi BM25 of each candidate for the question's distinct terms (k1 = 1.2, b = 0.75), best first, with the
 * coverage that decides whether the best one answers the question at all (`composeAnswer`). Ties keep the
 * candidates' order.
 */
export function rankPassages<T>(
  questionTerms: readonly string[],
  candidates: readonly { item: T; terms: readonly string[] }[],
  stats: CorpusStats,
): ScoredPassage<T>[] {
  const distinct = [...new Set(questionTerms)];
  const weights = new Map(distinct.map((t) => [t, idf(stats, t)]));
  const isWord = (t: string) => !t.includes('_');
  const totalWeight = [...weights].reduce((a, [t, w]) => (isWord(t) ? a + w : a), 0);
  const avg = stats.averageLength > 0 ? stats.averageLength : 1;
  const scored = candidates.map(({ item, terms }, index) => {
    const tf = new Map<string, number>();
    for (const t of terms) if (weights.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    let covered = 0;
    for (const [term, f] of tf) {
      const w = weights.get(term)!;
      score += (w * f * (K1 + 1)) / (f + K1 * (1 - B + (B * terms.length) / avg));
      if (isWord(term)) covered += w;
    }
    return { item, score, coverage: totalWeight > 0 ? covered / totalWeight : 0, index };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ item, score, coverage }) => ({ item, score, coverage }));
}
