// The assessment (quiz) context's privacy query, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { quizAttemptsForExport } from '../src';
import { seedPerson } from './support/person-world';

describe('assessment-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('quizAttemptsForExport gives the attempts with the learner’s answers and the score as numeric text', async () => {
    const p = await seedPerson(db);
    expect(await quizAttemptsForExport(db, p.userId)).toEqual([
      {
        id: p.attemptId,
        lesson_revision_id: p.lessonRevisionId,
        attempt_no: 1,
        started_at: expect.any(Date),
        deadline_at: null,
        submitted_at: expect.any(Date),
        answers: { q1: ['a'] },
        score_percent: '87.5',
        passed: true,
      },
    ]);
  });
});
