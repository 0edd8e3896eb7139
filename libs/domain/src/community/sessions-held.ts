/**
 * Which community sessions count as "held" (docs/community-sessions.md), for the coverage pages and for the
 * scorer of emulation campaigns: a unit cannot raise its score with empty sessions or sessions written down
 * after the fact.
 */

/** A session counts only with at least this many attendees (data: a campaign may ask for more). */
export const MIN_ATTENDEES_FOR_HELD = 3;

export interface SessionForCounting {
  id: string;
  startsAt: number;
  endsAt: number;
  /** When the session was scheduled (server clock). */
  createdAt: number;
  cancelled: boolean;
  /** Distinct people checked in. */
  attendees: number;
}

export type NotHeldReason = 'cancelled' | 'not-ended' | 'scheduled-after-start' | 'too-few-attendees';

export interface SessionsHeld {
  held: number;
  heldIds: string[];
  notHeld: Array<{ id: string; reason: NotHeldReason }>;
}

/** Why a session does not count as held at `asOf`, or null when it does. */
export function notHeldReason(
  s: SessionForCounting,
  asOf: number,
  minAttendees = MIN_ATTENDEES_FOR_HELD,
): NotHeldReason | null {
  if (s.cancelled) return 'cancelled';
  if (s.endsAt > asOf) return 'not-ended';
  if (s.createdAt >= s.startsAt) return 'scheduled-after-start';
  if (s.attendees < minAttendees) return 'too-few-attendees';
  return null;
}

/** Counts the sessions held by `asOf`: ended, not cancelled, scheduled before they started, with enough people. */
export function countSessionsHeld(
  sessions: readonly SessionForCounting[],
  asOf: number,
  minAttendees = MIN_ATTENDEES_FOR_HELD,
): SessionsHeld {
  const heldIds: string[] = [];
  const notHeld: SessionsHeld['notHeld'] = [];
  for (const s of sessions) {
    const reason = notHeldReason(s, asOf, minAttendees);
    if (reason) notHeld.push({ id: s.id, reason });
    else heldIds.push(s.id);
  }
  return { held: heldIds.length, heldIds, notHeld };
}
