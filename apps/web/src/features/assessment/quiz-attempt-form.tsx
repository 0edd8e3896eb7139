import type { QuizAttemptResponse, SubmitAttemptRequest } from '@hocvuso/contracts';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, CLIENT_ERROR_CODES, isApiError } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { formatList, formatSeconds } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { QuestionField } from './question-field';
import { type Answers, restoreAnswers, submissionBody, unansweredNumbers } from './quiz-form';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { clearDraft, loadDraft, saveDraft } from './quiz-storage';
import { useCountdown } from './use-countdown';

interface AttemptFormProps {
  attempt: QuizAttemptResponse;
  /** The language the questions are written in. */
  contentLang: string;
  onSubmitted: (attempt: QuizAttemptResponse) => void;
  /** The server refused the submission for good: already submitted, or the time is over. */
  onClosed: (error: ApiError) => void;
  /** No network: queue the answers on the device when this attempt was drawn for offline use (true if queued). */
  onOffline?: (attempt: QuizAttemptResponse, answers: SubmitAttemptRequest['answers']) => Promise<boolean>;
}

/**
 * An open attempt: one fieldset per question, a visible countdown that speaks only at five minutes and one
 * minute, a check for unanswered questions before submitting, and a submission that is safe to retry (one
 * Idempotency-Key per press of "Submit", reused by "Try again"). Answers are kept on the device as a draft.
 */
export function AttemptForm({ attempt, contentLang, onSubmitted, onClosed, onOffline }: AttemptFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [answers, setAnswers] = useState<Answers>(() =>
    restoreAnswers(attempt.questions, loadDraft(attempt.id)),
  );
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [timeUp, setTimeUp] = useState(false);
  const idempotencyKey = useRef<string>(undefined);
  const latest = useRef(answers);
  latest.current = answers;
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const total = attempt.questions.length;
  const missing = unansweredNumbers(attempt.questions, answers);

  useEffect(() => saveDraft(attempt.id, answers), [attempt.id, answers]);

  const submit = useCallback(
    async (retry: boolean) => {
      if (!retry || !idempotencyKey.current) idempotencyKey.current = newIdempotencyKey();
      setSubmitting(true);
      setError(undefined);
      setConfirming(false);
      try {
        const body = submissionBody(attempt.questions, latest.current);
        const result = await api.submitQuizAttempt(attempt.id, body, idempotencyKey.current, lang);
        clearDraft(attempt.id);
        onSubmitted(result);
      } catch (e) {
        if (
          isApiError(e) &&
          e.code === CLIENT_ERROR_CODES.network &&
          onOffline &&
          (await onOffline(attempt, submissionBody(attempt.questions, latest.current).answers))
        ) {
          clearDraft(attempt.id);
        } else if (
          isApiError(e) &&
          (e.code === 'QUIZ_ATTEMPT_CLOSED' || e.code === 'QUIZ_TIME_LIMIT_EXCEEDED')
        ) {
          clearDraft(attempt.id);
          onClosed(e);
        } else {
          setError(e);
        }
      } finally {
        setSubmitting(false);
      }
    },
    [attempt, lang, onSubmitted, onClosed, onOffline],
  );

  const { remaining, alert } = useCountdown(attempt.remainingSeconds, () => {
    setTimeUp(true);
    void submit(false);
  });

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (missing.length > 0) setConfirming(true);
    else void submit(false);
  }

  function keepAnswering() {
    setConfirming(false);
    const first = attempt.questions[(missing[0] ?? 1) - 1];
    document.querySelector<HTMLInputElement>(`#question-${CSS.escape(first?.id ?? '')} input`)?.focus();
  }

  return (
    <form className="quiz-form stack" onSubmit={onSubmit} noValidate aria-busy={submitting || undefined}>
      {remaining !== null && (
        <div
          className={remaining <= 60 ? 'quiz-timer quiz-timer--urgent' : 'quiz-timer'}
          role="timer"
          aria-live="off"
        >
          <span aria-hidden="true">⏱ </span>
          {t('quiz.timeLeft', { time: formatSeconds(t, remaining) })}
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {alert === 300 && t('quiz.fiveMinutesLeft')}
        {alert === 60 && t('quiz.oneMinuteLeft')}
      </p>
      <p>{t('quiz.attemptIntro')}</p>

      <ol className="questions" role="list">
        {attempt.questions.map((question, index) => (
          <li key={question.id}>
            <QuestionField
              question={question}
              number={index + 1}
              total={total}
              value={answers[question.id]}
              lang={contentLang}
              onChange={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
            />
          </li>
        ))}
      </ol>

      <div role="status">
        {timeUp && (
          <p className="notice notice--warning">
            <span aria-hidden="true">⏳ </span>
            {t('quiz.timeUp')}
          </p>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void submit(true)} />}

      {confirming && missing.length > 0 ? (
        <section className="notice notice--warning stack-sm" aria-labelledby="quiz-confirm-heading">
          <h3 id="quiz-confirm-heading" ref={confirmHeading} tabIndex={-1}>
            {t('quiz.unansweredHeading')}
          </h3>
          <p>
            {t('quiz.unanswered', {
              count: missing.length,
              list: formatList(
                missing.map((number) => t('quiz.questionRef', { number })),
                lang,
              ),
            })}
          </p>
          <p>{t('quiz.confirmQuestion')}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void submit(false)} disabled={submitting}>
              {t('quiz.submitAnyway')}
            </button>
            <button type="button" className="button button--secondary" onClick={keepAnswering}>
              {t('quiz.keepAnswering')}
            </button>
          </div>
        </section>
      ) : (
        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting ? t('quiz.submitting') : t('quiz.submit')}
        </button>
      )}
    </form>
  );
}
