import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type StudioReview, teachingApi } from '../../api/teaching-api';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { TextAreaField } from '../../components/text-area-field';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

type ReviewComment = StudioReview['comments'][number];

/** The longest comment the api keeps (studioReviewCommentCreateSchema). */
export const COMMENT_MAX = 2000;

interface CommentListProps {
  courseId: string;
  comments: readonly ReviewComment[];
  /** Shown before each comment when the list mixes lessons (the teacher's panel). */
  lessonTitle?: (key: string) => string;
  /** After a comment was resolved: the page loads the review again. */
  onChanged: () => void;
}

/**
 * Review comments, oldest first: who wrote each, on which draft revision, and "Đánh dấu đã xử lý" for the
 * open ones (teachers of the course and reviewers may resolve; a second resolve is 404, shown as such).
 */
export function ReviewCommentList({ courseId, comments, lessonTitle, onChanged }: CommentListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();

  async function resolve(comment: ReviewComment) {
    setBusy(comment.id);
    setError(undefined);
    setMessage(undefined);
    try {
      await teachingApi.resolveReviewComment(courseId, comment.id);
      setMessage(t('teaching.reviews.commentResolved'));
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="stack-xs">
      {error !== undefined && <ErrorNotice error={error} />}
      <ul className="review-comments" role="list">
        {comments.map((c) => (
          <li
            key={c.id}
            className={c.resolved ? 'review-comment review-comment--resolved' : 'review-comment'}
          >
            <p className="review-comment__meta">
              {lessonTitle && (
                <strong>{t('teaching.reviews.onLesson', { lesson: lessonTitle(c.lessonKey) })} </strong>
              )}
              {t('teaching.reviews.commentBy', {
                author: c.author ?? t('teaching.reviews.unknownAuthor'),
                revision: c.draftRevision,
                time: formatDateTime(c.createdAt, lang),
              })}
              {c.resolved && (
                <>
                  {' '}
                  <span className="tag">{t('teaching.reviews.resolvedTag')}</span>
                </>
              )}
            </p>
            <p className="pre-line review-comment__body">{c.body}</p>
            {!c.resolved && (
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={busy !== undefined}
                onClick={() => void resolve(c)}
              >
                {busy === c.id ? t('teaching.reviews.resolving') : t('teaching.reviews.resolve')}
                <span className="visually-hidden">
                  : {c.body.length > 60 ? `${c.body.slice(0, 60)}…` : c.body}
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <LiveMessage>{message}</LiveMessage>
    </div>
  );
}

interface AddCommentFormProps {
  courseId: string;
  lessonKey: string;
  lessonTitle: string;
  onAdded: () => void;
}

/** A comment on one lesson: required text, at most 2000 characters; the api's refusal is shown on the field. */
export function AddCommentForm({ courseId, lessonKey, lessonTitle, onAdded }: AddCommentFormProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = `comment-${lessonKey}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const text = body.trim();
    if (text.length === 0 || text.length > COMMENT_MAX) {
      setFieldError(t('teaching.reviews.commentRequired', { max: COMMENT_MAX }));
      ref.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await teachingApi.addReviewComment(courseId, lessonKey, text);
      setBody('');
      setFieldError(undefined);
      setMessage(t('teaching.reviews.commentAdded'));
      onAdded();
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        setFieldError(t('teaching.reviews.commentInvalid', { max: COMMENT_MAX }));
        ref.current?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack-xs" noValidate onSubmit={(e) => void onSubmit(e)}>
      <TextAreaField
        ref={ref}
        id={id}
        label={t('teaching.reviews.commentLabel', { lesson: lessonTitle })}
        error={fieldError}
        value={body}
        maxLength={COMMENT_MAX}
        rows={3}
        required
        onChange={(e) => {
          setBody(e.target.value);
          if (fieldError) setFieldError(undefined);
        }}
      />
      {error !== undefined && <ErrorNotice error={error} />}
      <p>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? t('teaching.reviews.commentSending') : t('teaching.reviews.commentSend')}
          <span className="visually-hidden">: {lessonTitle}</span>
        </button>
      </p>
      <LiveMessage>{message}</LiveMessage>
    </form>
  );
}
