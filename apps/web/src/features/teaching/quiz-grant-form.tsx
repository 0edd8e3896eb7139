import type { QuizGrantResponse } from '@hocvuso/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, request } from '../../api/client';
import type { CourseLearner } from '../../api/teaching-api';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { SelectField } from '../../components/select-field';
import { TextAreaField } from '../../components/text-area-field';
import { useLang } from '../../i18n/use-lang';
import { newIdempotencyKey } from '../../api/idempotency-key';

const MAX_EXTRA = 5;
const REASON_MAX = 500;
/** Refusals the form explains in its own words (the rest go to the shared error notice). */
const OWN_ERRORS = [
  'LEARNER_NOT_FOUND',
  'QUIZ_GRANT_SELF',
  'NOT_ENROLLED',
  'QUIZ_ATTEMPTS_UNLIMITED',
] as const;
type OwnError = (typeof OWN_ERRORS)[number];
const isOwnError = (code: string): code is OwnError => (OWN_ERRORS as readonly string[]).includes(code);

/** POST /api/quiz-grants, once per key: a retry after a lost answer grants nothing more. */
const grantAttempts = (
  body: { learnerId: string; lessonId: string; extraAttempts: number; reason: string },
  idempotencyKey: string,
) =>
  request<QuizGrantResponse>('POST', '/quiz-grants', {
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

interface QuizGrantFormProps {
  courseId: string;
  /** The learners listed on the page (de-identified accounts are left out). */
  learners: CourseLearner[];
}

/**
 * "Cho làm thêm bài kiểm tra": a teacher gives one learner of the course more attempts at one of its quizzes,
 * with a reason (kept in the audit log). The learner can start at once, even while waiting for the next set.
 */
export function QuizGrantForm({ courseId, learners }: QuizGrantFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const outline = useApiQuery(queries.course(courseId, lang));
  const quizzes = (outline.data?.modules ?? []).flatMap((m) => m.lessons.filter((l) => l.kind === 'quiz'));
  const people = learners.filter((l) => l.displayName !== null);
  const [learnerId, setLearnerId] = useState('');
  const [lessonId, setLessonId] = useState('');
  const [extra, setExtra] = useState(1);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [ownError, setOwnError] = useState<OwnError>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  // Nothing to offer: a course without quizzes (or not published), or nobody on this page.
  if (quizzes.length === 0 || people.length === 0) return null;
  const chosenLearner = learnerId || people[0]!.userId;
  const chosenQuiz = lessonId || quizzes[0]!.id;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setOwnError(undefined);
    setMessage(undefined);
    const text = reason.trim();
    if (text.length === 0 || text.length > REASON_MAX) {
      setReasonError(t('teaching.quizGrant.reasonRequired', { max: REASON_MAX }));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const granted = await grantAttempts(
        { learnerId: chosenLearner, lessonId: chosenQuiz, extraAttempts: extra, reason: text },
        key.current,
      );
      const name = people.find((p) => p.userId === chosenLearner)?.displayName ?? '';
      setMessage(
        t('teaching.quizGrant.granted', {
          count: granted.extraAttempts,
          name,
          left: granted.attemptsLeft ?? 0,
        }),
      );
      // A new grant needs a new key; the same one would answer this grant again.
      key.current = newIdempotencyKey();
      setReason('');
      setReasonError(undefined);
    } catch (e) {
      if (isApiError(e) && isOwnError(e.code)) setOwnError(e.code);
      else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        setReasonError(t('teaching.quizGrant.reasonRequired', { max: REASON_MAX }));
        reasonRef.current?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="quiz-grant-heading">
      <h3 id="quiz-grant-heading">{t('teaching.quizGrant.heading')}</h3>
      <p className="muted">{t('teaching.quizGrant.intro')}</p>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <SelectField
          id="quiz-grant-learner"
          label={t('teaching.quizGrant.learner')}
          value={chosenLearner}
          onChange={(e) => setLearnerId(e.target.value)}
          options={people.map((p) => ({ value: p.userId, label: p.displayName ?? '' }))}
        />
        <SelectField
          id="quiz-grant-quiz"
          label={t('teaching.quizGrant.quiz')}
          value={chosenQuiz}
          onChange={(e) => setLessonId(e.target.value)}
          options={quizzes.map((q) => ({ value: q.id, label: q.title }))}
        />
        <SelectField
          id="quiz-grant-extra"
          label={t('teaching.quizGrant.extra')}
          value={String(extra)}
          onChange={(e) => setExtra(Math.min(MAX_EXTRA, Math.max(1, Number(e.target.value) || 1)))}
          options={Array.from({ length: MAX_EXTRA }, (_, i) => ({
            value: String(i + 1),
            label: t('teaching.quizGrant.extraValue', { count: i + 1 }),
          }))}
        />
        <TextAreaField
          ref={reasonRef}
          id="quiz-grant-reason"
          label={t('teaching.quizGrant.reason')}
          hint={t('teaching.quizGrant.reasonHint', { max: REASON_MAX })}
          error={reasonError}
          value={reason}
          maxLength={REASON_MAX}
          rows={3}
          required
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(undefined);
          }}
        />
        {ownError && (
          <p className="notice notice--error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t(`teaching.quizGrant.errors.${ownError}`)}
          </p>
        )}
        {error !== undefined && <ErrorNotice error={error} />}
        <LiveMessage>{message}</LiveMessage>
        <p>
          <button type="submit" className="button button--large" disabled={busy}>
            {t('teaching.quizGrant.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
