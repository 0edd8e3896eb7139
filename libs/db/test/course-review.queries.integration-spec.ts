// The review queries against the run's real Postgres, each test in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  insertCourseDraft,
  insertReviewComment,
  insertStudioCourse,
  lockCourseReview,
  resolveReviewComment,
  reviewQueue,
  reviewSubject,
  saveCourseReview,
} from '../src';
import { newUser, rolledBack, token } from './support/world';

describe('course review queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const studioCourse = async (tx: EntityManager, authorId: string) => {
    const id = `review-q-${token()}`;
    await insertStudioCourse(tx, id);
    await insertCourseDraft(tx, id, { title: { vi: 'Khoá được duyệt' } }, authorId);
    return id;
  };

  it('keeps the reason of a request for changes until the next decision, and names who submitted', async () => {
    await rolledBack(db, async (tx) => {
      const author = await newUser(tx, { displayName: 'Cô Soạn Bài' });
      const reviewer = await newUser(tx, { displayName: 'Thầy Duyệt' });
      const id = await studioCourse(tx, author.id);
      expect(await reviewSubject(tx, id)).toMatchObject({ state: null, reason: null, revision: 1 });

      await saveCourseReview(tx, id, { state: 'in_review', draftRevision: 1, submittedBy: author.id }, null);
      expect((await reviewQueue(tx)).filter((r) => r.course_id === id)).toEqual([
        expect.objectContaining({ title_vi: 'Khoá được duyệt', submitted_by_name: 'Cô Soạn Bài' }),
      ]);
      await saveCourseReview(
        tx,
        id,
        { state: 'changes_requested', draftRevision: 1, submittedBy: author.id },
        reviewer.id,
        'Thiếu ví dụ.',
      );
      expect(await reviewSubject(tx, id)).toMatchObject({
        state: 'changes_requested',
        submitted_by: author.id,
        submitted_by_name: 'Cô Soạn Bài',
        reason: 'Thiếu ví dụ.',
      });
      expect((await reviewQueue(tx)).some((r) => r.course_id === id)).toBe(false);
      // Resubmitting clears the reason (it answers it).
      await saveCourseReview(tx, id, { state: 'in_review', draftRevision: 1, submittedBy: author.id }, null);
      expect(await reviewSubject(tx, id)).toMatchObject({ state: 'in_review', reason: null });
      expect(await lockCourseReview(tx, id)).toEqual({
        state: 'in_review',
        draftRevision: 1,
        submittedBy: author.id,
      });
    });
  });

  it('refuses an empty or over-long reason in the table itself', async () => {
    for (const reason of ['', 'x'.repeat(2001)])
      await expect(
        rolledBack(db, async (tx) => {
          const author = await newUser(tx);
          const id = await studioCourse(tx, author.id);
          await saveCourseReview(
            tx,
            id,
            { state: 'changes_requested', draftRevision: 1, submittedBy: author.id },
            author.id,
            reason,
          );
        }),
      ).rejects.toThrow(/course_reviews_reason_check/);
  });

  it('resolves a comment of its own course only, once', async () => {
    await rolledBack(db, async (tx) => {
      const author = await newUser(tx);
      const mine = await studioCourse(tx, author.id);
      const theirs = await studioCourse(tx, author.id);
      const comment = await insertReviewComment(tx, {
        courseId: theirs,
        lessonKey: 'bai-1',
        body: 'Góp ý.',
        draftRevision: 1,
        authorId: author.id,
      });
      expect(await resolveReviewComment(tx, mine, comment, author.id)).toBe(false);
      expect(await resolveReviewComment(tx, theirs, comment, author.id)).toBe(true);
      expect(await resolveReviewComment(tx, theirs, comment, author.id)).toBe(false);
    });
  });
});
