import { vietnamDate } from '../mandates/mandate-status';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * Whether the nightly reconcile of the coverage rollups is due at `now`: from `hour` o'clock in Vietnam (0–23)
 * until the end of that Vietnam day. Gives the night it is due for (the Vietnam date, YYYY-MM-DD), or null before
 * the hour. A worker that was down at the hour runs it when it comes back the same day; one run per night (the
 * run row of that date is claimed once).
 */
export function nightlyReconcileDue(now: Date, hour: number): string | null {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new RangeError(`hour must be 0–23, got ${hour}`);
  const vietnamHour = new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCHours();
  return vietnamHour >= hour ? vietnamDate(now) : null;
}
