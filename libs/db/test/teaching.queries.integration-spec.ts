// The teaching queries (courses a teacher teaches, staff, learner reports, competencies) against the run's real
// Postgres, each test in a transaction rolled back at its end.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  allCourseLearners,
  competencyIndex,
  courseForTeacher,
  courseLearners,
  courseStaff,
  lockCourseStaff,
  removeCourseStaff,
  teacherByLogin,
  teachingCourses,
  upsertCourseStaff,
} from '../src';
import { grant, newEnrolment, newUser, rolledBack, certifyingCourse, token } from './support/world';

/** The roles the teaching api treats as teachers (its permission table decides; one role today). */
const TEACHING_ROLES = ['teacher'];

describe('teaching queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('finds teachers by login, keeps course staff, and lists the courses a teacher teaches', async () => {
    await rolledBack(db, async (tx) => {
      const phone = `+8490${String(Date.now()).slice(-7)}`;
      const owner = await newUser(tx, { displayName: 'An Chủ', phone });
      const editor = await newUser(tx, { displayName: 'Bình Biên' });
      const notTeacher = await newUser(tx);
      const gone = await newUser(tx, { deidentified: true });
      for (const u of [owner, editor, gone]) await grant(tx, u.id, 'teacher');
      expect(await teacherByLogin(tx, { kind: 'email', value: owner.email }, TEACHING_ROLES)).toBe(owner.id);
      expect(await teacherByLogin(tx, { kind: 'phone', value: phone }, TEACHING_ROLES)).toBe(owner.id);
      expect(
        await teacherByLogin(tx, { kind: 'email', value: notTeacher.email }, TEACHING_ROLES),
      ).toBeUndefined();
      expect(await teacherByLogin(tx, { kind: 'email', value: gone.email }, TEACHING_ROLES)).toBeUndefined();

      const { courseId } = await certifyingCourse(tx);
      expect(await courseForTeacher(tx, courseId, owner.id)).toEqual({
        id: courseId,
        source: 'content',
        published: true,
        staff_role: null,
      });
      expect(await courseForTeacher(tx, `none-${token()}`, owner.id)).toBeUndefined();
      const taughtBefore = await teachingCourses(tx, owner.id, false);
      expect(taughtBefore.map((c) => c.id)).not.toContain(courseId);

      await upsertCourseStaff(tx, { courseId, userId: owner.id, role: 'owner', addedBy: owner.id });
      await upsertCourseStaff(tx, { courseId, userId: editor.id, role: 'owner', addedBy: owner.id });
      await upsertCourseStaff(tx, { courseId, userId: editor.id, role: 'editor', addedBy: owner.id });
      const staff = await lockCourseStaff(tx, courseId);
      expect(
        staff
          .filter((s) => [owner.id, editor.id].includes(s.user_id))
          .sort((a, b) => a.role.localeCompare(b.role)),
      ).toEqual([
        { user_id: editor.id, role: 'editor' },
        { user_id: owner.id, role: 'owner' },
      ]);
      const members = (await courseStaff(tx, courseId)).filter((m) =>
        [owner.id, editor.id].includes(m.userId),
      );
      expect(members).toEqual([
        { userId: owner.id, displayName: 'An Chủ', role: 'owner', addedAt: expect.any(Date) },
        { userId: editor.id, displayName: 'Bình Biên', role: 'editor', addedAt: expect.any(Date) },
      ]);
      expect(await courseForTeacher(tx, courseId, editor.id)).toMatchObject({ staff_role: 'editor' });

      const taught = await teachingCourses(tx, owner.id, false);
      expect(taught.find((c) => c.id === courseId)).toEqual({
        id: courseId,
        source: 'content',
        published: true,
        staff_role: 'owner',
        title: expect.objectContaining({ vi: expect.any(String) }),
        version_no: expect.any(Number),
        draft_revision: null,
        published_revision: null,
        draft_updated_at: null,
        enrolled: expect.any(Number),
        completed: expect.any(Number),
      });
      const everything = await teachingCourses(tx, notTeacher.id, true);
      expect(everything.length).toBeGreaterThanOrEqual(taught.length);
      expect(everything.find((c) => c.id === courseId)!.staff_role).toBeNull();

      expect(await removeCourseStaff(tx, courseId, editor.id)).toBe(1);
      expect(await removeCourseStaff(tx, courseId, editor.id)).toBe(0);
      expect((await courseStaff(tx, courseId)).map((m) => m.userId)).not.toContain(editor.id);
    });
  });

  it("reports a course's learners by status, paged and counted, and all of them for export", async () => {
    await rolledBack(db, async (tx) => {
      const { courseId } = await certifyingCourse(tx);
      const before = await courseLearners(tx, courseId, { limit: 1, offset: 0 });
      const done = await newUser(tx, { displayName: 'Zz Xong' });
      const fresh = await newUser(tx, { displayName: 'Zz Mới' });
      await newEnrolment(tx, done.id, courseId, new Date());
      await newEnrolment(tx, fresh.id, courseId);
      const after = await courseLearners(tx, courseId, { limit: 10_000, offset: 0 });
      expect(after.counts.enrolled - before.counts.enrolled).toBe(2);
      expect(after.counts.completed - before.counts.completed).toBe(1);
      expect(after.counts.not_started - before.counts.not_started).toBe(1);
      expect(after.total).toBe(after.counts.enrolled);
      const mine = after.rows.find((r) => r.user_id === done.id);
      expect(mine).toEqual({
        user_id: done.id,
        display_name: 'Zz Xong',
        deidentified: false,
        status: 'completed',
        completed_lessons: 0,
        total_lessons: expect.any(Number),
        enrolled_at: expect.any(Date),
        last_activity_at: expect.any(Date),
        completed_at: expect.any(Date),
        certificate_issued: false,
      });
      expect(mine!.total_lessons).toBeGreaterThan(0);

      const completedOnly = await courseLearners(tx, courseId, {
        status: 'completed',
        limit: 10_000,
        offset: 0,
      });
      expect(completedOnly.rows.every((r) => r.status === 'completed')).toBe(true);
      expect(completedOnly.total).toBe(after.counts.completed);
      const page = await courseLearners(tx, courseId, { limit: 1, offset: 0 });
      expect(page.rows).toHaveLength(1);
      const beyond = await courseLearners(tx, courseId, { limit: 5, offset: after.total });
      expect(beyond.rows).toEqual([]);
      expect(beyond.counts).toEqual(after.counts);

      const all = await allCourseLearners(tx, courseId);
      expect(all).toHaveLength(after.total);
      expect(all.find((r) => r.user_id === fresh.id)).toMatchObject({
        status: 'not_started',
        display_name: 'Zz Mới',
      });
    });
  });

  it('indexes every competency with its name and its framework levels', async () => {
    const index = await competencyIndex(db);
    expect(index.size).toBeGreaterThan(0);
    for (const [key, value] of index) {
      expect(key).toMatch(/^[^:]+:.+$/);
      expect(value.name).toEqual(expect.objectContaining({ vi: expect.any(String) }));
      expect(Array.isArray(value.levels)).toBe(true);
      for (const level of value.levels) expect(typeof level).toBe('number');
    }
  });
});
