/**
 * When this device first opened a lesson, kept in localStorage so that reloading the page (common on a
 * weak connection) does not restart the reading countdown. The server's clock stays the authority: a
 * LESSON_READ_TOO_SOON answer moves the start with `setReadingStart`.
 */
const key = (lessonId: string) => `hvs.reading.${lessonId}`;

export function readingStart(lessonId: string, now: number): number {
  try {
    const stored = Number(localStorage.getItem(key(lessonId)));
    if (Number.isFinite(stored) && stored > 0 && stored <= now) return stored;
    localStorage.setItem(key(lessonId), String(now));
  } catch {
    // Storage unavailable: count from now.
  }
  return now;
}

export function setReadingStart(lessonId: string, start: number): void {
  try {
    localStorage.setItem(key(lessonId), String(start));
  } catch {
    // Storage unavailable: the countdown still works for this visit.
  }
}

export function forgetReadingStart(lessonId: string): void {
  try {
    localStorage.removeItem(key(lessonId));
  } catch {
    // Nothing to clean up.
  }
}

/** Whole seconds left before `minReadSeconds` have passed since `start`. */
export function secondsLeft(start: number, minReadSeconds: number, now: number): number {
  return Math.max(0, Math.ceil((start + minReadSeconds * 1000 - now) / 1000));
}
