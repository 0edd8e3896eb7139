import { randomUUID } from 'node:crypto';
import { HEARTBEAT_INTERVAL_SECONDS } from '@hocvuso/domain';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { type Browser, signedUpLearner, type TestApp } from './test-app';

type SignedUp = Awaited<ReturnType<typeof signedUpLearner>>;

export interface OutlineLesson {
  id: string;
  key: string;
  kind: string;
}

export async function outline(t: TestApp, courseId: string): Promise<OutlineLesson[]> {
  const course = await request(t.http).get(`/api/courses/${courseId}`).expect(200);
  return course.body.modules.flatMap((m: { lessons: OutlineLesson[] }) => m.lessons);
}

/**
 * Moves the watch clock back, as if `seconds` of wall-clock time had passed since the last heartbeat (the
 * bucket of watch credit refills for them, up to its cap).
 */
export const elapse = (db: DataSource, userId: string, lessonId: string, seconds: number) =>
  db.query(
    `UPDATE video_progress SET last_heartbeat_at = last_heartbeat_at - make_interval(secs => $3) WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId, seconds],
  );

/**
 * Moves the reading clock back, as if the learner had kept the lesson open for `seconds` more. The clock runs
 * only for the course's open lesson (the one opened last), so this changes nothing for any other lesson:
 * open the lesson first. Returns how many clocks moved (1, or 0 when the lesson is not the open one).
 */
export const readFor = async (
  db: DataSource,
  userId: string,
  lessonId: string,
  seconds: number,
): Promise<number> => {
  const [, moved] = await db.query(
    `UPDATE enrolments SET current_lesson_since = current_lesson_since - make_interval(secs => $3)
      WHERE user_id = $1 AND current_lesson_id = $2`,
    [userId, lessonId, seconds],
  );
  return moved as number;
};

export const heartbeat = (
  b: Browser,
  lessonId: string,
  intervals: Array<[number, number]>,
  position: number,
  event = 'tick',
  lang = 'vi',
) => b.post(`/api/lessons/${lessonId}/heartbeats?lang=${lang}`).send({ intervals, position, event });

/** Watches a video at normal speed with a heartbeat every 10 s (as the player does), the clock advanced between them. */
export async function watchNormally(
  db: DataSource,
  b: Browser & { id: string },
  lessonId: string,
  duration: number,
): Promise<request.Response> {
  let last: request.Response | undefined;
  const step = HEARTBEAT_INTERVAL_SECONDS;
  for (let t = step; t < duration + step; t += step) {
    const end = Math.min(t, duration);
    await elapse(db, b.id, lessonId, step);
    last = await heartbeat(b, lessonId, [[0, end]], end, end >= duration ? 'ended' : 'tick').expect(200);
  }
  return last!;
}

interface BankQuestion {
  id: string;
  type: string;
  options?: Array<{ id: string; correct?: boolean }>;
  answer?: boolean;
  items?: Array<{ id: string }>;
}

/** The right answers of an attempt, read from the bank in the database (what a perfect learner would send). */
export async function correctAnswers(
  db: DataSource,
  attemptId: string,
): Promise<Record<string, string | string[]>> {
  const [row] = await db.query(
    `SELECT b.questions, a.layout FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id WHERE a.id = $1`,
    [attemptId],
  );
  const byId = new Map((row.questions as BankQuestion[]).map((q) => [q.id, q]));
  return Object.fromEntries(
    (row.layout as Array<{ id: string; optionOrder: string[]; optionKeys?: string[] }>).map((l) => {
      const { id } = l;
      // the learner sees opaque per-attempt ids (optionKeys) in place of the bank's option ids
      const k = (bankId: string) => l.optionKeys?.[l.optionOrder.indexOf(bankId)] ?? bankId;
      const q = byId.get(id)!;
      if (q.type === 'single') return [id, k(q.options!.find((o) => o.correct)!.id)];
      if (q.type === 'multiple') return [id, q.options!.filter((o) => o.correct).map((o) => k(o.id))];
      if (q.type === 'truefalse') return [id, k(String(q.answer))];
      return [id, q.items!.map((i) => k(i.id))];
    }),
  );
}

/** A question pinned in a video, as the lesson payload gives it. */
export interface VideoQuestionView {
  id: string;
  at: number;
  type: 'single' | 'multiple' | 'truefalse';
  options: Array<{ id: string; text: string }>;
}

/** Answers a pinned question with its first option (right or wrong: answering is what completion needs). */
export const answerVideoQuestion = (b: Browser, lessonId: string, q: VideoQuestionView, lang = 'vi') =>
  b
    .post(`/api/lessons/${lessonId}/video-questions/${q.id}/answers?lang=${lang}`)
    .send({ answer: q.type === 'multiple' ? [q.options[0]!.id] : q.options[0]!.id })
    .expect(200);

/** Does one lesson the honest way (clocks advanced in the database); the response that finished it. */
export async function doLesson(
  db: DataSource,
  l: Browser & { id: string },
  lesson: OutlineLesson,
): Promise<request.Response | undefined> {
  const opened = await l.agent.get(`/api/lessons/${lesson.id}`).expect(200);
  if (lesson.kind === 'text') {
    await readFor(db, l.id, lesson.id, 600);
    return l.post(`/api/lessons/${lesson.id}/complete`).send({ reachedEnd: true }).expect(200);
  }
  if (lesson.kind === 'checklist') {
    const n = opened.body.checklist.items.length;
    return l.agent
      .put(`/api/lessons/${lesson.id}/checklist`)
      .set('x-csrf-token', l.csrf)
      .send({ ticked: [...Array(n).keys()] })
      .expect(200);
  }
  if (lesson.kind === 'video') {
    let last = await watchNormally(db, l, lesson.id, opened.body.video.durationSeconds);
    for (const q of (opened.body.video.questions ?? []) as VideoQuestionView[])
      last = await answerVideoQuestion(l, lesson.id, q);
    return last;
  }
  if (lesson.kind === 'quiz') {
    const attempt = (await l.post(`/api/lessons/${lesson.id}/quiz-attempts`).send({}).expect(201)).body;
    return l
      .post(`/api/quiz-attempts/${attempt.id}/submit`)
      .set('idempotency-key', randomUUID())
      .send({ answers: await correctAnswers(db, attempt.id) })
      .expect(200);
  }
  return undefined;
}

/**
 * Enrols a learner (a new one unless given) and does every lesson of the course the honest way (clocks advanced
 * in the database); with `skipLast`, all but the last.
 */
export async function completeCourse<L extends Browser & { id: string } = SignedUp>(
  t: TestApp,
  db: DataSource,
  courseId: string,
  opts: { skipLast?: boolean; learner?: L } = {},
) {
  const l = opts.learner ?? ((await signedUpLearner(t.http)) as unknown as L);
  await l.post(`/api/courses/${courseId}/enrol`).send({}).expect(201);
  const lessons = await outline(t, courseId);
  let last: request.Response | undefined;
  for (const lesson of opts.skipLast ? lessons.slice(0, -1) : lessons)
    last = (await doLesson(db, l, lesson)) ?? last;
  return { l, last: last!, lessons };
}
