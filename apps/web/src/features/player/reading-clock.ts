/**
 * The reading countdown of a text lesson follows the server's clock: the lesson arrives with the seconds
 * of reading still needed (`readSecondsRemaining`), and the browser only counts them down from the moment
 * it received them. A reload asks the server again, so neither a changed phone clock nor another device
 * can make the button open early or late; a LESSON_READ_TOO_SOON answer restarts the count with the
 * server's figure.
 */

/** Whole seconds left of `seconds` counted from `since`, at `now` (both in milliseconds). */
export function secondsLeft(since: number, seconds: number, now: number): number {
  return Math.max(0, Math.ceil((since + seconds * 1000 - now) / 1000));
}
