// The teaching studio's queries against the run's real Postgres, each test in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  courseDraft,
  courseVersionList,
  currentVersionNo,
  insertCourseDraft,
  insertCourseStaff,
  insertStudioCourse,
  lockCourseDraft,
  markDraftPublished,
  publishCourseListing,
  saveCourseDraft,
  unpublishCourseListing,
} from '../src';
import { newUser, rolledBack, certifyingCourse, token } from './support/world';

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
      expect(await insertStudioCourse(tx, id)).toBe(true);
      expect(await insertStudioCourse(tx, id)).toBe(false);
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
});
