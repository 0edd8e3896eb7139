// Every function of learning.queries.ts against the run's real Postgres, on a shipped course and a new learner.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  bankReadingSeconds,
  completeEnrolment,
  enrol,
  enrolmentLessons,
  isEnrollableCourse,
  lessonForLearner,
  lessonRevision,
  lessonStatus,
  lockEnrolment,
  lockEnrolmentClock,
  lockLessonProgress,
  markLessonCompleted,
  requestCertificate,
  saveLessonState,
  selectOne,
  setOpenLesson,
  startLesson,
} from '../src';
import { newLearner, type ShippedCourse, shippedCourse } from './support/learning-course';

describe('learning.queries', () => {
  let db: DataSource;
  let course: ShippedCourse;
  beforeAll(async () => {
    db = await openRunDatabase();
    course = await shippedCourse(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('tells enrollable courses from unknown ones', async () => {
    expect(await isEnrollableCourse(db, course.courseId)).toBe(true);
    expect(await isEnrollableCourse(db, 'no-such-course')).toBe(false);
  });

  it('enrols once and lists the enrolment with every lesson of the current version in outline order', async () => {
    const learner = await newLearner(db);
    expect(await enrolmentLessons(db, learner.id)).toEqual([]);
    expect(await enrol(db, learner.id, course.courseId)).toBe(true);
    expect(await enrol(db, learner.id, course.courseId)).toBe(false);
    const rows = await enrolmentLessons(db, learner.id, course.courseId);
    expect(rows.map((r) => r.lesson_id)).toEqual(course.lessons);
    const first = rows[0]!;
    expect(first).toMatchObject({
      course_id: course.courseId,
      status: 'active',
      completed_at: null,
      lesson_status: null,
      lesson_passed: null,
      course_version_id: course.courseVersionId,
    });
    expect(first.enrolled_at).toBeInstanceOf(Date);
    expect(typeof first.course_title.vi).toBe('string');
    expect(typeof first.certificate).toBe('boolean');
    expect(first.completion).toHaveProperty('quizzes');
    expect(await enrolmentLessons(db, learner.id, 'another-course')).toEqual([]);
  });

  it('reads a lesson for a learner with enrolment, progress and neighbours, and the revision itself', async () => {
    const learner = await newLearner(db);
    const lessonId = course.lessons[1]!;
    const before = await lessonForLearner(db, lessonId, learner.id);
    expect(before).toMatchObject({
      id: lessonId,
      course_id: course.courseId,
      enrolment_id: null,
      progress_status: null,
      previous_lesson_id: course.lessons[0],
      next_lesson_id: course.lessons[2] ?? null,
    });
    expect(before!.languages).toContain(before!.default_language);
    expect(typeof before!.min_read_seconds).toBe('number');
    await enrol(db, learner.id, course.courseId);
    await startLesson(db, learner.id, lessonId, course.courseId);
    const after = await lessonForLearner(db, lessonId, learner.id);
    expect(after!.enrolment_id).toEqual(expect.any(String));
    expect(after!.progress_status).toBe('in_progress');
    expect(await lessonForLearner(db, '00000000-0000-4000-8000-000000000000', learner.id)).toBeUndefined();

    const revision = await lessonRevision(db, course.byKind.video);
    expect(revision).toMatchObject({ id: course.byKind.video, kind: 'video', course_id: course.courseId });
    expect(revision!.data).toHaveProperty('video');
    expect(await lessonRevision(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('runs the reading clock: the open lesson, its stint, banked seconds and the locked progress row', async () => {
    const learner = await newLearner(db);
    const lessonId = course.byKind.text;
    await enrol(db, learner.id, course.courseId);
    await db.transaction(async (tx) => {
      expect(await lockEnrolmentClock(tx, learner.id, 'another-course')).toBeUndefined();
      const clock = await lockEnrolmentClock(tx, learner.id, course.courseId);
      // greatest() ignores the null stint start: no open lesson reads as open for 0 s.
      expect(clock).toMatchObject({ status: 'active', current_lesson_id: null, open_for_seconds: '0' });
      expect(await lockLessonProgress(tx, learner.id, lessonId)).toBeUndefined();
      await startLesson(tx, learner.id, lessonId, course.courseId);
      await setOpenLesson(tx, clock!.enrolment_id, lessonId);
      await bankReadingSeconds(tx, learner.id, lessonId, 12.5);
    });
    const clock = await lockEnrolmentClock(db, learner.id, course.courseId);
    expect(clock!.current_lesson_id).toBe(lessonId);
    expect(Number(clock!.open_for_seconds)).toBeGreaterThanOrEqual(0);
    const progress = await lockLessonProgress(db, learner.id, lessonId);
    expect(progress).toEqual({ status: 'in_progress', read_seconds: '12.5', state: {} });
    expect(await lessonStatus(db, learner.id, lessonId)).toEqual({ status: 'in_progress' });
    expect(await lessonStatus(db, learner.id, course.byKind.quiz)).toBeUndefined();
  });

  it('locks the enrolment with the pseudonym and course title', async () => {
    const learner = await newLearner(db);
    expect(await lockEnrolment(db, learner.id, course.courseId)).toBeUndefined();
    await enrol(db, learner.id, course.courseId);
    const ctx = await db.transaction((tx) => lockEnrolment(tx, learner.id, course.courseId));
    expect(ctx).toMatchObject({ status: 'active', pseudonym: learner.pseudonym, current_lesson_id: null });
    expect(typeof ctx!.course_title.vi).toBe('string');
  });

  it('saves checklist state on an opened lesson only, and completes lessons and the enrolment once', async () => {
    const learner = await newLearner(db);
    const checklist = course.byKind.checklist;
    await enrol(db, learner.id, course.courseId);
    expect(await saveLessonState(db, learner.id, checklist, { ticked: [0] })).toBe(false);
    await startLesson(db, learner.id, checklist, course.courseId);
    expect(await saveLessonState(db, learner.id, checklist, { ticked: [0, 1] })).toBe(true);
    expect((await lockLessonProgress(db, learner.id, checklist))!.state).toEqual({ ticked: [0, 1] });

    expect(await markLessonCompleted(db, learner.id, checklist, false)).toBe(true);
    expect(await markLessonCompleted(db, learner.id, checklist, false)).toBe(false);
    // A quiz passed without opening its page still completes (an upsert), and records the pass.
    expect(await markLessonCompleted(db, learner.id, course.byKind.quiz, true)).toBe(true);
    const rows = await enrolmentLessons(db, learner.id, course.courseId);
    expect(rows.find((r) => r.lesson_id === course.byKind.quiz)).toMatchObject({
      lesson_status: 'completed',
      lesson_passed: true,
    });
    expect(rows.find((r) => r.lesson_id === checklist)).toMatchObject({
      lesson_status: 'completed',
      lesson_passed: false,
    });

    const enrolmentId = rows[0]!.enrolment_id;
    const completedAt = await completeEnrolment(db, enrolmentId);
    expect(completedAt).toBeInstanceOf(Date);
    expect(await completeEnrolment(db, enrolmentId)).toBeUndefined();
    const after = await selectOne<{ status: string; completed_at: Date }>(
      db,
      `SELECT status, completed_at FROM enrolments WHERE id = $1`,
      [enrolmentId],
    );
    expect(after).toEqual({ status: 'completed', completed_at: completedAt });

    const requestId = await requestCertificate(db, enrolmentId, course.courseVersionId);
    expect(requestId).toEqual(expect.any(String));
    expect(await requestCertificate(db, enrolmentId, course.courseVersionId)).toBeUndefined();
  });
});
