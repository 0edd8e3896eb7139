import { type Queryable, selectOne, selectRows } from './queryable';

export interface VideoAnswerRow {
  question_id: string;
  /** The chosen options, in the lesson's option ids. */
  response: string[];
  correct: boolean;
  answered_at: Date;
}

/**
 * Stores a learner's first answer to a pinned question; nothing when one is stored already (the primary key
 * decides a race). Returns the row only to the call that stored it.
 */
export function insertVideoAnswer(
  db: Queryable,
  a: { userId: string; lessonId: string; questionId: string; response: string[]; correct: boolean },
): Promise<VideoAnswerRow | undefined> {
  return selectOne<VideoAnswerRow>(
    db,
    `INSERT INTO video_question_answers (user_id, lesson_revision_id, question_id, response, correct)
     VALUES ($1, $2, $3, $4::text[], $5)
     ON CONFLICT (user_id, lesson_revision_id, question_id) DO NOTHING
     RETURNING question_id, response, correct, answered_at`,
    [a.userId, a.lessonId, a.questionId, a.response, a.correct],
  );
}

/** The learner's stored answers on one lesson revision, in answering order. */
export function videoAnswers(db: Queryable, userId: string, lessonId: string): Promise<VideoAnswerRow[]> {
  return selectRows<VideoAnswerRow>(
    db,
    `SELECT question_id, response, correct, answered_at FROM video_question_answers
      WHERE user_id = $1 AND lesson_revision_id = $2 ORDER BY answered_at, question_id`,
    [userId, lessonId],
  );
}

/** Which questions the learner answered, per lesson revision, among `lessonIds` (for a course page's counts). */
export function answeredVideoQuestions(
  db: Queryable,
  userId: string,
  lessonIds: readonly string[],
): Promise<Array<{ lesson_revision_id: string; question_ids: string[] }>> {
  return selectRows<{ lesson_revision_id: string; question_ids: string[] }>(
    db,
    `SELECT lesson_revision_id, array_agg(question_id ORDER BY question_id) AS question_ids
       FROM video_question_answers WHERE user_id = $1 AND lesson_revision_id = ANY($2::uuid[])
      GROUP BY lesson_revision_id`,
    [userId, lessonIds],
  );
}
