/**
 * Minimum seconds a learner must spend on a text lesson before it can count as read: about 40 % of the
 * time an adult needs at 200 words a minute, clamped to 10..180 s. Authors may override it per lesson.
 */
export function minimumReadingSeconds(wordCount: number, override?: number): number {
  if (override !== undefined) return Math.max(0, Math.round(override));
  const seconds = Math.round(((wordCount / 200) * 60 * 40) / 100);
  return Math.min(180, Math.max(10, seconds));
}

/** Words in a text, counting Vietnamese syllables separated by spaces as words. */
export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+/gu);
  return matches ? matches.length : 0;
}
