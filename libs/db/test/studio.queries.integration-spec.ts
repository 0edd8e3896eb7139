// The teaching studio's queries against the run's real Postgres, each test in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  carryLessonProgress,
  courseDraft,
  currentLessonRevisionId,
  lockCourseEnrolments,
  publishedLessons,
  courseVersionList,
  currentVersionNo,
  insertCourseDraft,
  insertCourseStaff,
  insertStudioCourse,
  lockCourseDraft,
  markDraftPublished,
  publishCourseListing,
  saveCourseDraft,
  takenCourseIds,
  unpublishCourseListing,
} from '../src';
import { newEnrolment, newUser, rolledBack, certifyingCourse, token } from './support/world';

describe('studio queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates a studio course with its owner and draft, saves and publishes the draft, and lists it', async () => {
    await rolledBack(db, async (tx) => {
      const teacher = await newUser(tx, { displayName: 'Lê Văn Soạn' });
      const id = `studio-q-${token()}`;
      expect(await takenCourseIds(tx, [id])).toEqual([]);
      expect(await insertStudioCourse(tx, id)).toBe(true);
      expect(await insertStudioCourse(tx, id)).toBe(false);
      expect(await takenCourseIds(tx, [id, `${id}-khac`])).toEqual([id]);
      await insertCourseStaff(tx, { courseId: id, userId: teacher.id, role: 'owner', addedBy: teacher.id });
      const [staff] = await tx.query(
        `SELECT user_id, role, added_by FROM course_staff WHERE course_id = $1`,
        [id],
      );
      expect(staff).toEqual({ user_id: teacher.id, role: 'owner', added_by: teacher.id });

      expect(await courseDraft(tx, id)).toBeUndefined();
      await insertCourseDraft(tx, id, { title: { vi: 'Nháp' } }, teacher.id);
      expect(await courseDraft(tx, id)).toEqual({
        document: { title: { vi: 'Nháp' } },
        revision: 1,
        published_revision: null,
        updated_at: expect.any(Date),
        updated_by_name: 'Lê Văn Soạn',
      });
      expect(await lockCourseDraft(tx, id)).toEqual({ document: { title: { vi: 'Nháp' } }, revision: 1 });
      expect(await saveCourseDraft(tx, id, { title: { vi: 'Bản 2' } }, teacher.id)).toBe(1);
      expect(await lockCourseDraft(tx, id)).toEqual({ document: { title: { vi: 'Bản 2' } }, revision: 2 });
      expect(await markDraftPublished(tx, id)).toBe(1);
      expect((await courseDraft(tx, id))!.published_revision).toBe(2);

      expect(await publishCourseListing(tx, id)).toBe(1);
      expect(await publishCourseListing(tx, id)).toBe(0);
      expect(await unpublishCourseListing(tx, id)).toBe(1);
      const [course] = await tx.query(`SELECT published, source FROM courses WHERE id = $1`, [id]);
      expect(course).toEqual({ published: false, source: 'studio' });

      // Never published: no versions, no current version.
      expect(await courseVersionList(tx, id)).toEqual([]);
      expect(await currentVersionNo(tx, id)).toBeUndefined();
      expect(await lockCourseDraft(tx, `none-${token()}`)).toBeUndefined();
    });
  });

  it("lists a published course's versions newest first and names its current one", async () => {
    await rolledBack(db, async (tx) => {
      const { courseId, versionId } = await certifyingCourse(tx);
      const versions = await courseVersionList(tx, courseId);
      expect(versions.length).toBeGreaterThan(0);
      expect(versions.length).toBeLessThanOrEqual(20);
      expect(versions[0]).toEqual({
        version_no: expect.any(Number),
        edition: expect.any(String),
        created_at: expect.any(Date),
        current: expect.any(Boolean),
      });
      const numbers = versions.map((v) => v.version_no);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      expect(versions.filter((v) => v.current)).toHaveLength(1);
      const [current] = await tx.query(`SELECT version_no FROM course_versions WHERE id = $1`, [versionId]);
      expect(await currentVersionNo(tx, courseId)).toBe(current.version_no);
    });
  });

  it('names each published lesson by its address for life, resolves older revisions to it, and carries progress on a minor change', async () => {
    await rolledBack(db, async (tx) => {
      const { courseId } = await certifyingCourse(tx);
      const lessons = await publishedLessons(tx, courseId);
      expect(lessons.length).toBeGreaterThan(0);
      const first = lessons[0]!;
      expect(first).toEqual({
        lesson_id: expect.any(String),
        lesson_key: expect.any(String),
        revision_id: expect.any(String),
        content_hash: expect.any(String),
      });
      // A later revision of the same lesson (not in the current version) carries the same address.
      const [next] = await tx.query(
        `INSERT INTO lesson_revisions (lesson_id, course_id, lesson_key, content_hash, kind, minutes, title, body_html, min_read_seconds)
         SELECT lesson_id, course_id, lesson_key, content_hash || '-next', kind, minutes, title, body_html, min_read_seconds
           FROM lesson_revisions WHERE id = $1 RETURNING id`,
        [first.revision_id],
      );
      expect(await currentLessonRevisionId(tx, first.lesson_id)).toBe(first.revision_id);
      expect(await currentLessonRevisionId(tx, next.id)).toBe(first.revision_id);
      expect(await currentLessonRevisionId(tx, '00000000-0000-4000-8000-000000000000')).toBeUndefined();

      const reader = await newUser(tx);
      const enrolmentId = await newEnrolment(tx, reader.id, courseId);
      await tx.query(
        `UPDATE enrolments SET current_lesson_id = $2, current_lesson_since = now() WHERE id = $1`,
        [enrolmentId, first.revision_id],
      );
      await tx.query(
        `INSERT INTO lesson_progress (user_id, lesson_revision_id, status, completed_at, read_seconds, state)
         VALUES ($1, $2, 'completed', now(), 42, '{"ticked":[0]}')`,
        [reader.id, first.revision_id],
      );
      expect(await lockCourseEnrolments(tx, courseId)).toBeGreaterThanOrEqual(1);
      expect(await carryLessonProgress(tx, courseId, first.revision_id, next.id)).toBe(1);
      const carried = await tx.query(
        `SELECT status, read_seconds::int AS read_seconds, state, completed_at IS NOT NULL AS completed
           FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
        [reader.id, next.id],
      );
      expect(carried).toEqual([
        { status: 'completed', read_seconds: 42, state: { ticked: [0] }, completed: true },
      ]);
      const [open] = await tx.query(`SELECT current_lesson_id FROM enrolments WHERE id = $1`, [enrolmentId]);
      expect(open.current_lesson_id).toBe(next.id);
      // The earlier credit stays where it was (history); carrying again changes nothing.
      const kept = await tx.query(
        `SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
        [reader.id, first.revision_id],
      );
      expect(kept).toEqual([{ status: 'completed' }]);
      expect(await carryLessonProgress(tx, courseId, first.revision_id, next.id)).toBe(0);
    });
  });
});
