// Every function of video-questions.queries.ts (and the export query) against the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { answeredVideoQuestions, insertVideoAnswer, videoAnswers, videoAnswersForExport } from '../src';
import { newLearner, type ShippedCourse, shippedCourse } from './support/learning-course';

describe('video-questions.queries', () => {
  let db: DataSource;
  let course: ShippedCourse;
  beforeAll(async () => {
    db = await openRunDatabase();
    course = await shippedCourse(db);
  });
  afterAll(() => db.destroy());

  it('stores the first answer once (a second insert, even at once, stores nothing) and reads them back', async () => {
    const learner = await newLearner(db);
    const video = course.byKind.video;
    const answer = (response: string[], correct: boolean) =>
      insertVideoAnswer(db, { userId: learner.id, lessonId: video, questionId: 'q1', response, correct });
    const results = await Promise.all([answer(['a'], true), answer(['b'], false), answer(['c'], false)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = results.find(Boolean)!;
    expect(stored).toMatchObject({ question_id: 'q1', answered_at: expect.any(Date) });
    expect(await answer(['z'], false)).toBeUndefined();
    await insertVideoAnswer(db, {
      userId: learner.id,
      lessonId: video,
      questionId: 'q0',
      response: ['true', 'x'],
      correct: false,
    });

    const rows = await videoAnswers(db, learner.id, video);
    expect(rows.map((r) => r.question_id).sort()).toEqual(['q0', 'q1']);
    expect(rows.find((r) => r.question_id === 'q1')).toEqual(stored);
    expect(await videoAnswers(db, learner.id, course.byKind.text)).toEqual([]);

    expect(await answeredVideoQuestions(db, learner.id, [video, course.byKind.text])).toEqual([
      { lesson_revision_id: video, question_ids: ['q0', 'q1'] },
    ]);
    expect(await answeredVideoQuestions(db, learner.id, [])).toEqual([]);

    const exported = await videoAnswersForExport(db, learner.id);
    expect(exported).toHaveLength(2);
    expect(exported.find((r) => r.question_id === 'q0')).toEqual({
      lesson_revision_id: video,
      question_id: 'q0',
      response: ['true', 'x'],
      correct: false,
      answered_at: expect.any(Date),
    });
    // another learner's answers are theirs
    const other = await newLearner(db);
    expect(await videoAnswers(db, other.id, video)).toEqual([]);
  });
});
