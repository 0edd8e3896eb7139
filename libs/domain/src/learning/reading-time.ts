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

/**
 * A learner's reading clock on one text lesson. One learner reads one lesson at a time per course: the
 * clock runs only while the lesson is the course's open lesson (the one opened last), and stops when
 * another lesson of the course is opened, keeping what it counted (`bankedSeconds`).
 */
export interface ReadingClock {
  /** Seconds counted in earlier stints, while this lesson was the open one. */
  bankedSeconds: number;
  /** Whether this lesson is the learner's open lesson of its course right now. */
  isOpenLesson: boolean;
  /** When it is: seconds since it became the open one (server clock). */
  openForSeconds: number;
}

/** Seconds of reading a lesson has earned so far. */
export function readingSecondsEarned(clock: ReadingClock): number {
  const banked = clock.bankedSeconds > 0 ? clock.bankedSeconds : 0;
  const running = clock.isOpenLesson && clock.openForSeconds > 0 ? clock.openForSeconds : 0;
  return banked + running;
}

/**
 * Whole seconds of reading still needed before the lesson can be completed: 0 when the minimum is met,
 * otherwise at least 1 (a fraction of a second left is still a second to wait).
 */
export function readingSecondsRemaining(minReadSeconds: number, clock: ReadingClock): number {
  const left = minReadSeconds - readingSecondsEarned(clock);
  return left > 0 ? Math.max(1, Math.ceil(left - 1e-9)) : 0;
}

/**
 * What opening lesson `opening` does to the course's reading clock. Re-opening the open lesson (a reload, a
 * language switch) keeps its stint running. Opening another lesson ends the open one's stint, whose seconds
 * are banked on it, and starts a new stint on `opening`.
 */
export function openLessonSwitch(
  current: { lessonId: string | null; openForSeconds: number },
  opening: string,
): { bank?: { lessonId: string; seconds: number }; restart: boolean } {
  if (current.lessonId === opening) return { restart: false };
  if (current.lessonId === null) return { restart: true };
  const seconds = current.openForSeconds > 0 ? current.openForSeconds : 0;
  return { bank: { lessonId: current.lessonId, seconds }, restart: true };
}
