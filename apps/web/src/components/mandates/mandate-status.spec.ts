import { describe, expect, it } from '@jest/globals';
import type { MyMandate } from '../../api/access-types';
import { isPastDeadline, mandatedCourses, mandateState } from './mandate-status';

const mandate = (over: Partial<MyMandate> = {}): MyMandate => ({
  id: 'm1',
  title: 'An toàn trên mạng',
  dueOn: '2026-12-15',
  graceDays: 0,
  courses: [{ id: 'online-scams', title: 'Lừa đảo', status: 'not_enrolled' }],
  ...over,
});

describe('mandate deadlines', () => {
  it('is on time through the due date and late from the day after', () => {
    expect(isPastDeadline(mandate(), new Date(2026, 11, 15, 23, 59))).toBe(false);
    expect(isPastDeadline(mandate(), new Date(2026, 11, 16, 0, 1))).toBe(true);
  });

  it('adds the grace days before calling it late', () => {
    const m = mandate({ graceDays: 3 });
    expect(isPastDeadline(m, new Date(2026, 11, 18))).toBe(false);
    expect(isPastDeadline(m, new Date(2026, 11, 19))).toBe(true);
  });

  it('handles a grace period across the end of a month', () => {
    expect(isPastDeadline(mandate({ dueOn: '2026-01-30', graceDays: 2 }), new Date(2026, 1, 1))).toBe(false);
    expect(isPastDeadline(mandate({ dueOn: '2026-01-30', graceDays: 2 }), new Date(2026, 1, 2))).toBe(true);
  });
});

describe('mandate state', () => {
  const today = new Date(2026, 11, 1);

  it('is not started until a course is enrolled, then in progress', () => {
    expect(mandateState(mandate(), today)).toBe('not_started');
    const started = mandate({ courses: [{ id: 'a', title: 'A', status: 'active' }] });
    expect(mandateState(started, today)).toBe('in_progress');
  });

  it('is overdue past the deadline unless every course is completed', () => {
    const late = new Date(2027, 0, 1);
    expect(mandateState(mandate(), late)).toBe('overdue');
    const done = mandate({ courses: [{ id: 'a', title: 'A', status: 'completed' }] });
    expect(mandateState(done, late)).toBe('completed');
  });
});

describe('mandated courses', () => {
  it('gives each course the earliest due date of the mandates still open for it', () => {
    const courses = mandatedCourses([
      mandate({ id: 'late', dueOn: '2027-03-01' }),
      mandate({ id: 'soon', dueOn: '2026-12-01' }),
      mandate({
        id: 'done',
        dueOn: '2026-10-01',
        courses: [{ id: 'online-scams', title: 'Lừa đảo', status: 'completed' }],
      }),
    ]);
    expect(courses.get('online-scams')).toEqual({ dueOn: '2026-12-01' });
  });

  it('keeps a course completed everywhere, with its earliest date', () => {
    const courses = mandatedCourses([
      mandate({ dueOn: '2027-01-01', courses: [{ id: 'a', title: 'A', status: 'completed' }] }),
      mandate({ dueOn: '2026-11-01', courses: [{ id: 'a', title: 'A', status: 'completed' }] }),
    ]);
    expect(courses.get('a')).toEqual({ dueOn: '2026-11-01' });
  });
});
