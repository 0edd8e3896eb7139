import {
  countSessionsHeld,
  MIN_ATTENDEES_FOR_HELD,
  notHeldReason,
  type SessionForCounting,
} from './sessions-held';

const H = 3_600_000;
const asOf = Date.UTC(2026, 11, 31);
const session = (over: Partial<SessionForCounting> = {}): SessionForCounting => ({
  id: 's',
  startsAt: asOf - 48 * H,
  endsAt: asOf - 46 * H,
  createdAt: asOf - 7 * 24 * H,
  cancelled: false,
  attendees: 12,
  ...over,
});

describe('sessions held: a unit cannot score with empty sessions', () => {
  it('counts an ended, announced session with enough people', () => {
    expect(notHeldReason(session(), asOf)).toBeNull();
    expect(notHeldReason(session({ attendees: MIN_ATTENDEES_FOR_HELD }), asOf)).toBeNull();
  });

  it('does not count a session with fewer attendees than the minimum (an empty session)', () => {
    expect(notHeldReason(session({ attendees: 0 }), asOf)).toBe('too-few-attendees');
    expect(notHeldReason(session({ attendees: MIN_ATTENDEES_FOR_HELD - 1 }), asOf)).toBe('too-few-attendees');
    expect(notHeldReason(session({ attendees: 4 }), asOf, 5)).toBe('too-few-attendees');
  });

  it('does not count a session written down after it started (created after the fact)', () => {
    const s = session();
    expect(notHeldReason({ ...s, createdAt: s.startsAt }, asOf)).toBe('scheduled-after-start');
    expect(notHeldReason({ ...s, createdAt: s.endsAt + H }, asOf)).toBe('scheduled-after-start');
  });

  it('does not count cancelled sessions nor sessions still running or ahead', () => {
    expect(notHeldReason(session({ cancelled: true }), asOf)).toBe('cancelled');
    expect(notHeldReason(session({ endsAt: asOf + H }), asOf)).toBe('not-ended');
  });

  it('counts a list and says why each other session does not count', () => {
    const result = countSessionsHeld(
      [
        session({ id: 'a' }),
        session({ id: 'b', attendees: 1 }),
        session({ id: 'c', createdAt: asOf }),
        session({ id: 'd' }),
      ],
      asOf,
    );
    expect(result.held).toBe(2);
    expect(result.heldIds).toEqual(['a', 'd']);
    expect(result.notHeld).toEqual([
      { id: 'b', reason: 'too-few-attendees' },
      { id: 'c', reason: 'scheduled-after-start' },
    ]);
  });
});
