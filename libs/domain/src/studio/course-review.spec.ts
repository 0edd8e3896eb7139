import { DomainError } from '../errors';
import { type CourseReview, decideReview, reviewStatus, type ReviewActor } from './course-review';

const teacher: ReviewActor = { userId: 't', teaches: true, reviews: false };
const reviewer: ReviewActor = { userId: 'r', teaches: false, reviews: true };
/** A teacher who also holds the reviewer role. */
const teacherReviewer: ReviewActor = { userId: 't', teaches: true, reviews: true };

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a domain error';
  }
  return undefined;
};

describe('course review: who may move which state to which', () => {
  it('a teacher submits a draft; a reviewer requests changes; the teacher edits and resubmits; approval allows publish', () => {
    let review: CourseReview | null = decideReview(null, 3, 'submit', teacher, 3);
    expect(review).toEqual({ state: 'in_review', draftRevision: 3, submittedBy: 't' });
    review = decideReview(review, 3, 'request_changes', reviewer, 3);
    expect(reviewStatus(review, 3)).toBe('changes_requested');
    review = decideReview(review, 4, 'submit', teacher, 4);
    review = decideReview(review, 4, 'approve', reviewer, 4);
    expect(reviewStatus(review, 4)).toBe('approved');
    expect(decideReview(review, 4, 'publish', teacher, 4)).toBeNull();
  });

  it('a draft never submitted cannot be published', () => {
    expect(code(() => decideReview(null, 1, 'publish', teacher, 1))).toBe('REVIEW_REQUIRED');
    expect(reviewStatus(null, 1)).toBe('draft');
  });

  it('the author cannot approve their own draft, even holding the reviewer role', () => {
    const review = decideReview(null, 2, 'submit', teacherReviewer, 2);
    expect(code(() => decideReview(review, 2, 'approve', teacherReviewer, 2))).toBe('REVIEW_OWN_DRAFT');
    expect(code(() => decideReview(review, 2, 'request_changes', teacherReviewer, 2))).toBe(
      'REVIEW_OWN_DRAFT',
    );
  });

  it('only reviewers decide and only teachers of the course submit or publish', () => {
    const review = decideReview(null, 2, 'submit', teacher, 2);
    expect(code(() => decideReview(review, 2, 'approve', teacher, 2))).toBe('REVIEW_FORBIDDEN');
    expect(code(() => decideReview(null, 2, 'submit', reviewer, 2))).toBe('REVIEW_FORBIDDEN');
    const approved = decideReview(review, 2, 'approve', reviewer, 2);
    expect(code(() => decideReview(approved, 2, 'publish', reviewer, 2))).toBe('REVIEW_FORBIDDEN');
  });

  it('decisions are taken only while in review, once', () => {
    expect(code(() => decideReview(null, 1, 'approve', reviewer, 1))).toBe('REVIEW_STATE');
    const approved = decideReview(decideReview(null, 1, 'submit', teacher, 1), 1, 'approve', reviewer, 1);
    expect(code(() => decideReview(approved, 1, 'approve', reviewer, 1))).toBe('REVIEW_STATE');
    expect(code(() => decideReview(approved, 1, 'request_changes', reviewer, 1))).toBe('REVIEW_STATE');
    expect(code(() => decideReview(approved, 1, 'submit', teacher, 1))).toBe('REVIEW_STATE');
  });
});

describe('course review: stale revisions', () => {
  it('an edit after approval returns the course to needing review', () => {
    const approved = decideReview(decideReview(null, 5, 'submit', teacher, 5), 5, 'approve', reviewer, 5);
    expect(reviewStatus(approved, 6)).toBe('stale_approval');
    expect(code(() => decideReview(approved, 6, 'publish', teacher, 6))).toBe('REVIEW_REQUIRED');
    const again = decideReview(approved, 6, 'submit', teacher, 6);
    expect(again).toEqual({ state: 'in_review', draftRevision: 6, submittedBy: 't' });
  });

  it('a reviewer deciding on a revision older than the current draft is refused', () => {
    const review = decideReview(null, 5, 'submit', teacher, 5);
    // The teacher saved again while in review: the reviewer read revision 5, the draft is at 6.
    expect(code(() => decideReview(review, 6, 'approve', reviewer, 5))).toBe('REVIEW_STALE');
    // Even reading revision 6, the submitted revision was 5: the teacher must submit again.
    expect(code(() => decideReview(review, 6, 'approve', reviewer, 6))).toBe('REVIEW_STALE');
    expect(decideReview(review, 6, 'submit', teacher, 6)).toMatchObject({
      state: 'in_review',
      draftRevision: 6,
    });
  });

  it('a submit or publish naming an old revision is refused', () => {
    expect(code(() => decideReview(null, 3, 'submit', teacher, 2))).toBe('REVIEW_STALE');
    const approved = decideReview(decideReview(null, 3, 'submit', teacher, 3), 3, 'approve', reviewer, 3);
    expect(code(() => decideReview(approved, 3, 'publish', teacher, 2))).toBe('REVIEW_STALE');
  });
});
