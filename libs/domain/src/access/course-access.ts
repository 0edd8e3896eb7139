import type { Role } from '../identity';
import { type Capability, type CourseStaffRole, holds, reachesCourse } from './permissions';

/** What can be done to a course in the teaching studio. */
export type TeachingAction = 'read' | 'edit' | 'publish' | 'report' | 'manage_staff';

/** The capability of the permission table behind each studio action. */
export const TEACHING_CAPABILITY: Record<TeachingAction, Capability> = {
  read: 'course.read',
  edit: 'course.edit',
  publish: 'course.publish',
  report: 'course.report',
  manage_staff: 'course.manageStaff',
};

const asGrants = (roles: readonly Role[]) => roles.map((role) => ({ role }));

/** Who may author courses at all (`course.create`). */
export function canAuthor(roles: readonly Role[]): boolean {
  return holds(asGrants(roles), 'course.create');
}

/**
 * Whether a caller may act on one course (see reachesCourse): as staff on it with a role that teaches, or
 * everywhere. Callers treat `false` as "no such course" (404).
 */
export function canTeach(
  roles: readonly Role[],
  staffRole: CourseStaffRole | null,
  action: TeachingAction,
): boolean {
  return reachesCourse(asGrants(roles), TEACHING_CAPABILITY[action], staffRole);
}
