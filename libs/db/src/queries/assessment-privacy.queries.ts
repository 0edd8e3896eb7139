import { type Queryable, selectRows } from './queryable';

// The assessment (quiz) context's part of a person's data rights. De-identification keeps the attempts (grading statistics).

export interface QuizAttemptExportRow {
  id: string;
  lesson_revision_id: string;
  attempt_no: number;
  started_at: Date;
  deadline_at: Date | null;
  submitted_at: Date | null;
  answers: Record<string, unknown> | null;
  /** numeric, as text. */
  score_percent: string | null;
  passed: boolean | null;
}

/** The person's quiz attempts with their own answers, oldest first. */
export function quizAttemptsForExport(db: Queryable, userId: string): Promise<QuizAttemptExportRow[]> {
  return selectRows<QuizAttemptExportRow>(
    db,
    `SELECT id, lesson_revision_id, attempt_no, started_at, deadline_at, submitted_at, answers, score_percent, passed
           FROM quiz_attempts WHERE user_id = $1 ORDER BY started_at`,
    [userId],
  );
}
