import { ConflictError, ForbiddenError } from '../errors';

/**
 * The review of a studio course before publication (issue 14, item 6): draft → in review → (changes requested
 * → in review)* → approved → published. A review is about one exact draft revision: an approval holds only for
 * the revision the reviewer saw, and an edit after it returns the course to needing review.
 *
 * Stored state (`CourseReview`) is null for a course never submitted (or published since its last review);
 * `reviewStatus` derives what the course is now from the stored state and the current draft revision.
 */
export type CourseReviewState = 'in_review' | 'changes_requested' | 'approved';
export type CourseReviewStatus = 'draft' | CourseReviewState | 'stale_approval';
export type CourseReviewAction = 'submit' | 'approve' | 'request_changes' | 'publish';

export interface CourseReview {
  readonly state: CourseReviewState;
  /** The draft revision submitted (and, once decided, the one approved or sent back). */
  readonly draftRevision: number;
  /** Who submitted it: the author of the draft under review, who may not approve it. */
  readonly submittedBy: string;
}

export interface ReviewActor {
  readonly userId: string;
  /** Staff of the course with the right to publish (owner or editor), or a system admin. */
  readonly teaches: boolean;
  /** Holds `course.review`. */
  readonly reviews: boolean;
}

/** What the course is now: an approval of an older revision is stale, the course needs review again. */
export function reviewStatus(review: CourseReview | null, draftRevision: number): CourseReviewStatus {
  if (!review) return 'draft';
  if (review.state === 'approved' && review.draftRevision !== draftRevision) return 'stale_approval';
  return review.state;
}

/**
 * Decides one review action on a course at `draftRevision` (the revision the caller saw). Answers the stored
 * state after the action (null after publish: the next edit starts a new review), or throws the refusal.
 * - submit: a teacher of the course, from draft, changes requested or a stale approval (or to resubmit an
 *   edited draft while in review); the revision must be the current one.
 * - approve / request_changes: a reviewer who did not submit this draft, while in review, for the revision
 *   under review (an edit since makes the decision stale: 409 REVIEW_STALE).
 * - publish: only an approval of exactly this revision.
 */
export function decideReview(
  review: CourseReview | null,
  currentRevision: number,
  action: CourseReviewAction,
  actor: ReviewActor,
  seenRevision: number,
): CourseReview | null {
  if (seenRevision !== currentRevision)
    throw new ConflictError(
      'REVIEW_STALE',
      'The draft changed since you read it. Reload and review the latest revision.',
      { currentRevision },
    );
  const status = reviewStatus(review, currentRevision);
  switch (action) {
    case 'submit': {
      if (!actor.teaches)
        throw new ForbiddenError(
          'REVIEW_FORBIDDEN',
          'Only a teacher of this course can submit it for review.',
        );
      if (status === 'approved' || (status === 'in_review' && review!.draftRevision === currentRevision))
        throw new ConflictError('REVIEW_STATE', `The course is already ${status.replace('_', ' ')}.`, {
          status,
        });
      return { state: 'in_review', draftRevision: currentRevision, submittedBy: actor.userId };
    }
    case 'approve':
    case 'request_changes': {
      if (!actor.reviews)
        throw new ForbiddenError('REVIEW_FORBIDDEN', 'Reviewing a course needs the reviewer role.');
      if (status !== 'in_review')
        throw new ConflictError('REVIEW_STATE', 'The course is not waiting for review.', { status });
      if (review!.draftRevision !== currentRevision)
        throw new ConflictError(
          'REVIEW_STALE',
          'The draft was edited after it was submitted; the teacher must submit it again.',
          { currentRevision },
        );
      if (review!.submittedBy === actor.userId)
        throw new ForbiddenError(
          'REVIEW_OWN_DRAFT',
          'You submitted this draft; another reviewer must decide.',
        );
      return {
        state: action === 'approve' ? 'approved' : 'changes_requested',
        draftRevision: currentRevision,
        submittedBy: review!.submittedBy,
      };
    }
    case 'publish': {
      if (!actor.teaches)
        throw new ForbiddenError('REVIEW_FORBIDDEN', 'Only a teacher of this course can publish it.');
      if (status !== 'approved')
        throw new ConflictError(
          'REVIEW_REQUIRED',
          status === 'stale_approval'
            ? 'The draft was edited after it was approved; submit it for review again.'
            : 'A reviewer must approve this revision before it is published.',
          { status },
        );
      return null;
    }
  }
}
