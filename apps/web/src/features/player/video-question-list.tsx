import type { VideoQuestionsProgressView, VideoQuestionView } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { clockTime } from './video-pins';

interface VideoQuestionListProps {
  questions: VideoQuestionView[];
  /** Questions answered offline on this device, waiting to be graded at sync. */
  queued: ReadonlySet<string>;
  progress: VideoQuestionsProgressView;
  /** Whether the learner got to a question's time (then it can be answered from the list). */
  reached: (question: VideoQuestionView) => boolean;
  /** The question open in the dialog, if any (its button is then not offered twice). */
  openId: string | undefined;
  onAnswer: (question: VideoQuestionView) => void;
  lang: string;
}

/**
 * "Câu hỏi trong video": every pinned question with its time, marked answered (right or not), still ahead, or
 * ready to answer once reached; the count the lesson needs ("2/3 câu hỏi đã trả lời").
 */
export function VideoQuestionList({
  questions,
  queued,
  progress,
  reached,
  openId,
  onAnswer,
  lang,
}: VideoQuestionListProps) {
  const { t } = useTranslation();
  return (
    <section className="panel stack-sm" aria-labelledby="video-questions-heading">
      <h2 id="video-questions-heading">{t('videoQuestions.listHeading')}</h2>
      <p className="hint">
        {t('videoQuestions.listHint', { required: progress.required, total: progress.total })}
      </p>
      <p className="progress-label" role="status">
        {t('videoQuestions.progress', { answered: progress.answered, total: progress.total })}
      </p>
      <ol className="video-question-list">
        {questions.map((q) => {
          const time = clockTime(q.at);
          return (
            <li key={q.id} className="video-question-list__item" data-answered={q.answer ? 'true' : 'false'}>
              <span className="video-question-list__time">{t('videoQuestions.at', { time })}</span>
              <span lang={lang}>{q.prompt}</span>
              {q.answer ? (
                <span
                  className={q.answer.correct ? 'status status--completed' : 'status status--in_progress'}
                >
                  <span aria-hidden="true">{q.answer.correct ? '✓ ' : '✗ '}</span>
                  {q.answer.correct ? t('videoQuestions.answeredRight') : t('videoQuestions.answeredWrong')}
                </span>
              ) : queued.has(q.id) ? (
                <span className="status status--in_progress">{t('videoQuestions.answeredQueued')}</span>
              ) : reached(q) ? (
                openId !== q.id && (
                  <button type="button" className="button button--secondary" onClick={() => onAnswer(q)}>
                    {t('videoQuestions.answerNow', { time })}
                  </button>
                )
              ) : (
                <span className="hint">{t('videoQuestions.notReached', { time })}</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
