import type { Role } from '../identity';

/** A teacher's place on a course: its owner (manages who else teaches it) or an editor. */
export type CourseStaffRole = 'owner' | 'editor';

/** What can be done to a course in the teaching studio. */
export type TeachingAction = 'read' | 'edit' | 'publish' | 'report' | 'manage_staff';

/** Who may author courses at all: teachers, and system admins who look after every course. */
export function canAuthor(roles: readonly Role[]): boolean {
  return roles.includes('teacher') || roles.includes('system_admin');
}

/**
 * Whether a caller may act on one course. A teacher reaches only courses they are staff on, and only while
 * they still hold the teacher role (a revoked grant ends access even if the staff row stays); owners also
 * decide who else teaches; system admins reach every course. Callers treat `false` as "no such course" (404).
 */
export function canTeach(
  roles: readonly Role[],
  staffRole: CourseStaffRole | null,
  action: TeachingAction,
): boolean {
  if (roles.includes('system_admin')) return true;
  if (!roles.includes('teacher') || staffRole === null) return false;
  return action === 'manage_staff' ? staffRole === 'owner' : true;
}
