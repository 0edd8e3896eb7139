import type { PlacementTestData } from '@hocvuso/contracts';
import type { LocalizedText } from '@hocvuso/domain';
import { execute, type Queryable, rowsOf, selectOne, selectRows } from './queryable';

/** Placement tests, attempts and the courses a path is built from (docs/placement.md). */

/** Writes the placement tests of a content bundle; a test whose content hash did not change is left alone. */
export async function importPlacementTests(
  db: Queryable,
  tests: readonly PlacementTestData[],
): Promise<number> {
  let changed = 0;
  for (const t of tests) {
    changed += rowsOf(
      await db.query(
        `INSERT INTO placement_tests (target_group, framework_id, questions, content_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (target_group) DO UPDATE SET framework_id = EXCLUDED.framework_id, questions = EXCLUDED.questions,
                content_hash = EXCLUDED.content_hash, updated_at = now()
          WHERE placement_tests.content_hash <> EXCLUDED.content_hash
         RETURNING 1`,
        [t.targetGroup, t.framework, JSON.stringify(t.questions), t.contentHash],
      ),
    ).length;
  }
  return changed;
}

export interface PlacementTestRow {
  target_group: string;
  framework_id: string;
  questions: unknown[];
  content_hash: string;
}

export function placementTest(db: Queryable, targetGroup: string): Promise<PlacementTestRow | undefined> {
  return selectOne<PlacementTestRow>(
    db,
    `SELECT target_group, framework_id, questions, content_hash FROM placement_tests WHERE target_group = $1`,
    [targetGroup],
  );
}

/** The target groups that have a placement test, in the groups' order, with their names. */
export function placementGroups(db: Queryable): Promise<Array<{ code: string; name: LocalizedText }>> {
  return selectRows(
    db,
    `SELECT g.code, g.name FROM placement_tests p JOIN target_groups g ON g.code = p.target_group
      ORDER BY g.position, g.code`,
  );
}

export interface PlacementAttemptRow {
  id: string;
  user_id: string;
  target_group: string;
  framework_id: string;
  test_hash: string;
  seed: string;
  layout: unknown[];
  started_at: Date;
  submitted_at: Date | null;
  answers: Record<string, string | string[]> | null;
  item_results: Array<{ id: string; competency: string; correct: boolean }> | null;
  mastered: string[] | null;
  /** When the learner may take the placement again (submitted attempts only). */
  retake_at: Date | null;
}

const ATTEMPT_COLUMNS = `id, user_id, target_group, framework_id, test_hash, seed, layout, started_at, submitted_at,
  answers, item_results, mastered,
  submitted_at + make_interval(hours => $2::int) AS retake_at`;

/** The learner's open attempt, if any. */
export function openPlacementAttempt(
  db: Queryable,
  userId: string,
  retakeHours: number,
): Promise<PlacementAttemptRow | undefined> {
  return selectOne<PlacementAttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM placement_attempts WHERE user_id = $1 AND submitted_at IS NULL`,
    [userId, retakeHours],
  );
}

/** The learner's latest submitted attempt, with whether its cool-down is over by the database clock. */
export function latestPlacement(
  db: Queryable,
  userId: string,
  retakeHours: number,
): Promise<(PlacementAttemptRow & { retake_open: boolean }) | undefined> {
  return selectOne(
    db,
    `SELECT ${ATTEMPT_COLUMNS}, submitted_at + make_interval(hours => $2::int) <= now() AS retake_open
       FROM placement_attempts WHERE user_id = $1 AND submitted_at IS NOT NULL
      ORDER BY submitted_at DESC, id LIMIT 1`,
    [userId, retakeHours],
  );
}

/** One attempt of this learner (another learner's id finds nothing). */
export function findPlacementAttempt(
  db: Queryable,
  attemptId: string,
  userId: string,
  retakeHours: number,
): Promise<PlacementAttemptRow | undefined> {
  return selectOne<PlacementAttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM placement_attempts WHERE id = $3 AND user_id = $1`,
    [userId, retakeHours, attemptId],
  );
}

/** The same, locked for the submission (run inside its transaction). */
export function lockPlacementAttempt(
  db: Queryable,
  attemptId: string,
  userId: string,
  retakeHours: number,
): Promise<PlacementAttemptRow | undefined> {
  return selectOne<PlacementAttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM placement_attempts WHERE id = $3 AND user_id = $1 FOR UPDATE`,
    [userId, retakeHours, attemptId],
  );
}

/** Starts an attempt; undefined when the learner already has an open one (the partial unique index). */
export function insertPlacementAttempt(
  db: Queryable,
  a: {
    userId: string;
    targetGroup: string;
    framework: string;
    testHash: string;
    seed: string;
    layout: unknown[];
  },
  retakeHours: number,
): Promise<PlacementAttemptRow | undefined> {
  return selectOne<PlacementAttemptRow>(
    db,
    `INSERT INTO placement_attempts (user_id, target_group, framework_id, test_hash, seed, layout)
     VALUES ($1, $3, $4, $5, $6, $7)
     ON CONFLICT (user_id) WHERE submitted_at IS NULL DO NOTHING
     RETURNING ${ATTEMPT_COLUMNS}`,
    [a.userId, retakeHours, a.targetGroup, a.framework, a.testHash, a.seed, JSON.stringify(a.layout)],
  );
}

/** Removes an open attempt whose test changed under it (a submitted one is never removed). */
export function discardOpenPlacementAttempt(db: Queryable, attemptId: string): Promise<number> {
  return execute(db, `DELETE FROM placement_attempts WHERE id = $1 AND submitted_at IS NULL`, [attemptId]);
}

/** Records the graded submission of an open attempt (a submitted one is left as it is: 0 rows). */
export function savePlacementSubmission(
  db: Queryable,
  s: {
    attemptId: string;
    answers: Record<string, string | string[]>;
    itemResults: Array<{ id: string; competency: string; correct: boolean }>;
    mastered: string[];
  },
): Promise<number> {
  return execute(
    db,
    `UPDATE placement_attempts SET submitted_at = now(), answers = $2, item_results = $3, mastered = $4
      WHERE id = $1 AND submitted_at IS NULL`,
    [s.attemptId, JSON.stringify(s.answers), JSON.stringify(s.itemResults), s.mastered],
  );
}

export interface PathCourseRow {
  course_id: string;
  title: LocalizedText;
  competencies: Array<{ framework: string; code: string; level: number | null }>;
  /** The sub-groups the current version is made for (none: everyone). */
  sub_groups: string[];
  /** The current version targets the group asked for (false: it is here for one of the sub-groups asked for). */
  in_group: boolean;
  enrolled: boolean;
  completed: boolean;
}

/**
 * The published courses of a target group at their current version, and those made for one of `subGroups` whatever
 * group they target, with their competencies, sub-groups, whether they target the group, and whether the learner is
 * enrolled in or has completed each.
 */
export function pathCourses(
  db: Queryable,
  userId: string,
  targetGroup: string,
  subGroups: readonly string[] = [],
): Promise<PathCourseRow[]> {
  return selectRows<PathCourseRow>(
    db,
    `SELECT c.id AS course_id, v.title,
            coalesce((SELECT json_agg(json_build_object('framework', cc.framework_id, 'code', cc.code, 'level', cc.level)
                                      ORDER BY cc.framework_id, cc.code)
                        FROM course_version_competencies cc WHERE cc.course_version_id = v.id), '[]'::json) AS competencies,
            v.sub_groups, $2::text = ANY (v.target_groups) AS in_group,
            e.id IS NOT NULL AS enrolled,
            coalesce(e.status = 'completed', false) AS completed
       FROM courses c
       JOIN course_versions v ON v.id = c.current_version_id
       LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $1
      WHERE c.published AND ($2::text = ANY (v.target_groups) OR v.sub_groups && $3::text[])
      ORDER BY c.id`,
    [userId, targetGroup, [...subGroups]],
  );
}

/** Competency codes of a framework in its own order, with their names. */
export function frameworkCompetencyOrder(
  db: Queryable,
  frameworkId: string,
): Promise<Array<{ code: string; name: LocalizedText }>> {
  return selectRows(
    db,
    `SELECT code, name FROM framework_competencies WHERE framework_id = $1 ORDER BY position, code`,
    [frameworkId],
  );
}
