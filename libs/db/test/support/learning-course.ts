// Shared seeding for the learning-context query tests: a fresh learner on a shipped course of the run database.
import type { DataSource } from 'typeorm';
import { selectRows } from '../../src';
import { newUser } from './world';

export interface ShippedCourse {
  courseId: string;
  courseVersionId: string;
  /** Lesson revision ids of the current version by kind (the first of each kind), and all in outline order. */
  byKind: Record<'text' | 'video' | 'checklist' | 'quiz', string>;
  lessons: string[];
}

/** A published shipped course with a text, a video, a checklist and a quiz lesson. */
export async function shippedCourse(db: DataSource): Promise<ShippedCourse> {
  const rows = await selectRows<{ course_id: string; version_id: string; id: string; kind: string }>(
    db,
    `SELECT c.id AS course_id, c.current_version_id AS version_id, r.id, r.kind
       FROM courses c JOIN course_version_lessons l ON l.course_version_id = c.current_version_id
       JOIN lesson_revisions r ON r.id = l.lesson_revision_id
      WHERE c.published AND c.id IN (
        SELECT c2.id FROM courses c2 JOIN course_version_lessons l2 ON l2.course_version_id = c2.current_version_id
          JOIN lesson_revisions r2 ON r2.id = l2.lesson_revision_id
         WHERE c2.published GROUP BY c2.id
        HAVING bool_or(r2.kind = 'video') AND bool_or(r2.kind = 'quiz') AND bool_or(r2.kind = 'checklist'))
      ORDER BY c.id, l.position`,
  );
  const courseId = rows[0]!.course_id;
  const mine = rows.filter((r) => r.course_id === courseId);
  const first = (kind: string) => mine.find((r) => r.kind === kind)!.id;
  return {
    courseId,
    courseVersionId: mine[0]!.version_id,
    byKind: {
      text: first('text'),
      video: first('video'),
      checklist: first('checklist'),
      quiz: first('quiz'),
    },
    lessons: mine.map((r) => r.id),
  };
}

/** A new learner (no enrolment). */
export const newLearner = (db: DataSource) => newUser(db);
