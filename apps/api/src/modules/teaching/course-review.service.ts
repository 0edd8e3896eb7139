import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type StudioDraft, studioDraftSchema, type StudioReviewCommentCreate } from '@hocvuso/contracts';
import {
  type CourseReviewAction,
  decideReview,
  draftDiff,
  holds,
  isUuid,
  NotFoundError,
  reachesCourse,
  type ReviewActor,
  reviewStatus,
  TEACHING_CAPABILITY,
  ValidationError,
} from '@hocvuso/domain';
import {
  appendAudit,
  countReviewComments,
  courseForTeacher,
  insertReviewComment,
  lockCourseDraft,
  lockCourseReview,
  type Queryable,
  resolveReviewComment,
  reviewComments,
  reviewQueue,
  reviewSubject,
  saveCourseReview,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { draftIncomplete, draftReadiness } from './draft-readiness';

/** The most comments one course keeps (a runaway client cannot fill the table). */
export const MAX_REVIEW_COMMENTS = 500;

const courseNotFound = () =>
  new NotFoundError('COURSE_NOT_FOUND', 'There is no such course among the courses you teach or review.');

/**
 * Review before publishing (docs/studio-review.md): teachers submit a studio draft, a reviewer (`course.review`)
 * who did not submit it approves it or requests changes, and publishing (StudioService.publish) accepts only an
 * approval of the exact draft revision. The rules are decideReview's; this service loads, locks and saves.
 * Anyone who neither teaches the course nor reviews gets 404 COURSE_NOT_FOUND, as for a missing course.
 */
@Injectable()
export class CourseReviewService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Who the caller is to this studio course; 404 when they neither teach nor review it. */
  async actor(user: AuthUser, courseId: string, db: Queryable = this.db): Promise<ReviewActor> {
    const row = await courseForTeacher(db, courseId, user.id);
    if (!row || row.source !== 'studio') throw courseNotFound();
    const teaches = reachesCourse(user.grants, TEACHING_CAPABILITY.publish, row.staff_role);
    const reviews = holds(user.grants, 'course.review');
    if (!teaches && !reviews && !reachesCourse(user.grants, 'course.read', row.staff_role))
      throw courseNotFound();
    return { userId: user.id, teaches, reviews };
  }

  /** Studio courses waiting for review; 404 for a caller without the reviewer role. */
  async queue(user: AuthUser) {
    if (!holds(user.grants, 'course.review'))
      throw new NotFoundError('NOT_FOUND', 'There is no review queue for you.');
    const rows = await reviewQueue(this.db);
    return {
      items: rows.map((r) => ({
        courseId: r.course_id,
        title: r.title_vi ?? '',
        draftRevision: r.draft_revision,
        submittedBy: r.submitted_by_name,
        submittedAt: r.updated_at,
      })),
    };
  }

  /** The course's review state, the diff from the published version and the comments per lesson. */
  async get(user: AuthUser, courseId: string) {
    await this.actor(user, courseId);
    const subject = (await reviewSubject(this.db, courseId))!;
    const review = subject.state
      ? { state: subject.state, draftRevision: subject.draft_revision, submittedBy: subject.submitted_by }
      : null;
    const draft: StudioDraft = studioDraftSchema.parse(subject.document);
    const published = subject.published_document
      ? studioDraftSchema.safeParse(subject.published_document)
      : undefined;
    const comments = await reviewComments(this.db, courseId);
    const status = reviewStatus(review, subject.revision);
    return {
      courseId,
      title: draft.title.vi,
      status,
      draftRevision: subject.revision,
      reviewedRevision: review?.draftRevision ?? null,
      submittedBy: review ? (subject.submitted_by_name ?? null) : null,
      ownDraft: review?.submittedBy === user.id,
      reason: status === 'changes_requested' ? subject.reason : null,
      diff: draftDiff(published?.success ? published.data.lessons : [], draft.lessons),
      comments: comments.map((c) => ({
        id: c.id,
        lessonKey: c.lesson_key,
        body: c.body,
        draftRevision: c.draft_revision,
        author: c.author_name,
        createdAt: c.created_at,
        resolved: c.resolved_at !== null,
      })),
    };
  }

  /**
   * submit (teacher), approve or request_changes (reviewer): one decision per revision, under the draft lock.
   * Requesting changes needs the reviewer's `reason` (the contract requires it), kept for the teacher to read.
   */
  async decide(
    user: AuthUser,
    courseId: string,
    action: Exclude<CourseReviewAction, 'publish'>,
    revision: number,
    reason: string | null = null,
  ) {
    return this.db.transaction(async (tx) => {
      const actor = await this.actor(user, courseId, tx);
      const draft = (await lockCourseDraft(tx, courseId))!;
      const before = await lockCourseReview(tx, courseId);
      const after = decideReview(before, draft.revision, action, actor, revision);
      if (action === 'submit') {
        // Nothing goes to a reviewer that could not be published: the same checks, every reason listed.
        const ready = await draftReadiness(
          tx,
          courseId,
          draft.revision,
          studioDraftSchema.parse(draft.document),
        );
        if (!ready.course) throw draftIncomplete(ready.problems, true);
      }
      await saveCourseReview(
        tx,
        courseId,
        after,
        action === 'submit' ? null : user.id,
        action === 'request_changes' ? reason : null,
      );
      await appendAudit(tx, {
        actor: user.id,
        action: `course.review.${action}`,
        subjectType: 'course',
        subjectId: courseId,
        before: before ? { state: before.state, draftRevision: before.draftRevision } : undefined,
        after: { state: after!.state, draftRevision: after!.draftRevision },
      });
      return { status: reviewStatus(after, draft.revision), draftRevision: draft.revision };
    });
  }

  async addComment(user: AuthUser, courseId: string, input: StudioReviewCommentCreate) {
    return this.db.transaction(async (tx) => {
      await this.actor(user, courseId, tx);
      const draft = (await lockCourseDraft(tx, courseId))!;
      const subject = (await reviewSubject(tx, courseId))!;
      const keys = new Set(studioDraftSchema.parse(draft.document).lessons.map((l) => l.key));
      const published = subject.published_document
        ? studioDraftSchema.safeParse(subject.published_document)
        : undefined;
      for (const l of published?.success ? published.data.lessons : []) keys.add(l.key);
      if (!keys.has(input.lessonKey))
        throw new ValidationError(
          'REVIEW_COMMENT_UNKNOWN_LESSON',
          'There is no lesson with that key in this course.',
          {
            field: 'lessonKey',
          },
        );
      if ((await countReviewComments(tx, courseId)) >= MAX_REVIEW_COMMENTS)
        throw new ValidationError(
          'REVIEW_COMMENTS_FULL',
          `A course keeps at most ${MAX_REVIEW_COMMENTS} review comments; resolve and publish first.`,
        );
      const id = await insertReviewComment(tx, {
        courseId,
        lessonKey: input.lessonKey,
        body: input.body,
        draftRevision: draft.revision,
        authorId: user.id,
      });
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.review.comment',
        subjectType: 'course',
        subjectId: courseId,
        after: { commentId: id, lessonKey: input.lessonKey },
      });
      return { id };
    });
  }

  async resolveComment(user: AuthUser, courseId: string, commentId: string) {
    await this.db.transaction(async (tx) => {
      await this.actor(user, courseId, tx);
      if (!isUuid(commentId) || !(await resolveReviewComment(tx, courseId, commentId, user.id)))
        throw new NotFoundError(
          'REVIEW_COMMENT_NOT_FOUND',
          'There is no open comment with that id on this course.',
        );
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.review.resolve',
        subjectType: 'course',
        subjectId: courseId,
        after: { commentId },
      });
    });
  }
}
