import { type Queryable, selectRows } from './queryable';

// Learning's part of a person's data rights: enrolments, lesson and video progress. De-identification keeps them
// (they are statistics about the course, tied to the account id and not to the person's name).

export interface EnrolmentExportRow {
  id: string;
  course_id: string;
  course_title: { vi: string; en?: string } | null;
  status: string;
  enrolled_at: Date;
  last_activity_at: Date;
  completed_at: Date | null;
}

/** The person's enrolments with the current title of each course, oldest first. */
export function enrolmentsForExport(db: Queryable, userId: string): Promise<EnrolmentExportRow[]> {
  return selectRows<EnrolmentExportRow>(
    db,
    `SELECT e.id, e.course_id, v.title AS course_title, e.status, e.enrolled_at, e.last_activity_at, e.completed_at
           FROM enrolments e JOIN courses c ON c.id = e.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
          WHERE e.user_id = $1 ORDER BY e.enrolled_at`,
    [userId],
  );
}

export interface LessonProgressExportRow {
  lesson_revision_id: string;
  lesson_key: string | null;
  course_id: string | null;
  status: string;
  passed: boolean;
  state: Record<string, unknown>;
  started_at: Date;
  completed_at: Date | null;
  updated_at: Date;
}

/** The person's progress in each lesson revision, oldest first. */
export function lessonProgressForExport(db: Queryable, userId: string): Promise<LessonProgressExportRow[]> {
  return selectRows<LessonProgressExportRow>(
    db,
    `SELECT lp.lesson_revision_id, lr.lesson_key, lr.course_id, lp.status, lp.passed, lp.state, lp.started_at, lp.completed_at, lp.updated_at
           FROM lesson_progress lp LEFT JOIN lesson_revisions lr ON lr.id = lp.lesson_revision_id
          WHERE lp.user_id = $1 ORDER BY lp.started_at`,
    [userId],
  );
}

export interface VideoProgressExportRow {
  lesson_revision_id: string;
  /** The watched intervals as multirange text, e.g. `{[0,30.5)}`. */
  watched: string;
  /** numeric, as text. */
  position: string;
  heartbeats: number;
  last_heartbeat_at: Date;
  completed_at: Date | null;
}

/** The person's video progress per lesson revision, oldest heartbeat first. */
export function videoProgressForExport(db: Queryable, userId: string): Promise<VideoProgressExportRow[]> {
  return selectRows<VideoProgressExportRow>(
    db,
    `SELECT lesson_revision_id, watched::text AS watched, position, heartbeats, last_heartbeat_at, completed_at FROM video_progress WHERE user_id = $1 ORDER BY last_heartbeat_at`,
    [userId],
  );
}

export interface VideoAnswerExportRow {
  question_id: string;
  response: string[];
  correct: boolean;
  answered_at: Date;
  lesson_revision_id: string;
}

/** The person's answers to in-video questions, for their data export (oldest first). */
export function videoAnswersForExport(db: Queryable, userId: string): Promise<VideoAnswerExportRow[]> {
  return selectRows<VideoAnswerExportRow>(
    db,
    `SELECT lesson_revision_id, question_id, response, correct, answered_at FROM video_question_answers
      WHERE user_id = $1 ORDER BY answered_at, lesson_revision_id, question_id`,
    [userId],
  );
}
