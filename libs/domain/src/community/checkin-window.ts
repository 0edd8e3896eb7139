/**
 * When a community session's QR check-in is open, and which rotation windows of its code are accepted
 * (docs/community-sessions.md). Times are epoch milliseconds from the server's clock; nothing here trusts a
 * client's clock.
 */

/** How long one code shown on the host's phone lives before the next one replaces it. */
export const CHECKIN_ROTATION_SECONDS = 45;
/** Check-in opens this long before the session starts (people arrive early). */
export const CHECKIN_OPENS_BEFORE_MINUTES = 15;
/** Check-in closes this long after the session ends (the last people leave). */
export const CHECKIN_CLOSES_AFTER_MINUTES = 15;
/**
 * A host may still send check-ins made offline this long after the session ends; the server re-checks the person,
 * the host and the session when they arrive, and the attendance carries the time it reached the server.
 */
export const HOST_SYNC_GRACE_HOURS = 48;

export interface SessionTimes {
  startsAt: number;
  endsAt: number;
}

export type CheckInPhase = 'too-early' | 'open' | 'closed';

/** The rotation window a moment falls in (a counter; the code of a window is signed with it). */
export const rotationWindow = (nowMs: number): number =>
  Math.floor(nowMs / (CHECKIN_ROTATION_SECONDS * 1000));

/**
 * The windows a scanned code may come from: the current one and the one before (a code scanned just as it
 * rotated still works, so a code lives between one and two rotations — never longer).
 */
export const acceptedWindows = (nowMs: number): readonly number[] => {
  const w = rotationWindow(nowMs);
  return [w, w - 1];
};

/** When the current code stops being shown (epoch ms), for the host's page countdown. */
export const windowEndsAt = (window: number): number => (window + 1) * CHECKIN_ROTATION_SECONDS * 1000;

/** Whether QR check-in into a session is open at a moment: from shortly before the start to shortly after the end. */
export function checkInPhase(session: SessionTimes, nowMs: number): CheckInPhase {
  if (nowMs < session.startsAt - CHECKIN_OPENS_BEFORE_MINUTES * 60_000) return 'too-early';
  if (nowMs > session.endsAt + CHECKIN_CLOSES_AFTER_MINUTES * 60_000) return 'closed';
  return 'open';
}

/**
 * Whether a host may check a person in at a moment (live or a queued offline check-in arriving now): from when
 * QR check-in opens to HOST_SYNC_GRACE_HOURS after the end.
 */
export function hostCheckInPhase(session: SessionTimes, nowMs: number): CheckInPhase {
  if (nowMs < session.startsAt - CHECKIN_OPENS_BEFORE_MINUTES * 60_000) return 'too-early';
  if (nowMs > session.endsAt + HOST_SYNC_GRACE_HOURS * 3_600_000) return 'closed';
  return 'open';
}
