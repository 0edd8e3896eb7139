/** Vietnam has one offset all year (no daylight saving): times typed by a host are read at +07:00. */
export const VIETNAM_OFFSET = '+07:00';

/** `2026-12-06` and `08:00` as an ISO date-time at +07:00, or undefined when either is missing or malformed. */
export function vietnamDateTime(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const iso = `${date}T${time}:00${VIETNAM_OFFSET}`;
  return Number.isNaN(new Date(iso).getTime()) ? undefined : iso;
}

/** Today's date on the Vietnam clock (YYYY-MM-DD) from a device moment. */
export const vietnamToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A code shown in two groups of four, easier to read aloud and type. */
export const groupedCode = (code: string): string =>
  code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
