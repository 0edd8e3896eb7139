import { localDate } from '../notifications/quiet-hours';
import { deadlineReminder } from '../notifications/reminder-keys';
import { daysUntilDue, mandateStatus, vietnamDate } from './mandate-status';

/**
 * 00:30 in Vietnam is 17:30 UTC of the previous day. Between 00:00 and 07:00 in Vietnam a UTC clock (the
 * database's CURRENT_DATE on a UTC server) still says "yesterday"; the mandate status is judged on the
 * Vietnam date, the same date the deadline reminders count from.
 */
describe('mandate status at 00:30 in Vietnam (17:30 UTC the day before)', () => {
  const halfPastMidnightInHanoi = new Date('2026-12-15T17:30:00Z');
  const mandate = {
    dueOn: '2026-12-15',
    graceDays: 0,
    totalCourses: 1,
    completedCourses: 0,
    startedCourses: 1,
  };

  it('evaluates on the Vietnam date, not the UTC date', () => {
    expect(halfPastMidnightInHanoi.toISOString().slice(0, 10)).toBe('2026-12-15');
    expect(vietnamDate(halfPastMidnightInHanoi)).toBe('2026-12-16');
  });

  it('a mandate due on the 15th is overdue from 00:00 on the 16th in Vietnam', () => {
    expect(mandateStatus({ ...mandate, now: halfPastMidnightInHanoi })).toBe('overdue');
    expect(mandateStatus({ ...mandate, now: new Date('2026-12-15T16:59:59Z') })).toBe('in_progress');
  });

  it('grace days move the edge by whole Vietnam days', () => {
    expect(mandateStatus({ ...mandate, graceDays: 1, now: halfPastMidnightInHanoi })).toBe('in_progress');
    expect(mandateStatus({ ...mandate, graceDays: 1, now: new Date('2026-12-16T17:30:00Z') })).toBe(
      'overdue',
    );
  });

  it('the reminders count days from the same date: no reminder once the status says overdue', () => {
    const today = vietnamDate(halfPastMidnightInHanoi);
    expect(localDate(halfPastMidnightInHanoi)).toBe(today);
    expect(daysUntilDue(mandate.dueOn, today)).toBe(-1);
    expect(deadlineReminder('u1', 'm1', daysUntilDue(mandate.dueOn, today))).toBeNull();
    // The evening before, in Vietnam, it is due tomorrow: the one-day reminder, and still in progress.
    const eveningBefore = new Date('2026-12-14T12:00:00Z');
    expect(
      deadlineReminder('u1', 'm1', daysUntilDue(mandate.dueOn, vietnamDate(eveningBefore)))?.dedupeKey,
    ).toBe('reminder:deadline:u1:m1:d1');
    expect(mandateStatus({ ...mandate, now: eveningBefore })).toBe('in_progress');
  });
});
