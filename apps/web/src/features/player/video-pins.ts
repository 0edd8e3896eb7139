/** A question pinned in the video, as the pause logic sees it. */
export interface VideoPin {
  id: string;
  at: number;
  answered: boolean;
}

/**
 * The longest step between two `timeupdate`s that is still playing (they come about 4 times a second, at 2×
 * half a second apart); a longer jump is a seek, handled when the seek ends.
 */
export const MAX_PLAY_STEP_SECONDS = 1.5;

/** How far before the pin "Xem lại đoạn trước" (and Esc) moves the video. */
export const REWIND_SECONDS = 10;

/**
 * The pin where the video must pause when its playhead moves from `from` to `to`: the earliest unanswered pin
 * with from < at ≤ to. Playing (`seek` false) checks only a small step forward; a seek forward past an
 * unanswered pin stops at the first one it skipped. Moving backwards never stops.
 */
export function pinToStopAt(
  pins: readonly VideoPin[],
  from: number,
  to: number,
  seek: boolean,
): VideoPin | undefined {
  if (!(to > from)) return undefined;
  if (!seek && to - from > MAX_PLAY_STEP_SECONDS) return undefined;
  return pins.filter((p) => !p.answered && p.at > from && p.at <= to).sort((a, b) => a.at - b.at)[0];
}

/** Where rewinding from a pin goes: a little before it, never before the start. */
export const rewindFrom = (at: number): number => Math.max(0, at - REWIND_SECONDS);

/** A time as m:ss (0:27, 1:04). */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
