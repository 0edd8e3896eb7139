import type { LessonResponse, QuestionFeedback, QuizAttemptResponse } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CourseCompleted, LessonDone } from '../../components/lesson/lesson-done';
import { attemptsLeftAfter } from './quiz-form';

interface QuizResultProps {
  attempt: QuizAttemptResponse;
  lesson: LessonResponse;
  contentLang: string;
  /** Starts a new attempt; absent when the server said none are left. */
  onTryAgain?: () => void;
  starting: boolean;
}

/**
 * A marked attempt: the score and whether it passed (in words and with an icon), the course-completed
 * panel when this pass completed the course, what to do next, and every question with the right answer,
 * the learner's answer and the explanation.
 */
export function QuizResult({ attempt, lesson, contentLang, onTryAgain, starting }: QuizResultProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const result = attempt.result;
  if (!result) return null;
  const percent = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const left = attemptsLeftAfter(attempt);
  const canRetry = !result.passed && (left === null || left > 0) && onTryAgain !== undefined;
  const correct = result.questions.filter((q) => q.correct).length;
  // Multiple-answer questions earn part of their mark for some right picks: say so, or "20,8 %" beside
  // "1/8 right" reads as a mistake.
  const partial = result.questions.filter((q) => !q.correct && q.score > 0).length;
  const enrolment = attempt.enrolment;
  const courseDone = enrolment?.status === 'completed';

  return (
    <div className="stack">
      <div className={result.passed ? 'notice notice--success verdict' : 'notice notice--warning verdict'}>
        <p className="verdict__text">
          <span aria-hidden="true">{result.passed ? '✓ ' : '✗ '}</span>
          {t(result.passed ? 'quiz.passed' : 'quiz.failed', {
            score: percent.format(result.scorePercent),
            passMark: attempt.passMark,
          })}
        </p>
        <p>
          {partial > 0
            ? t('quiz.correctCountPartial', { correct, total: result.questions.length, count: partial })
            : t('quiz.correctCount', { correct, total: result.questions.length })}
        </p>
        {partial > 0 && <p>{t('quiz.partialCredit')}</p>}
      </div>

      {courseDone && <CourseCompleted enrolment={enrolment} headingLevel={3} />}
      {result.passed && !courseDone && (
        <LessonDone enrolment={enrolment} fallbackNextId={lesson.nextLessonId} currentLessonId={lesson.id} />
      )}

      {!result.passed && (
        <>
          {left !== null && (
            <p>
              {left > 0
                ? t('quiz.attemptsLeft', { count: left })
                : attempt.nextAttemptsAt
                  ? t('quiz.nextAttemptsAt', { time: formatDateTime(attempt.nextAttemptsAt, lang) })
                  : t('quiz.noAttemptsLeft')}
            </p>
          )}
          {canRetry && (
            <p>
              <button type="button" className="button button--large" onClick={onTryAgain} disabled={starting}>
                {starting ? t('quiz.starting') : t('quiz.tryAgain')}
              </button>
            </p>
          )}
          <LessonDone
            enrolment={enrolment}
            fallbackNextId={lesson.nextLessonId}
            currentLessonId={lesson.id}
            secondary
          />
        </>
      )}

      <section className="stack-sm" aria-labelledby="quiz-review-heading">
        <h3 id="quiz-review-heading">{t('quiz.reviewHeading')}</h3>
        {!result.revealed && (
          <p className="notice notice--info">
            {t(
              attempt.reveal === 'never'
                ? 'quiz.keyHiddenNever'
                : attempt.reveal === 'afterLastAttempt'
                  ? 'quiz.keyHiddenAfterLastAttempt'
                  : 'quiz.keyHiddenAfterPass',
            )}
          </p>
        )}
        <ol className="review" role="list">
          {result.questions.map((question, index) => (
            <ReviewItem
              key={question.id}
              question={question}
              number={index + 1}
              total={result.questions.length}
              contentLang={contentLang}
            />
          ))}
        </ol>
      </section>
    </div>
  );
}

function ReviewItem(props: {
  question: QuestionFeedback;
  number: number;
  total: number;
  contentLang: string;
}) {
  const { t } = useTranslation();
  const { question, number, total, contentLang } = props;
  const verdict = question.correct ? 'correct' : question.score > 0 ? 'partial' : 'wrong';
  const textOf = new Map(question.options.map((o) => [o.id, o.text]));
  const answered = question.selected.length > 0;
  const key = question.correctOptionIds;
  return (
    <li className={`review__item review__item--${verdict} stack-sm`}>
      <h4 className="review__title">
        <span className="question__number">{t('quiz.questionNumber', { number, total })}</span>
        <span lang={contentLang}>{question.prompt}</span>
      </h4>
      <p
        className={`status status--${verdict === 'correct' ? 'completed' : verdict === 'partial' ? 'in_progress' : 'wrong'}`}
      >
        <span aria-hidden="true">{verdict === 'correct' ? '✓ ' : verdict === 'partial' ? '◐ ' : '✗ '}</span>
        {t(
          verdict === 'correct'
            ? 'quiz.questionCorrect'
            : verdict === 'partial'
              ? 'quiz.questionPartial'
              : 'quiz.questionWrong',
        )}
      </p>
      {!answered && <p>{t('quiz.noAnswer')}</p>}

      {question.type === 'ordering' ? (
        <div className="review__orders">
          {answered && !question.correct && (
            <div>
              <p className="review__label">{t('quiz.yourOrder')}</p>
              <ol lang={contentLang}>
                {question.selected.map((id) => (
                  <li key={id}>{textOf.get(id) ?? id}</li>
                ))}
              </ol>
            </div>
          )}
          {key && (
            <div>
              <p className="review__label">{t('quiz.rightOrder')}</p>
              <ol lang={contentLang}>
                {key.map((id) => (
                  <li key={id}>{textOf.get(id) ?? id}</li>
                ))}
              </ol>
            </div>
          )}
        </div>
      ) : (
        <ul className="review__options" role="list">
          {question.options.map((option) => {
            const chosen = question.selected.includes(option.id);
            // Without the key, a chosen option of a right answer is right; nothing else is marked.
            const right = key ? key.includes(option.id) : chosen && question.correct;
            return (
              <li
                key={option.id}
                className={[
                  'review__option',
                  chosen && 'review__option--chosen',
                  right && 'review__option--right',
                ]
                  .filter(Boolean)
                  .join(' ')}
              >
                <span lang={contentLang}>{option.text}</span>
                {(chosen || right) && (
                  <span className="review__marks">
                    {chosen && (
                      <span className={right ? 'mark mark--right' : key ? 'mark mark--wrong' : 'mark'}>
                        <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                        {t('quiz.yourChoice')}
                      </span>
                    )}
                    {right && key && (
                      <span className="mark mark--right">
                        <span aria-hidden="true">✓ </span>
                        {t('quiz.rightAnswer')}
                      </span>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {question.explanation !== null ? (
        <p className="review__explanation">
          <strong>{t('quiz.explanation')}</strong> <span lang={contentLang}>{question.explanation}</span>
        </p>
      ) : (
        !question.correct && (
          <p className="review__explanation">
            {question.topic && (
              <>
                <strong>{t('quiz.reviseTopic', { topic: question.topic })}</strong>{' '}
              </>
            )}
            {t('quiz.reviseHint')}
          </p>
        )
      )}
    </li>
  );
}
