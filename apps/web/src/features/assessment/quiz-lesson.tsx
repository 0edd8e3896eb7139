import type { LessonResponse, QuizAttemptResponse, SubmitAttemptRequest } from '@hocvuso/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, api, isAbortError, isApiError } from '../../api/client';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { HtmlContent } from '../../components/html-content';
import { Loading } from '../../components/loading';
import { formatDateTime, formatMinutes, formatSeconds } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { signInPath } from '../../session/next-path';
import { LessonHeader } from '../../components/lesson/lesson-header';
import { AttemptForm } from './quiz-attempt-form';
import { QuizResult } from './quiz-result';
import { forgetAttempt, recalledAttempt, rememberAttempt } from './quiz-storage';
import { useSession } from '../../session/session';
import { isOfflineError, offlineAttempt, queueQuizAnswers } from '../offline';

type Phase =
  | { name: 'loading' }
  | { name: 'intro'; last?: QuizAttemptResponse; closed?: ApiError }
  | { name: 'attempt'; attempt: QuizAttemptResponse }
  | { name: 'result'; attempt: QuizAttemptResponse }
  /** Answered offline: queued on the device, graded by the server at the next sync. */
  | { name: 'queued' };

/** A quiz lesson: the lesson's introduction, then the quiz itself (intro, attempt, result). */
export function QuizLesson({ lesson }: { lesson: LessonResponse }) {
  return (
    <>
      <article className="lesson stack">
        <LessonHeader lesson={lesson} />
        <HtmlContent html={lesson.html} lang={lesson.language} className="lesson__body" />
      </article>
      <QuizPanel lesson={lesson} />
    </>
  );
}

/** The phase an attempt loaded from the server belongs in. */
function phaseOf(attempt: QuizAttemptResponse): Phase {
  if (attempt.status === 'submitted' && attempt.result) return { name: 'result', attempt };
  return { name: 'intro', last: attempt };
}

function QuizPanel({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>(() =>
    recalledAttempt(lesson.id) ? { name: 'loading' } : { name: 'intro' },
  );
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [exhausted, setExhausted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  const { me } = useSession();
  /** Device time the learner started an attempt drawn for offline use (its time limit counts from here). */
  const [offlineSince, setOfflineSince] = useState<number>();

  // The attempt this device last worked on, from the server (a reload comes back to the same attempt).
  // A language switch loads it again in the new language without leaving the attempt.
  useEffect(() => {
    const id = recalledAttempt(lesson.id);
    if (!id) return undefined;
    const controller = new AbortController();
    api.quizAttempt(id, lang, controller.signal).then(
      (attempt) => {
        if (attempt.lessonId !== lesson.id) {
          forgetAttempt(lesson.id);
          setPhase({ name: 'intro' });
          return;
        }
        setPhase((current) =>
          current.name === 'attempt' && attempt.status === 'open'
            ? { name: 'attempt', attempt }
            : phaseOf(attempt),
        );
      },
      (e: unknown) => {
        if (isAbortError(e)) return;
        if (isApiError(e) && e.status === 404) forgetAttempt(lesson.id);
        setPhase((current) => (current.name === 'loading' ? { name: 'intro' } : current));
      },
    );
    return () => controller.abort();
  }, [lesson.id, lesson.courseId, lang]);

  // Each new step of the quiz starts at its heading, so screen-reader and keyboard users land on it.
  useEffect(() => {
    if (moveFocus.current) {
      moveFocus.current = false;
      heading.current?.focus();
    }
  }, [phase]);

  const go = useCallback((next: Phase) => {
    moveFocus.current = true;
    setPhase(next);
  }, []);

  async function start() {
    setStarting(true);
    setError(undefined);
    try {
      const attempt = await api.startQuizAttempt(lesson.id, lang);
      rememberAttempt(lesson.id, attempt.id);
      go(attempt.status === 'open' ? { name: 'attempt', attempt } : phaseOf(attempt));
    } catch (e) {
      // No network: the attempt the server drew when the course was downloaded, answered on the device.
      const drawn =
        isOfflineError(e) && me
          ? await offlineAttempt(me.id, lesson.courseId, lesson.id, lesson.quiz?.timeLimitMinutes ?? null)
          : undefined;
      if (drawn) {
        setOfflineSince(Date.now());
        go({ name: 'attempt', attempt: drawn });
        return;
      }
      if (isApiError(e) && e.status === 401) void navigate(signInPath(`/lessons/${lesson.id}`));
      if (isApiError(e) && e.code === 'QUIZ_ATTEMPTS_EXHAUSTED') setExhausted(true);
      setError(e); // shown where the learner pressed the button: the intro or the last result
    } finally {
      setStarting(false);
    }
  }

  const onSubmitted = useCallback(
    (attempt: QuizAttemptResponse) => {
      rememberAttempt(attempt.lessonId, attempt.id);
      go({ name: 'result', attempt });
      invalidate(...changedBy.progress(lesson.courseId));
    },
    [go, invalidate, lesson.courseId],
  );

  const onClosed = useCallback(
    (closed: ApiError) => {
      // Submitted elsewhere (another tab, a lost answer): show that result. Out of time: back to the start.
      if (phase.name !== 'attempt') return;
      const id = phase.attempt.id;
      api.quizAttempt(id, lang).then(
        (attempt) =>
          go(
            closed.code === 'QUIZ_ATTEMPT_CLOSED'
              ? phaseOf(attempt)
              : { name: 'intro', last: attempt, closed },
          ),
        () => go({ name: 'intro', closed }),
      );
    },
    [phase, lang, go],
  );

  const onOffline = useCallback(
    async (attempt: QuizAttemptResponse, answers: SubmitAttemptRequest['answers']): Promise<boolean> => {
      if (!me || offlineSince === undefined) return false;
      await queueQuizAnswers(me.id, lesson.id, attempt.id, answers, offlineSince);
      go({ name: 'queued' });
      return true;
    },
    [me, offlineSince, lesson.id, go],
  );

  let title = t('quiz.heading');
  if (phase.name === 'attempt') title = t('quiz.attemptHeading', { number: phase.attempt.attemptNo });
  if (phase.name === 'result') title = t('quiz.resultHeading', { number: phase.attempt.attemptNo });

  return (
    <section className="panel stack quiz" aria-labelledby="quiz-heading">
      <h2 id="quiz-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {phase.name === 'loading' && <Loading />}
      {phase.name === 'intro' && (
        <QuizIntro
          lesson={lesson}
          last={phase.last}
          closed={phase.closed}
          error={error}
          exhausted={exhausted}
          starting={starting}
          onStart={() => void start()}
        />
      )}
      {phase.name === 'attempt' && (
        <AttemptForm
          key={phase.attempt.id}
          attempt={phase.attempt}
          contentLang={lesson.language}
          onSubmitted={onSubmitted}
          onClosed={onClosed}
          onOffline={onOffline}
        />
      )}
      {phase.name === 'queued' && (
        <p className="notice notice--info" role="status">
          <span aria-hidden="true">⏳ </span>
          {t('offline.queuedQuiz')}
        </p>
      )}
      {phase.name === 'result' && (
        <>
          {error !== undefined && <ErrorNotice error={error} />}
          <QuizResult
            attempt={phase.attempt}
            lesson={lesson}
            contentLang={lesson.language}
            starting={starting}
            onTryAgain={exhausted ? undefined : () => void start()}
          />
        </>
      )}
    </section>
  );
}

interface QuizIntroProps {
  lesson: LessonResponse;
  /** The last attempt this device knows of. */
  last?: QuizAttemptResponse;
  /** Why the last attempt ended without a result, when it just did. */
  closed?: ApiError;
  error: unknown;
  exhausted: boolean;
  starting: boolean;
  onStart: () => void;
}

function QuizIntro({ lesson, last, closed, error, exhausted, starting, onStart }: QuizIntroProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const quiz = lesson.quiz;
  const open = last?.status === 'open';
  const passed = lesson.status === 'completed' || (last?.result?.passed ?? false);
  const max = quiz?.maxAttempts ?? null;
  // the server counts the attempts left (sets after a cooldown, grants); an open attempt is not used up yet
  const left =
    max !== null && last && last.attemptsLeft !== null ? last.attemptsLeft + (open ? 1 : 0) : undefined;
  const noneLeft = exhausted || left === 0;

  let attemptsText = t('quiz.unlimitedAttempts');
  if (max !== null)
    attemptsText =
      left === undefined ? t('quiz.attemptsMax', { count: max }) : t('quiz.attemptsLeftOf', { left, max });

  return (
    <div className="stack-sm">
      {quiz && (
        <dl className="facts">
          <div>
            <dt>{t('quiz.factsQuestions')}</dt>
            <dd>{t('quiz.questions', { count: quiz.questionsPerAttempt })}</dd>
          </div>
          <div>
            <dt>{t('quiz.factsPassMark')}</dt>
            <dd>{t('quiz.passMarkValue', { percent: quiz.passMark })}</dd>
          </div>
          <div>
            <dt>{t('quiz.factsTime')}</dt>
            <dd>{quiz.timeLimitMinutes ? formatMinutes(t, quiz.timeLimitMinutes) : t('quiz.noTimeLimit')}</dd>
          </div>
          <div>
            <dt>{t('quiz.factsAttempts')}</dt>
            <dd>{attemptsText}</dd>
          </div>
        </dl>
      )}

      {passed && (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>
          {t('quiz.alreadyPassed')}
        </p>
      )}
      {open && last && (
        <p className="notice notice--info">
          {last.remainingSeconds !== null
            ? t('quiz.openAttemptTime', {
                number: last.attemptNo,
                time: formatSeconds(t, last.remainingSeconds),
              })
            : t('quiz.openAttempt', { number: last.attemptNo })}
        </p>
      )}
      {closed !== undefined && <ErrorNotice error={closed} />}
      {!closed && last?.status === 'expired' && (
        <p className="notice notice--warning">
          <span aria-hidden="true">⏳ </span>
          {t('quiz.lastExpired')}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {noneLeft && !passed && !exhausted && (
        <p className="notice notice--warning">
          {last?.nextAttemptsAt
            ? t('quiz.nextAttemptsAt', { time: formatDateTime(last.nextAttemptsAt, lang) })
            : t('errors.QUIZ_ATTEMPTS_EXHAUSTED')}
        </p>
      )}

      {(open || (!passed && !noneLeft)) && (
        <button type="button" className="button button--large" onClick={onStart} disabled={starting}>
          {starting ? t('quiz.starting') : open ? t('quiz.resume') : t('quiz.start')}
        </button>
      )}
    </div>
  );
}
