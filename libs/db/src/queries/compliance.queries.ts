import type { ScopeFilter } from '@hocvuso/domain';
import type { Queryable } from './queryable';

/**
 * SQL condition for rows of a table alias whose unit path / organisation lie in an admin's scope, with its
 * three parameters numbered from `startAt` (always three, global or not, so fixed-position SQL can use it):
 * `$startAt` is "global", `$startAt+1` the unit-path prefixes, `$startAt+2` the organisation ids.
 * Paths are chains of [A-Za-z0-9] codes, so a LIKE prefix cannot be widened by the data.
 */
export function scopeCondition(
  alias: string,
  f: ScopeFilter,
  startAt: number,
  organisationColumn = 'organisation_id',
): { sql: string; params: [boolean, string[], string[]] } {
  return {
    sql: `($${startAt}::boolean OR ${alias}.unit_path LIKE ANY ($${startAt + 1}::text[]) OR ${alias}.${organisationColumn} = ANY ($${startAt + 2}::uuid[]))`,
    params: [f.global, f.unitPaths.map((p) => `${p}%`), f.organisationIds],
  };
}

/**
 * SQL condition: mandate `m` applies to learner profile `lp` (in its unit subtree or its organisation, and of its
 * target group when it names one). One definition for compliance, "my mandates" and the reminder sweeps.
 */
export const mandateAppliesTo = (m: string, lp: string) =>
  `((${m}.unit_path IS NOT NULL AND ${lp}.unit_path LIKE ${m}.unit_path || '%') OR (${m}.organisation_id IS NOT NULL AND ${lp}.organisation_id = ${m}.organisation_id))
        AND (${m}.target_group IS NULL OR ${m}.target_group = ANY (${lp}.target_groups))`;

/**
 * SQL: the person `userColumn` agreed, by their latest answer, that their unit sees their name and progress
 * (consent purpose `data-sharing-unit`). The consent rule itself is isNamedInList in the domain.
 */
export const sharesWithUnit = (userColumn: string) =>
  `coalesce((SELECT c.granted FROM consents c WHERE c.user_id = ${userColumn} AND c.purpose = 'data-sharing-unit'
              ORDER BY c.at DESC, c.id DESC LIMIT 1), false)`;

export type MandateStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue';

export interface ComplianceRow {
  user_id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  unit_name: string | null;
  organisation_name: string | null;
  organisation_id: string | null;
  target_groups: string[];
  /** All the person's enrolments and completions (not only the mandate's courses). */
  enrolments: number;
  completed: number;
  shares_with_unit: boolean;
  completed_courses: number;
  started_courses: number;
  total_courses: number;
  status: MandateStatus;
}

/**
 * Everyone a mandate applies to (profiles in its unit subtree or organisation, of its target group) with how far
 * they got: completed (every course), overdue (past due date plus grace), in progress, or not started.
 */
export async function mandateCompliance(
  db: Queryable,
  mandateId: string,
  status?: MandateStatus,
): Promise<ComplianceRow[]> {
  return db.query(
    `WITH m AS (SELECT * FROM mandates WHERE id = $1),
     learners AS (
       SELECT lp.* FROM learner_profiles lp, m
        WHERE ${mandateAppliesTo('m', 'lp')}),
     per AS (
       SELECT l.user_id, l.unit_id, l.organisation_id,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed_courses,
              count(e.id)::int AS started_courses,
              cardinality(m.course_ids) AS total_courses,
              (current_date > m.due_on + m.grace_days) AS late
         FROM learners l CROSS JOIN m
         LEFT JOIN enrolments e ON e.user_id = l.user_id AND e.course_id = ANY (m.course_ids)
        GROUP BY l.user_id, l.unit_id, l.organisation_id, m.course_ids, m.due_on, m.grace_days),
     rows AS (
       SELECT p.*, CASE WHEN p.completed_courses >= p.total_courses THEN 'completed'
                        WHEN p.late THEN 'overdue'
                        WHEN p.started_courses > 0 THEN 'in_progress'
                        ELSE 'not_started' END AS status
         FROM per p)
     SELECT r.user_id, u.display_name, u.email, u.phone, au.name AS unit_name, o.name AS organisation_name,
            r.organisation_id, coalesce(lp.target_groups, '{}') AS target_groups,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id) AS enrolments,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id AND e.status = 'completed') AS completed,
            ${sharesWithUnit('r.user_id')} AS shares_with_unit,
            r.completed_courses, r.started_courses, r.total_courses, r.status
       FROM rows r JOIN users u ON u.id = r.user_id
       JOIN learner_profiles lp ON lp.user_id = r.user_id
       LEFT JOIN administrative_units au ON au.id = r.unit_id
       LEFT JOIN organisations o ON o.id = r.organisation_id
      WHERE ($2::text IS NULL OR r.status = $2::text)
      ORDER BY u.display_name, r.user_id`,
    [mandateId, status ?? null],
  );
}

export interface LearnerMandateRow {
  mandate_id: string;
  title: string;
  due_on: string;
  grace_days: number;
  course_id: string;
  course_title: Record<string, string>;
  enrolment_status: string | null;
}

/** The mandates that apply to a learner, one row per mandated course, with their enrolment state. */
export async function mandatesForLearner(db: Queryable, userId: string): Promise<LearnerMandateRow[]> {
  return db.query(
    `SELECT m.id AS mandate_id, m.title, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.grace_days, c.course_id,
            v.title AS course_title, e.status AS enrolment_status
       FROM learner_profiles lp
       JOIN mandates m ON m.archived_at IS NULL AND ${mandateAppliesTo('m', 'lp')}
       CROSS JOIN LATERAL unnest(m.course_ids) AS c(course_id)
       JOIN courses co ON co.id = c.course_id
       JOIN course_versions v ON v.id = co.current_version_id
       LEFT JOIN enrolments e ON e.user_id = lp.user_id AND e.course_id = c.course_id
      WHERE lp.user_id = $1
      ORDER BY m.due_on, m.id, c.course_id`,
    [userId],
  );
}
