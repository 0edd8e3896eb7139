import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type StudioReview, teachingApi } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { TextAreaField } from '../../components/text-area-field';
import { AddCommentForm, ReviewCommentList } from './review-comments';
import { shownLines } from './review-diff-lines';

/** The longest reason the api keeps (studioReviewRequestChangesSchema). */
const REASON_MAX = 2000;

/**
 * A reviewer's page for one studio course (docs/studio-review.md): where the review stands, what the submitted
 * draft changes against the last published version lesson by lesson (the api's line diff), comments per
 * lesson, and the decision: approve, or request changes with a required reason. Refusals (REVIEW_STALE when the
 * teacher edited meanwhile, REVIEW_STATE when someone decided first) are shown with their own message.
 */
export function CourseReviewPage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const query = teachingQueries.review(courseId);
  const review = useApiQuery(query, { fresh: true });
  const invalidate = useInvalidate();
  const title = review.data ? review.data.title.trim() || courseId : courseId;
  usePageTitle(t('teaching.reviews.pageTitle', { title }));
  const reload = () => {
    invalidate(query.queryKey, teachingQueries.reviewQueue().queryKey);
  };

  if (isApiError(review.error) && review.error.status === 404)
    return <NotFound message={t('teaching.reviews.notFound')} />;
  if (review.error !== undefined) return <ErrorNotice error={review.error} onRetry={review.reload} />;
  if (!review.data) return <Loading />;
  const data = review.data;

  return (
    <div className="stack-lg">
      <p>
        <Link to="/teaching/reviews">
          <span aria-hidden="true">← </span>
          {t('teaching.reviews.queueTitle')}
        </Link>
      </p>
      <header className="stack-sm">
        <p className="eyebrow">{t('teaching.reviews.eyebrow')}</p>
        <h1>{title}</h1>
        <p>
          {t('teaching.review.statusLabel')} <strong>{t(`teaching.review.status.${data.status}`)}</strong>
        </p>
        <ul className="course-meta" role="list">
          {data.submittedBy !== null && (
            <li>{t('teaching.reviews.submittedBy', { name: data.submittedBy })}</li>
          )}
          <li>{t('teaching.reviews.revision', { number: data.draftRevision })}</li>
        </ul>
        {data.reason !== null && (
          <div className="notice notice--warning stack-xs">
            <p className="notice__title">{t('teaching.review.reasonHeading')}</p>
            <p className="pre-line">{data.reason}</p>
          </div>
        )}
      </header>
      <section className="stack" aria-labelledby="review-diff-heading">
        <h2 id="review-diff-heading">{t('teaching.reviews.diffHeading')}</h2>
        <p className="field__hint">{t('teaching.reviews.diffHint')}</p>
        {data.diff.length === 0 && <p>{t('teaching.reviews.noLessons')}</p>}
        {data.diff.map((lesson) => (
          <LessonReview key={lesson.key} review={data} lesson={lesson} onChanged={reload} />
        ))}
      </section>
      <Decision review={data} onDecided={reload} />
    </div>
  );
}

type LessonDiff = StudioReview['diff'][number];

/** One lesson: its change, the changed lines, its comments and a form to add one. */
function LessonReview({
  review,
  lesson,
  onChanged,
}: {
  review: StudioReview;
  lesson: LessonDiff;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const headingId = `review-lesson-${lesson.key}`;
  const comments = review.comments.filter((c) => c.lessonKey === lesson.key);
  const lines = lesson.lines ? shownLines(lesson.lines) : undefined;
  return (
    <section className="panel stack-sm review-lesson" aria-labelledby={headingId}>
      <h3 id={headingId} className="review-lesson__title">
        {lesson.title}{' '}
        <span className={`tag review-change review-change--${lesson.change}`}>
          {t(`teaching.reviews.change.${lesson.change}`)}
        </span>
      </h3>
      {lesson.change !== 'unchanged' && !lines && <p>{t('teaching.reviews.tooLarge')}</p>}
      {lines && lines.length > 0 && (
        <ul
          className="review-diff"
          role="list"
          aria-label={t('teaching.reviews.linesLabel', { lesson: lesson.title })}
        >
          {lines.map((line, i) =>
            line.kind === 'gap' ? (
              <li key={i} className="review-diff__gap">
                {t('teaching.reviews.sameLines', { count: line.count })}
              </li>
            ) : (
              <li key={i} className={`review-diff__line review-diff__line--${line.op}`}>
                <span aria-hidden="true" className="review-diff__mark">
                  {line.op === 'added' ? '+' : line.op === 'removed' ? '−' : ' '}
                </span>
                {line.op !== 'same' && (
                  <span className="visually-hidden">{t(`teaching.reviews.line.${line.op}`)} </span>
                )}
                <code>{line.text}</code>
              </li>
            ),
          )}
        </ul>
      )}
      <h4>{t('teaching.reviews.commentsHeading')}</h4>
      {comments.length === 0 ? (
        <p className="muted">{t('teaching.review.noComments')}</p>
      ) : (
        <ReviewCommentList courseId={review.courseId} comments={comments} onChanged={onChanged} />
      )}
      <AddCommentForm
        courseId={review.courseId}
        lessonKey={lesson.key}
        lessonTitle={lesson.title}
        onAdded={onChanged}
      />
    </section>
  );
}

/**
 * Approve or request changes, for the revision on the page. Shown only while the course waits for review; the
 * person who submitted the draft is told why they cannot decide it instead of being offered the buttons.
 */
function Decision({ review, onDecided }: { review: StudioReview; onDecided: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [busy, setBusy] = useState<'approve' | 'request' | undefined>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // An edit after submitting leaves the submitted revision behind: nothing to decide until it is resubmitted.
  const editedSince = review.status === 'in_review' && review.reviewedRevision !== review.draftRevision;
  const waiting = review.status === 'in_review' && !editedSince;

  async function approve() {
    setError(undefined);
    setMessage(undefined);
    setBusy('approve');
    try {
      await teachingApi.approve(review.courseId, review.draftRevision);
      setMessage(t('teaching.reviews.approved'));
      onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  async function requestChanges(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const text = reason.trim();
    if (text.length === 0 || text.length > REASON_MAX) {
      setReasonError(t('teaching.reviews.reasonRequired', { max: REASON_MAX }));
      reasonRef.current?.focus();
      return;
    }
    setBusy('request');
    try {
      await teachingApi.requestChanges(review.courseId, review.draftRevision, text);
      setReason('');
      setReasonError(undefined);
      setMessage(t('teaching.reviews.changesRequested'));
      onDecided();
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        setReasonError(t('teaching.reviews.reasonInvalid', { max: REASON_MAX }));
        reasonRef.current?.focus();
      } else setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="panel stack" aria-labelledby="review-decision-heading">
      <h2 id="review-decision-heading">{t('teaching.reviews.decisionHeading')}</h2>
      <LiveMessage>{message}</LiveMessage>
      {error !== undefined && <ErrorNotice error={error} />}
      {editedSince && <p>{t('teaching.reviews.editedSince')}</p>}
      {!waiting && !editedSince && <p>{t('teaching.reviews.notWaiting')}</p>}
      {waiting && review.ownDraft && (
        <p className="notice notice--warning">{t('teaching.reviews.ownDraft')}</p>
      )}
      {waiting && !review.ownDraft && (
        <>
          <p className="field__hint">
            {t('teaching.reviews.decisionHint', { number: review.draftRevision })}
          </p>
          <p>
            <button
              type="button"
              className="button button--large"
              disabled={busy !== undefined}
              onClick={() => void approve()}
            >
              {busy === 'approve' ? t('teaching.reviews.approving') : t('teaching.reviews.approve')}
            </button>
          </p>
          <form className="stack-xs" noValidate onSubmit={(e) => void requestChanges(e)}>
            <TextAreaField
              ref={reasonRef}
              id="review-reason"
              label={t('teaching.reviews.reasonLabel')}
              hint={t('teaching.reviews.reasonHint')}
              error={reasonError}
              value={reason}
              maxLength={REASON_MAX}
              rows={4}
              required
              onChange={(e) => {
                setReason(e.target.value);
                if (reasonError) setReasonError(undefined);
              }}
            />
            <p>
              <button type="submit" className="button button--secondary" disabled={busy !== undefined}>
                {busy === 'request' ? t('teaching.reviews.requesting') : t('teaching.reviews.requestChanges')}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
