import type { MyMandate } from '../../api/access-types';
import { parseDateOnly } from '../../i18n/format';

/** The last day a mandate counts as on time: the due date plus its grace days. */
function mandateDeadline(mandate: Pick<MyMandate, 'dueOn' | 'graceDays'>): Date | undefined {
  const due = parseDateOnly(mandate.dueOn);
  if (!due) return undefined;
  return new Date(due.getFullYear(), due.getMonth(), due.getDate() + Math.max(0, mandate.graceDays));
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());

/** Past the deadline (as the api counts it: today is later than due date + grace days). */
export function isPastDeadline(mandate: Pick<MyMandate, 'dueOn' | 'graceDays'>, today: Date): boolean {
  const deadline = mandateDeadline(mandate);
  return deadline !== undefined && startOfDay(today) > deadline;
}

export type MandateState = 'completed' | 'overdue' | 'in_progress' | 'not_started';

/** Where a learner stands with a mandate: every course done, late, under way, or not begun. */
export function mandateState(mandate: MyMandate, today: Date): MandateState {
  const done = mandate.courses.filter((c) => c.status === 'completed').length;
  if (mandate.courses.length > 0 && done === mandate.courses.length) return 'completed';
  if (isPastDeadline(mandate, today)) return 'overdue';
  return mandate.courses.some((c) => c.status !== 'not_enrolled') ? 'in_progress' : 'not_started';
}

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
