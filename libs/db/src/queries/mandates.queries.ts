import { type Queryable, selectOne, selectRows } from './queryable';
import { sharesWithUnit } from './scope-conditions';

/**
 * Mandates: a set of courses that the learners of a unit subtree or an organisation (optionally of one target
 * group) must complete by a date. No statement here decides a status or reads CURRENT_DATE: the status rule is
 * mandateStatus in libs/domain (on the Vietnam clock); these return the counts it needs.
 */

/**
 * SQL condition: mandate `m` applies to learner profile `lp` (in its unit subtree or its organisation, and of its
 * target group when it names one). One definition for compliance, "my mandates" and the reminder sweeps.
 */
export const mandateAppliesTo = (m: string, lp: string) =>
  `((${m}.unit_path IS NOT NULL AND ${lp}.unit_path LIKE ${m}.unit_path || '%') OR (${m}.organisation_id IS NOT NULL AND ${lp}.organisation_id = ${m}.organisation_id))
        AND (${m}.target_group IS NULL OR ${m}.target_group = ANY (${lp}.target_groups))`;

export interface MandateRow {
  id: string;
  title: string;
  course_ids: string[];
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  target_group: string | null;
  /** A date in Vietnam, YYYY-MM-DD. */
  due_on: string;
  grace_days: number;
}

const MANDATE_COLUMNS = `m.id, m.title, m.course_ids, m.unit_id, m.unit_path, m.organisation_id, m.target_group,
       to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.grace_days`;

export interface NewMandate {
  title: string;
  courseIds: string[];
  unitId: string | null;
  unitPath: string | null;
  organisationId: string | null;
  targetGroup: string | null;
  dueOn: string;
  graceDays: number;
  createdBy: string | null;
}

/** Inserts a mandate; returns its id. */
export async function insertMandate(db: Queryable, m: NewMandate): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO mandates (title, course_ids, unit_id, unit_path, organisation_id, target_group, due_on, grace_days, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      m.title,
      m.courseIds,
      m.unitId,
      m.unitPath,
      m.organisationId,
      m.targetGroup,
      m.dueOn,
      m.graceDays,
      m.createdBy,
    ],
  );
  return row!.id;
}

/** A live (not archived) mandate by id. */
export function liveMandate(db: Queryable, id: string): Promise<MandateRow | undefined> {
  return selectOne<MandateRow>(
    db,
    `SELECT ${MANDATE_COLUMNS} FROM mandates m WHERE m.id = $1 AND m.archived_at IS NULL`,
    [id],
  );
}

/**
 * The live mandates whose unit path / organisation satisfy `scopeSql` (a scopeCondition on alias `m` with its
 * params), soonest due first.
 */
export function liveMandatesIn(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
): Promise<MandateRow[]> {
  return selectRows<MandateRow>(
    db,
    `SELECT ${MANDATE_COLUMNS} FROM mandates m WHERE m.archived_at IS NULL AND ${scope.sql} ORDER BY m.due_on, m.created_at`,
    scope.params,
  );
}

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
  /** Of the mandate's courses: completed, enrolled in (completed or not), and how many it names. */
  completed_courses: number;
  started_courses: number;
  total_courses: number;
}

/**
 * Everyone a mandate applies to (profiles in its unit subtree or organisation, of its target group) with how far
 * they got in its courses; the status of each is mandateStatus (libs/domain), not SQL.
 */
export function mandateCompliance(db: Queryable, mandateId: string): Promise<ComplianceRow[]> {
  return selectRows<ComplianceRow>(
    db,
    `WITH m AS (SELECT * FROM mandates WHERE id = $1),
     learners AS (
       SELECT lp.* FROM learner_profiles lp, m
        WHERE ${mandateAppliesTo('m', 'lp')}),
     per AS (
       SELECT l.user_id, l.unit_id, l.organisation_id,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed_courses,
              count(e.id)::int AS started_courses,
              cardinality(m.course_ids) AS total_courses
         FROM learners l CROSS JOIN m
         LEFT JOIN enrolments e ON e.user_id = l.user_id AND e.course_id = ANY (m.course_ids)
        GROUP BY l.user_id, l.unit_id, l.organisation_id, m.course_ids)
     SELECT r.user_id, u.display_name, u.email, u.phone, au.name AS unit_name, o.name AS organisation_name,
            r.organisation_id, coalesce(lp.target_groups, '{}') AS target_groups,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id) AS enrolments,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = r.user_id AND e.status = 'completed') AS completed,
            ${sharesWithUnit('r.user_id')} AS shares_with_unit,
            r.completed_courses, r.started_courses, r.total_courses
       FROM per r JOIN users u ON u.id = r.user_id
       JOIN learner_profiles lp ON lp.user_id = r.user_id
       LEFT JOIN administrative_units au ON au.id = r.unit_id
       LEFT JOIN organisations o ON o.id = r.organisation_id
      ORDER BY u.display_name, r.user_id`,
    [mandateId],
  );
}

export interface LearnerMandateRow {
  mandate_id: string;
  title: string;
  /** YYYY-MM-DD (a date in Vietnam). */
  due_on: string;
  grace_days: number;
  course_id: string;
  course_title: Record<string, string>;
  enrolment_status: string | null;
}

/** The mandates that apply to a learner, one row per mandated course, with their enrolment state. */
export function mandatesForLearner(db: Queryable, userId: string): Promise<LearnerMandateRow[]> {
  return selectRows<LearnerMandateRow>(
    db,
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
