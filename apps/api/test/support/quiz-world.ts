import { randomUUID } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { outline } from './learning-world';
import { type Browser, signedUpLearner, startTestApp, type TestApp } from './test-app';

/** The app, the run's database and the quiz lesson of a shipped course, for the quiz e2e suites. */
export interface QuizWorld {
  t: TestApp;
  db: DataSource;
  quizId: string;
  close(): Promise<void>;
}

export async function openQuizWorld(courseId: string): Promise<QuizWorld> {
  const t = await startTestApp();
  const db = await openRunDatabase();
  const quizId = (await outline(t, courseId)).find((l) => l.kind === 'quiz')!.id;
  return {
    t,
    db,
    quizId,
    close: async () => {
      await t.close();
      await db.destroy();
    },
  };
}

/** A new learner enrolled in the course. */
export async function enrolledLearner(t: TestApp, courseId: string) {
  const l = await signedUpLearner(t.http);
  await l.post(`/api/courses/${courseId}/enrol`).send({}).expect(201);
  return l;
}

/** Submits answers to an attempt with an Idempotency-Key (a new one unless given). */
export const submitAttempt = (l: Browser, attemptId: string, answers: object, key: string = randomUUID()) =>
  l.post(`/api/quiz-attempts/${attemptId}/submit`).set('idempotency-key', key).send({ answers });
