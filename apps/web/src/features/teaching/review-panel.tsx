import { useTranslation } from 'react-i18next';
import type { StudioReview } from '../../api/teaching-api';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { ReviewCommentList } from './review-comments';

interface ReviewPanelProps {
  courseId: string;
  review: StudioReview | undefined;
  /** The draft's lessons by key, for the comments' lesson names. */
  lessonTitle: (key: string) => string;
  /** Unsaved changes on the page: submitting saves them first. */
  dirty: boolean;
  busy: boolean;
  submitting: boolean;
  submitted: boolean;
  error: unknown;
  onSubmit: () => void;
  /** A comment was resolved: load the review again. */
  onChanged: () => void;
}

/**
 * Review before publishing (docs/studio-review.md), the teacher's side: where the draft stands, the reviewer's
 * reason when they asked for changes, "Gửi duyệt" / "Gửi duyệt lại" (saves first; refused drafts list every
 * reason in the problem summary above the form), and the open comments lesson by lesson, each resolvable.
 */
export function ReviewPanel({
  courseId,
  review,
  lessonTitle,
  dirty,
  busy,
  submitting,
  submitted,
  error,
  onSubmit,
  onChanged,
}: ReviewPanelProps) {
  const { t } = useTranslation();
  const status = review?.status ?? 'draft';
  // Waiting for a reviewer on exactly the saved draft, or approved as saved: nothing to submit until an edit.
  const editedSince = status === 'in_review' && review?.reviewedRevision !== review?.draftRevision;
  const canSubmit = dirty || !(status === 'approved' || (status === 'in_review' && !editedSince));
  const again = status !== 'draft';
  const open = (review?.comments ?? []).filter((c) => !c.resolved);

  return (
    <section className="panel stack" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('teaching.review.heading')}</h2>
      <p>
        {t('teaching.review.statusLabel')} <strong>{t(`teaching.review.status.${status}`)}</strong>
      </p>
      {review?.reason && (
        <div className="notice notice--warning stack-xs">
          <p className="notice__title">{t('teaching.review.reasonHeading')}</p>
          <p className="pre-line">{review.reason}</p>
        </div>
      )}
      {editedSince && <p>{t('teaching.review.editedSince')}</p>}
      <p className="field__hint">{t('teaching.review.hint')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {canSubmit && (
        <button type="button" className="button button--large" disabled={busy} onClick={onSubmit}>
          {submitting
            ? t('teaching.review.submitting')
            : t(again ? 'teaching.review.resubmit' : 'teaching.review.submit')}
        </button>
      )}
      <LiveMessage>{submitted ? t('teaching.review.submitted') : undefined}</LiveMessage>
      <h3>{t('teaching.review.comments')}</h3>
      {open.length === 0 ? (
        <p>{t('teaching.review.noComments')}</p>
      ) : (
        <ReviewCommentList
          courseId={courseId}
          comments={open}
          lessonTitle={lessonTitle}
          onChanged={onChanged}
        />
      )}
    </section>
  );
}
