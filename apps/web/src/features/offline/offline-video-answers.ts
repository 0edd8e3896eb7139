/**
 * Answers to questions pinned in a video, given offline (docs/offline.md "Video"): queued on the device in the
 * option ids the learner was shown, behind the heartbeats that reached the question, and graded by the server at
 * sync. Imported by the video player only, so it ships with the video lesson, not the shell.
 */
import type { VideoAnswerRequest } from '@hocvuso/contracts';
import { offlineDb, type QueuedEvent } from './offline-db';
import { queueOfflineEvent } from './offline-sync';
import type { QueueState } from './sync-first';

export interface VideoAnswerQueue {
  /** Whether the learner downloaded this course on this device. */
  downloaded: (userId: string, courseId: string) => Promise<boolean>;
  /** Queues one event; resolves with its id. */
  queue: typeof queueOfflineEvent;
  now: () => Date;
}

const deviceQueue: VideoAnswerQueue = {
  downloaded: async (userId, courseId) =>
    Boolean(await offlineDb.course(userId, courseId).catch(() => undefined)),
  queue: queueOfflineEvent,
  now: () => new Date(),
};

/**
 * Where an answer goes: to the device's queue when the network is off or this video's heartbeats wait on the
 * device (the server would refuse the answer until it credited them: `VIDEO_QUESTION_NOT_REACHED`), else online.
 */
export function answerGoesToDevice(online: boolean, queue: QueueState | 'unknown'): boolean {
  return !online || queue === 'offline' || queue === 'failed';
}

/**
 * Queues an answer to a pinned question of a downloaded course, with the device's time (the queue is sent oldest
 * first, so after the heartbeats that reached the question); false when the course is not downloaded here.
 */
export async function queueVideoAnswer(
  userId: string,
  courseId: string,
  lessonId: string,
  questionId: string,
  answer: VideoAnswerRequest['answer'],
  device: VideoAnswerQueue = deviceQueue,
): Promise<boolean> {
  if (!(await device.downloaded(userId, courseId))) return false;
  await device.queue(userId, {
    kind: 'video-answer',
    lessonId,
    questionId,
    answer,
    at: device.now().toISOString(),
  });
  return true;
}

/** The questions of this lesson the learner answered on this device and the server has not graded yet. */
export function queuedQuestionIds(events: QueuedEvent[], userId: string, lessonId: string): Set<string> {
  const ids = new Set<string>();
  for (const { userId: owner, event } of events)
    if (owner === userId && event.kind === 'video-answer' && event.lessonId === lessonId)
      ids.add(event.questionId);
  return ids;
}

/** Reads the device's queue for `queuedQuestionIds` (an empty set when IndexedDB cannot be read). */
export async function queuedAnswersOf(userId: string, lessonId: string): Promise<Set<string>> {
  const events = await offlineDb.events(userId).catch(() => []);
  return queuedQuestionIds(events, userId, lessonId);
}
