import { deadlinePeriod, deadlineReminder } from './reminder-keys';
import { localDate } from './quiet-hours';

describe('mandate deadline reminders', () => {
  it.each([
    [8, null],
    [7, 'd7'],
    [5, 'd7'],
    [4, 'd7'],
    [3, 'd3'],
    [2, 'd3'],
    [1, 'd1'],
    [0, null],
    [-2, null],
    [2.5, null],
  ])('%s days left falls in window %s', (days, window) => {
    expect(deadlinePeriod(days)).toBe(window);
  });

  it('keys a reminder by learner, mandate and window, so each window is sent once', () => {
    expect(deadlineReminder('u1', 'm1', 6)?.dedupeKey).toBe('reminder:deadline:u1:m1:d7');
    expect(deadlineReminder('u1', 'm1', 4)?.dedupeKey).toBe(deadlineReminder('u1', 'm1', 7)?.dedupeKey);
    expect(deadlineReminder('u1', 'm1', 3)?.dedupeKey).toBe('reminder:deadline:u1:m1:d3');
    expect(deadlineReminder('u1', 'm1', 10)).toBeNull();
  });

  it('counts days by the calendar in Vietnam', () => {
    expect(localDate(new Date('2026-03-10T16:59:00Z'))).toBe('2026-03-10');
    expect(localDate(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });
});
