import { ValidationError } from '@hocvuso/domain';
import { publishedCourseTitles, type Queryable } from '@hocvuso/db';

/**
 * The published courses among `courseIds` (with their titles); 400 COURSE_NOT_FOUND naming any other, or none
 * given. Shared by the mandates and rosters contexts.
 */
export async function requirePublishedCourses(db: Queryable, courseIds: string[]) {
  const courses = await publishedCourseTitles(db, courseIds);
  const missing = courseIds.filter((c) => !courses.some((k) => k.id === c));
  if (courseIds.length === 0 || missing.length)
    throw new ValidationError(
      'COURSE_NOT_FOUND',
      `Choose published courses; unknown: ${missing.join(', ') || '(none given)'}.`,
      { missing },
    );
  return courses;
}
