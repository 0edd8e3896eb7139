import { describe, expect, it } from '@jest/globals';
import { offlineEventSchema } from '@hocvuso/contracts';
import type { QueuedEvent } from './offline-db';
import {
  answerGoesToDevice,
  queuedQuestionIds,
  queueVideoAnswer,
  type VideoAnswerQueue,
} from './offline-video-answers';

const USER = '0b5e6a1c-7f2d-4c3e-9a8b-1d2e3f4a5b6c';
const OTHER_USER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const COURSE = 'smartphone-basics';
const LESSON = '7d1c9a52-3b8e-4f0a-9c61-2a5e8f3b1d44';
const OTHER_LESSON = 'c2b7e0f1-5d3a-4e9b-8f27-61a0d4c9e835';
const AT = new Date('2026-12-06T10:00:00.000Z');

/** A device whose downloads and queue are plain arrays. */
function device(downloaded: string[]) {
  const queued: Array<{ userId: string; event: object }> = [];
  const deps: VideoAnswerQueue = {
    downloaded: async (userId, courseId) => downloaded.includes(`${userId}:${courseId}`),
    queue: async (userId, event) => {
      queued.push({ userId, event });
      return 'e7f6a5b4-c3d2-4e1f-8a9b-0c1d2e3f4a5b';
    },
    now: () => AT,
  };
  return { deps, queued };
}

describe('queueVideoAnswer: a pinned question answered offline waits on the device', () => {
  it('queues the answer in the learner-shown option ids with the device time, in the shape the server accepts', async () => {
    const d = device([`${USER}:${COURSE}`]);
    await expect(queueVideoAnswer(USER, COURSE, LESSON, 'backup-pin', 'Xk3_9aQ-2b', d.deps)).resolves.toBe(
      true,
    );
    await expect(
      queueVideoAnswer(USER, COURSE, LESSON, 'easy-to-guess', ['Xk3_9aQ-2b', 'b7-Qp0_aaZ'], d.deps),
    ).resolves.toBe(true);
    expect(d.queued).toEqual([
      {
        userId: USER,
        event: {
          kind: 'video-answer',
          lessonId: LESSON,
          questionId: 'backup-pin',
          answer: 'Xk3_9aQ-2b',
          at: AT.toISOString(),
        },
      },
      {
        userId: USER,
        event: {
          kind: 'video-answer',
          lessonId: LESSON,
          questionId: 'easy-to-guess',
          answer: ['Xk3_9aQ-2b', 'b7-Qp0_aaZ'],
          at: AT.toISOString(),
        },
      },
    ]);
    // with the id the queue gives it, each is a valid sync event (strict: nothing more is sent)
    for (const { event } of d.queued)
      expect(
        offlineEventSchema.safeParse({ ...event, id: 'e7f6a5b4-c3d2-4e1f-8a9b-0c1d2e3f4a5b' }).success,
      ).toBe(true);
  });

  it('queues nothing for a course not downloaded on this device, nor for another learner who downloaded it', async () => {
    const d = device([`${OTHER_USER}:${COURSE}`]);
    await expect(queueVideoAnswer(USER, COURSE, LESSON, 'backup-pin', 'Xk3_9aQ-2b', d.deps)).resolves.toBe(
      false,
    );
    expect(d.queued).toEqual([]);
  });
});

describe('answerGoesToDevice: the answer follows the heartbeats that reached the question', () => {
  it("goes to the device offline, or online while this video's heartbeats wait there; else to the server", () => {
    expect(answerGoesToDevice(false, 'clear')).toBe(true);
    expect(answerGoesToDevice(false, 'unknown')).toBe(true);
    expect(answerGoesToDevice(true, 'offline')).toBe(true);
    expect(answerGoesToDevice(true, 'failed')).toBe(true);
    expect(answerGoesToDevice(true, 'clear')).toBe(false);
    expect(answerGoesToDevice(true, 'unknown')).toBe(false);
  });
});

describe('queuedQuestionIds: questions answered on this device and not yet graded', () => {
  const event = (userId: string, e: QueuedEvent['event'], queuedAt = 1): QueuedEvent => ({
    id: e.id,
    userId,
    queuedAt,
    event: e,
  });
  const answer = (id: string, lessonId: string, questionId: string) =>
    ({ kind: 'video-answer', id, lessonId, questionId, answer: 'Xk3_9aQ-2b', at: AT.toISOString() }) as const;

  it("counts this learner's answers of this lesson only (a shared phone, other lessons, heartbeats)", () => {
    const events = [
      event(USER, answer('a1', LESSON, 'backup-pin')),
      event(USER, answer('a2', LESSON, 'backup-pin')),
      event(USER, answer('a3', OTHER_LESSON, 'easy-to-guess')),
      event(OTHER_USER, answer('a4', LESSON, 'carrier-asks-code')),
      event(USER, {
        kind: 'watch',
        id: 'w1',
        lessonId: LESSON,
        at: AT.toISOString(),
        intervals: [[0, 30]],
        position: 30,
        event: 'pause',
      }),
    ];
    expect([...queuedQuestionIds(events, USER, LESSON)]).toEqual(['backup-pin']);
    expect(queuedQuestionIds([], USER, LESSON).size).toBe(0);
  });
});
