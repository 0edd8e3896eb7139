import {
  acceptedWindows,
  CHECKIN_ROTATION_SECONDS,
  checkInPhase,
  hostCheckInPhase,
  rotationWindow,
  windowEndsAt,
} from './checkin-window';

const MIN = 60_000;
const start = Date.UTC(2026, 11, 6, 1, 0, 0); // 08:00 in Vietnam
const session = { startsAt: start, endsAt: start + 90 * MIN };

describe('the check-in window of a community session', () => {
  it('opens 15 minutes before the start and closes 15 minutes after the end', () => {
    expect(checkInPhase(session, start - 16 * MIN)).toBe('too-early');
    expect(checkInPhase(session, start - 15 * MIN)).toBe('open');
    expect(checkInPhase(session, start + 45 * MIN)).toBe('open');
    expect(checkInPhase(session, session.endsAt + 15 * MIN)).toBe('open');
    expect(checkInPhase(session, session.endsAt + 15 * MIN + 1)).toBe('closed');
  });

  it('a QR replayed the next day is closed; a host’s offline check-ins sync for 48 hours after the end', () => {
    expect(checkInPhase(session, session.endsAt + 24 * 60 * MIN)).toBe('closed');
    expect(hostCheckInPhase(session, session.endsAt + 24 * 60 * MIN)).toBe('open');
    expect(hostCheckInPhase(session, session.endsAt + 48 * 60 * MIN + 1)).toBe('closed');
    expect(hostCheckInPhase(session, start - 16 * MIN)).toBe('too-early');
  });
});

describe('the rotation of the check-in code', () => {
  it('accepts the current window and the one before, nothing older and nothing ahead', () => {
    const now = start + 10 * MIN;
    const w = rotationWindow(now);
    expect(acceptedWindows(now)).toEqual([w, w - 1]);
    expect(acceptedWindows(now)).not.toContain(w - 2);
    expect(acceptedWindows(now)).not.toContain(w + 1);
  });

  it('a code shown at one moment is refused two rotations later (a photo passed on in a chat)', () => {
    const shown = start + 5 * MIN;
    const w = rotationWindow(shown);
    expect(acceptedWindows(shown + CHECKIN_ROTATION_SECONDS * 1000)).toContain(w);
    expect(acceptedWindows(shown + 2 * CHECKIN_ROTATION_SECONDS * 1000)).not.toContain(w);
  });

  it('a window ends where the next begins', () => {
    const w = rotationWindow(start);
    expect(rotationWindow(windowEndsAt(w))).toBe(w + 1);
    expect(rotationWindow(windowEndsAt(w) - 1)).toBe(w);
  });
});
