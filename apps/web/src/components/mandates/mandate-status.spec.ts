import { describe, expect, it } from '@jest/globals';
import type { MyMandate } from '../../api/access-types';
import { mandatedCourses } from './mandate-status';

const mandate = (over: Partial<MyMandate> = {}): MyMandate => ({
  id: 'm1',
  title: 'An toàn trên mạng',
  dueOn: '2026-12-15',
  graceDays: 0,
  courses: [{ id: 'online-scams', title: 'Lừa đảo', status: 'not_enrolled' }],
  status: 'not_started',
  daysLeft: 10,
  ...over,
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
