import type { HeartbeatRequest, QuizAttemptResponse, SubmitAttemptRequest } from '@hocvuso/contracts';
import { CLIENT_ERROR_CODES, isApiError } from '../../api/client';
import { offlineDb } from './offline-db';
import { queueOfflineEvent } from './offline-sync';

/** The error a call throws when the network is off (no answer at all, not an api error). */
export const isOfflineError = (e: unknown): boolean => isApiError(e) && e.code === CLIENT_ERROR_CODES.network;

/** Whether the learner downloaded this course on this device. */
export async function isDownloaded(userId: string, courseId: string): Promise<boolean> {
  return Boolean(await offlineDb.course(userId, courseId).catch(() => undefined));
}

/** Queues "mark as read" of a text lesson of a downloaded course; false when the course is not downloaded. */
export async function queueCompletion(userId: string, courseId: string, lessonId: string): Promise<boolean> {
  if (!(await isDownloaded(userId, courseId))) return false;
  await queueOfflineEvent(userId, { kind: 'complete', lessonId, at: new Date().toISOString() });
  return true;
}

/**
 * Queues a video heartbeat the player could not send (the network is off) for a downloaded course, with the
 * device's time: credited at sync by the online rule. False when the course is not downloaded.
 */
export async function queueHeartbeat(
  userId: string,
  courseId: string,
  lessonId: string,
  body: HeartbeatRequest,
): Promise<boolean> {
  if (!(await isDownloaded(userId, courseId))) return false;
  const { intervals, position, event } = body;
  await queueOfflineEvent(userId, {
    kind: 'watch',
    lessonId,
    at: new Date().toISOString(),
    intervals,
    position,
    event,
  });
  return true;
}

/**
 * The attempt the server drew for this quiz when the course was downloaded, shaped for answering offline: its
 * time limit counts on the device from now (the server checks the duration at sync).
 */
export async function offlineAttempt(
  userId: string,
  courseId: string,
  lessonId: string,
  timeLimitMinutes: number | null,
): Promise<QuizAttemptResponse | undefined> {
  const course = await offlineDb.course(userId, courseId).catch(() => undefined);
  const attempt = course?.attempts[lessonId];
  if (!attempt || attempt.status !== 'open') return undefined;
  return { ...attempt, remainingSeconds: timeLimitMinutes ? timeLimitMinutes * 60 : null };
}

/** Queues answers given offline to an attempt drawn at download; graded by the server at sync, once. */
export async function queueQuizAnswers(
  userId: string,
  lessonId: string,
  attemptId: string,
  answers: SubmitAttemptRequest['answers'],
  startedAt: number,
): Promise<void> {
  await queueOfflineEvent(userId, {
    kind: 'quiz',
    lessonId,
    attemptId,
    answers,
    startedAt: new Date(startedAt).toISOString(),
    at: new Date().toISOString(),
  });
}
