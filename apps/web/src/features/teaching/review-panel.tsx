import { useTranslation } from 'react-i18next';
import type { StudioReview } from '../../api/teaching-api';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';

interface ReviewPanelProps {
  review: StudioReview | undefined;
  /** The draft's lessons by key, for the comments' lesson names. */
  lessonTitle: (key: string) => string;
  busy: boolean;
  submitting: boolean;
  submitted: boolean;
  error: unknown;
  onSubmit: () => void;
}

/**
 * Review before publishing (docs/studio-review.md), the teacher's side: where the draft stands, "Gửi duyệt"
 * (saves first; refused drafts list every reason in the problem summary above the form), and the reviewer's
 * comments lesson by lesson.
 */
export function ReviewPanel({
  review,
  lessonTitle,
  busy,
  submitting,
  submitted,
  error,
  onSubmit,
}: ReviewPanelProps) {
  const { t } = useTranslation();
  const status = review?.status ?? 'draft';
  const canSubmit =
    status !== 'approved' && !(status === 'in_review' && review?.reviewedRevision === review?.draftRevision);
  const open = (review?.comments ?? []).filter((c) => !c.resolved);

  return (
    <section className="panel stack" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('teaching.review.heading')}</h2>
      <p>
        {t('teaching.review.statusLabel')} <strong>{t(`teaching.review.status.${status}`)}</strong>
      </p>
      <p className="field__hint">{t('teaching.review.hint')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {canSubmit && (
        <button type="button" className="button button--large" disabled={busy} onClick={onSubmit}>
          {submitting ? t('teaching.review.submitting') : t('teaching.review.submit')}
        </button>
      )}
      <LiveMessage>{submitted ? t('teaching.review.submitted') : undefined}</LiveMessage>
      <h3>{t('teaching.review.comments')}</h3>
      {open.length === 0 ? (
        <p>{t('teaching.review.noComments')}</p>
      ) : (
        <ul className="stack-xs">
          {open.map((c) => (
            <li key={c.id}>
              <strong>
                {t('teaching.review.commentOn', { lesson: lessonTitle(c.lessonKey), author: c.author ?? '' })}
              </strong>{' '}
              <span className="pre-line">{c.body}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
