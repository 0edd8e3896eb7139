// Every function of video.queries.ts against the run's real Postgres, on a shipped video lesson.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  completeVideo,
  createVideoProgress,
  enrol,
  lockVideoProgress,
  parseMultirange,
  saveHeartbeat,
  selectOne,
  settleWatchTokens,
  startLesson,
  videoState,
} from '../src';
import { newLearner, type ShippedCourse, shippedCourse } from './support/learning-course';

describe('video.queries', () => {
  let db: DataSource;
  let course: ShippedCourse;
  beforeAll(async () => {
    db = await openRunDatabase();
    course = await shippedCourse(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates the watch state once, settles the bucket, saves heartbeats and completes the video once', async () => {
    const learner = await newLearner(db);
    const video = course.byKind.video;
    await enrol(db, learner.id, course.courseId);
    await startLesson(db, learner.id, video, course.courseId);
    expect(await lockVideoProgress(db, learner.id, video)).toBeUndefined();
    expect(await videoState(db, learner.id, video)).toBeUndefined();

    await createVideoProgress(db, learner.id, video, 2);
    await createVideoProgress(db, learner.id, video, 99); // a second opening changes nothing
    const fresh = await db.transaction((tx) => lockVideoProgress(tx, learner.id, video));
    expect(fresh).toMatchObject({ watched: '{}', tokens: '2', completed: false });
    expect(Number(fresh!.elapsed_seconds)).toBeGreaterThanOrEqual(0);

    await settleWatchTokens(db, learner.id, video, 5.5);
    expect((await lockVideoProgress(db, learner.id, video))!.tokens).toBe('5.5');

    await saveHeartbeat(db, {
      userId: learner.id,
      lessonId: video,
      watched: [
        [0, 10],
        [20, 25.5],
      ],
      claimed: [[20, 25.5]],
      tokens: 1.25,
      position: 25.5,
      capped: true,
    });
    const saved = await lockVideoProgress(db, learner.id, video);
    expect(saved).toMatchObject({ watched: '{[0,10),[20,25.5)}', tokens: '1.25', completed: false });
    expect(parseMultirange(saved!.watched)).toEqual([
      [0, 10],
      [20, 25.5],
    ]);
    expect(await videoState(db, learner.id, video)).toEqual({
      watched: '{[0,10),[20,25.5)}',
      position: '25.5',
    });
    const counters = await selectOne<{ heartbeats: number; capped_heartbeats: number; last_claim: string }>(
      db,
      `SELECT heartbeats, capped_heartbeats, last_claim::text AS last_claim FROM video_progress
        WHERE user_id = $1 AND lesson_revision_id = $2`,
      [learner.id, video],
    );
    expect(counters).toEqual({ heartbeats: 1, capped_heartbeats: 1, last_claim: '{[20,25.5)}' });

    expect(await completeVideo(db, learner.id, video)).toBe(true);
    expect(await completeVideo(db, learner.id, video)).toBe(false);
    expect((await lockVideoProgress(db, learner.id, video))!.completed).toBe(true);
  });

  it('parses multirange text, empty included', () => {
    expect(parseMultirange('{}')).toEqual([]);
    expect(parseMultirange('{[0,15.5),[20,30)}')).toEqual([
      [0, 15.5],
      [20, 30],
    ]);
  });
});
