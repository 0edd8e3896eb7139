import {
  addDays,
  daysUntilDue,
  isPastDeadline,
  lastOnTimeDay,
  mandateStatusOn,
  vietnamDate,
} from './mandate-status';

const m = (over: Partial<Parameters<typeof mandateStatusOn>[0]> = {}) => ({
  dueOn: '2026-12-15',
  graceDays: 0,
  totalCourses: 2,
  completedCourses: 0,
  startedCourses: 0,
  ...over,
});

describe('mandate deadlines (calendar dates in Vietnam)', () => {
  it('is on time through the due date and late from the day after', () => {
    expect(isPastDeadline(m(), '2026-12-15')).toBe(false);
    expect(isPastDeadline(m(), '2026-12-16')).toBe(true);
  });

  it('adds the grace days before calling it late, across the end of a month and a year', () => {
    expect(lastOnTimeDay(m({ dueOn: '2026-01-30', graceDays: 2 }))).toBe('2026-02-01');
    expect(isPastDeadline(m({ dueOn: '2026-01-30', graceDays: 2 }), '2026-02-01')).toBe(false);
    expect(isPastDeadline(m({ dueOn: '2026-01-30', graceDays: 2 }), '2026-02-02')).toBe(true);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('counts whole days to the due date', () => {
    expect(daysUntilDue('2026-12-15', '2026-12-14')).toBe(1);
    expect(daysUntilDue('2026-12-15', '2026-12-15')).toBe(0);
    expect(daysUntilDue('2026-12-15', '2026-12-22')).toBe(-7);
  });

  it('refuses something that is not a date', () => {
    expect(() => daysUntilDue('15/12/2026', '2026-12-15')).toThrow(RangeError);
  });
});

describe('mandate status', () => {
  it('is not started until a course is enrolled, then in progress', () => {
    expect(mandateStatusOn(m(), '2026-12-01')).toBe('not_started');
    expect(mandateStatusOn(m({ startedCourses: 1 }), '2026-12-01')).toBe('in_progress');
  });

  it('is overdue past the deadline unless every course is completed', () => {
    expect(mandateStatusOn(m({ startedCourses: 2, completedCourses: 1 }), '2027-01-01')).toBe('overdue');
    expect(mandateStatusOn(m({ startedCourses: 2, completedCourses: 2 }), '2027-01-01')).toBe('completed');
  });

  it('Vietnam dates do not depend on the server clock', () => {
    expect(vietnamDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(vietnamDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
