import type { CourseReview, CourseReviewState } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** Review before publishing: the review row of a studio course, its lesson comments, the review queue. */

interface CourseReviewRow {
  state: CourseReviewState;
  draft_revision: number;
  submitted_by: string;
}

/** The course's review, locked for the decision (the caller holds the draft lock too). */
export async function lockCourseReview(db: Queryable, courseId: string): Promise<CourseReview | null> {
  const row = await selectOne<CourseReviewRow>(
    db,
    `SELECT state, draft_revision, submitted_by FROM course_reviews WHERE course_id = $1 FOR UPDATE`,
    [courseId],
  );
  return row ? { state: row.state, draftRevision: row.draft_revision, submittedBy: row.submitted_by } : null;
}

/**
 * Writes the review's new state (or removes it: null after publishing). `reason` is the reviewer's reason for
 * requesting changes; any other decision clears it (a resubmission answers it).
 */
export async function saveCourseReview(
  db: Queryable,
  courseId: string,
  review: CourseReview | null,
  decidedBy: string | null,
  reason: string | null = null,
): Promise<void> {
  if (!review) {
    await execute(db, `DELETE FROM course_reviews WHERE course_id = $1`, [courseId]);
    return;
  }
  await execute(
    db,
    `INSERT INTO course_reviews (course_id, state, draft_revision, submitted_by, decided_by, reason)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (course_id) DO UPDATE SET state = EXCLUDED.state, draft_revision = EXCLUDED.draft_revision,
       submitted_by = EXCLUDED.submitted_by, decided_by = EXCLUDED.decided_by, reason = EXCLUDED.reason,
       updated_at = now()`,
    [courseId, review.state, review.draftRevision, review.submittedBy, decidedBy, reason],
  );
}

export interface ReviewQueueRow {
  course_id: string;
  title_vi: string | null;
  draft_revision: number;
  submitted_by_name: string | null;
  updated_at: Date;
}

/** Studio courses waiting for a reviewer, oldest first. */
export function reviewQueue(db: Queryable): Promise<ReviewQueueRow[]> {
  return selectRows<ReviewQueueRow>(
    db,
    `SELECT r.course_id, d.document->'title'->>'vi' AS title_vi, r.draft_revision,
            u.display_name AS submitted_by_name, r.updated_at
       FROM course_reviews r JOIN course_drafts d ON d.course_id = r.course_id
       LEFT JOIN users u ON u.id = r.submitted_by
      WHERE r.state = 'in_review' ORDER BY r.updated_at, r.course_id LIMIT 200`,
  );
}

export interface ReviewStateRow {
  state: CourseReviewState;
  draft_revision: number;
  submitted_by: string;
  submitted_by_name: string | null;
  /** Why the reviewer requested changes (null otherwise). */
  reason: string | null;
  revision: number;
  document: unknown;
  published_document: unknown;
}

/** The review, the draft and the draft as last published, for a reviewer or the course's teachers. */
export function reviewSubject(db: Queryable, courseId: string): Promise<ReviewStateRow | undefined> {
  return selectOne<ReviewStateRow>(
    db,
    `SELECT r.state, r.draft_revision, r.submitted_by, u.display_name AS submitted_by_name, r.reason,
            d.revision, d.document, d.published_document
       FROM course_drafts d LEFT JOIN course_reviews r ON r.course_id = d.course_id
       LEFT JOIN users u ON u.id = r.submitted_by
      WHERE d.course_id = $1`,
    [courseId],
  );
}

export interface ReviewCommentRow {
  id: string;
  lesson_key: string;
  body: string;
  draft_revision: number;
  author_name: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

export function reviewComments(db: Queryable, courseId: string): Promise<ReviewCommentRow[]> {
  return selectRows<ReviewCommentRow>(
    db,
    `SELECT c.id, c.lesson_key, c.body, c.draft_revision, u.display_name AS author_name, c.created_at, c.resolved_at
       FROM course_review_comments c LEFT JOIN users u ON u.id = c.author_id
      WHERE c.course_id = $1 ORDER BY c.created_at, c.id LIMIT 1000`,
    [courseId],
  );
}

export async function countReviewComments(db: Queryable, courseId: string): Promise<number> {
  const row = await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM course_review_comments WHERE course_id = $1`,
    [courseId],
  );
  return row!.n;
}

export async function insertReviewComment(
  db: Queryable,
  c: { courseId: string; lessonKey: string; body: string; draftRevision: number; authorId: string },
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO course_review_comments (course_id, lesson_key, body, draft_revision, author_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [c.courseId, c.lessonKey, c.body, c.draftRevision, c.authorId],
  );
  return row!.id;
}

/** Resolves a comment of this course; false when there is none with that id (or it is resolved already). */
export async function resolveReviewComment(
  db: Queryable,
  courseId: string,
  commentId: string,
  userId: string,
): Promise<boolean> {
  const n = await execute(
    db,
    `UPDATE course_review_comments SET resolved_at = now(), resolved_by = $3
      WHERE course_id = $1 AND id = $2 AND resolved_at IS NULL`,
    [courseId, commentId, userId],
  );
  return n > 0;
}
