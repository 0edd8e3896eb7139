import { NotFoundError, ValidationError } from '@hocvuso/domain';
import { publishedCourseTitles, type Queryable } from '@hocvuso/db';

/** What the access module's services share: 404 for missing or out of scope, learner rows. */

export const notFound = (what: string) =>
  new NotFoundError(`${what.toUpperCase()}_NOT_FOUND`, `There is no such ${what.replace(/_/g, ' ')}.`);

/** The scope a grant or a mandate would have: a unit's path, or an organisation (404 when it does not exist). */
export async function targetScope(
  db: Queryable,
  unitId: string | null,
  organisationId: string | null,
): Promise<{ unitPath: string | null; organisationId: string | null }> {
  if (unitId) {
    const [u] = await db.query(`SELECT path FROM administrative_units WHERE id = $1`, [unitId]);
    if (!u) throw notFound('unit');
    return { unitPath: u.path as string, organisationId: null };
  }
  if (organisationId) {
    const [o] = await db.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    if (!o) throw notFound('organisation');
  }
  return { unitPath: null, organisationId };
}

export interface LearnerRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  target_groups?: string[] | null;
  unit_name: string | null;
  organisation_name: string | null;
  enrolments?: number;
  completed?: number;
}

export const toLearner = (r: LearnerRow) => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  targetGroups: r.target_groups ?? [],
  unit: r.unit_name,
  organisation: r.organisation_name,
  enrolments: r.enrolments ?? 0,
  completed: r.completed ?? 0,
});

/** The published courses among `courseIds` (with their titles); 400 COURSE_NOT_FOUND naming any other, or none given. */
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
