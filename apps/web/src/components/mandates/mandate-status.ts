import type { MyMandate } from '../../api/access-types';

/**
 * For the "Required – due …" badge on course cards and pages: each mandated course with the earliest due date
 * among the mandates that still need it (or among all of them, once it is completed everywhere).
 */
export function mandatedCourses(mandates: MyMandate[]): Map<string, { dueOn: string }> {
  const out = new Map<string, { dueOn: string; open: boolean }>();
  for (const mandate of mandates) {
    for (const course of mandate.courses) {
      const open = course.status !== 'completed';
      const seen = out.get(course.id);
      const better = !seen || (open && !seen.open) || (open === seen.open && mandate.dueOn < seen.dueOn);
      if (better) out.set(course.id, { dueOn: mandate.dueOn, open });
    }
  }
  return new Map([...out].map(([id, { dueOn }]) => [id, { dueOn }]));
}
